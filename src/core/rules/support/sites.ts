/** Queries over a file's call sites that several rules share. */
import { keyPatternOf } from '../../analysis/argumentValues';
import type { FileModel, RedisCallSite } from '../../analysis/model';

export function sitesWith(model: FileModel, commands: ReadonlySet<string> | readonly string[]): RedisCallSite[] {
  const set = commands instanceof Set ? commands : new Set(commands as readonly string[]);
  return model.callSites.filter((site) => set.has(site.command));
}

/** Key patterns (first argument) of the file's calls of these commands. */
export function keysOf(model: FileModel, commands: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const site of sitesWith(model, commands)) {
    const key = keyPatternOf(site.args[0]);
    if (key) out.add(key);
  }
  return out;
}

/** Where a site's enclosing function starts (-1 at module level): equal for sites that run in the same function. */
export function functionStartOf(site: RedisCallSite): number {
  return site.enclosingFunction?.span.startOffset ?? -1;
}

/**
 * The sites of each function in document order, and each site's place in its function's list: rules that look
 * at neighbouring calls of one function walk that list, not the whole file (big files have thousands of sites).
 */
export function sitesByFunction(sites: readonly RedisCallSite[]): { groups: Map<number, RedisCallSite[]>; place: Map<RedisCallSite, number> } {
  const groups = new Map<number, RedisCallSite[]>();
  const place = new Map<RedisCallSite, number>();
  for (const site of sites) {
    const start = functionStartOf(site);
    let group = groups.get(start);
    if (!group) groups.set(start, (group = []));
    place.set(site, group.length);
    group.push(site);
  }
  return { groups, place };
}

/** Key names that look like locks. */
export const LOCK_KEY = /(^|[:_.{-])(lock|locks|mutex|lease|semaphore)([:_.}-]|$)|lock:|_lock\b|^lock/i;

const ENTITY_FIELD = /(^|[._\s])(id|uid|user\w*|session\w*|token|key|email|ip|visitor\w*|member|device\w*|order\w*|item\w*|sku|slug|url|path)$/i;

/**
 * Hash keys this file fills with a field per entity (a growing map), as opposed to object-shaped hashes with
 * fixed fields: HSET/HSETNX/HINCRBY with a positional field that is computed and named like an id.
 */
export function growingHashes(model: FileModel): Set<string> {
  const out = new Set<string>();
  for (const site of model.callSites) {
    if (site.command !== 'HSET' && site.command !== 'HSETNX' && site.command !== 'HINCRBY' && site.command !== 'HINCRBYFLOAT') continue;
    const key = keyPatternOf(site.args[0]);
    const field = site.args[1];
    if (!key || !field || site.args.length < 3 || site.keywords.mapping) continue;
    if (field.value.kind === 'pattern' || ((field.value.kind === 'name' || field.value.kind === 'unknown') && ENTITY_FIELD.test(field.text.trim()))) out.add(key);
  }
  return out;
}

/**
 * Keys of in-flight work lists (a reliable queue's processing/active list): they hold only what workers are
 * running right now, so whole reads and LREM on them stay small by design.
 */
export function isInFlightKey(keyText: string): boolean {
  return /process|active|inflight|in_flight|working|running|lease|claimed|reserved/i.test(keyText);
}

/**
 * Commands that cap a collection at a count: a key trimmed anywhere stays bounded. Trimming by score (an expiry
 * window) or popping does not cap it: the window holds whatever arrived within it.
 */
export const TRIM_COMMANDS = ['LTRIM', 'ZREMRANGEBYRANK', 'XTRIM'];

/** The keys this file trims (one pass over the sites), and a check that also asks the workspace. */
export function trimmedKeys(sites: readonly RedisCallSite[], workspaceKeys?: { hasCommandOnKey(commands: readonly string[], keyPattern: string): boolean }): (key: string | undefined) => boolean {
  const local = new Set<string>();
  for (const site of sites) {
    if (!TRIM_COMMANDS.includes(site.command)) continue;
    const key = keyPatternOf(site.args[0]);
    if (key) local.add(key);
  }
  return (key) => !!key && (local.has(key) || (workspaceKeys?.hasCommandOnKey(TRIM_COMMANDS, key) ?? false));
}
