/** conf-repl-backlog-too-small: the 1 MB default backlog forces full resyncs after short disconnects. */
import type { ConfRule } from '../rule';

export const confReplBacklogTooSmall: ConfRule = {
  id: 'conf-repl-backlog-too-small',
  code: 'RC100',
  severity: 'warning',
  category: 'replication',
  summary: 'Replicated deployment with `repl-backlog-size` at or below 1 MB.',
  rationale: 'A replica that reconnects after more writes than the backlog holds needs a full resync: a fork on the master plus a full RDB transfer. Size it as write rate × tolerated outage (tens to hundreds of MB).',
  bad: 'replicaof 10.0.0.5 6379\nreplica-read-only yes',
  good: 'replicaof 10.0.0.5 6379\nreplica-read-only yes\nrepl-backlog-size 64mb',
  sentinel: false,
  check(context) {
    const bytes = context.memory('repl-backlog-size');
    if (!context.replicated() || bytes === undefined || bytes > 1024 * 1024) return [];
    const directive = context.last('repl-backlog-size');
    return [{ message: 'A 1 MB replication backlog forces a full resync after brief disconnects; size it to write rate × tolerated outage (e.g. 64mb).', ...(directive ? context.argRange(directive, 0) : context.fileRange()), fixes: [context.setFix('Set repl-backlog-size 64mb', 'repl-backlog-size', '64mb')] }];
  },
};
