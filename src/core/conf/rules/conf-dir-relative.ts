/** conf-dir-relative: a relative `dir` puts RDB/AOF files wherever the server was started. */
import type { ConfRule } from '../rule';

export const confDirRelative: ConfRule = {
  id: 'conf-dir-relative',
  code: 'RC068',
  severity: 'warning',
  category: 'durability',
  summary: 'Relative `dir`.',
  rationale: 'Files land in the working directory of whoever started Redis. Debian\'s systemd unit makes everything read-only except /var/lib/redis, /var/log/redis and /run/redis, so saves then fail.',
  bad: 'dir ./',
  good: 'dir /var/lib/redis',
  check(context) {
    const directive = context.last('dir');
    const value = directive?.args[0]?.value ?? '';
    if (!directive || value.startsWith('/')) return [];
    return [{ message: `dir "${value}" is relative to the directory Redis starts in; use an absolute path such as /var/lib/redis.`, ...context.argRange(directive, 0) }];
  },
};
