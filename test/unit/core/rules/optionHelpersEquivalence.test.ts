/**
 * The option helpers run for most call sites at every review, so they were rewritten without allocations. These
 * tests hold them to the answers of the straightforward version (kept here as the reference) on generated call
 * sites: every style of option (keyword, options object, positional token), values turned off, tokens in any
 * case, and strings that only match once upper-cased.
 */
import { describe, expect, it } from 'vitest';
import type { Arg, ArgValue, RedisCallSite } from '../../../../src/core/analysis/model';
import { hasOption, optionsObject, setSetsTtl } from '../../../../src/core/rules/support/options';

/** The helper as it was written before (the reference). */
function referenceHasOption(site: RedisCallSite, names: readonly string[], positionalFrom = 0): boolean {
  for (const name of names) {
    const keyword = site.keywords[name.toLowerCase()];
    if (keyword && !(keyword.value.kind === 'null' || (keyword.value.kind === 'boolean' && !keyword.value.value))) return true;
  }
  const object = optionsObject(site, positionalFrom);
  if (object) {
    for (const name of names) {
      const entry = object[name] ?? object[name.toUpperCase()] ?? object[name.toLowerCase()];
      if (entry && !(entry.value.kind === 'null' || (entry.value.kind === 'boolean' && !entry.value.value))) return true;
    }
    if (names.some((n) => ['EX', 'PX', 'EXAT', 'PXAT'].includes(n.toUpperCase())) && object.expiration) return true;
  }
  const upper = names.map((n) => n.toUpperCase());
  return site.args.slice(positionalFrom).some((a) => a.value.kind === 'string' && upper.includes(a.value.value.toUpperCase()));
}

function referenceSetSetsTtl(site: RedisCallSite): boolean {
  if (site.command === 'SETEX' || site.command === 'PSETEX') return true;
  if (site.command !== 'SET') return false;
  if (site.receiver.library === 'redis-py' && site.args.length >= 3) {
    const ex = site.args[2]?.value;
    const px = site.args[3]?.value;
    if ((ex && ex.kind !== 'null') || (px && px.kind !== 'null')) return true;
  }
  return referenceHasOption(site, ['ex', 'px', 'exat', 'pxat', 'keepttl', ...(site.receiver.library === 'redis-py' ? ['expire', 'pexpire'] : [])], 2);
}

const SPAN = { start: { line: 0, column: 0 }, end: { line: 0, column: 1 }, startOffset: 0, endOffset: 1 };
const arg = (value: ArgValue): Arg => ({ value, text: 'x', span: SPAN, fullSpan: SPAN });

/** A small seeded generator, so a failure names a case that can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const WORDS = ['ex', 'EX', 'Ex', 'px', 'nx', 'NX', 'keepttl', 'KEEPTTL', 'get', 'expire', 'exat', 'maxlen', 'MAXLEN', 'count', 'ſx', 'ﬀ', 'user:1', 'a-much-longer-payload-value', ''];
const NAME_LISTS = [['ex', 'px'], ['keepttl', 'KEEPTTL', 'get'], ['maxlen', 'minid', 'max_len', 'MAXLEN', 'MINID'], ['count', 'COUNT'], ['nx'], ['BLOCK', 'block'], ['by', 'get', 'BY', 'GET'], ['exat']];

function randomValue(next: () => number, depth = 0): ArgValue {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  switch (pick(['string', 'string', 'number', 'boolean', 'null', 'object', 'name'] as const)) {
    case 'string':
      return { kind: 'string', value: pick(WORDS) };
    case 'number':
      return { kind: 'number', value: 60 };
    case 'boolean':
      return { kind: 'boolean', value: next() < 0.5 };
    case 'null':
      return { kind: 'null' };
    case 'object': {
      if (depth > 0) return { kind: 'unknown' };
      const entries: Record<string, Arg> = {};
      for (let i = Math.floor(next() * 3); i > 0; i--) entries[pick([...WORDS, 'expiration'])] = arg(randomValue(next, depth + 1));
      return { kind: 'object', entries };
    }
    default:
      return { kind: 'name', name: 'ttl' };
  }
}

function randomSite(next: () => number): RedisCallSite {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const args = Array.from({ length: Math.floor(next() * 5) }, () => arg(randomValue(next)));
  const keywords: Record<string, Arg> = {};
  for (let i = Math.floor(next() * 2); i > 0; i--) keywords[pick(['ex', 'px', 'keepttl', 'get', 'nx', 'expire', 'maxlen', 'count'])] = arg(randomValue(next, 1));
  return {
    command: pick(['SET', 'SETEX', 'XADD', 'GET']),
    receiver: { library: pick(['redis-py', 'ioredis', 'node-redis']) },
    args,
    keywords,
  } as unknown as RedisCallSite;
}

describe('allocation-free option helpers', () => {
  it('answer as the reference does on generated call sites', () => {
    const next = generator(20261207);
    for (let i = 0; i < 1500; i++) {
      const site = randomSite(next);
      for (const names of NAME_LISTS) {
        for (const from of [0, 1, 2, 3]) expect(hasOption(site, names, from), `case ${i} ${names.join(',')} from ${from}`).toBe(referenceHasOption(site, names, from));
      }
      expect(setSetsTtl(site), `case ${i}`).toBe(referenceSetSetsTtl(site));
    }
  });

  it('match positional tokens in any case, and only strings no longer than a name', () => {
    const site = (...values: ArgValue[]) => ({ command: 'SET', receiver: { library: 'ioredis' }, args: values.map(arg), keywords: {} }) as unknown as RedisCallSite;
    expect(hasOption(site({ kind: 'string', value: 'k' }, { kind: 'string', value: 'v' }, { kind: 'string', value: 'ex' }, { kind: 'number', value: 60 }), ['EX'], 2)).toBe(true);
    // 'ſ' (long s) upper-cases to 'S': as the reference upper-cases every string, so does the helper.
    expect(hasOption(site({ kind: 'string', value: 'ſet' }), ['SET'])).toBe(referenceHasOption(site({ kind: 'string', value: 'ſet' }), ['SET']));
    expect(hasOption(site({ kind: 'string', value: 'ſet' }), ['SET'])).toBe(true);
    // The option word inside a longer value is no token.
    expect(hasOption(site({ kind: 'string', value: 'k' }, { kind: 'string', value: 'v' }, { kind: 'string', value: 'ex 60' }), ['EX'], 2)).toBe(false);
  });
});
