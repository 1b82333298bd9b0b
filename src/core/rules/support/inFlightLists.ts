/**
 * Lists that hold only the items of calls still running: a function pushes its own item (`rpush("tasks", task_id)`)
 * and removes that same item again before it returns (`lrem("tasks", 0, task_id)`). Such a registry of work in
 * progress is as long as the calls running at once, whatever the traffic: an LREM or a DEL on it stays cheap.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { siteKey } from './collectionKeys';

const PUSHES = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);

const listsByModel = new WeakMap<FileModel, Set<string>>();

function functionStart(site: RedisCallSite): number {
  return site.enclosingFunction?.span.startOffset ?? -1;
}

/**
 * Identities (see siteKey) of the lists every push of which, in this file, is of one item that the pushing
 * function LREMs from the same list after the push. A list also pushed elsewhere without that removal (a log
 * appended per event) is not one; neither is a push at module level, which no call ever undoes.
 */
export function inFlightLists(model: FileModel): Set<string> {
  const known = listsByModel.get(model);
  if (known) return known;
  const removals = new Map<string, number[]>();
  for (const site of model.callSites) {
    const key = site.command === 'LREM' && site.args.length >= 3 ? siteKey(model, site) : undefined;
    if (!key) continue;
    const scope = `${functionStart(site)}|${key.identity}|${site.args[2].text.trim()}`;
    removals.set(scope, [...(removals.get(scope) ?? []), site.span.startOffset]);
  }
  const paired = new Set<string>();
  const unpaired = new Set<string>();
  for (const site of model.callSites) {
    if (!PUSHES.has(site.command)) continue;
    const key = siteKey(model, site);
    if (!key) continue;
    const value = site.args.length === 2 && !site.args[1].spread ? site.args[1].text.trim() : undefined;
    const after = value !== undefined && site.enclosingFunction ? removals.get(`${functionStart(site)}|${key.identity}|${value}`) : undefined;
    if (after?.some((offset) => offset > site.span.startOffset)) paired.add(key.identity);
    else unpaired.add(key.identity);
  }
  for (const identity of unpaired) paired.delete(identity);
  listsByModel.set(model, paired);
  return paired;
}
