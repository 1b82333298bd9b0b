/**
 * Call sites kept across an edit are moved field by field (incremental.ts): the moved copy must hold every field of
 * the original, in the same order, with only offsets and positions changed, and keep fields it does not know.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffTexts, Rebaser, type ChunkOutputs } from '../../../../src/core/analysis/incremental';
import { scriptState } from '../../../../src/core/analysis/analysisState';
import type { RedisCallSite } from '../../../../src/core/analysis/model';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const TEXT = [
  'import redis',
  '',
  'r = redis.Redis(socket_timeout=5)',
  '',
  '',
  'def first():',
  '    return r.get("a")',
  '',
  '',
  'def later(ids):',
  '    for i in ids:',
  '        r.set(f"cache:{i}", 1, ex=60)',
  '    pipe = r.pipeline()',
  '    pipe.hset("h", mapping={"a": 1})',
  '    return pipe.execute()',
  '',
].join('\n');

function outputsOf(text: string): ChunkOutputs[] {
  const state = scriptState(reviewSource(parsers, text, { path: 'app/jobs.py', language: 'python', keepForReuse: true }).incremental);
  if (!state) throw new Error('no state kept');
  return state.outputs;
}

describe('moving kept call sites by an edit', () => {
  it('keeps every field in its order and moves only offsets and positions', () => {
    const insertAt = TEXT.indexOf('def later');
    const edited = TEXT.slice(0, insertAt) + 'X = 1\n' + TEXT.slice(insertAt);
    const rebaser = new Rebaser(diffTexts(TEXT, edited)!);
    const before = outputsOf(TEXT);
    const after = outputsOf(edited);
    const sitesBefore = before.flatMap((out) => [...out.callSites, ...out.helperCalls]).filter((site) => site.callSpan.startOffset >= insertAt);
    const moved = sitesBefore.map((site) => rebaser.outputs({ ...before[0], callSites: [site], helperCalls: [] }).callSites[0]);
    const fresh = after.flatMap((out) => [...out.callSites, ...out.helperCalls]).filter((site) => site.callSpan.startOffset >= insertAt);
    expect(moved.length).toBeGreaterThan(3);
    // What a whole analysis of the edited text builds, field for field, in the same order.
    const plain = (site: RedisCallSite) => JSON.parse(JSON.stringify({ ...site, enclosingFunction: site.enclosingFunction?.name, receiver: { ...site.receiver, creation: site.receiver.creation?.callSpan.startOffset } }));
    expect(moved.map(plain)).toEqual(fresh.map(plain));
    moved.forEach((site, i) => {
      expect(Object.keys(site)).toEqual(Object.keys(sitesBefore[i]));
      site.args.forEach((arg, j) => expect(Object.keys(arg)).toEqual(Object.keys(sitesBefore[i].args[j])));
    });
  });

  it('keeps a field it does not know, unmoved, as a copy of the whole site would', () => {
    const site = outputsOf(TEXT).flatMap((out) => out.callSites).find((s) => s.command === 'GET')!;
    const tagged = { ...site, note: { kept: true } } as RedisCallSite & { note: { kept: boolean } };
    const edited = 'import json\n' + TEXT;
    const moved = new Rebaser(diffTexts(TEXT, edited)!).outputs({ ...outputsOf(TEXT)[0], callSites: [tagged], helperCalls: [] }).callSites[0] as typeof tagged;
    expect(moved.note).toBe(tagged.note);
    expect(moved.callSpan.startOffset).toBe(site.callSpan.startOffset + 'import json\n'.length);
    expect(moved.callSpan.start.line).toBe(site.callSpan.start.line + 1);
  });
});
