/**
 * Re-analysis after an edit reuses the untouched top-level statements of the previous review. The reference
 * is always a whole-file review of the same text: the two must agree exactly, after any kind of edit.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { reuseNote } from '../../../../src/core/analysis/analysisState';
import { diffTexts, Rebaser } from '../../../../src/core/analysis/incremental';
import { changeFromStableLine, changeOverIndentedStatements, linesAfter, linesUpTo, topLevelStatementsFrom, treeEditForChange } from '../../../../src/core/editor/treeEdit';
import { languageForPath, type SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { WorkspaceIndex } from '../../../../src/core/analysis/workspaceIndex';
import { buildWorkspaceIndex, reviewTree, type ReviewOptions, type ReviewResult } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What a review reports, without the reuse bookkeeping. */
function observable(result: ReviewResult): string {
  return JSON.stringify({ findings: result.findings, callSites: result.callSites, writeSites: result.writeSites, suppressions: result.suppressions, truncated: result.truncated });
}

function position(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** A document as the editor holds it: text, an incrementally edited tree, and its last review. */
class EditedDocument {
  tree: Tree;
  review: ReviewResult;

  constructor(
    public text: string,
    private readonly options: ReviewOptions,
  ) {
    this.tree = parsers.parse(options.language, text);
    this.review = reviewTree(this.tree, text, { ...options, keepForReuse: true });
  }

  /** Replaces `length` characters at `offset`; returns the reused review and a whole-file review of the same tree. */
  edit(offset: number, length: number, insert: string): { incremental: ReviewResult; whole: ReviewResult; previous: ReviewResult } {
    const start = position(this.text, offset);
    const end = position(this.text, offset + length);
    // As the editor's DocumentTrees describes it: a Python change from an earlier line, and over the module-level
    // statements at an indentation after it.
    const change = { rangeOffset: offset, rangeLength: length, start, end, text: insert };
    const python = () => changeOverIndentedStatements(changeFromStableLine(change, linesUpTo(this.text, offset, start.row)), topLevelStatementsFrom(this.tree, offset + length), linesAfter(this.text, offset + length, end.row));
    this.tree.edit(treeEditForChange(this.options.language === 'python' ? python() : change));
    this.text = this.text.slice(0, offset) + insert + this.text.slice(offset + length);
    const next = parsers.parse(this.options.language, this.text, this.tree);
    this.tree.delete();
    this.tree = next;
    const previous = this.review;
    const incremental = reviewTree(this.tree, this.text, { ...this.options, previous });
    // The same tree reviewed whole (after syntax errors an incremental parse may recover differently from a fresh one).
    const whole = reviewTree(this.tree, this.text, this.options);
    this.review = incremental;
    return { incremental, whole, previous };
  }

  dispose(): void {
    this.tree.delete();
  }
}

/** Keystroke-like edits: characters typed or deleted anywhere, lines added, removed, duplicated, names changed. */
function randomEdit(text: string, language: SourceLanguage, next: () => number): { offset: number; length: number; insert: string } {
  const at = Math.floor(next() * text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  const kind = next();
  if (kind < 0.35) return { offset: at, length: 0, insert: 'a_"\'x:(){}'.charAt(Math.floor(next() * 10)) };
  if (kind < 0.55) return { offset: at, length: Math.min(1 + Math.floor(next() * 3), text.length - at), insert: '' };
  if (kind < 0.7) return { offset: lineStart, length: 0, insert: language === 'python' ? 'x = 1\n' : 'let y = 2;\n' };
  if (kind < 0.8) return { offset: lineStart, length: lineEnd - lineStart, insert: '' };
  if (kind < 0.9) return { offset: lineStart, length: 0, insert: text.slice(lineStart, lineEnd) };
  const name = /[A-Za-z_]\w*/g;
  name.lastIndex = at;
  const match = name.exec(text);
  return match ? { offset: match.index + match[0].length, length: 0, insert: 'Z' } : { offset: at, length: 0, insert: ' ' };
}

describe('re-analysis after an edit', () => {
  it('agrees exactly with a whole-file review after random edits to every Redis fixture', () => {
    const sources = files(FIXTURES).filter((path) => languageForPath(path) && /redis/i.test(readFileSync(path, 'utf8')));
    expect(sources.length).toBeGreaterThan(40);
    const next = random(20261125);
    let edits = 0;
    let reused = 0;
    const mismatches: string[] = [];
    for (const path of sources) {
      const language = languageForPath(path)!;
      const document = new EditedDocument(readFileSync(path, 'utf8'), { path: path.slice(FIXTURES.length + 1), language });
      for (let round = 0; round < 12; round++) {
        const { offset, length, insert } = randomEdit(document.text, language, next);
        const { incremental, whole } = document.edit(offset, length, insert);
        edits++;
        if ((incremental.incremental?.reusedChunks ?? 0) > 0) reused++;
        if (observable(incremental) !== observable(whole)) mismatches.push(`${path} round ${round}: ${JSON.stringify({ offset, length, insert })}`);
      }
      document.dispose();
    }
    expect(mismatches).toEqual([]);
    // Random edits often change imports, clients or the statement structure (a whole review then); the rest reuse.
    expect(reused / edits).toBeGreaterThan(0.3);
    // Every fixture is edited a dozen times: the run grows with the fixture set, and CI machines are shared.
    // Measured 4.7 s idle and 38 s with both cores saturated by another process: the timeout only detects hangs.
  }, 300_000);

  it('reuses every other statement while a key is typed inside a function, in Python and TypeScript', () => {
    const python = [
      'import redis',
      '',
      'r = redis.Redis(host="localhost", socket_timeout=5)',
      '',
      '',
      'class Store:',
      '    def __init__(self, client: redis.Redis):',
      '        self.redis = client',
      '',
      '    def get(self, uid):',
      '        return self.redis.get(f"item:{uid}")',
      '',
      '',
      'def legacy():',
      '    return r.keys("legacy:*")',
      '',
      '',
      'def tags(uid):',
      '    return r.smembers(f"tags:{uid}")',
      '',
    ].join('\n');
    const script = [
      "import Redis from 'ioredis';",
      'const redis = new Redis(process.env.REDIS_URL);',
      "redis.on('error', (err) => console.error(err));",
      'export async function legacy() {',
      "  return redis.keys('legacy:*');",
      '}',
      'export class Store {',
      '  constructor(private readonly client: Redis) {}',
      '  get(id: string) {',
      "    return this.client.get('item:' + id);",
      '  }',
      '}',
      'export async function tags(id: string) {',
      "  return redis.smembers('tags:' + id);",
      '}',
      '',
    ].join('\n');
    for (const [language, text, path, anchor] of [
      ['python', python, 'app/store.py', 'f"item:'],
      ['typescript', script, 'src/store.ts', "'item:"],
    ] as const) {
      const document = new EditedDocument(text, { path, language });
      const statements = document.review.incremental!.chunks.length;
      let at = document.text.indexOf(anchor) + anchor.length - 1;
      for (const character of 'user') {
        const { incremental, whole } = document.edit(at, 0, character);
        at++;
        expect(observable(incremental)).toBe(observable(whole));
        expect(incremental.incremental!.reusedChunks, `${language} after typing ${character}`).toBe(statements - 1);
        expect(reuseNote(incremental.incremental)).toBe(`${statements - 1} of ${statements} top-level statements reused`);
      }
      expect(document.review.findings.map((f) => f.ruleId)).toContain('keys-command');
      document.dispose();
    }
  });

  it('agrees with a whole-file review when a workspace index supplies clients from other files', () => {
    const root = join(FIXTURES, 'workspace');
    const sources = files(root).filter((path) => languageForPath(path));
    const workspace = buildWorkspaceIndex(
      parsers,
      sources.map((path) => ({ path: path.slice(root.length + 1), text: readFileSync(path, 'utf8') })),
    );
    const next = random(7);
    for (const path of sources) {
      const language = languageForPath(path)!;
      const document = new EditedDocument(readFileSync(path, 'utf8'), { path: path.slice(root.length + 1), language, workspace });
      for (let round = 0; round < 10; round++) {
        const { offset, length, insert } = randomEdit(document.text, language, next);
        const { incremental, whole } = document.edit(offset, length, insert);
        expect(observable(incremental), `${path} round ${round}`).toBe(observable(whole));
      }
      document.dispose();
    }
  });

  it('re-analyses every statement when the edited one changes what a module-level client is', () => {
    const text = ['import redis', '', 'r = redis.Redis()', '', '', 'def names():', '    return r.keys("user:*")', ''].join('\n');
    const document = new EditedDocument(text, { path: 'app/cache.py', language: 'python' });
    expect(document.review.findings.map((f) => f.ruleId)).toContain('keys-command');
    const at = document.text.indexOf('redis.Redis()');
    const { incremental, whole } = document.edit(at, 'redis.Redis()'.length, '{}');
    expect(incremental.findings.map((f) => f.ruleId)).not.toContain('keys-command');
    expect(observable(incremental)).toBe(observable(whole));
    document.dispose();
  });

  it('keeps every statement that does not read a new module-level name, and re-analyses those that do', () => {
    const text = [
      'import redis',
      '',
      'r = redis.Redis()',
      '',
      '',
      'def names():',
      '    return r.keys("user:*")',
      '',
      '',
      'def total(values):',
      '    return sum(values)',
      '',
    ].join('\n');
    const document = new EditedDocument(text, { path: 'app/cache.py', language: 'python' });
    const statements = document.review.incremental!.chunks.length;
    // A new statement that binds an unrelated name: everything else is kept.
    const unrelated = document.edit(document.text.indexOf('def total'), 0, 'LIMIT = 10\n\n\n');
    expect(observable(unrelated.incremental)).toBe(observable(unrelated.whole));
    expect(unrelated.incremental.incremental!.reusedChunks).toBe(statements);
    // Rebinding `r` to a dict: names() read `r`, so it is analysed again and its KEYS finding goes; total() is kept.
    const rebound = document.edit(document.text.indexOf('LIMIT'), 0, 'r = {}\n');
    expect(observable(rebound.incremental)).toBe(observable(rebound.whole));
    expect(rebound.incremental.findings.map((f) => f.ruleId)).not.toContain('keys-command');
    const kept = rebound.incremental.incremental!.reusedChunks;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(rebound.incremental.incremental!.chunks.length - 1);
    document.dispose();
  });

  it('agrees with a whole-file review when lines typed at column 0 split functions and are deleted again', () => {
    // Each column-0 line ends its function: the statements after it become module-level code, binding names
    // (client, data...) that the module-level remainders of other split functions read.
    const handlers = [0, 1, 2, 3, 4, 5].map((n) =>
      [
        `def handler_${n}(uid):`,
        n % 3 === 0 ? '    client = redis.Redis(host="other")' : '    client = r',
        `    data = client.get(f"item:${n}:{uid}")`,
        n % 2 === 0 ? `    stale = client.keys("tmp:${n}:*")` : `    stale = client.get(f"counter:${n}")`,
        '    if not data:',
        `        client.set(f"view:${n}:{uid}", "1")`,
        '    return {"data": data, "stale": stale}',
        '',
        '',
      ].join('\n'),
    );
    const store = ['class Store:', '    def __init__(self):', '        self.client = r', '', '    def load(self, uid):', '        return self.client.hgetall(f"store:{uid}")', '', ''].join('\n');
    const text = ['import redis', '', 'r = redis.Redis()', '', '', handlers.slice(0, 3).join(''), store, handlers.slice(3).join('')].join('\n');
    const document = new EditedDocument(text, { path: 'app/handlers.py', language: 'python' });
    const next = random(14);
    const typed: string[] = [];
    const mismatches: string[] = [];
    let reused = 0;
    for (let round = 0; round < 40; round++) {
      let offset: number;
      let length = 0;
      let insert = '';
      if (typed.length && (next() < 0.4 || round >= 30)) {
        // Delete a line typed earlier: the function it split is one again.
        const line = `${typed.splice(Math.floor(next() * typed.length), 1)[0]}\n`;
        offset = document.text.indexOf(line);
        length = line.length;
      } else {
        const lines = document.text.split('\n');
        const body = lines.flatMap((line, index) => (/^ {4}\S/.test(line) ? [index] : []));
        const row = body[Math.floor(next() * body.length)];
        offset = lines.slice(0, row).join('\n').length + 1;
        const name = next() < 0.3 ? 'client' : `x_${round}`;
        insert = `${name} = ${next() < 0.5 ? 'r' : '1'}  # ${round}\n`;
        typed.push(insert.slice(0, -1));
      }
      const { incremental, whole } = document.edit(offset, length, insert);
      if ((incremental.incremental?.reusedChunks ?? 0) > 0) reused++;
      if (observable(incremental) !== observable(whole)) mismatches.push(`round ${round}: ${JSON.stringify({ offset, length, insert })}`);
    }
    expect(mismatches).toEqual([]);
    expect(document.text).toBe(text);
    expect(reused).toBeGreaterThan(20);
    document.dispose();
  });

  it('keeps a duplicated client that another statement still uses when one use is deleted', () => {
    const text = [
      "import Redis from 'ioredis';",
      'const redis = new Redis(process.env.REDIS_URL);',
      "redis.on('error', () => {});",
      'const sub = redis.duplicate();',
      'export async function first() {',
      "  await sub.subscribe('a');",
      '}',
      'export async function second() {',
      "  await sub.subscribe('b');",
      '}',
      '',
    ].join('\n');
    const document = new EditedDocument(text, { path: 'src/events.ts', language: 'typescript' });
    const before = document.review.findings.filter((f) => f.ruleId === 'missing-error-listener').length;
    expect(before).toBe(1);
    const line = "  await sub.subscribe('a');\n";
    const { incremental, whole } = document.edit(document.text.indexOf(line), line.length, '');
    expect(incremental.findings.filter((f) => f.ruleId === 'missing-error-listener')).toHaveLength(1);
    expect(observable(incremental)).toBe(observable(whole));
    document.dispose();
  });

  it('does not reuse a review of another file, or one made before the workspace index changed', () => {
    const text = ['import redis', 'r = redis.Redis()', '', 'def a():', '    return r.get("k")', ''].join('\n');
    const workspace = new WorkspaceIndex();
    const document = new EditedDocument(text, { path: 'app/a.py', language: 'python', workspace });
    const tree = parsers.parse('python', text);
    const elsewhere = reviewTree(tree, text, { path: 'app/b.py', language: 'python', workspace, previous: document.review });
    expect(elsewhere.incremental!.reusedChunks).toBe(0);
    const same = reviewTree(tree, text, { path: 'app/a.py', language: 'python', workspace, previous: document.review });
    expect(same.incremental!.reusedChunks).toBe(same.incremental!.chunks.length);
    // Unchanged text: the earlier results are handed over as they are.
    expect(same.callSites.every((site) => document.review.callSites.includes(site))).toBe(true);
    workspace.update({ path: 'app/other.py', exports: [], errorListeners: [], keyCommands: [] });
    const afterIndexChange = reviewTree(tree, text, { path: 'app/a.py', language: 'python', workspace, previous: same });
    expect(afterIndexChange.incremental!.reusedChunks).toBe(0);
    tree.delete();
    document.dispose();
  });
});

describe('moving earlier results by an edit', () => {
  it('finds the single changed region of two texts with its line and column shifts', () => {
    expect(diffTexts('abc\ndef\n', 'abc\ndef\n')).toBeUndefined();
    const edit = diffTexts('one\ntwo three\nfour', 'one\ntwo X\nY three\nfour')!;
    expect(edit).toMatchObject({ start: 8, oldEnd: 8, newEnd: 12, delta: 4, oldEndLine: 1, oldEndColumn: 4, lineDelta: 1 });
    // "three" moved from line 1 column 4 to line 2 column 2.
    expect(edit.columnDelta).toBe(2 - 4);
  });

  it('moves spans, offsets and offset-bearing identities after the edit and leaves earlier ones as they were', () => {
    const edit = diffTexts('a\nbb\ncc\n', 'a\nbbXX\nY\ncc\n')!;
    const rebaser = new Rebaser(edit);
    const before = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 }, startOffset: 0, endOffset: 1 };
    const after = { start: { line: 2, column: 0 }, end: { line: 2, column: 2 }, startOffset: 5, endOffset: 7 };
    const data = { span: before, later: after, identity: 'creation:5', other: 'name:redis', blockId: 5, creations: [0, 5] };
    const moved = rebaser.value(data);
    expect(moved.span).toBe(before);
    expect(moved.later).toEqual({ start: { line: 3, column: 0 }, end: { line: 3, column: 2 }, startOffset: 9, endOffset: 11 });
    expect(moved.identity).toBe('creation:9');
    expect(moved.other).toBe('name:redis');
    expect(moved.blockId).toBe(9);
    expect(moved.creations).toEqual([0, 9]);
    expect(rebaser.value({ span: before })).toEqual({ span: before });
  });
});
