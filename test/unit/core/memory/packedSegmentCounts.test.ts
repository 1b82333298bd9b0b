/**
 * With one delimiter, the splitter classifies each segment from byte classes summed as packed counts; segments it
 * cannot read that way (a character outside the token alphabet) are classified again byte by
 * byte. Both must answer as isIdentifierSegment does, on either side of 1024 bytes (where counts carry over).
 */
import { describe, expect, it } from 'vitest';
import { KeyByteSplitter } from '../../../../src/core/memory/keyNameBytes';
import { isIdentifierSegment } from '../../../../src/core/memory/keyNamePattern';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function shapes(): string[] {
  const out: string[] = [];
  for (const length of [1, 4, 5, 7, 8, 19, 20, 21, 1022, 1023, 1024, 1025, 1100, 2047, 2048, 2049, 3100]) {
    out.push(
      'a'.repeat(length), '1'.repeat(length), 'f'.repeat(length), 'g'.repeat(length), `${'a'.repeat(length - 1)}1`,
      `${'x'.repeat(length - 1)}@`, `${'-'.repeat(length - 1)}.`, `${'ab'.repeat(length)}`.slice(0, length), `${'9f'.repeat(length)}`.slice(0, length),
      `${'0'.repeat(Math.max(0, length - 2))}.5`, `${'+'.repeat(length)}`, `${'1'.repeat(length)}z`, `${'Z'.repeat(length)}`,
    );
  }
  return out;
}

describe('segments classified from packed counts', () => {
  it('answer as isIdentifierSegment for prefixes and leaves on either side of 1024 bytes', () => {
    const splitter = new KeyByteSplitter([':'], 3);
    const all = shapes();
    for (let i = 0; i < all.length; i++) {
      const [a, b, c] = [all[i], all[(i * 7 + 3) % all.length], all[(i * 13 + 5) % all.length]];
      splitter.split(ascii(`${a}:${b}:${c}`));
      expect([splitter.identifier[0] === 1, splitter.identifier[1] === 1, splitter.leafIsIdentifier], `${a.length}/${b.length}/${c.length}`)
        .toEqual([a, b, c].map(isIdentifierSegment));
    }
  });
});
