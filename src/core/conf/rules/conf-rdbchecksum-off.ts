/** conf-rdbchecksum-off: snapshots without checksums cannot be verified. */
import type { ConfRule } from '../rule';

export const confRdbchecksumOff: ConfRule = {
  id: 'conf-rdbchecksum-off',
  code: 'RC070',
  severity: 'warning',
  category: 'durability',
  summary: '`rdbchecksum no`.',
  rationale: 'Without the CRC64 trailer neither Redis at load nor redis-check-rdb can detect a corrupted snapshot or backup; the saving is about 10% of save time.',
  bad: 'rdbchecksum no',
  good: 'rdbchecksum yes',
  sentinel: false,
  check(context) {
    const directive = context.last('rdbchecksum');
    if (!directive || context.bool('rdbchecksum')) return [];
    return [{ message: 'Snapshots without checksum: corrupted RDB files and backups go undetected.', ...context.argRange(directive, 0), fixes: [context.setFix('Set rdbchecksum yes', 'rdbchecksum', 'yes')] }];
  },
};
