/** The public review API: suppressions, the suppression edit helper, contexts, write sites and incremental trees. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource, reviewTree, suppressionEdit, parseSuppressions, fileContextFor } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const PY = 'import redis\n\nr = redis.Redis()\n\n\ndef f():\n    return r.keys("user:*")\n';

function ids(text: string, path = 'app/x.py', config = DEFAULT_CONFIG) {
  const language = path.endsWith('.py') ? 'python' : 'typescript';
  return reviewSource(parsers, text, { path, language, config }).findings.map((f) => `${f.span.start.line + 1}:${f.ruleId}:${f.severity}`);
}

function apply(text: string, edit: { startOffset: number; endOffset: number; newText: string }): string {
  return text.slice(0, edit.startOffset) + edit.newText + text.slice(edit.endOffset);
}

describe('suppressions', () => {
  it('parses next-line, line and file forms with several ids and a reason', () => {
    const list = parseSuppressions('# redis-review: disable-next-line keys-command, sort-command -- admin tool\nx\ny  // redis-review-disable-line\n/* redis-review-disable-file select-db */\n');
    expect(list.map((s) => [s.kind, s.ruleIds, s.targetLine, s.reason])).toEqual([
      ['disable-next-line', ['keys-command', 'sort-command'], 1, 'admin tool'],
      ['disable-line', [], 2, undefined],
      ['disable-file', ['select-db'], -1, undefined],
    ]);
  });

  it('silences the targeted rule only, and all rules without ids', () => {
    expect(ids(PY)).toEqual(['7:keys-command:error']);
    expect(ids(PY.replace('    return r.keys', '    # redis-review: disable-next-line keys-command\n    return r.keys'))).toEqual([]);
    expect(ids(PY.replace('    return r.keys', '    # redis-review: disable-next-line sort-command\n    return r.keys'))).toEqual(['8:keys-command:error']);
    expect(ids(PY.replace('("user:*")', '("user:*")  # redis-review: disable-line'))).toEqual([]);
    expect(ids('# redis-review: disable-file keys-command\n' + PY)).toEqual([]);
  });

  it('reports unused suppressions when configured', () => {
    const text = '# redis-review: disable-next-line sort-command\n' + PY;
    expect(ids(text, 'app/x.py', { ...DEFAULT_CONFIG, reportUnusedSuppressions: true })).toContain('1:unused-suppression:info');
  });

  it('builds the edit that disables a rule for a line or the file, per language', () => {
    const line = 6;
    const edit = suppressionEdit(PY, 'python', line, 'keys-command', 'line');
    const edited = apply(PY, edit);
    expect(edited).toContain('    # redis-review: disable-next-line keys-command\n    return r.keys');
    expect(ids(edited)).toEqual([]);
    const merged = apply(edited, suppressionEdit(edited, 'python', line + 1, 'sort-command', 'line'));
    expect(merged).toContain('# redis-review: disable-next-line keys-command, sort-command\n');
    const ts = "const a = 1;\n  await redis.keys('x');\n";
    expect(apply(ts, suppressionEdit(ts, 'typescript', 1, 'keys-command', 'line'))).toBe("const a = 1;\n  // redis-review-disable-next-line keys-command\n  await redis.keys('x');\n");
    const shebang = '#!/usr/bin/env python3\nimport redis\n';
    expect(apply(shebang, suppressionEdit(shebang, 'python', 1, 'keys-command', 'file'))).toBe('#!/usr/bin/env python3\n# redis-review: disable-file keys-command\nimport redis\n');
  });
});

describe('contexts and configuration', () => {
  it('skips or lowers rules in tests and scripts', () => {
    expect(fileContextFor('tests/test_a.py')).toBe('test');
    expect(fileContextFor('src/a.spec.ts')).toBe('test');
    expect(fileContextFor('scripts/seed.py')).toBe('script');
    expect(fileContextFor('app/main.py')).toBe('app');
    expect(ids(PY, 'tests/test_x.py')).toEqual([]);
    expect(ids(PY, 'scripts/cleanup.py')).toEqual(['7:keys-command:warning']);
    expect(ids(PY, 'scripts/cleanup.py', { ...DEFAULT_CONFIG, nonAppFiles: 'same-as-app' })).toEqual(['7:keys-command:error']);
    expect(ids(PY, 'tools2/x.py', { ...DEFAULT_CONFIG, testFiles: ['tools2/**'] })).toEqual([]);
  });

  it('honours rule severities and off', () => {
    expect(ids(PY, 'app/x.py', { ...DEFAULT_CONFIG, rules: { 'keys-command': 'info' } })).toEqual(['7:keys-command:info']);
    expect(ids(PY, 'app/x.py', { ...DEFAULT_CONFIG, rules: { 'keys-command': 'off' } })).toEqual([]);
  });
});

describe('call sites and write sites', () => {
  it('exposes upper-case commands for method and generic forms, and key patterns of writes with TTL knowledge', () => {
    const text = [
      'import redis',
      'r = redis.Redis()',
      'def f(uid):',
      '    r.execute_command("HGETALL", f"user:{uid}")',
      '    r.set(f"session:{uid}", "x", ex=60)',
      '    r.hset(f"profile:{uid}", "name", "n")',
      '    r.incr("hits")',
      '    r.expire("hits", 10)',
      '',
    ].join('\n');
    const result = reviewSource(parsers, text, { path: 'app/x.py', language: 'python' });
    expect(result.callSites.map((s) => s.command)).toEqual(['HGETALL', 'SET', 'HSET', 'INCR', 'EXPIRE']);
    expect(result.callSites[0].span.start).toEqual({ line: 3, column: 6 });
    expect(result.writeSites.map((w) => [w.keyPattern, w.command, w.setsTtl])).toEqual([
      ['session:*', 'SET', true],
      ['profile:*', 'HSET', false],
      ['hits', 'INCR', true],
    ]);
  });

  it('reviews an incrementally re-parsed tree the same way as a fresh parse', () => {
    const tree = parsers.parse('python', PY);
    const edited = PY.replace('"user:*"', '"users:*"');
    const at = PY.indexOf('"user:*"') + 5;
    tree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: 6, column: 21 }, oldEndPosition: { row: 6, column: 21 }, newEndPosition: { row: 6, column: 22 } });
    const next = parsers.parse('python', edited, tree);
    const incremental = reviewTree(next, edited, { path: 'app/x.py', language: 'python' });
    const fresh = reviewSource(parsers, edited, { path: 'app/x.py', language: 'python' });
    expect(incremental.findings.map((f) => f.message)).toEqual(fresh.findings.map((f) => f.message));
    expect(incremental.findings[0].message).toContain("'users:*'");
    tree.delete();
    next.delete();
  });

  it('reports UTF-16 positions on lines with non-ASCII text', () => {
    const text = 'import redis\nr = redis.Redis()\nname = "é😀"; r.keys("k:*")\n';
    const [finding] = reviewSource(parsers, text, { path: 'app/x.py', language: 'python' }).findings;
    expect(text.slice(finding.span.startOffset, finding.span.endOffset)).toBe('keys');
    expect(finding.span.start.column).toBe(text.split('\n')[2].indexOf('keys'));
  });
});
