/** lua-undeclared-keys is reported at the method name of the call that loads the script, not at its lua: option. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function luaLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/tree.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'lua-undeclared-keys')
    .map((f) => f.span.start.line + 1);
}

describe('where lua-undeclared-keys is reported', () => {
  it('reports a defineCommand whose lua option sits lines below the call at the call', () => {
    const text = [
      "import Redis from 'ioredis';",
      'const redis = new Redis();',
      "redis.on('error', console.error);",
      "const CHILDREN = \"return redis.call('SMEMBERS', '$' .. KEYS[1])\";",
      '',
      "redis.defineCommand('children', {",
      '  numberOfKeys: 1,',
      '',
      '  lua: CHILDREN,',
      '});',
      '',
    ].join('\n');
    expect(luaLines(text)).toEqual([6]);
  });

  it('says nothing of a script that only touches its declared keys', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nredis.defineCommand('children', {\n  numberOfKeys: 1,\n\n  lua: \"return redis.call('SMEMBERS', KEYS[1])\",\n});\n";
    expect(luaLines(text)).toEqual([]);
  });
});
