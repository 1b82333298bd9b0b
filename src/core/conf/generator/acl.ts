/** users.acl (hashed passwords, least privilege per workload) and the secrets file holding the plaintexts. */
import { createHash } from 'node:crypto';
import { PROFILES } from './profiles';
import type { ResolvedOptions } from './options';

export interface AclUser {
  name: string;
  rules: string;
  why: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Cluster-aware clients need the topology commands; they are not in @read/@write. */
const CLUSTER_CLIENT = '+cluster|slots +cluster|shards +cluster|nodes +cluster|info +readonly +readwrite +asking';

export function aclUsers(options: ResolvedOptions): AclUser[] {
  const profile = PROFILES[options.workload];
  const isPubsub = options.workload === 'pubsub';
  const keys = isPubsub ? 'resetkeys' : `~${profile.keyPrefix}*`;
  const channels = isPubsub ? `resetchannels &${profile.keyPrefix}*` : 'resetchannels';
  const cluster = options.mode === 'cluster' ? ` ${CLUSTER_CLIENT}` : '';
  const users: AclUser[] = [
    { name: 'default', rules: 'off', why: 'unauthenticated connections get no access at all' },
    {
      name: 'app',
      rules: `${keys} ${channels} -@all ${profile.appRules}${cluster} -@dangerous -@admin`,
      why: `the application: only ${isPubsub ? `channels ${profile.keyPrefix}*` : `keys ${profile.keyPrefix}*`} and the command categories the ${options.workload} workload needs; never FLUSHALL, CONFIG, KEYS, DEBUG`,
    },
  ];
  if (options.workload === 'leaderboard') {
    users.push({ name: 'reader', rules: `~${profile.keyPrefix}* resetchannels -@all +@read +@connection${cluster} -@dangerous -@admin`, why: 'read-only consumers of the boards (dashboards, APIs)' });
  }
  users.push({ name: 'ops', rules: '~* &* +@all', why: 'operators and the cluster/backup tooling; keep its secret out of applications' });
  if (options.mode !== 'standalone') {
    users.push({ name: 'replica', rules: '-@all +psync +replconf +ping', why: 'replicas authenticate as this user (masteruser) to stream the dataset' });
  }
  if (options.mode === 'sentinel') {
    users.push({
      name: 'sentinel',
      rules: 'allchannels -@all +multi +slaveof +ping +exec +subscribe +config|rewrite +role +publish +info +client|setname +client|kill +script|kill',
      why: 'what Sentinel needs to monitor the nodes and reconfigure them during a failover',
    });
  }
  if (options.monitoring) {
    users.push({
      name: 'exporter',
      rules: '-@all +hello +auth +ping +select +client|setname +info +config|get +client|list +slowlog|get +slowlog|len +latency|latest +memory|stats +cluster|info',
      why: 'redis_exporter: read-only INFO and statistics',
    });
  }
  if (options.backup) {
    users.push({ name: 'backup', rules: '-@all +hello +auth +ping +bgsave +lastsave +info +config|get', why: 'the backup script: trigger BGSAVE and find the RDB file' });
  }
  return users;
}

function secretOf(options: ResolvedOptions, name: string): string {
  const secret = options.secrets[name];
  if (!secret || secret.length < 32) throw new Error(`a secret of at least 32 characters is required for ACL user "${name}"`);
  return secret;
}

/** The ACL file: user lines only (Redis rejects comments there; the reasons are listed in README.md). */
export function usersAcl(options: ResolvedOptions): string {
  return aclUsers(options)
    .map((user) => {
      const credential = user.name === 'default' ? '' : ` on #${sha256(secretOf(options, user.name))}`;
      return `user ${user.name}${credential} ${user.rules}`;
    })
    .join('\n') + '\n';
}

/** Shell-sourceable secrets (`set -a; . secrets.env`), one per user plus the sentinel client password. */
export function secretsEnv(options: ResolvedOptions): string {
  const names = aclUsers(options).map((u) => u.name).filter((n) => n !== 'default');
  if (options.mode === 'sentinel') names.push('sentinel-clients');
  const lines = ['# Plaintext passwords for the generated ACL users. Keep this file 0600 and out of version control.'];
  for (const name of names) lines.push(`REDIS_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD=${secretOf(options, name)}`);
  return lines.join('\n') + '\n';
}
