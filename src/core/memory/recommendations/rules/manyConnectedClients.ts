/** More than 100 connected clients: usually a connection per request instead of a pool. */
import { nodeInfo } from '../../serverFacts';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';

const THRESHOLD = 100;

export const manyConnectedClients: Recommendation = {
  id: 'many-connected-clients',
  severity: 'warning',
  title: "Don't open a new connection for every request",
  rationale: 'Each connection costs a file descriptor, a query buffer and an output buffer; connection storms come from clients created per request instead of one shared, pooled client.',
  check({ facts }) {
    const busy = facts.nodes
      .map((node) => ({ node: node.node, clients: nodeInfo(node, 'connected_clients') ?? 0 }))
      .filter((n) => n.clients > THRESHOLD);
    if (busy.length === 0) return undefined;
    return {
      evidence: `connected_clients above ${THRESHOLD}: ${busy.map((n) => `${n.node} has ${formatCount(n.clients)}`).join(', ')}.`,
      action: 'Create the Redis client once per process and reuse it (redis-py: one ConnectionPool(max_connections=...); ioredis: one Redis instance per process); close clients in short-lived jobs.',
      examples: busy.map((n) => n.node),
    };
  },
};
