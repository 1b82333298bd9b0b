/** The last AOF rewrite or AOF write failed. */
import type { Recommendation } from '../recommendation';

export const aofWriteFailed: Recommendation = {
  id: 'aof-write-failed',
  severity: 'error',
  title: 'AOF rewrite or write failed',
  rationale: 'A failed AOF rewrite leaves the append-only file growing; a failed AOF write means acknowledged writes may not be durable, and the server refuses writes while it cannot fsync.',
  check({ facts }) {
    const failed = facts.nodes.filter(
      (node) => node.info.aof_last_bgrewrite_status === 'err' || node.info.aof_last_write_status === 'err',
    );
    if (failed.length === 0) return undefined;
    return {
      evidence: failed
        .map((n) => `${n.node}: aof_last_bgrewrite_status:${n.info.aof_last_bgrewrite_status}, aof_last_write_status:${n.info.aof_last_write_status}`)
        .join('; ') + '.',
      action: 'Check free space and permissions of the appenddirname directory and the server log, then BGREWRITEAOF and confirm aof_last_bgrewrite_status:ok.',
    };
  },
};
