/** conf-implicit-default-save: no `save` line means the built-in snapshot points, not "no snapshots". */
import type { ConfRule } from '../rule';
import { isEphemeralWorkload } from '../workloads';

export const confImplicitDefaultSave: ConfRule = {
  id: 'conf-implicit-default-save',
  code: 'RC061',
  severity: 'warning',
  category: 'durability',
  summary: 'No `save` directive in a file meant to run without snapshots.',
  rationale: 'Without any save line Redis 7.0 snapshots at 3600 1 / 300 100 / 60 10000: unexpected forks and disk writes. Write `save ""` to disable snapshots explicitly.',
  bad: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    if (context.explicit('save')) return [];
    const ephemeral = isEphemeralWorkload(context.workload);
    if (context.workload && !ephemeral) return [];
    return [{
      message: ephemeral
        ? `No save line: this ${context.workload} will still fork and write RDB snapshots (default 3600 1 300 100 60 10000). Add save "".`
        : 'No save line: Redis snapshots with its defaults (3600 1 300 100 60 10000). Write the save points, or save "" to disable them, explicitly.',
      severity: ephemeral ? 'warning' : 'info',
      ...context.fileRange(),
      fixes: [context.appendFix('Add save ""', 'save ""')],
    }];
  },
};
