/**
 * Loops whose rounds each talk to another server or connection (a Cluster's nodes, a client per host, a queue's
 * own connection): there is nothing to batch across rounds.
 */
import type { RedisCallSite } from '../rule';

/**
 * `for node in cluster.nodes(): node.dbsize()`, `for host in hosts: c = Redis(host); c.info()`: each round talks
 * to another server or connection (the loop item, or a client created in the loop), so there is nothing to batch.
 */
export function talksToAnotherConnectionEachRound(site: RedisCallSite, text: string): boolean {
  const loop = site.loop!;
  const root = /^[A-Za-z_$][\w$]*/.exec(site.receiver.text)?.[0];
  if (root && loop.items?.includes(root)) return true;
  const created = /^creation:(\d+)$/.exec(site.receiver.identity)?.[1];
  if (created !== undefined && Number(created) >= loop.span.startOffset && Number(created) < loop.span.endOffset) return true;
  return !!root && !!loop.items && derivedFromItemInRound(root, loop.items, text.slice(loop.span.startOffset, site.callSpan.startOffset));
}

/** How many assignments back a round's local is followed to the loop item (`queue = queues[i]; conn = queue.connection`). */
const DERIVATION_DEPTH = 3;

/**
 * `for index in indexes: queue = get_queue(index); queue.connection.llen(...)`: the receiver is a local the round
 * assigns from its item (directly or through another such local), so each round may talk to another connection.
 */
function derivedFromItemInRound(name: string, items: readonly string[], roundText: string, depth = 0): boolean {
  if (depth >= DERIVATION_DEPTH || !/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const assignment = new RegExp(`(?:^|[\\s;{(])(?:(?:const|let|var)\\s+)?${name.replace(/[$]/g, '\\$')}\\s*(?::[^=\\n]*)?=(?![=>])([^\\n;]*)`, 'g');
  for (let match = assignment.exec(roundText); match; match = assignment.exec(roundText)) {
    const used = match[1].match(/[A-Za-z_$][\w$]*/g) ?? [];
    if (used.some((word) => items.includes(word))) return true;
    if (used.some((word) => word !== name && derivedFromItemInRound(word, items, roundText.slice(0, match!.index), depth + 1))) return true;
  }
  return false;
}
