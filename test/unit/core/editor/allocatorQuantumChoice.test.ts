/** Which jemalloc quantum "Analyze RDB File…" models sizes with: caller, setting, or a question led by what connected servers report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocatorQuantumSetting, decideAllocatorQuantum, QUANTUM_CHOICES } from '../../../../src/core/editor/allocatorQuantumChoice';

const ask = { setting: 'ask' as const, interactive: true };

describe('decideAllocatorQuantum', () => {
  it('takes the caller\'s quantum, then the setting, without asking', () => {
    expect(decideAllocatorQuantum({ ...ask, argument: 16, reported: [{ connection: 'a', quantum: 8 }] })).toMatchObject({ ask: false, quantum: 16 });
    expect(decideAllocatorQuantum({ setting: '16', interactive: true, reported: [{ connection: 'a', quantum: 8 }] })).toMatchObject({ ask: false, quantum: 16, because: expect.stringContaining('setting') });
    expect(decideAllocatorQuantum({ setting: '8', interactive: true, reported: [] })).toMatchObject({ ask: false, quantum: 8 });
  });

  it('asks with what the connected servers report offered first, naming them', () => {
    expect(decideAllocatorQuantum({ ...ask, reported: [{ connection: 'Debian box', quantum: 16 }] })).toEqual({ ask: true, order: [16, 8], reportedBy: { 16: ['Debian box'] } });
    expect(decideAllocatorQuantum({ ...ask, reported: [{ connection: 'docker', quantum: 8 }] })).toEqual({ ask: true, order: [8, 16], reportedBy: { 8: ['docker'] } });
  });

  it('offers 8 first when no server said, or servers disagree (and names both)', () => {
    expect(decideAllocatorQuantum({ ...ask, reported: [] })).toEqual({ ask: true, order: [8, 16], reportedBy: {} });
    expect(decideAllocatorQuantum({ ...ask, reported: [{ connection: 'a', quantum: 16 }, { connection: 'b', quantum: 8 }] })).toEqual({ ask: true, order: [8, 16], reportedBy: { 16: ['a'], 8: ['b'] } });
  });

  it('never asks a scripted call: the servers\' agreed answer, else 8', () => {
    expect(decideAllocatorQuantum({ setting: 'ask', interactive: false, reported: [{ connection: 'a', quantum: 16 }, { connection: 'b', quantum: 16 }] })).toMatchObject({ ask: false, quantum: 16, because: 'reported by a, b' });
    expect(decideAllocatorQuantum({ setting: 'ask', interactive: false, reported: [{ connection: 'a', quantum: 16 }, { connection: 'b', quantum: 8 }] })).toMatchObject({ ask: false, quantum: 8 });
  });

  it('reads anything but "8" and "16" from settings.json as "ask"', () => {
    expect(['8', '16', 'ask', 8, 'sixteen', undefined].map(allocatorQuantumSetting)).toEqual(['8', '16', 'ask', 'ask', 'ask', 'ask']);
  });

  it('is declared in package.json with the values the extension reads and a description per choice', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
    const section = manifest.contributes.configuration.find((s: { title: string }) => s.title === 'RDB analysis');
    const setting = section.properties['redisReview.rdb.allocatorQuantum'];
    expect(setting.enum).toEqual(['ask', '8', '16']);
    expect(setting.default).toBe('ask');
    expect(setting.enumDescriptions).toHaveLength(3);
    expect(setting.markdownDescription).toMatch(/--allocator-quantum/);
    expect(QUANTUM_CHOICES[16].label).toMatch(/Debian and Ubuntu/);
    expect(QUANTUM_CHOICES[8].label).toMatch(/Docker images, Valkey/);
  });
});
