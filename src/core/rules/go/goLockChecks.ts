/**
 * Go lock rules: a lock released by a plain DEL (or GET-compare-then-DEL) instead of a compare-and-delete of its own
 * token, and a lock taken without an expiry (SETNX with no TTL, SetNX(..., 0), rueidislock without a validity).
 */
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { isZeroExpiration, keyOf, shownGoKey, upperString } from './goSupport';

/** The file takes a lock: SETNX, or SET with NX (go-redis SetNX / SetArgs{Mode: "NX"}, redigo "NX", rueidis Nx()). */
function takesLocks(context: RuleContext): boolean {
  return context.model.callSites.some(takesLock);
}

/** A SETNX, or a SET with NX. */
function takesLock(site: RedisCallSite): boolean {
  return site.command === 'SETNX' || (site.command === 'SET' && (site.args.some((a) => upperString(a) === 'NX' || /Mode:\s*"NX"/i.test(a.text)) || !!site.keywords.nx));
}

/** Whether the Go function named `fn` around `release` takes the key written as `keyText` with SET NX / SETNX itself. */
function takesLockInFunction(context: RuleContext, release: RedisCallSite, fn: string, keyText: string): boolean {
  return context.model.callSites.some((s) => s !== release && takesLock(s) && s.args[0]?.text === keyText && declaredFunctionName(context.model.text, s) === fn);
}

/** The name of the top-level Go function around a call, also from inside a closure (`Watch(ctx, func(tx) {…})`). */
function declaredFunctionName(text: string, site: RedisCallSite): string {
  const name = site.enclosingFunction?.name ?? '';
  if (name && name !== '(anonymous)') return name;
  let found = '';
  for (const match of text.slice(0, site.span.startOffset).matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)/gm)) found = match[1];
  return found;
}

/** How each Go client runs the compare-and-delete script. */
const COMPARE_AND_DELETE: Record<string, string> = {
  'go-redis': '`redis.NewScript(src).Run(ctx, rdb, []string{key}, token)`',
  rueidis: '`rueidis.NewLuaScript(src).Exec(ctx, client, []string{key}, []string{token})`, or rueidislock',
  redigo: '`redis.NewScript(1, src).Do(conn, key, token)`',
};

export function goLockReleaseWithoutOwnership(context: RuleContext): void {
  let locking: boolean | undefined;
  for (const site of context.model.callSites) {
    if (site.command !== 'DEL' || site.inTransaction) continue;
    const key = site.args[0];
    const fn = declaredFunctionName(context.model.text, site);
    if (!key) continue;
    // A key named as a lock, or any key deleted by an unlock/release function of a file that takes locks with
    // SET NX (a placeholder written by every holder, `key + "-refresh"`): a plain DEL either way.
    const lockKey = /lock|mutex/i.test(`${keyOf(key) ?? ''} ${key.text}`);
    // A function named for something else (`safeInitStock`) that takes a lock-named key with SET NX and deletes it
    // again (`defer rdb.Del(ctx, lockKey)`) releases its own lock the same way.
    const namedForLocks = /unlock|release|lock/i.test(fn);
    if (!namedForLocks && !(lockKey && takesLockInFunction(context, site, fn, key.text))) continue;
    if (!lockKey && !(/unlock|release/i.test(fn) && (locking ??= takesLocks(context)))) continue;
    context.report({ messageId: 'Releasing the lock {{key}} with a plain DEL can delete a lock another process took after this one expired; compare the token and delete in one Lua script ({{script}}).', data: { key: shownGoKey(key), script: COMPARE_AND_DELETE[site.receiver.library] ?? COMPARE_AND_DELETE['go-redis'] }, span: site.span });
  }
}

/**
 * A rueidis builder that takes a lock without a TTL: `B().Setnx()…` (SETNX has no expiry option) or
 * `B().Set()…Nx()` without `.Ex(`/`.Px(`/`.Exat(`/`.Pxat(` (or their Seconds/Milliseconds spellings).
 */
function rueidisLockWithoutTtl(text: string, site: RedisCallSite): boolean {
  if (site.receiver.library !== 'rueidis') return false;
  const chain = text.slice(site.callSpan.startOffset, site.callSpan.endOffset);
  if (site.command === 'SETNX') return true;
  return site.command === 'SET' && /\.Nx\(\)/.test(chain) && !/\.(Ex|Px|Exat|Pxat)(Seconds|Milliseconds|Timestamp|MillisecondsTimestamp)?\(|\.Keepttl\(/.test(chain);
}

const LOCK_HOW: Partial<Record<string, string>> = {
  redigo: '`Do("SET", key, token, "NX", "PX", ttlMs)`',
  rueidis: '`B().Set().Key(key).Value(token).Nx().Px(ttl)`',
};

/**
 * go-redis SetNX with expiration -1 (`redis.KeepTTL`) sends SET NX KEEPTTL: NX only succeeds on a key that does not
 * exist, so there is no TTL to keep and the lock has none.
 */
function keepsTtl(expiration: string | undefined): boolean {
  return expiration !== undefined && (expiration.trim() === '-1' || /(?:^|\.)KeepTTL$/.test(expiration.trim()));
}

export function goLockWithoutExpiry(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if ((site.command !== 'SETNX' && site.command !== 'SET' && site.command !== 'GETSET') || !/lock|mutex/i.test(`${site.args[0]?.text ?? ''} ${keyOf(site.args[0]) ?? ''} ${site.enclosingFunction?.name ?? ''}`)) continue;
    // GETSET, the old takeover of an expired lock, replaces the value and drops the TTL: the lock has none until a
    // separate EXPIRE, and none at all if the holder dies before it.
    const unbounded =
      site.command === 'GETSET' ||
      rueidisLockWithoutTtl(context.model.text, site) ||
      (site.command === 'SETNX' && (site.receiver.library === 'redigo' || (site.receiver.library === 'go-redis' && (isZeroExpiration(context.model.text, site, site.args[2]) || keepsTtl(site.args[2]?.text)))));
    if (!unbounded) continue;
    context.report({ messageId: '{{command}} on {{key}} without an expiry: if the holder dies the lock is never released; set it with a TTL in the same command ({{how}}).', data: { command: site.command === 'SET' ? 'SET NX' : site.command, key: shownGoKey(site.args[0]), how: LOCK_HOW[site.receiver.library] ?? '`SetNX(ctx, key, token, ttl)`' }, span: site.span });
  }
}
