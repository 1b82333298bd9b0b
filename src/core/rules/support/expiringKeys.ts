/**
 * Collections the project gives a TTL: a job's result list expired after five minutes, the pages of one search
 * kept for an hour, a staging batch. The rules decide per collection type what that says: a list filled for one
 * job holds what that job added, while a set whose TTL every write renews is a sliding window that can grow.
 */
import type { FileModel } from '../../analysis/model';
import type { WorkspaceKeyFacts } from '../rule';
import { siteKey, type KeyRef } from './collectionKeys';

export const KEY_EXPIRES: readonly string[] = ['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT'];
const EXPIRES = new Set(KEY_EXPIRES);

/**
 * A check of whether a key is given a TTL: by this file (the same key expression or pattern) or, for a key
 * with a pattern, by any file of the workspace (the writer and the reader are often different modules).
 */
export function expiringKeys(model: FileModel, workspaceKeys?: WorkspaceKeyFacts): (ref: KeyRef) => boolean {
  const local = new Set<string>();
  for (const site of model.callSites) {
    if (!EXPIRES.has(site.command)) continue;
    const ref = siteKey(model, site);
    if (ref) local.add(ref.identity);
  }
  return (ref) => local.has(ref.identity) || (!!ref.pattern && (workspaceKeys?.hasCommandOnKey(KEY_EXPIRES, ref.pattern) ?? false));
}
