/**
 * keys-command: ioredis `redis.call('keys', ...)` written in the code is the generic command call on a client named
 * `redis`, reported once as KEYS, not a second time as KEYS inside a Lua script.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('redis.call in the code versus in a script', () => {
  it('reports the generic call of KEYS on a client named redis once', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nexport async function purge(prefix: string) {\n  return redis.call('keys', `${prefix}:*`);\n}\n";
    expect(findingLines.inFile('keys-command', { path: 'src/purge.ts', text })).toEqual([6]);
  });

  it('still reports KEYS in a script string passed to EVAL by the same client', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nconst PURGE = `\nfor _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end\n`;\n\nexport async function purge(prefix: string) {\n  return redis.eval(PURGE, 0, `${prefix}:*`);\n}\n";
    expect(findingLines.inFile('keys-command', { path: 'src/purge.ts', text })).toEqual([6]);
  });
});
