/** command-in-loop: a marker each round sets before its own work and clears (or moves on) after it. */
import type { RedisCallSite } from '../rule';

const MARKS = new Set(['SET', 'SETEX', 'PSETEX', 'SETNX', 'HSET', 'SADD', 'ZADD']);
const UNMARKS = new Set(['DEL', 'UNLINK', 'HDEL', 'SREM', 'ZREM']);

/**
 * `r.set(f"busy:{id}", 1); await download(id); r.delete(f"busy:{id}")`: a marker set before the round's own work
 * and cleared after it. The two commands must straddle that work, so the rounds cannot share a batch.
 */
export function marksWorkInProgress(sites: readonly RedisCallSite[], text: string): boolean {
  for (const mark of sites) {
    if (!MARKS.has(mark.command) || !mark.args[0]) continue;
    // Cleared (DEL) or moved to its next state (`set(name, "in-progress")` ... `set(name, "completed")`) after the work.
    const unmark = sites.find((s) => (UNMARKS.has(s.command) || (s.command === mark.command && mark.command === 'SET')) && s.callSpan.startOffset > mark.callSpan.endOffset && s.args[0]?.text === mark.args[0].text);
    if (!unmark) continue;
    const between = text.slice(mark.callSpan.endOffset, unmark.callSpan.startOffset);
    const others = sites.filter((s) => s.callSpan.startOffset > mark.callSpan.endOffset && s.callSpan.endOffset < unmark.callSpan.startOffset);
    // Work of its own between them: a call that is not one of the loop's Redis commands.
    const calls = between.match(/[A-Za-z_$][\w$.]*\s*\(/g)?.length ?? 0;
    if (calls > others.length) return true;
  }
  return false;
}
