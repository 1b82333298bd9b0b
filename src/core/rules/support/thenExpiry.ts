/** A write whose promise or callback continues with an EXPIRE of the same key, for the rules that ask whether a key gets a TTL. */
import type { RedisCallSite } from '../../analysis/model';

/**
 * The write's promise continues with an EXPIRE of the same key (`set(key, v).then(function () { return
 * expire(key, ttl) })`), or its completion callback sends one (node-redis v3 / ioredis callback style:
 * `set(key, v, (err) => { ... expire(key, ttl, done) })`): the entry gets its TTL, from a callback rather than the
 * same function body. That the two commands are separate is set-then-expire's finding, not a cache entry without TTL.
 */
export function expiredInThenCallback(text: string, site: RedisCallSite, expireSites: readonly RedisCallSite[]): boolean {
  const key = site.args[0]?.text.trim();
  if (expireSites.some((other) => other.args[0]?.text.trim() === key && runsInCallbackArgument(site, other))) return true;
  const then = /^\s*\.then\(\s*/.exec(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 40));
  if (!then) return false;
  const callbackStart = site.callSpan.endOffset + then[0].length;
  return expireSites.some((other) => {
    const start = other.enclosingFunction?.span.startOffset ?? -1;
    return start >= callbackStart && start <= callbackStart + 8 && other.args[0]?.text.trim() === key;
  });
}

/**
 * `later` is sent from inside a function passed as one of `write`'s arguments after the key (its completion
 * callback): it runs once the write has been answered, a second command after it.
 */
export function runsInCallbackArgument(write: RedisCallSite, later: RedisCallSite): boolean {
  return write.args.slice(1).some(
    (arg) =>
      /^(?:async\s+)?(?:function\b|\(?[\w\s,]*\)?\s*=>)/.test(arg.text) &&
      arg.span.startOffset <= later.callSpan.startOffset &&
      later.callSpan.endOffset <= arg.span.endOffset,
  );
}
