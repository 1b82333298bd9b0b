/** The last background save failed: with stop-writes-on-bgsave-error yes, writes are being refused. */
import type { Recommendation } from '../recommendation';

export const rdbSaveFailed: Recommendation = {
  id: 'rdb-save-failed',
  severity: 'error',
  title: 'The last RDB snapshot failed',
  rationale: 'A failed BGSAVE (disk full, permissions, fork failed for lack of memory) leaves no recent snapshot, and by default (stop-writes-on-bgsave-error yes) the server refuses writes until a save succeeds.',
  check({ facts }) {
    const failed = facts.nodes.filter((node) => node.info.rdb_last_bgsave_status === 'err');
    if (failed.length === 0) return undefined;
    return {
      evidence: `rdb_last_bgsave_status:err on ${failed.map((n) => n.node).join(', ')}.`,
      action: 'Read the server log for the cause (disk space in "dir", permissions, "Can\'t save in background: fork"), fix it, then run BGSAVE and check INFO persistence; set vm.overcommit_memory=1 if fork fails.',
    };
  },
};
