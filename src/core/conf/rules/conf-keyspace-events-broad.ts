/** conf-keyspace-events-broad: notify-keyspace-events with every class. */
import type { ConfRule } from '../rule';

export const confKeyspaceEventsBroad: ConfRule = {
  id: 'conf-keyspace-events-broad',
  code: 'RC087',
  severity: 'info',
  category: 'latency',
  summary: '`notify-keyspace-events` enabling all classes (A).',
  rationale: 'Every write then publishes one or two messages: CPU on every command and buffers for subscribers. Enable only the classes you consume (e.g. Ex for expirations).',
  bad: 'notify-keyspace-events KEA',
  good: 'notify-keyspace-events Ex',
  sentinel: false,
  check(context) {
    const directive = context.last('notify-keyspace-events');
    if (!directive || !(directive.args[0]?.value ?? '').includes('A')) return [];
    return [{ message: 'All event classes are published on every write; enable only the ones you consume.', ...context.argRange(directive, 0) }];
  },
};
