/**
 * Helpers that answer from an in-process memo they fill themselves:
 *
 *     const infoCache = {};
 *     export const getPlugin = async (name) => {
 *       if (infoCache[name]) return infoCache[name];
 *       const info = await redis.get(`service:${name}`);
 *       infoCache[name] = info;
 *       return info;
 *     };
 *
 * Such a helper makes its round trip once per key and process, not once per call: calling it for every item of a
 * loop is not an N+1 of Redis round trips.
 */
import type { Span } from '../findings';

/** `return memo[key]`, `return self._memo[key]`, `return memo.get(key)`: the name of the memo an early return reads. */
const MEMO_RETURN = /\breturn\s+(?:await\s+)?(?:this\.|self\.|cls\.)?(#?[A-Za-z_$][\w$]*)\s*(?:\[|\.get\s*\()/g;

/** The memo is an object, map or dict the code builds in memory (a module constant, a field set in a constructor). */
function declaredInMemory(text: string, memo: string): boolean {
  const name = memo.replace(/[$]/g, '\\$');
  return new RegExp(
    `(?:^|[\\s.(,])${name}\\s*(?::[^=\\n;]*)?=\\s*(?:\\{\\s*\\}|\\{\\s*$|new\\s+(?:Map|WeakMap)\\b|(?:dict|defaultdict|OrderedDict)\\s*\\(|Object\\.create\\s*\\(\\s*null\\s*\\))`,
    'm',
  ).test(text);
}

/** `memo[key] = value`, `memo.set(key, value)`, `memo.setdefault(key, value)`: the function fills the memo. */
function fills(text: string, memo: string): boolean {
  const name = memo.replace(/[$]/g, '\\$');
  return new RegExp(`(?<![\\w$])${name}\\s*(?:\\[[^\\]\\n]+\\]\\s*=(?!=)|\\.(?:set|setdefault)\\s*\\()`).test(text);
}

/**
 * Whether the function (span `fn`) returns from a memo of its own before its Redis command at `siteOffset` and
 * fills that memo after it. `redisRoots` are the receivers of the function's Redis commands: a client is no memo
 * (`if (x) return cache.get(k); ... cache.set(k, v)` on a Redis client named cache is two round trips).
 */
export function answersFromOwnMemo(text: string, fn: Span, siteOffset: number, redisRoots: ReadonlySet<string>): boolean {
  if (siteOffset <= fn.startOffset || siteOffset >= fn.endOffset) return false;
  const before = text.slice(fn.startOffset, siteOffset);
  if (!before.includes('return')) return false;
  const after = text.slice(siteOffset, fn.endOffset);
  MEMO_RETURN.lastIndex = 0;
  for (let match = MEMO_RETURN.exec(before); match; match = MEMO_RETURN.exec(before)) {
    const memo = match[1];
    if (redisRoots.has(memo)) continue;
    if (fills(after, memo) && declaredInMemory(text, memo)) return true;
  }
  return false;
}
