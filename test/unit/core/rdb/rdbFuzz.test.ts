/**
 * Fuzz: truncated and bit-flipped copies of a real RDB must end in an RdbError (with an offset inside the input),
 * never a crash of another kind, a hang or a parse that calls itself complete. Fixed seeds: failures reproduce.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RdbAnalysis } from '../../../../src/core/rdb/rdbAnalysis';
import { RdbParser } from '../../../../src/core/rdb/rdbParser';
import { RdbError } from '../../../../src/core/rdb/types';
import { seededRandom } from '../../../helpers/fuzzing';

const FIXTURE = readFileSync(join(__dirname, '../../../fixtures/rdb/redis-7.0-every-encoding.rdb'));

/** Parse `data` in chunks of `chunk`; returns the error (or undefined when the parse completed). */
function parse(data: Uint8Array, chunk: number): { error?: unknown; done: boolean } {
  const analysis = new RdbAnalysis({ source: 'file', origin: 'fuzz' });
  const parser = new RdbParser(analysis);
  try {
    for (let at = 0; at < data.length; at += chunk) parser.push(data.subarray(at, at + chunk));
    parser.end();
    return { done: parser.done };
  } catch (error) {
    // A partial report can always be built from what was read.
    const report = analysis.report({ bytes: parser.offset, rdbVersion: parser.version, complete: false, incompleteReason: String(error) });
    expect(report.complete).toBe(false);
    return { error, done: parser.done };
  }
}

describe('RDB fuzz', () => {
  it('every truncation is an error naming an offset within the bytes read', () => {
    const random = seededRandom(7);
    const cuts = [0, 1, 5, 9, 10, FIXTURE.length - 9, FIXTURE.length - 8, FIXTURE.length - 1, ...Array.from({ length: 150 }, () => Math.floor(random() * FIXTURE.length))];
    for (const cut of cuts) {
      const { error, done } = parse(FIXTURE.subarray(0, cut), 1 + Math.floor(random() * 70000));
      expect(done, `cut at ${cut}`).toBe(false);
      expect(error, `cut at ${cut}`).toBeInstanceOf(RdbError);
      expect((error as RdbError).offset, `cut at ${cut}`).toBeLessThanOrEqual(cut);
    }
  });

  it('every flipped bit is an error (format or CRC64), never a complete parse', () => {
    const random = seededRandom(99);
    for (let i = 0; i < 250; i++) {
      const copy = Buffer.from(FIXTURE);
      const flips = 1 + Math.floor(random() * 3);
      const positions: number[] = [];
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(random() * copy.length);
        copy[at] ^= 1 << Math.floor(random() * 8);
        positions.push(at);
      }
      const { error, done } = parse(copy, 1 + Math.floor(random() * 70000));
      expect(done, `flips at ${positions}`).toBe(false);
      expect(error, `flips at ${positions}: ${String(error)}`).toBeInstanceOf(RdbError);
      expect((error as RdbError).offset).toBeLessThanOrEqual(copy.length);
    }
  });

  it('random bytes after a valid header are an error, not a hang', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 100; i++) {
      const noise = Buffer.alloc(1 + Math.floor(random() * 5000));
      for (let j = 0; j < noise.length; j++) noise[j] = Math.floor(random() * 256);
      const { error } = parse(Buffer.concat([Buffer.from('REDIS0011'), noise]), 1 + Math.floor(random() * 6000));
      expect(error).toBeInstanceOf(RdbError);
    }
  });
});
