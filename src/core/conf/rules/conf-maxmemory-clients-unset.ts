/** conf-maxmemory-clients-unset: fan-out workloads should cap the memory of all client buffers (7.0+). */
import type { ConfRule } from '../rule';

export const confMaxmemoryClientsUnset: ConfRule = {
  id: 'conf-maxmemory-clients-unset',
  code: 'RC027',
  severity: 'info',
  category: 'memory',
  summary: 'Pub/Sub fan-out without `maxmemory-clients`.',
  rationale: 'Subscriber output buffers count toward memory. Since 7.0, maxmemory-clients caps all client buffers together and disconnects the biggest consumers first.',
  bad: '# redis-review: workload=pubsub\nmaxmemory 1gb\nsave ""',
  good: '# redis-review: workload=pubsub\nmaxmemory 1gb\nmaxmemory-clients 10%\nsave ""',
  sentinel: false,
  check(context) {
    if (context.workload !== 'pubsub' || context.value('maxmemory-clients') !== '0') return [];
    return [{
      message: 'Pub/Sub fan-out without maxmemory-clients: slow subscribers can buffer unbounded memory. Set e.g. maxmemory-clients 10%.',
      ...context.fileRange(),
      fixes: [context.setFix('Set maxmemory-clients 10%', 'maxmemory-clients', '10%')],
    }];
  },
};
