/**
 * Per-slot statistics of every Cluster master where the server has CLUSTER SLOT-STATS (Valkey 8+): one
 * `SLOTSRANGE 0 16383` call per master answers that master's own slots. Whether the command exists is asked of
 * the server (COMMAND INFO), not inferred from a version number, since Valkey reports redis_version 7.2.4.
 */
import type Redis from 'ioredis';
import { CLUSTER_SLOTS, parseSlotStats, summarizeSlotSkew, type SlotSkewSummary } from '../../core/memory/slotStats';
import type { AnalysisNode } from './analysisNodes';

/** True when the server lists CLUSTER SLOT-STATS in its command table. */
export async function hasSlotStats(connection: Redis): Promise<boolean> {
  try {
    const reply = (await connection.call('COMMAND', 'INFO', 'cluster|slot-stats')) as unknown;
    return Array.isArray(reply) && Array.isArray(reply[0]);
  } catch {
    return false;
  }
}

/**
 * The slot skew of the analysed masters, or undefined where the server has no CLUSTER SLOT-STATS, the nodes
 * are replicas (their counters describe the same slots as their masters) or a master refuses the command.
 */
export async function readSlotSkew(nodes: AnalysisNode[]): Promise<SlotSkewSummary | undefined> {
  const masters = nodes.filter((n) => n.role === 'master');
  if (masters.length === 0 || !(await hasSlotStats(masters[0].inspectConnection))) return undefined;
  try {
    const perNode = await Promise.all(
      masters.map(async (node) => ({
        node: node.address,
        stats: parseSlotStats(await node.inspectConnection.call('CLUSTER', 'SLOT-STATS', 'SLOTSRANGE', '0', String(CLUSTER_SLOTS - 1))),
      })),
    );
    return summarizeSlotSkew(perNode);
  } catch {
    // An ACL without cluster|slot-stats, or a master that went away: the key analysis stands without the section.
    return undefined;
  }
}
