/** conf-activedefrag-unsupported-build: activedefrag yes is fatal on Debian/Ubuntu builds (system jemalloc). */
import type { ConfRule } from '../rule';

export const confActivedefragUnsupportedBuild: ConfRule = {
  id: 'conf-activedefrag-unsupported-build',
  code: 'RC011',
  severity: 'error',
  category: 'version',
  summary: '`activedefrag yes` on a server built without Redis\' bundled jemalloc.',
  rationale: 'Debian and Ubuntu packages link the system jemalloc: "activedefrag yes" is a FATAL config error there (verified on Debian 12, Redis 7.0.15). Enable it only on upstream builds, and only when fragmentation is observed.',
  bad: 'activedefrag yes',
  good: 'activedefrag no',
  sentinel: false,
  check(context) {
    const directive = context.last('activedefrag');
    if (!directive || !context.bool('activedefrag')) return [];
    return [{
      message: 'activedefrag yes is fatal on Debian/Ubuntu builds of Redis ("requires a Redis server compiled with a modified Jemalloc"). Keep it for upstream builds, and only when fragmentation is measured.',
      ...context.lineRange(directive),
      fixes: [context.setFix('Set activedefrag no', 'activedefrag', 'no')],
    }];
  },
};
