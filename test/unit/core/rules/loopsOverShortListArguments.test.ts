/**
 * command-in-loop on a loop over a parameter: when every call of the function in its file passes a literal list
 * of at most three items there, the rounds are bounded by those lists; one caller with a list of data, or a
 * longer literal, makes it a loop over items again.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(text: string, path = 'app/cache.py'): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const PYTHON_CACHE = (secondCall: string) =>
  [
    'from redis.asyncio import Redis',
    '',
    '',
    'class Cache:',
    '    @staticmethod',
    '    async def drop_all(client: Redis, keys: list[str]) -> None:',
    '        for key in keys:',
    '            if await client.exists(key):',
    '                await client.delete(key)',
    '',
    '    async def delete(self, client: Redis, key: str) -> None:',
    "        await self.drop_all(client, ['full', 'db_data'])",
    '        await client.delete(key)',
    '',
    '    async def cascade(self, client: Redis) -> None:',
    `        await self.drop_all(${secondCall})`,
    '',
  ].join('\n');

describe('command-in-loop: loops over a parameter filled with short literal lists', () => {
  it('does not report a loop whose list parameter only ever receives literal lists of up to three names', () => {
    expect(loopLines(PYTHON_CACHE("client, ['all', 'full', 'db_data']"))).toEqual([]);
    expect(loopLines(PYTHON_CACHE("client, keys=('all',)"))).toEqual([]);
  });

  it('reports it when one caller passes a list of data or a longer literal list', () => {
    expect(loopLines(PYTHON_CACHE('client, await client.keys()'))).toEqual([8]);
    expect(loopLines(PYTHON_CACHE("client, ['a', 'b', 'c', 'd', 'e']"))).toEqual([8]);
  });

  it('reports a loop over a parameter when the file never calls the function', () => {
    const text = ['import { createClient } from "redis";', 'const client = createClient();', "client.on('error', console.error);", '', 'export async function touch(ids: string[]) {', '  for (const id of ids) {', '    await client.expire(`s:${id}`, 60);', '  }', '}', ''].join('\n');
    expect(loopLines(text, 'src/touch.ts')).toEqual([7]);
  });

  it('does not report a TS helper every caller hands two literal keys', () => {
    const text = [
      'import { createClient } from "redis";',
      'const client = createClient();',
      "client.on('error', console.error);",
      '',
      'async function clear(keys: string[]) {',
      '  for (const key of keys) {',
      '    await client.del(key);',
      '  }',
      '}',
      '',
      "export const reset = () => clear(['menu', 'full']);",
      '',
    ].join('\n');
    expect(loopLines(text, 'src/clear.ts')).toEqual([]);
  });
});
