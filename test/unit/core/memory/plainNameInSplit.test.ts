/**
 * Whether a key name is plain (printable ASCII without a backslash, shown verbatim) is found out in the pass that
 * cuts it into namespaces; these tests hold that to isPlainAsciiName, and a collector naming keys from their bytes
 * to one given each key's name the way the RDB analysis did before (a separate check, then bytes or display name).
 */
import { describe, expect, it } from 'vitest';
import { isPlainAsciiName, KeyInput } from '../../../../src/core/memory/keyInput';
import { KeyByteSplitter } from '../../../../src/core/memory/keyNameBytes';
import { sortDelimiters } from '../../../../src/core/memory/keyNamePattern';
import { keyNameFields } from '../../../../src/core/memory/keyRecordName';
import { DEFAULT_COLLECTOR_OPTIONS, MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { DEFAULT_NAMESPACE_OPTIONS } from '../../../../src/core/memory/namespaceTree';
import { seededRandom as random } from '../../../helpers/seededRandom';

/** Names mostly of letters, digits and delimiters, with now and then a byte from anywhere in 0-255. */
function byteNames(count: number, seed: number): Uint8Array[] {
  const rnd = random(seed);
  const common = Uint8Array.from('abcdef0123456789:/|\\.@-_ xyz', (c) => c.charCodeAt(0));
  const names: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const name = new Uint8Array(Math.floor(rnd() * 30));
    const odd = rnd() < 0.5 ? 0 : 0.05;
    for (let j = 0; j < name.length; j++) name[j] = rnd() < odd ? Math.floor(rnd() * 256) : common[Math.floor(rnd() * common.length)];
    names.push(name);
  }
  return names;
}

const DELIMITER_SETS = [[':'], ['\\'], ['|'], [':', '::'], ['/', '.'], [':', 'é']];

describe('plain names found out while cutting', () => {
  it('are the ones isPlainAsciiName accepts, for every delimiter set', () => {
    const names = byteNames(20_000, 1);
    for (const delimiters of DELIMITER_SETS) {
      const splitter = new KeyByteSplitter(sortDelimiters(delimiters), 2);
      for (const name of names) {
        splitter.split(name);
        if (splitter.plain !== isPlainAsciiName(name)) expect.fail(`${delimiters.join(' ')}: ${Buffer.from(name).toString('hex')}`);
      }
    }
  });

  it('give a collector naming keys from their bytes the report of one named key by key as before', () => {
    const rnd = random(2);
    const names = byteNames(3_000, 3);
    for (const delimiters of DELIMITER_SETS) {
      const options = { ...DEFAULT_COLLECTOR_OPTIONS, topKeys: 5, namespaces: { ...DEFAULT_NAMESPACE_OPTIONS, delimiters, maxChildren: 20, topKeysPerNamespace: 2 } };
      const fromBytes = new MemoryCollector(options);
      const separately = new MemoryCollector(options);
      const input = new KeyInput();
      for (const name of names) {
        const facts = { type: rnd() < 0.5 ? 'string' : 'hash', encoding: 'raw', ttlMs: -1, memoryBytes: 40 + 8 * Math.floor(rnd() * 4), length: 1, lfuFrequency: -1 };
        fromBytes.nameKey(input, name);
        fromBytes.addKey(Object.assign(input, facts), 'n1');
        if (isPlainAsciiName(name)) input.setPlainName(name);
        else {
          const display = keyNameFields(name);
          input.setName(display.key, display.keyBase64);
        }
        separately.addKey(Object.assign(input, facts), 'n1');
      }
      expect(JSON.stringify(fromBytes.build()), delimiters.join(' ')).toBe(JSON.stringify(separately.build()));
      expect(JSON.stringify(fromBytes.snapshot())).toBe(JSON.stringify(separately.snapshot()));
    }
  });
});
