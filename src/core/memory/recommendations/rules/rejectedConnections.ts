/** Connections were rejected because maxclients was reached. */
import { formatCount } from '../evidence';
import { sumInfo } from '../../serverFacts';
import type { Recommendation } from '../recommendation';

export const rejectedConnections: Recommendation = {
  id: 'rejected-connections',
  severity: 'warning',
  title: 'Connections were rejected',
  rationale: 'rejected_connections counts clients refused because maxclients was reached; those requests failed outright.',
  check({ facts }) {
    const rejected = sumInfo(facts, 'rejected_connections');
    if (rejected === 0) return undefined;
    return {
      evidence: `rejected_connections is ${formatCount(rejected)} (maxclients ${facts.nodes[0]?.config.maxclients ?? '?'}, connected_clients ${facts.nodes[0]?.info.connected_clients ?? '?'}).`,
      action: 'Find the clients that open connections per request (CLIENT LIST, grouped by addr/name) and pool them; raise maxclients (and the file descriptor limit) only if the count is legitimate.',
    };
  },
};
