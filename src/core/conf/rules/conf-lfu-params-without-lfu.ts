/** conf-lfu-params-without-lfu: LFU tuning has no effect unless the policy is an LFU one. */
import type { ConfRule } from '../rule';

export const confLfuParamsWithoutLfu: ConfRule = {
  id: 'conf-lfu-params-without-lfu',
  code: 'RC026',
  severity: 'info',
  category: 'memory',
  summary: '`lfu-log-factor`/`lfu-decay-time` set while the policy is not `*-lfu`.',
  rationale: 'These only shape LFU counters; with an LRU or noeviction policy they do nothing and suggest a tuning that is not in effect.',
  bad: 'maxmemory-policy allkeys-lru\nlfu-log-factor 20',
  good: 'maxmemory-policy allkeys-lfu\nlfu-log-factor 20',
  sentinel: false,
  check(context) {
    if (context.value('maxmemory-policy').toLowerCase().endsWith('-lfu')) return [];
    return [...context.all('lfu-log-factor'), ...context.all('lfu-decay-time')].map((directive) => ({
      message: `${directive.name} has no effect with maxmemory-policy ${context.value('maxmemory-policy')}.`,
      ...context.lineRange(directive),
    }));
  },
};
