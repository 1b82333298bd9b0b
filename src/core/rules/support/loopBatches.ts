/**
 * Loop commands under a buffer-full check (`if len(batch) >= 1000: client.unlink(*batch)`): they run once per
 * batch the loop fills, not once per item.
 */
import type { RedisCallSite } from '../rule';

/** `len(batch) >= size`, `batch.length >= 100`, `keys.size == limit`: a buffer compared with a bound above one. */
const BUFFER_FULL = /(?:\blen\(\s*[\w$.]+\s*\)|[\w$.]+\.(?:length|size))\s*(?:>=|>|===|==)\s*(?!(?:0|1)\b)[\w$.]+/;
/** How far back from the command the buffer check is looked for (the `if` that guards it). */
const GUARD_REACH = 400;

/**
 * The command sits in the branch of a buffer-full check inside the loop: the closest `if` before it, within the
 * loop body, tests the size of a collection against a bound.
 */
export function flushesFullBuffer(site: RedisCallSite, text: string): boolean {
  const loop = site.loop;
  if (!loop) return false;
  const from = Math.max(loop.span.startOffset, site.callSpan.startOffset - GUARD_REACH);
  const before = text.slice(from, site.callSpan.startOffset);
  const guards = [...before.matchAll(/\bif\b\s*\(?([^\n{:]*)/g)];
  const last = guards[guards.length - 1];
  return !!last && BUFFER_FULL.test(last[1]);
}
