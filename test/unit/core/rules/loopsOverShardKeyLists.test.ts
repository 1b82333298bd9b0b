/**
 * command-in-loop over the keys of a sharded structure: a local filled by a method of the file that builds one key per
 * shard over a small count fixed in the code. A list built over a large count, or read from Redis, is still items.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

const shardedPy = (count: number, keysBody: string) =>
  `class ShardedCounter:\n    buckets = ${count}\n\n    def __init__(self, name):\n        self.name = name\n\n    def shard_keys(self):\n${keysBody}\n    def total(self):\n        keys = self.shard_keys()\n        total = 0\n        for key in keys:\n            total += int(r.get(key) or 0)\n        return total\n`;
const RANGE_BODY = '        out = []\n        for i in range(self.buckets):\n            out.append(f"{self.name}:{i}")\n        return out\n';

describe('command-in-loop over the key list of a sharded structure', () => {
  it('does not report a loop over the keys a method builds from a small shard count', () => {
    expect(py(shardedPy(10, RANGE_BODY))).toEqual([]);
    const tsSharded =
      "export class ShardedSet {\n  private readonly partitions = 8;\n  constructor(private readonly name: string) {}\n\n  keyList(): string[] {\n    const out: string[] = [];\n    for (let i = 0; i < this.partitions; i++) out.push(`${this.name}:${i}`);\n    return out;\n  }\n\n  async size(): Promise<number> {\n    const keys = this.keyList();\n    let n = 0;\n    for (const key of keys) n += await redis.scard(key);\n    return n;\n  }\n}\n";
    expect(ts(tsSharded)).toEqual([]);
  });

  it('still reports a list built over a large count, and one the method reads from Redis', () => {
    expect(py(shardedPy(5000, RANGE_BODY))).toEqual([22]);
    expect(py(shardedPy(10, '        return r.smembers(f"{self.name}:members")\n'))).toEqual([19]);
  });
});
