/** eval-dynamic-script: a script joined from runtime items differs per call; a join of fixed lines does not. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function dynamicLines(text: string, path: string): number[] {
  return findingLines.inFile('eval-dynamic-script', { path, text });
}

describe('eval-dynamic-script of scripts joined from items', () => {
  it('reports TypeScript scripts joined from .map() over an argument or from a list the function fills', () => {
    const text = [
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      "redis.on('error', console.error);",
      '',
      'export function dropFields(key: string, fields: string[]) {',
      "  const script = fields.map((f) => `redis.call('HDEL', KEYS[1], '${f}')`).join('\\n');",
      '  return redis.eval(script, 1, key);',
      '}',
      '',
      'export function dropMembers(key: string, members: string[]) {',
      '  const lines: string[] = [];',
      "  for (const m of members) lines.push(`redis.call('SREM', KEYS[1], '${m}')`);",
      "  return redis.eval(lines.join('\\n'), 1, key);",
      '}',
      '',
    ].join('\n');
    expect(dynamicLines(text, 'src/fields.ts')).toEqual([7, 13]);
  });

  it('reports a Python script joined by a generator over the call arguments, inline or through a local', () => {
    const text = [
      'import redis',
      '',
      'r = redis.Redis()',
      '',
      '',
      'def drop(key, ids):',
      '    lua = "\\n".join(f"redis.call(\'SREM\', KEYS[1], \'{i}\')" for i in ids)',
      '    return r.eval(lua, 1, key)',
      '',
      '',
      'def drop_inline(key, ids):',
      '    return r.eval("\\n".join(f"redis.call(\'SREM\', KEYS[1], \'{i}\')" for i in ids), 1, key)',
      '',
    ].join('\n');
    expect(dynamicLines(text, 'app/drop.py')).toEqual([8, 12]);
  });

  it('leaves joins of fixed lines alone: literal lists, constants, and a local list that is never filled', () => {
    const python = [
      'import redis',
      '',
      'r = redis.Redis()',
      'PARTS = ["local n = redis.call(\'INCR\', KEYS[1])", "return n"]',
      '',
      '',
      'def bump(key):',
      '    lua = "\\n".join(["local n = redis.call(\'INCR\', KEYS[1])", "return n"])',
      '    return r.eval(lua, 1, key), r.eval("\\n".join(PARTS), 1, key)',
      '',
    ].join('\n');
    expect(dynamicLines(python, 'app/bump.py')).toEqual([]);
    const script = [
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      "redis.on('error', console.error);",
      "const BUMP_LINES = ['local n = redis.call(\"INCR\", KEYS[1])', 'return n'];",
      '',
      'export function bump(key: string) {',
      "  const lines = ['local n = redis.call(\"INCR\", KEYS[1])', 'return n'];",
      "  return [redis.eval(lines.join('\\n'), 1, key), redis.eval(BUMP_LINES.join('\\n'), 1, key)];",
      '}',
      '',
    ].join('\n');
    expect(dynamicLines(script, 'src/bump.ts')).toEqual([]);
  });
});
