/** conf-aof-without-preamble: aof-use-rdb-preamble no makes rewrites and restarts slower. */
import type { ConfRule } from '../rule';

export const confAofWithoutPreamble: ConfRule = {
  id: 'conf-aof-without-preamble',
  code: 'RC065',
  severity: 'info',
  category: 'durability',
  summary: '`aof-use-rdb-preamble no`.',
  rationale: 'With the RDB preamble (the default) a rewritten AOF starts with a compact snapshot: smaller files, faster rewrites and much faster restarts.',
  bad: 'appendonly yes\naof-use-rdb-preamble no',
  good: 'appendonly yes\naof-use-rdb-preamble yes',
  sentinel: false,
  check(context) {
    const directive = context.last('aof-use-rdb-preamble');
    if (!directive || context.bool('aof-use-rdb-preamble')) return [];
    return [{ message: 'Without the RDB preamble, AOF rewrites and restarts are slower.', ...context.argRange(directive, 0), fixes: [context.setFix('Set aof-use-rdb-preamble yes', 'aof-use-rdb-preamble', 'yes')] }];
  },
};
