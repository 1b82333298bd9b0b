import { describe, expect, it } from 'vitest';
import { sharedParsers } from '../../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';
import { pointAfterInsert, treeEditForChange, type TextChange } from '../../../../src/core/editor/treeEdit';

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
