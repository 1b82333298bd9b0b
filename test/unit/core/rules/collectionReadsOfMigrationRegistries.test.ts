/**
 * unbounded-collection-read on a registry of applied migrations: a set whose key says it holds migrations gains one
 * member per migration file of the code base, so a migrator reading it whole to find the pending ones is not
 * reported. Tricky negatives, still reported: the keys one migration touched (`migration:{id}:keys`), the users a
 * migration has moved (`migrated_users`), and a list logging every migration run.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const PY_ASYNC = 'import redis.asyncio as redis\n\n';
const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('unbounded-collection-read on registries of applied migrations', () => {
  it('leaves out a migrator\'s applied-migrations set held in a class constant (redis.asyncio)', () => {
    const text = `${PY_ASYNC}
class Migrator:
    APPLIED_MIGRATIONS_KEY = "app:schema_applied_migrations"

    def __init__(self, client: redis.Redis):
        self.redis = client

    async def applied(self):
        members = await self.redis.smembers(self.APPLIED_MIGRATIONS_KEY)
        return {m.decode() for m in members}

    async def mark_applied(self, migration_id):
        await self.redis.sadd(self.APPLIED_MIGRATIONS_KEY, migration_id)

    async def mark_unapplied(self, migration_id):
        await self.redis.srem(self.APPLIED_MIGRATIONS_KEY, migration_id)
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/migrator.py', text })).toEqual([]);
  });

  it('leaves out a hash of migration name to run time (ioredis)', () => {
    const text = `${TS_CLIENT}
export async function markRun(name: string) {
  await redis.hset('migrations', name, Date.now());
}
export async function ran() {
  return redis.hgetall('migrations');
}
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/migrator.ts', text })).toEqual([]);
  });

  it('still reports the keys one migration touched, the users a migration moved and a log of runs', () => {
    const text = `${PY_ASYNC}
r = redis.Redis()

async def touch(migration_id, key):
    await r.sadd(f"migration:{migration_id}:keys", key)

async def touched(migration_id):
    return await r.smembers(f"migration:{migration_id}:keys")

async def moved(user_id):
    await r.sadd("migrated_users", user_id)

async def all_moved():
    return await r.smembers("migrated_users")

async def log_run(entry):
    await r.rpush("migrations", entry)

async def runs():
    return await r.lrange("migrations", 0, -1)
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/migration_log.py', text })).toEqual([10, 16, 22]);
  });
});
