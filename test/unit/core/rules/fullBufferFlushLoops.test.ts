/** command-in-loop: commands under a buffer-full check run once per batch the loop fills, not once per item. */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop and buffers flushed when full', () => {
  it('does not report a command under a buffer-full check, flushed once per batch', () => {
    expect(
      py('def purge(pattern):\n    batch = []\n    for key in r.scan_iter(match=pattern):\n        batch.append(key)\n        if len(batch) >= 500:\n            r.unlink(*batch)\n            batch = []\n'),
    ).toEqual([]);
    expect(
      ts('export async function purge(ids: string[]) {\n  let batch: string[] = [];\n  for (const id of ids) {\n    batch.push(`item:${id}`);\n    if (batch.length >= 200) {\n      await redis.del(batch);\n      batch = [];\n    }\n  }\n}\n'),
    ).toEqual([]);
  });

  it('still reports a command guarded by a non-empty check, which runs for every item', () => {
    expect(ts('export async function touch(groups: string[][]) {\n  for (const group of groups) {\n    if (group.length > 0) await redis.expire(`group:${group[0]}`, 60);\n  }\n}\n')).toEqual([7]);
  });
});
