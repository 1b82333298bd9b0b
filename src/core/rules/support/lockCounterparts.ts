/**
 * A release function whose acquiring counterpart lives in another module (`locks/release.py: release_lock(key)`
 * deleting the key that `locks/acquire.py: acquire_lock(key)` takes with SET NX): the project acquires that lock,
 * so the plain DEL releases it without checking ownership, like a release next to its acquire.
 */
import type { RuleContext } from '../rule';
import { namesLockAcquire, namesLockRelease, wordsOf } from './names';

const RELEASE_WORDS = new Set(['release', 'unlock', 'drop', 'free', 'remove', 'delete', 'del', 'relinquish', 'unset']);
const ACQUIRE_WORDS = ['acquire', 'get', 'take', 'obtain', 'grab', 'try', 'set', 'create', 'add'];

function snake(words: readonly string[]): string {
  return words.join('_');
}

function camel(words: readonly string[]): string {
  return words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

/** `release_lock` → `acquire_lock`, `get_lock`, ...; `unlockJob` → `lockJob`, ... (snake and camel case). */
export function acquireNamesFor(releaseName: string): string[] {
  const words = wordsOf(releaseName);
  const at = words.findIndex((word) => RELEASE_WORDS.has(word));
  if (at < 0) return [];
  const replacements = words[at] === 'unlock' ? ['lock', ...ACQUIRE_WORDS.map((verb) => `${verb} lock`)] : ACQUIRE_WORDS;
  const names = new Set<string>();
  for (const replacement of replacements) {
    const candidate = [...words.slice(0, at), ...replacement.split(' '), ...words.slice(at + 1)];
    names.add(snake(candidate));
    names.add(camel(candidate));
  }
  return [...names];
}

/** The function releasing a lock by name has an acquiring counterpart in another file that sends SET (NX) or SETNX. */
export function acquiredByCounterpart(context: RuleContext, functionName: string | undefined): boolean {
  if (!functionName || !namesLockRelease(functionName) || !context.projectHelpers) return false;
  const path = context.model.path;
  return acquireNamesFor(functionName).some((name) => context.projectHelpers!(name).some((helper) => helper.path !== path && (helper.command === 'SET' || helper.command === 'SETNX')));
}

const CALLED_WITH = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)\s*\(\s*(?:await\s+)?([^,()]+?)\s*[,)]/g;

/**
 * The file takes the lock through a helper of another module (`await acquireLock(lockKey, 30)` whose one command
 * there is SET/SETNX) on the same key expression it deletes: a request's own DEL of `lockKey` then releases the lock
 * that helper took, as if SET NX were written in the file.
 */
export function acquiredThroughHelper(context: RuleContext, keyText: string): boolean {
  if (!context.projectHelpers) return false;
  const path = context.model.path;
  const key = keyText.trim();
  for (const match of context.model.text.matchAll(CALLED_WITH)) {
    if (match[2].trim() !== key || !namesLockAcquire(match[1]) || namesLockRelease(match[1])) continue;
    if (context.projectHelpers(match[1]).some((helper) => helper.path !== path && (helper.command === 'SET' || helper.command === 'SETNX'))) return true;
  }
  return false;
}
