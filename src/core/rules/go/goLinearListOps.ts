/**
 * expensive-linear-list-ops on Go: LREM, LPOS and LINSERT, and LINDEX/LSET away from the head or tail, walk the
 * list; LREM on a reliable queue's in-flight list (a worker's processing list) stays short and is not reported.
 */
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { isInFlightKey } from '../support/sites';
import { isNumber } from './goSupport';
import { escapeRegExp } from '../../analysis/keyReferences';

/** Commands that move an element from one list into another: the destination is the mover's in-flight list. */
const LIST_MOVES = new Set(['RPOPLPUSH', 'BRPOPLPUSH', 'LMOVE', 'BLMOVE']);

/**
 * The list an LREM works on is a reliable queue's in-flight list: its key names that role (`processingKey`,
 * `"jobs:active"`, see isInFlightKey), or it is a variable that a list move of the file fills
 * (`BRPopLPush(ctx, queue, procList, timeout)`) or that is assigned such a name
 * (`procList := fmt.Sprintf(cfg.ProcessingListPattern, id)`). The list holds only the jobs taken and not yet
 * finished, so removing a finished one stays short. A key built by a call (`r.queueName(queue)`) is matched by its
 * name alone: the same call on another function's parameter names another list.
 */
export function inFlightList(text: string, sites: readonly RedisCallSite[], site: RedisCallSite): boolean {
  const key = site.args[0]?.text.trim() ?? '';
  if (!key) return false;
  if (inFlightName(key)) return true;
  if (!/^[A-Za-z_]\w*$/.test(key)) return false;
  if (sites.some((move) => LIST_MOVES.has(move.command) && move.args[1]?.text.trim() === key)) return true;
  for (const match of text.matchAll(new RegExp(`\\b${escapeRegExp(key)}\\s*:?=\\s*([^\\n]+)`, 'g'))) if (inFlightName(match[1])) return true;
  return false;
}

/** Go workers also name the list by the message's state: `f.inprogressQueue()`, `"queue:in_progress"`. */
function inFlightName(key: string): boolean {
  return isInFlightKey(key) || /in_?progress|in-progress/i.test(key);
}

export function goExpensiveLinearListOps(context: RuleContext): void {
  for (const site of context.model.callSites) {
    const always = site.command === 'LREM' || site.command === 'LINSERT' || site.command === 'LPOS';
    const byIndex = (site.command === 'LINDEX' || site.command === 'LSET') && !isNumber(site.args[1], 0) && !isNumber(site.args[1], -1);
    if (!always && !byIndex) continue;
    if (site.command === 'LREM' && inFlightList(context.model.text, context.model.callSites, site)) continue;
    context.report({ messageId: '{{command}} walks the list element by element (O(N)) on the server\'s single thread; keep a set or sorted set (or a hash by id) beside the list for lookups and removals.', data: { command: site.command }, span: site.span });
  }
}
