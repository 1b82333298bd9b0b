/** One Cluster master holds far more memory than the average: a big key or a hot hash tag. */
import { formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

const RATIO = 1.5;
const MIN_EXCESS = 1024 * 1024;

export const clusterMemoryImbalance: Recommendation = {
  id: 'cluster-memory-imbalance',
  severity: 'warning',
  title: 'Memory imbalance across Cluster masters',
  rationale: 'The fullest master hits maxmemory first and evicts or refuses writes while the others have room; the cause is usually a few big keys or a hash tag that pins many keys to one slot.',
  check({ facts, report }) {
    if (!facts.cluster || report.nodes.length < 2) return undefined;
    const average = report.nodes.reduce((sum, n) => sum + n.memoryBytes, 0) / report.nodes.length;
    const fullest = [...report.nodes].sort((a, b) => b.memoryBytes - a.memoryBytes)[0];
    if (fullest.memoryBytes < average * RATIO || fullest.memoryBytes - average < MIN_EXCESS) return undefined;
    const biggest = report.topKeysByMemory.filter((k) => k.node === fullest.node).slice(0, 3);
    return {
      evidence: `${fullest.node} holds ${formatBytes(fullest.memoryBytes)} of key memory vs an average of ${formatBytes(average)} per master${biggest.length ? `; its biggest keys: ${biggest.map((k) => `${k.key} (${formatBytes(k.memoryBytes)})`).join(', ')}` : ''}.`,
      action: 'Split the big keys listed (or remove the hash tag that groups them), then rebalance slots by memory: redis-cli --cluster rebalance <host:port> --cluster-weight <node-id>=<w>.',
      examples: biggest.map((k) => k.key),
    };
  },
};
