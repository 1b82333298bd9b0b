/** A write whose promise continues with an EXPIRE of the same key, for the rules that ask whether a key gets a TTL. */
import type { RedisCallSite } from '../../analysis/model';

/**
 * The write's promise continues with an EXPIRE of the same key (`set(key, v).then(function () { return
 * expire(key, ttl) })`): the entry gets its TTL, from a callback rather than the same function body. That the two
 * commands are separate is set-then-expire's finding, not a cache entry without TTL.
 */
export function expiredInThenCallback(text: string, site: RedisCallSite, expireSites: readonly RedisCallSite[]): boolean {
  const then = /^\s*\.then\(\s*/.exec(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 40));
  if (!then) return false;
  const callbackStart = site.callSpan.endOffset + then[0].length;
  const key = site.args[0]?.text.trim();
  return expireSites.some((other) => {
    const start = other.enclosingFunction?.span.startOffset ?? -1;
    return start >= callbackStart && start <= callbackStart + 8 && other.args[0]?.text.trim() === key;
  });
}
