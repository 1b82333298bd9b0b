import { describe, expect, it } from 'vitest';
import { sharedParsers } from '../../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';
import { changeFromStableLine, changeOverIndentedStatements, linesAfter, linesUpTo, pointAfterInsert, topLevelStatementsFrom, treeEditForChange, type TextChange } from '../../../../src/core/editor/treeEdit';

function pointAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const row = before.split('\n').length - 1;
  return { row, column: offset - (before.lastIndexOf('\n') + 1) };
}

function change(text: string, start: number, end: number, inserted: string): TextChange {
  return { rangeOffset: start, rangeLength: end - start, start: pointAt(text, start), end: pointAt(text, end), text: inserted };
}

describe('pointAfterInsert', () => {
  it('moves along the line for single-line text', () => {
    expect(pointAfterInsert({ row: 3, column: 4 }, 'abc')).toEqual({ row: 3, column: 7 });
  });
  it('counts line breaks and restarts the column after the last one', () => {
    expect(pointAfterInsert({ row: 3, column: 4 }, 'a\nbc\ndef')).toEqual({ row: 5, column: 3 });
    expect(pointAfterInsert({ row: 0, column: 9 }, '\n')).toEqual({ row: 1, column: 0 });
  });
});

describe('treeEditForChange drives a correct incremental re-parse', () => {
  const cases: Array<[string, string, number, number, string]> = [
    ['python', 'import redis\nr = redis.Redis()\nr.keys("a:*")\n', 30, 34, 'scan_iter'],
    ['python', 'é😀 = 1\nr = redis.Redis()\nx = r.get("k")\n', 2, 2, '\nprint(1)\n'],
    ['typescript', 'const r = new Redis();\nawait r.keys("a:*");\n', 23, 44, ''],
    ['javascript', 'const c = createClient();\n\nawait c.keys("*");\n', 26, 26, 'c.on("error", console.error);'],
  ];
  it.each(cases)('%s edit matches a fresh parse', async (language, before, start, end, inserted) => {
    const parsers = await sharedParsers(diskGrammarSource);
    const lang = language as 'python' | 'typescript' | 'javascript';
    const old = parsers.parse(lang, before);
    const after = before.slice(0, start) + inserted + before.slice(end);
    old.edit(treeEditForChange(change(before, start, end, inserted)));
    const incremental = parsers.parse(lang, after, old);
    const fresh = parsers.parse(lang, after);
    expect(incremental.rootNode.toString()).toEqual(fresh.rootNode.toString());
    expect(incremental.rootNode.endIndex).toBe(after.length);
    const lastNamed = (tree: typeof fresh) => tree.rootNode.namedChild(tree.rootNode.namedChildCount - 1)!;
    expect(lastNamed(incremental).startPosition).toEqual(lastNamed(fresh).startPosition);
    for (const tree of [old, incremental, fresh]) tree.delete();
  });
});

describe('changeFromStableLine (a Python edit described so that the re-parse reuses the rest of the file)', () => {
  const functions = (count: number) =>
    Array.from({ length: count }, (_, n) => `def handler_${n}(key):\n    """Handler ${n}."""\n    value = r.get(key)\n    if not value:\n        r.set(key, 1)\n        r.expire(key, 60)\n    total = ${n}\n    return value\n\n\n`).join('');
  const moduleOf = (count: number) => `import redis\n\nr = redis.Redis()\n\n\n${functions(count)}`;
  const module = moduleOf(12);
  const shapes: Array<[string, string]> = [
    ['functions', moduleOf(4)],
    ['methods, decorators and a main block', `import redis\n\nr = redis.Redis()\n\n\nclass Store:\n    ttl = 60\n    prefix = "s"\n\n    @property\n    def client(self):\n        return r\n\n    def load(self, key):\n        value = r.get(key)\n        found = value is not None\n        return value\n\n\n@app.route("/x")\n@cached\ndef view(key):\n    data = r.hgetall(key)\n    size = len(data)\n    return data\n\n\nif __name__ == "__main__":\n    store = Store()\n    store.load("a")\n    print("done")\n`],
    ['multi-line strings and brackets', `import redis\n\nr = redis.Redis()\nQUERY = """\nselect *\n    from t\nwhere x\n"""\nKEYS = [\n    "a",\n    "b",\n]\n\n\ndef run(key):\n    text = """\n  indented\n    deeper\n"""\n    items = [\n        1,\n        2,\n    ]\n    return r.get(key)\n\n\ndef other():\n    value = 1\n    second = 2\n    return value\n`],
  ];
  const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1).filter((o) => o < text.length)];
  const inserts = (text: string, offset: number) => {
    const indentation = /^[ \t]*/.exec(text.slice(offset))![0];
    return [`${indentation}x_1 = 1\n`, 'x_1 = 1\n', `${indentation}def f():\n`, '"""\n', `${indentation}value = (\n`, '\n', `${indentation}@deco\n`];
  };

  // About 1,500 typed changes over the three shapes, three parses each: minutes on a saturated machine, hence the
  // explicit timeout; the 12-function module of the reuse tests below would triple it.
  it.each(shapes)('%s: every line typed, from an earlier line, parses to the tree a fresh parse gives', async (_name, text) => {
    const parsers = await sharedParsers(diskGrammarSource);
    const mismatches: string[] = [];
    for (const offset of lineStarts(text)) {
      for (const inserted of inserts(text, offset)) {
        for (const length of [0, text.indexOf('\n', offset) + 1 - offset]) {
          if (offset + length > text.length) continue;
          const old = parsers.parse('python', text);
          const plain = change(text, offset, offset + length, inserted);
          const described = changeFromStableLine(plain, linesUpTo(text, offset, plain.start.row));
          // The described change replaces the same text with the same text: it starts on a line start above.
          expect(text.slice(0, described.rangeOffset) + described.text + text.slice(described.rangeOffset + described.rangeLength)).toBe(text.slice(0, offset) + inserted + text.slice(offset + length));
          expect(described.start).toEqual(pointAt(text, described.rangeOffset));
          const after = text.slice(0, offset) + inserted + text.slice(offset + length);
          old.edit(treeEditForChange(described));
          const incremental = parsers.parse('python', after, old);
          const fresh = parsers.parse('python', after);
          if (incremental.rootNode.toString() !== fresh.rootNode.toString()) mismatches.push(`${JSON.stringify(inserted)} at ${offset} over ${length}`);
          for (const tree of [old, incremental, fresh]) tree.delete();
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('reads a CRLF document line by line as an editor does and keeps its line breaks', () => {
    const text = 'def a():\r\n    x = 1\r\n    y = 2\r\n    z = 3\r\n\r\n\r\ndef b():\r\n    pass\r\n';
    const offset = text.indexOf('def b');
    const lines = text.split('\r\n');
    const described = changeFromStableLine(change(text, offset, offset, 'w = 1\r\n'), (row) => lines[row], '\r\n');
    expect(described.rangeOffset).toBe(text.indexOf('    y = 2'));
    expect(text.slice(0, described.rangeOffset) + described.text + text.slice(described.rangeOffset + described.rangeLength)).toBe(text.slice(0, offset) + 'w = 1\r\n' + text.slice(offset));
  });

  it('leaves a change alone when no earlier line keeps the indentation of the statements after it', () => {
    const text = 'import redis\ndef f():\n    pass\n';
    const plain = change(text, text.indexOf('def'), text.indexOf('def'), 'x = 1\n');
    expect(changeFromStableLine(plain, linesUpTo(text, plain.rangeOffset, plain.start.row))).toBe(plain);
  });

  // tree-sitter-python 0.25 refuses every old node after a change that starts at a block boundary (a line typed
  // between two functions, after a block's last line or before its first one): the re-parse is then as long as a
  // whole parse. Described from a line inside a run of equally indented statements, the later functions are reused.
  it.each([
    ['between two functions', (text: string) => text.indexOf('\ndef handler_3') - 1, ''],
    ['as the first line of a body', (text: string) => text.indexOf('    """Handler 3'), '    '],
    ['after the last line of a body', (text: string) => text.indexOf('\n', text.indexOf('return value', text.indexOf('def handler_3'))) + 1, '    '],
    ['inside a nested block', (text: string) => text.indexOf('        r.set', text.indexOf('def handler_3')), '        '],
  ])('reuses the functions after a line typed %s', async (_where, at, indentation) => {
    const parsers = await sharedParsers(diskGrammarSource);
    const offset = at(module);
    const inserted = `${indentation}x_1 = 1\n`;
    const after = module.slice(0, offset) + inserted + module.slice(offset);
    // Node ids name tree-sitter's subtrees: a node of the new tree with the id of an old one was reused, not re-lexed.
    const idsFrom = (tree: ReturnType<typeof parsers.parse>, from: number) => {
      const ids = new Set<number>();
      const cursor = tree.walk();
      const visit = () => {
        do {
          if (cursor.startIndex >= from) ids.add(cursor.currentNode.id);
          if (cursor.gotoFirstChild()) {
            visit();
            cursor.gotoParent();
          }
        } while (cursor.gotoNextSibling());
      };
      visit();
      return ids;
    };
    const old = parsers.parse('python', module);
    // From the next function on (the edited one is parsed again).
    const nextFunction = module.indexOf('\ndef ', offset + 1) + 1;
    const before = idsFrom(old, nextFunction);
    const plain = change(module, offset, offset, inserted);
    old.edit(treeEditForChange(changeFromStableLine(plain, linesUpTo(module, offset, plain.start.row))));
    const next = parsers.parse('python', after, old);
    const later = idsFrom(next, nextFunction + inserted.length);
    const reused = [...later].filter((id) => before.has(id)).length;
    expect(reused / later.size).toBeGreaterThan(0.8);
    expect(next.rootNode.toString()).toBe(parsers.parse('python', after).rootNode.toString());
    old.delete();
    next.delete();
  });

  // A line typed at column 0 inside a function ends it: the rest of its body parses as module-level statements at
  // their indentation. Deleting or indenting that line joins the function again; told of that change alone,
  // tree-sitter-python 0.25 reuses no old node after it. Described over those statements, it reuses the functions after.
  const describe2 = (tree: ReturnType<Awaited<ReturnType<typeof sharedParsers>>['parse']>, text: string, plain: TextChange) => {
    const oldEnd = plain.rangeOffset + plain.rangeLength;
    return changeOverIndentedStatements(changeFromStableLine(plain, linesUpTo(text, plain.rangeOffset, plain.start.row)), topLevelStatementsFrom(tree, oldEnd), linesAfter(text, oldEnd, plain.end.row));
  };
  it.each(shapes.slice(0, 2))('%s: a line typed at column 0 anywhere, then deleted, indented or typed on, parses to the tree a fresh parse gives', async (_name, text) => {
    const parsers = await sharedParsers(diskGrammarSource);
    const mismatches: string[] = [];
    let extended = 0;
    for (const offset of lineStarts(text)) {
      const broken = text.slice(0, offset) + 'x_1 = 1\n' + text.slice(offset);
      const indentation = /^[ \t]*/.exec(text.slice(offset))![0];
      for (const [start, end, inserted] of [[offset, offset + 8, ''], [offset, offset, indentation || '    '], [offset, offset, 'y'], [offset + 8, offset + 8, 'z = 2\n']] as const) {
        const old = parsers.parse('python', broken);
        const plain = change(broken, start, end, inserted);
        const described = describe2(old, broken, plain);
        if (described.rangeLength > plain.rangeLength + (plain.rangeOffset - described.rangeOffset)) extended++;
        const after = broken.slice(0, start) + inserted + broken.slice(end);
        expect(broken.slice(0, described.rangeOffset) + described.text + broken.slice(described.rangeOffset + described.rangeLength)).toBe(after);
        expect(described.end).toEqual(pointAt(broken, described.rangeOffset + described.rangeLength));
        old.edit(treeEditForChange(described));
        const incremental = parsers.parse('python', after, old);
        const fresh = parsers.parse('python', after);
        if (incremental.rootNode.toString() !== fresh.rootNode.toString()) mismatches.push(`${JSON.stringify(inserted)} at ${start}-${end} after a break at ${offset}`);
        for (const tree of [old, incremental, fresh]) tree.delete();
      }
    }
    expect(mismatches).toEqual([]);
    expect(extended).toBeGreaterThan(0);
  }, 600_000);

  it('in a module with a function broken by a line at column 0, every line typed elsewhere parses to the tree a fresh parse gives', async () => {
    const parsers = await sharedParsers(diskGrammarSource);
    const intact = moduleOf(3);
    const at = intact.indexOf('    if not value', intact.indexOf('def handler_1'));
    const text = intact.slice(0, at) + 'x_1 = 1\n' + intact.slice(at);
    const mismatches: string[] = [];
    for (const offset of lineStarts(text)) {
      for (const inserted of inserts(text, offset)) {
        for (const length of [0, text.indexOf('\n', offset) + 1 - offset]) {
          if (offset + length > text.length) continue;
          const old = parsers.parse('python', text);
          const described = describe2(old, text, change(text, offset, offset + length, inserted));
          const after = text.slice(0, offset) + inserted + text.slice(offset + length);
          expect(text.slice(0, described.rangeOffset) + described.text + text.slice(described.rangeOffset + described.rangeLength)).toBe(after);
          old.edit(treeEditForChange(described));
          const incremental = parsers.parse('python', after, old);
          const fresh = parsers.parse('python', after);
          if (incremental.rootNode.toString() !== fresh.rootNode.toString()) mismatches.push(`${JSON.stringify(inserted)} at ${offset} over ${length}`);
          for (const tree of [old, incremental, fresh]) tree.delete();
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it.each([
    ['deleted', ''],
    ['indented', '    '],
  ])('reuses the functions after a line at column 0 inside a function %s again', async (_how, indentation) => {
    const parsers = await sharedParsers(diskGrammarSource);
    const at = module.indexOf('    if not value', module.indexOf('def handler_3'));
    const broken = module.slice(0, at) + 'x_1 = 1\n' + module.slice(at);
    const plain = indentation ? change(broken, at, at, indentation) : change(broken, at, at + 8, '');
    const after = broken.slice(0, at) + (indentation ? `${indentation}x_1 = 1\n` : '') + broken.slice(at + 8);
    const ids = (tree: ReturnType<typeof parsers.parse>, from: number) => {
      const found = new Set<number>();
      const cursor = tree.walk();
      const visit = () => {
        do {
          if (cursor.startIndex >= from) found.add(cursor.currentNode.id);
          if (cursor.gotoFirstChild()) {
            visit();
            cursor.gotoParent();
          }
        } while (cursor.gotoNextSibling());
      };
      visit();
      return found;
    };
    const nextFunction = broken.indexOf('\ndef handler_4') + 1;
    const reusedWith = (described: TextChange) => {
      const old = parsers.parse('python', broken);
      const before = ids(old, nextFunction);
      old.edit(treeEditForChange(described));
      const next = parsers.parse('python', after, old);
      const later = ids(next, nextFunction + after.length - broken.length);
      expect(next.rootNode.toString()).toBe(parsers.parse('python', after).rootNode.toString());
      old.delete();
      next.delete();
      return [...later].filter((id) => before.has(id)).length / later.size;
    };
    const old = parsers.parse('python', broken);
    const described = describe2(old, broken, plain);
    old.delete();
    // Described from an earlier line alone, the change re-lexes every later function; over the statements, none.
    expect(reusedWith(changeFromStableLine(plain, linesUpTo(broken, plain.rangeOffset, plain.start.row)))).toBeLessThan(0.1);
    expect(reusedWith(described)).toBeGreaterThan(0.8);
    expect(described.end).toEqual(pointAt(broken, nextFunction));
  });

  it('leaves a change alone when the statements after it start at column 0', async () => {
    const parsers = await sharedParsers(diskGrammarSource);
    const tree = parsers.parse('python', module);
    for (const offset of [module.indexOf('    if not value'), module.indexOf('\ndef handler_2'), module.indexOf('def handler_5'), module.length]) {
      const plain = change(module, offset, offset, 'x_1 = 1\n');
      expect(changeOverIndentedStatements(plain, topLevelStatementsFrom(tree, offset), linesAfter(module, offset, plain.end.row))).toBe(plain);
    }
    tree.delete();
  });
});
