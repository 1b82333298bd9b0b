/** What identifiers say about intent: the words of `releaseLock`, `drop_mutex`, `putInCache`, `LOCK_KEY`. */
import { keyPatternOf } from '../../analysis/argumentValues';
import type { RedisCallSite } from '../../analysis/model';
import { LOCK_KEY } from './sites';

/** Lower-case words of an identifier or expression text (camelCase, snake_case, dots and brackets split). */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

// A leader key taken with SET NX is a lease on leadership: the same lock, by another name.
const LOCK_NOUNS = new Set(['lock', 'locks', 'mutex', 'mutexes', 'semaphore', 'lease', 'unlock', 'redlock', 'locker', 'leader']);
const RELEASE_VERBS = new Set(['release', 'unlock', 'drop', 'free', 'clear', 'remove', 'delete', 'del', 'give', 'end', 'exit', 'relinquish', 'unset', 'cancel']);
const CACHE_WORDS = new Set(['cache', 'cached', 'caches', 'caching', 'memo', 'memoize', 'memoized']);

/** The text names a lock (`lockKey`, `LOCK_NAME`, `self.mutex_key`, `acquireLock`). */
export function namesLock(text: string | undefined): boolean {
  return !!text && wordsOf(text).some((word) => LOCK_NOUNS.has(word));
}

/** A function name that says it releases a lock: `releaseLock`, `dropMutex`, `unlock`, `release_lease`. */
export function namesLockRelease(name: string | undefined): boolean {
  if (!name) return false;
  const words = wordsOf(name);
  if (words.includes('unlock')) return true;
  return words.some((word) => RELEASE_VERBS.has(word)) && words.some((word) => LOCK_NOUNS.has(word));
}

/** The text names a cache (`putInCache`, `cache_key`, `setCached`). */
export function namesCache(text: string | undefined): boolean {
  return !!text && wordsOf(text).some((word) => CACHE_WORDS.has(word));
}

/** A function name that says it takes a lock: `acquireLock`, `grab_mutex`, `acquire` (of a lock class), `tryLock`. */
export function namesLockAcquire(name: string | undefined): boolean {
  return !!name && (namesLock(name) || wordsOf(name).includes('acquire'));
}

/**
 * A SET NX / SETNX that takes a lock: a literal key says so itself (`lock:job:*`); a computed key through the
 * expression (`lockKey`) or the function it is written in (`acquireLock(name)`, `acquire(self)`).
 */
export function acquiresLock(site: RedisCallSite): boolean {
  const arg = site.args[0];
  if (!arg) return false;
  const key = keyPatternOf(arg);
  if (LOCK_KEY.test(key ?? arg.text)) return true;
  if (key !== undefined && /[A-Za-z0-9]/.test(key.replace(/\*/g, ''))) return false;
  return namesLock(arg.text) || namesLockAcquire(site.enclosingFunction?.name);
}
