/** conf-masterauth-missing: a replica of a password-protected deployment without masterauth. */
import type { ConfRule } from '../rule';

export const confMasterauthMissing: ConfRule = {
  id: 'conf-masterauth-missing',
  code: 'RC049',
  severity: 'warning',
  category: 'replication',
  summary: 'Authentication required but no `masterauth` for replication.',
  rationale: 'Nodes of one deployment share their auth setup: a replica (or a master that Sentinel may demote) without masterauth cannot sync from an authenticated master, and the link stays down.',
  bad: 'replicaof 10.0.0.5 6379\nrequirepass 1f6d0c9b8a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504',
  good: 'replicaof 10.0.0.5 6379\nrequirepass 1f6d0c9b8a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504\nmasterauth 1f6d0c9b8a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504',
  sentinel: false,
  check(context) {
    if (!context.requiresAuth() || context.value('masterauth') !== '' || context.bool('cluster-enabled')) return [];
    if (!context.isReplica() && context.mode !== 'sentinel' && context.mode !== 'replica') return [];
    const directive = context.last('replicaof');
    // Valkey 8 calls it primaryauth: name the directive the target server writes.
    const name = context.canonical('masterauth');
    return [{ message: `This node requires authentication but has no ${name}: replication from an authenticated master will fail.`, ...(directive ? context.lineRange(directive) : context.fileRange()) }];
  },
};
