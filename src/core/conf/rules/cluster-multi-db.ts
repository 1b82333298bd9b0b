/** cluster-multi-db: Cluster serves only database 0. */
import type { ConfRule } from '../rule';

export const clusterMultiDb: ConfRule = {
  id: 'cluster-multi-db',
  code: 'RC142',
  severity: 'info',
  category: 'cluster',
  summary: '`databases` above 1 with `cluster-enabled yes`.',
  rationale: 'Redis Cluster supports only database 0 and refuses SELECT of any other; the setting suggests a design that cannot work.',
  bad: 'cluster-enabled yes\ndatabases 16',
  good: 'cluster-enabled yes\ndatabases 1',
  sentinel: false,
  check(context) {
    const directive = context.last('databases');
    if (!directive || !context.bool('cluster-enabled') || (context.integer('databases') ?? 16) <= 1) return [];
    return [{ message: 'Cluster serves only database 0; SELECT of other databases fails.', ...context.argRange(directive, 0) }];
  },
};
