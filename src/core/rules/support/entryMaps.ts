/**
 * Global hashes that map entries (a token, a room, a user) to values, told by how the project changes them: one
 * fixed key whose fields are removed one at a time (HDEL when a room closes or a user logs out) or added only if
 * absent (HSETNX per login) holds an entry per thing currently registered, however it is filled. HGETALL of such a
 * hash returns every entry. A per-entity key (`user:{id}`) is left out: HDEL of one field of a record (`csrf`,
 * `flash`) is housekeeping on that record, not an entry leaving.
 */
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { siteKey, type KeyRef } from './collectionKeys';

const ENTRY_CHANGES = ['HDEL', 'HSETNX'];

/** The field argument is written in the code (`hdel(k, "flash")`, `hsetnx(k, 1, 0.1)`), not an entry computed at run time. */
function literalField(site: RedisCallSite): boolean {
  const field = site.args[1];
  return !!field && !field.spread && /^(["'`])[^"'`$]*\1$|^-?\d+(\.\d+)?$/.test(field.text.trim());
}

export function isGlobalEntryMap(context: RuleContext, ref: KeyRef): boolean {
  const key = ref.pattern;
  if (!key || key.includes('*')) return false;
  const inFile = context.model.callSites.some((site) => ENTRY_CHANGES.includes(site.command) && !literalField(site) && siteKey(context.model, site)?.identity === ref.identity);
  // The index knows the command, not its field: only removals count there (a demo's HSETNX of fields 1 and 2 is
  // no registry), and they need the field check no more than a HDEL of one record field would on a global key.
  return inFile || !!context.workspaceKeys?.hasCommandOnKey(['HDEL'], key);
}
