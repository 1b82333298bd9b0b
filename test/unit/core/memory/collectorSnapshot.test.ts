/** A collector saved mid-run (as JSON) and restored continues to exactly the report an uninterrupted run gives. */
import { describe, expect, it } from 'vitest';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import type { KeyRecord } from '../../../../src/core/memory/types';

function records(): KeyRecord[] {
  const out: KeyRecord[] = [];
  for (let i = 0; i < 600; i++) {
    const type = ['string', 'hash', 'list', 'zset'][i % 4];
    out.push({ key: `${['user', 'cache', 'session'][i % 3]}:${i}:${i % 7 ? 'profile' : 'feed'}`, type, encoding: i % 5 ? 'listpack' : 'hashtable', ttlMs: i % 2 ? -1 : i * 1000, memoryBytes: 50 + ((i * 37) % 900), length: i % 40, lfuFrequency: i % 9 });
  }
  return out;
}

describe('collector snapshot', () => {
  it.each([['full', 1], ['sample', 3.5]] as const)('%s: saved at half-way, restored, finished = never interrupted', (mode, weight) => {
    const all = records();
    const straight = new MemoryCollector();
    straight.beginNode('a', 2000, mode);
    for (const record of all) straight.add(record, 'a', weight);

    const first = new MemoryCollector();
    first.beginNode('a', 2000, mode);
    for (const record of all.slice(0, 250)) first.add(record, 'a', weight);
    const resumed = MemoryCollector.restore(JSON.parse(JSON.stringify(first.snapshot())));
    resumed.beginNode('a', 2000, mode);
    for (const record of all.slice(250)) resumed.add(record, 'a', weight);

    expect(resumed.build()).toEqual(straight.build());
    expect(resumed.inspectedKeys()).toBe(straight.inspectedKeys());
    expect(resumed.hotKeys.values()).toEqual(straight.hotKeys.values());
    expect(resumed.averageKeyNameLength()).toBe(straight.averageKeyNameLength());
  });

  it('refuses a snapshot of another version', () => {
    expect(() => MemoryCollector.restore({ version: 2 } as never)).toThrow(/version/);
  });
});
