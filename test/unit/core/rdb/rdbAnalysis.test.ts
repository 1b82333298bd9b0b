/** RdbAnalysis: key names rendered as everywhere else (displayKey), expired keys apart, TTLs from the snapshot time. */
import { describe, expect, it } from 'vitest';
import { keyNameFields } from '../../../../src/core/memory/keyRecordName';
import { RdbAnalysis } from '../../../../src/core/rdb/rdbAnalysis';
import type { RdbKeyFacts } from '../../../../src/core/rdb/types';

function facts(key: Uint8Array, expiresAtMs = -1): RdbKeyFacts {
  return {
    offset: 0, db: 0, key, type: 'string', rdbType: 0, encoding: 'string', length: 5, expiresAtMs, idleSeconds: -1, lfuFrequency: -1,
    valueBytes: 7, integerString: false, blobBytes: 0, nodes: 0, nodeAllocBytes: 0, elementAllocBytes: 0, integerElements: 0,
    fieldsWithTtl: 0, moduleName: '',
    stream: { listpacks: 0, raxNodes: 0, listpackBytes: 0, lastListpackBytes: 0, listpackAllocBytes: 0, groups: 0, groupPelEntries: 0, groupPelRaxNodes: 0, consumers: 0, consumerNameBytes: 0, consumerPelEntries: 0, consumerPelRaxNodes: 0 },
  };
}

describe('RdbAnalysis', () => {
  it('names keys exactly as keyNameFields does, fast path or not', () => {
    const names = ['user:1', 'back\\slash', 'tab\there', 'ünïcode:ключ', '\u202eevil', 'a'.repeat(2000)].map((n) => new TextEncoder().encode(n));
    names.push(Uint8Array.from([0xff, 0x00, 0x41]));
    const analysis = new RdbAnalysis({ source: 'file', origin: 'test', nowMs: 0 });
    names.forEach((name) => analysis.key(facts(name)));
    const report = analysis.report({ bytes: 1, rdbVersion: 10, complete: true });
    const shown = report.topKeysByMemory.map((k) => ({ key: k.key, ...(k.keyBase64 ? { keyBase64: k.keyBase64 } : {}) }));
    expect(new Set(shown.map((s) => JSON.stringify(s)))).toEqual(new Set(names.map((n) => JSON.stringify(keyNameFields(n)))));
  });

  it('keeps keys already expired at the snapshot out of the totals and counts them apart', () => {
    const analysis = new RdbAnalysis({ source: 'file', origin: 'test' });
    analysis.aux('ctime', '1000');
    analysis.key(facts(new TextEncoder().encode('gone'), 999_000));
    analysis.key(facts(new TextEncoder().encode('alive'), 1_000_000 + 7_200_000));
    const report = analysis.report({ bytes: 1, rdbVersion: 10, complete: true });
    expect(report.totalKeys).toBe(1);
    expect(report.rdb).toMatchObject({ expiredKeys: 1, snapshotTime: new Date(1_000_000).toISOString() });
    expect(report.topKeysByMemory[0].ttlMs).toBe(7_200_000);
  });
});
