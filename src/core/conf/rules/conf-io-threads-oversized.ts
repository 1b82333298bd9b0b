/** conf-io-threads-oversized: too many I/O threads, or I/O threads with TLS on Redis 7.x. */
import { serverLabel } from '../catalogue';
import type { ConfRule } from '../rule';

export const confIoThreadsOversized: ConfRule = {
  id: 'conf-io-threads-oversized',
  code: 'RC085',
  severity: 'warning',
  category: 'latency',
  summary: '`io-threads` above 8, or above 1 together with TLS on Redis 7.x.',
  rationale: 'I/O threads help only network-bound servers with spare cores; more than 8 rarely helps and steals CPU from the main thread. In Redis 7.x they do not work with TLS (Valkey 8 offloads TLS connections too). They cannot be changed at runtime.',
  bad: 'io-threads 16',
  good: 'io-threads 4',
  sentinel: false,
  check(context) {
    const directive = context.last('io-threads');
    const threads = context.integer('io-threads');
    if (!directive || threads === undefined) return [];
    if (threads > 8) return [{ message: `io-threads ${threads}: more than 8 rarely helps and competes with the main thread; leave a core free.`, ...context.argRange(directive, 0) }];
    // Valkey 8's I/O threads read and write TLS connections as well; Redis 7.x keeps TLS on the main thread.
    if (threads > 1 && context.integer('tls-port') && context.serverBuild.product === 'redis') {
      return [{ message: `io-threads ${threads} with TLS: ${serverLabel(context.server)} does not use I/O threads for TLS connections.`, ...context.argRange(directive, 0) }];
    }
    return [];
  },
};
