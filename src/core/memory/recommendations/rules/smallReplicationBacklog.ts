/** The replication backlog holds less than a minute of writes: a short replica disconnect forces a full resync. */
import { configNumber, nodeInfo } from '../../serverFacts';
import { formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

const WINDOW_SECONDS = 60;

export const smallReplicationBacklog: Recommendation = {
  id: 'small-replication-backlog',
  severity: 'warning',
  title: 'Replication backlog too small for the write rate',
  rationale: 'A replica that reconnects can resume only if the bytes it missed are still in repl-backlog-size; otherwise it needs a full sync (fork, RDB transfer, reload) — slow and memory-hungry on big datasets.',
  check({ facts }) {
    const short = facts.nodes
      .map((node) => ({
        node,
        backlog: configNumber(node, 'repl-backlog-size') ?? nodeInfo(node, 'repl_backlog_size') ?? 0,
        rate: node.writeRateBytesPerSecond ?? 0,
        replicas: nodeInfo(node, 'connected_slaves') ?? 0,
      }))
      .filter((n) => n.replicas > 0 && n.rate > 0 && n.backlog < n.rate * WINDOW_SECONDS);
    if (short.length === 0) return undefined;
    const needed = Math.max(...short.map((n) => n.rate * WINDOW_SECONDS * 2));
    return {
      evidence: short
        .map((n) => `${n.node.node}: replication stream ${formatBytes(n.rate)}/s during the analysis, backlog ${formatBytes(n.backlog)} (${(n.backlog / n.rate).toFixed(1)} s of writes)`)
        .join('; ') + '.',
      action: `repl-backlog-size ${Math.ceil(needed / 1024 / 1024)}mb (two minutes of writes at the measured rate; CONFIG SET takes effect at once).`,
    };
  },
};
