/**
 * The Redis-compatible servers a project can target (`"server"` in `.redis-review.json`). Each id names one
 * tested build whose metadata the command table and the redis.conf catalogue are generated from.
 */

/** Target ids, oldest first; the first is the default so a project that says nothing gets the safest advice. */
export const TARGET_SERVERS = ['redis-7.0', 'redis-7.4', 'valkey-8'] as const;

export type TargetServer = (typeof TARGET_SERVERS)[number];

export const DEFAULT_TARGET_SERVER: TargetServer = TARGET_SERVERS[0];

/** How each target is named to users ("Redis 7.4", "Valkey 8.0"). */
export const TARGET_SERVER_LABELS: Readonly<Record<TargetServer, string>> = {
  'redis-7.0': 'Redis 7.0',
  'redis-7.4': 'Redis 7.4',
  'valkey-8': 'Valkey 8.0',
};

export function isTargetServer(value: unknown): value is TargetServer {
  return typeof value === 'string' && (TARGET_SERVERS as readonly string[]).includes(value);
}
