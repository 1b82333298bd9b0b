/** conf-cache-noeviction: a cache with noeviction (the default) fails writes when full instead of evicting. */
import type { ConfRule } from '../rule';

export const confCacheNoeviction: ConfRule = {
  id: 'conf-cache-noeviction',
  code: 'RC023',
  severity: 'error',
  category: 'memory',
  summary: 'Cache or rate limiter with `maxmemory-policy noeviction`.',
  rationale: 'noeviction is the default. When the cache is full every write returns an OOM error instead of evicting cold keys, so the application fails exactly when it is busiest.',
  bad: '# redis-review: workload=cache\nmaxmemory 1gb\nsave ""',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    if ((context.workload !== 'cache' && context.workload !== 'ratelimit') || context.value('maxmemory-policy').toLowerCase() !== 'noeviction') return [];
    const directive = context.last('maxmemory-policy');
    const policy = context.workload === 'ratelimit' ? 'volatile-ttl' : 'allkeys-lru';
    return [{
      message: `This ${context.workload} uses noeviction${directive ? '' : ' (the default)'}: when memory is full writes fail with OOM instead of evicting. Use ${policy}.`,
      ...(directive ? context.argRange(directive, 0) : context.fileRange()),
      fixes: [context.setFix(`Set maxmemory-policy ${policy}`, 'maxmemory-policy', policy)],
    }];
  },
};
