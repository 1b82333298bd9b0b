/** Java checks of locks: SETNX without expiry, and releases that do not check who holds the lock. */
import { javaFactsOf } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { callText, methodOf, receiverName, sameKey, shownJavaKey, sitesByMethod } from './javaSupport';
import { EXPIRES, sameFunction } from './javaWriteChecks';

const LOCKISH = /lock|mutex|semaphore/i;

export function javaLockWithoutExpiry(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const byMethod = sitesByMethod(context.model.callSites);
  for (const site of context.model.callSites) {
    const args = site.args.map((a) => a.text).join(',');
    const setNx = site.command === 'SETNX' || (site.command === 'SET' && /["']nx["']|\bnx\(\)|\bNX\b/i.test(args));
    if (!setNx || (site.command === 'SET' && /["'](ex|px)["']|\b(ex|px)\(|\b(EX|PX)\b/i.test(args))) continue;
    if (site.command === 'SETNX' && site.args.length > 2) continue;
    const expire = (byMethod.get(site.enclosingFunction?.span.startOffset ?? -1) ?? []).find((s) => EXPIRES.has(s.command) && sameFunction(s, site) && sameKey(s, site, facts) && s.span.startOffset > site.span.startOffset);
    if (!expire && !LOCKISH.test(`${site.args[0]?.text ?? ''} ${site.enclosingFunction?.name ?? ''}`)) continue;
    context.report({
      messageId: '{{call}} takes the lock {{key}} with SETNX {{how}}: if the holder dies {{when}}, the lock is never released. Take it with one SET NX PX ({{spelling}}).',
      data: {
        call: callText(site),
        key: shownJavaKey(site),
        how: expire ? `and gives it a TTL with a separate ${expire.command}` : 'and no expiry',
        when: expire ? 'between the two commands' : 'before releasing it',
        spelling: site.receiver.library === 'jedis' ? `${receiverName(site, 'jedis')}.set(key, token, SetParams.setParams().nx().px(ms))` : site.receiver.library === 'lettuce' ? `${receiverName(site, 'commands')}.set(key, token, SetArgs.Builder.nx().px(ms))` : site.receiver.library === 'redisson' ? `${receiverName(site, 'bucket')}.setIfAbsent(token, Duration.ofSeconds(seconds)), or an RLock` : `${/opsForValue\(\)$/.test(site.receiver.text) ? receiverName(site, 'opsForValue()') : 'opsForValue()'}.setIfAbsent(key, token, Duration.ofSeconds(seconds))`,
      },
      span: site.span,
      ...(expire ? { related: [{ span: expire.span, message: `the separate ${expire.command}` }] } : {}),
    });
  }
}

/** How each client runs the compare-and-delete script. */
function compareAndDelete(site: RedisCallSite): string {
  switch (site.receiver.library) {
    case 'jedis':
      return `${receiverName(site, 'jedis')}.eval(script, List.of(key), List.of(token))`;
    case 'lettuce':
      return `${receiverName(site, 'commands')}.eval(script, ScriptOutputType.INTEGER, new String[] {key}, token)`;
    case 'redisson':
      return 'an RLock (unlock() checks the owner)';
    default:
      return `${receiverName(site, 'redisTemplate').replace(/\.opsFor\w+\(\)$/, '')}.execute(RedisScript.of(script, Long.class), List.of(key), token)`;
  }
}

/** The method WATCHes `key` before this call (`template.watch(LOCK)`, `jedis.watch(lock)`). */
function watchedBefore(context: RuleContext, site: RedisCallSite, key: string): boolean {
  const facts = javaFactsOf(context.model);
  const method = methodOf(site, facts);
  if (!facts || !method) return false;
  return facts.invocations.some((call) => call.name === 'watch' && call.args[0]?.trim() === key && call.span.startOffset > method.start && call.span.startOffset < site.span.startOffset);
}

export function javaLockReleaseWithoutOwnership(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.method === 'forceUnlock') {
      context.report({
        messageId: '{{call}} deletes the Redisson lock whoever holds it: another thread\'s critical section loses its lock. Use unlock() (it checks the owner), guarded by isHeldByCurrentThread().',
        data: { call: callText(site) },
        span: site.span,
      });
      continue;
    }
    if (site.command !== 'DEL' && site.command !== 'UNLINK') continue;
    const key = site.args[0]?.text ?? '';
    // A DEL cannot take a lock: in a helper named for a lock (unlock, releaseLock, delLock(key)) it gives one back.
    if (!LOCKISH.test(key) && !LOCKISH.test(site.enclosingFunction?.name ?? '')) continue;
    // In such a helper that also DELs a key named for the lock (`delete(dataKey)` beside `delete(lockKey)`), the other DEL drops data.
    if (!LOCKISH.test(key) && context.model.callSites.some((s) => s !== site && (s.command === 'DEL' || s.command === 'UNLINK') && s.enclosingFunction?.span.startOffset === site.enclosingFunction?.span.startOffset && LOCKISH.test(s.args[0]?.text ?? ''))) continue;
    // WATCH key, compare its value, then DEL inside MULTI/EXEC: the transaction fails if another holder took the lock.
    if (site.inTransaction && watchedBefore(context, site, key)) continue;
    context.report({
      messageId: '{{call}} releases the lock {{key}} with a plain DEL: if the lock expired and another client took it, this deletes their lock (a GET-compare before DEL is two commands and races the same way). Delete only when the value is still your token, in one Lua script run with {{eval}} (if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end).',
      data: { call: callText(site), key: shownJavaKey(site), eval: compareAndDelete(site) },
      span: site.span,
    });
  }
}
