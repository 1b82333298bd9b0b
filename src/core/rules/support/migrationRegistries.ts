/**
 * Registries of applied migrations: a set (or hash, or sorted set) whose key says it holds migrations
 * (`schema_applied_migrations`, `APPLIED_MIGRATIONS_KEY`, `migrations:done`) gains one member per migration the code
 * base ships, however many records the application holds, so reading it whole reads a few dozen ids.
 *
 * The key must end in the word: `migration:{id}:keys` holds the keys one migration touched (as many as the data),
 * `migrated_users` the users a migration has moved (as many as the users). Lists are left out: a migration log gains an
 * entry per run.
 */
import type { KeyRef } from '../../analysis/keyReferences';
import { nameWords } from '../../analysis/nameWords';

/** How a key expression is built rather than what it holds (`self.APPLIED_MIGRATIONS_KEY`, `f"{prefix}:migrations"`). */
const PLUMBING = new Set(['self', 'this', 'cls', 'key', 'name', 'prefix', 'redis', 'f', 'get', 'make', 'build']);

/** The last word of what the key names, leaving out interpolated parts and plumbing. */
function lastWord(text: string): string | undefined {
  const named = text.replace(/\$?\{[^{}]*\}|\*/g, ' ');
  const meaningful = nameWords(named).filter((word) => !PLUMBING.has(word));
  return meaningful[meaningful.length - 1];
}

export function isMigrationRegistry(ref: KeyRef, command: string): boolean {
  if (command === 'LRANGE' || command === 'XRANGE' || command === 'XREVRANGE') return false;
  return [ref.pattern, ref.source].some((text) => text !== undefined && /^migrations?$/.test(lastWord(text) ?? ''));
}
