/**
 * Encodings counted in runs of keys of weight 1 give the record a keyed update per key gives: the same encodings
 * in the same (first-seen) order with the same sums, fractional weights and reads midway included, and in a
 * collector whose nodes' keys of one type interleave.
 */
import { describe, expect, it } from 'vitest';
import { EncodingCounts } from '../../../../src/core/memory/encodingCounts';
import { KeyInput } from '../../../../src/core/memory/keyInput';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { seededRandom as random } from '../../../helpers/seededRandom';

const ENCODINGS = ['listpack', 'hashtable', 'embstr', 'int', 'raw', ''];

describe('encodings counted in runs', () => {
  it('sum and order as a keyed update per key, with fractional weights and reads midway', () => {
    for (const weights of [[1], [1, 0.1], [1, 2.5, 1 / 3], [0.7]]) {
      const rnd = random(weights.length);
      const runs = new EncodingCounts({});
      const perKey: Record<string, number> = {};
      for (let i = 0; i < 5_000; i++) {
        // Long runs of one encoding, now and then another.
        const encoding = rnd() < 0.8 ? ENCODINGS[Math.floor(i / 700) % ENCODINGS.length] : ENCODINGS[Math.floor(rnd() * ENCODINGS.length)];
        const weight = weights[rnd() < 0.9 ? 0 : Math.floor(rnd() * weights.length)];
        runs.add(encoding, weight);
        perKey[encoding] = (perKey[encoding] ?? 0) + weight;
        if (i % 1_234 === 0) {
          runs.endRun();
          expect(Object.entries(runs.counts)).toEqual(Object.entries(perKey));
        }
      }
      runs.endRun();
      expect(Object.entries(runs.counts), weights.join(' ')).toEqual(Object.entries(perKey));
    }
  });

  it('add a run to a fractional count key by key, as its sum depends on that', () => {
    // 1/3 + 1 + 1 + ... (1000 times) is not 1/3 + 1000 in doubles.
    const runs = new EncodingCounts({});
    let perKey = 0;
    runs.add('raw', 1 / 3);
    perKey += 1 / 3;
    for (let i = 0; i < 1000; i++) {
      runs.add('raw', 1);
      perKey += 1;
    }
    runs.endRun();
    expect(runs.counts.raw).toBe(perKey);
  });

  it('follow the arrival order across a collector\'s nodes', () => {
    const rnd = random(9);
    const collector = new MemoryCollector();
    const perKey: Record<string, Record<string, number>> = {};
    const input = new KeyInput();
    for (let i = 0; i < 3_000; i++) {
      const type = rnd() < 0.5 ? 'hash' : 'set';
      const encoding = ENCODINGS[Math.floor(rnd() * 3) + (i > 1_500 ? 2 : 0)];
      const weight = i % 3 === 0 ? 1.5 : 1;
      input.setName(`k${i}`);
      Object.assign(input, { type, encoding, ttlMs: -1, memoryBytes: 64, length: 1, lfuFrequency: -1 });
      collector.addKey(input, rnd() < 0.5 ? 'n1' : 'n2', weight);
      const counts = (perKey[type] ??= {});
      counts[encoding] = (counts[encoding] ?? 0) + weight;
    }
    expect(JSON.stringify(collector.snapshot().encodings)).toBe(JSON.stringify(perKey));
  });
});
