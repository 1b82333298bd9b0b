/**
 * The chained-assignment evidence (`self._read = self._write = client`) reads only lines holding two `=`; it must
 * add exactly the receivers the whole-text multi-line pattern it replaced added, in the same order of lines.
 */
import { describe, expect, it } from 'vitest';
import { addChainedAliases, normalizeReceiver } from '../../../../src/core/analysis/fileEvidence';

/** The scan as it was: the pattern tried at every line start of the whole text. */
function wholeTextScan(text: string, receivers: Set<string>): void {
  const pattern = /^[ \t]*((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?:[ \t]*=[ \t]*(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)+)[ \t]*=[ \t]*[^=\n]/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const names = match[1].split('=').map((name) => normalizeReceiver(name));
    if (names.some((name) => receivers.has(name))) for (const name of names) receivers.add(name);
  }
}

const scanned = (scan: (text: string, receivers: Set<string>) => void, text: string, start: string[]) => {
  const receivers = new Set(start);
  scan(text, receivers);
  return [...receivers];
};

describe('addChainedAliases', () => {
  it('shares evidence among the names of a chain, an alias from an earlier chain counting for a later one', () => {
    const text = ['class Store:', '    def __init__(self, client, other):', '        self._read = self._write = client', '        self._write = self._backup = other', '        if a == b == c:', '            pass', 'x = y', ''].join('\n');
    expect(scanned(addChainedAliases, text, ['self._read']).sort()).toEqual(['self._backup', 'self._read', 'self._write']);
    // Lines are read in order: a chain read before the one that makes its name an alias adds nothing.
    const reversed = ['self._write = self._backup = other', 'self._read = self._write = client', ''].join('\n');
    expect(scanned(addChainedAliases, reversed, ['self._read']).sort()).toEqual(['self._read', 'self._write']);
    expect(scanned(addChainedAliases, 'if a == b == c:\n    a = 1\n', ['a'])).toEqual(['a']);
  });

  it('adds what the whole-text pattern added (random texts, other line terminators included)', () => {
    const pieces = ['a', 'self.r', 'client', ' ', '\t', '=', '==', ' = ', '\n', '\r', '\r\n', '\u2028', 'x.y', '$d', '1', '(', ')', '# c', ':', 'a = b = client', 'q\r', '\n\n'];
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let grown = 0;
    for (let round = 0; round < 20000; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      const start = random() < 0.5 ? ['client'] : ['a', 'self.r'];
      const expected = scanned(wholeTextScan, text, start);
      if (expected.length > start.length) grown++;
      expect(scanned(addChainedAliases, text, start), JSON.stringify(text)).toEqual(expected);
    }
    expect(grown).toBeGreaterThan(200);
  });
});
