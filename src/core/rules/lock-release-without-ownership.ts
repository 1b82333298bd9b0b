/** lock-release-without-ownership: DEL of a lock can delete another client's lock. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { FileModel } from '../analysis/model';
import type { RedisCallSite, Rule } from './rule';
import { shownKey } from './support/clients';
import { resolvedArg } from './support/constants';
import { literalBoundBefore } from './support/moduleRebinding';
import { acquiredByCounterpart, acquiredThroughHelper } from './support/lockCounterparts';
import { setIsNx, setSetsTtl } from './support/options';
import { acquiresLock, namesLock, namesLockRelease, wordsOf } from './support/names';
import { LOCK_KEY, functionStartOf } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, goFile, javaFile } from './exampleFiles';

export const lockReleaseWithoutOwnership: Rule = {
  meta: {
    id: 'lock-release-without-ownership',
    code: 'RR504',
    category: 'correctness',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      release: '{{command}} {{key}} releases the lock without checking that this client still owns it: if the lock expired and another worker took it, this deletes their lock. Compare the token and delete atomically (a Lua compare-and-delete script).',
    },
    docs: {
      summary: 'Releasing a lock with plain DEL can delete a lock held by someone else.',
      what: 'Reports DEL/UNLINK of a lock-like key that the same file (or, for literal lock keys, another file of the workspace) acquires with SET NX or SETNX. When acquire and release live in different functions and the key is a parameter, the names carry the intent: a DEL in a function named like a release (`releaseLock`, `dropMutex`, `unlock`), or of a key expression named like a lock (`lockKey`), in a file that acquires locks with SET NX (itself, or through a lock-acquiring helper of another module whose one command is SET or SETNX, called with the key expression it deletes: `await acquireLock(lockKey)` … `redis.del(lockKey)`), or whose acquiring counterpart in another file (`acquire_lock` for `release_lock`, `lock` for `unlock`) sends SET NX or SETNX. Whatever its name, a key that a function (or module-level script code, which may rebind the name to the key before each block) takes with SET NX and a TTL and then deletes itself (`if r.set(k, 1, nx=True, ex=10): ... finally: r.delete(k)`) is used as a lock and reported, also when the TTL comes from a separate EXPIRE of the key after SETNX (`if r.setnx(k, 1): r.expire(k, 60) ... r.delete(k)`). A DEL queued in MULTI after WATCH of the same key (the optimistic compare-and-delete) is not reported, nor is a DEL of every key of a listed collection (`r.delete(*stale_locks)`), which resets all holders rather than releasing one.',
      why: 'Locks with a TTL can expire while the holder is still working (GC pause, slow I/O). Another worker then acquires the lock, and the first worker\'s DEL removes the second worker\'s lock, letting a third one in. Checking with GET first and then DEL is not atomic either.',
      examples: [
        { client: 'redis-py', file: 'app/jobs.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef run(job, token):\n    if r.set(f"lock:{job}", token, nx=True, px=30000):\n        try:\n            job.run()\n        finally:\n            r.delete(f"lock:{job}")\n', good: 'import redis\n\nr = redis.Redis()\nRELEASE = r.register_script("if redis.call(\'GET\', KEYS[1]) == ARGV[1] then return redis.call(\'DEL\', KEYS[1]) end return 0")\n\ndef run(job, token):\n    if r.set(f"lock:{job}", token, nx=True, px=30000):\n        try:\n            job.run()\n        finally:\n            RELEASE(keys=[f"lock:{job}"], args=[token])\n' },
        { client: 'ioredis', file: 'src/jobs.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function run(job: string, token: string, work: () => Promise<void>) {\n  if (!(await redis.set(`lock:${job}`, token, 'PX', 30000, 'NX'))) return;\n  try {\n    await work();\n  } finally {\n    await redis.del(`lock:${job}`);\n  }\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nconst RELEASE = \"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0\";\n\nexport async function run(job: string, token: string, work: () => Promise<void>) {\n  if (!(await redis.set(`lock:${job}`, token, 'PX', 30000, 'NX'))) return;\n  try {\n    await work();\n  } finally {\n    await redis.eval(RELEASE, 1, `lock:${job}`, token);\n  }\n}\n" },
        { client: 'node-redis', file: 'src/jobs.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function run(job: string, token: string) {\n  if (await client.set(`lock:${job}`, token, { NX: true, PX: 30000 })) {\n    await client.del(`lock:${job}`);\n  }\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nconst RELEASE = \"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0\";\n\nexport async function run(job: string, token: string) {\n  if (await client.set(`lock:${job}`, token, { NX: true, PX: 30000 })) {\n    await client.eval(RELEASE, { keys: [`lock:${job}`], arguments: [token] });\n  }\n}\n" },
        {
          client: 'go-redis',
          file: 'jobs/lock.go',
          bad: goFile('jobs', ['"context"', '', GO_REDIS], `
func ReleaseLock(ctx context.Context, rdb *redis.Client, job string) error {
    return rdb.Del(ctx, "lock:"+job).Err()
}
`),
          good: goFile('jobs', ['"context"', '', GO_REDIS], `
var release = redis.NewScript(\`
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
\`)

func ReleaseLock(ctx context.Context, rdb *redis.Client, job, token string) error {
    return release.Run(ctx, rdb, []string{"lock:" + job}, token).Err()
}
`),
        },
        {
          client: 'redigo',
          file: 'jobs/lock.go',
          bad: goFile('jobs', [REDIGO], `
func ReleaseLock(conn redis.Conn, job string) error {
    _, err := conn.Do("DEL", "lock:"+job)
    return err
}
`),
          good: goFile('jobs', [REDIGO], `
var release = redis.NewScript(1, \`
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
\`)

func ReleaseLock(conn redis.Conn, job, token string) error {
    _, err := release.Do(conn, "lock:"+job, token)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/JobLock.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class JobLock {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void release(String job) {
        jedis.del("lock:" + job);
    }
}
`),
          good: javaFile(['java.util.List', 'redis.clients.jedis.JedisPooled'], `
public class JobLock {
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void release(String job, String token) {
        jedis.eval(RELEASE, List.of("lock:" + job), List.of(token));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/JobLock.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class JobLock {
    private final RedisCommands<String, String> commands;

    public JobLock(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void release(String job) {
        commands.del("lock:" + job);
    }
}
`),
          good: javaFile(['io.lettuce.core.ScriptOutputType', 'io.lettuce.core.api.sync.RedisCommands'], `
public class JobLock {
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    private final RedisCommands<String, String> commands;

    public JobLock(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void release(String job, String token) {
        commands.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {"lock:" + job}, token);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/JobLock.java',
          bad: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class JobLock {
    private final StringRedisTemplate redisTemplate;

    public JobLock(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void release(String job) {
        redisTemplate.delete("lock:" + job);
    }
}
`),
          good: javaFile(['java.util.List', 'org.springframework.data.redis.core.StringRedisTemplate', 'org.springframework.data.redis.core.script.RedisScript'], `
public class JobLock {
    private static final RedisScript<Long> RELEASE = RedisScript.of("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0", Long.class);
    private final StringRedisTemplate redisTemplate;

    public JobLock(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void release(String job, String token) {
        redisTemplate.execute(RELEASE, List.of("lock:" + job), token);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/JobLock.java',
          bad: javaFile(['org.redisson.api.RLock', 'org.redisson.api.RedissonClient'], `
public class JobLock {
    private final RedissonClient redisson;

    public JobLock(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void release(String job) {
        RLock lock = redisson.getLock("lock:" + job);
        lock.forceUnlock();
    }
}
`),
          good: javaFile(['org.redisson.api.RLock', 'org.redisson.api.RedissonClient'], `
public class JobLock {
    private final RedissonClient redisson;

    public JobLock(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void release(String job) {
        RLock lock = redisson.getLock("lock:" + job);
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
`),
        },
      ],
      fix: 'Release with a compare-and-delete Lua script (GET == token then DEL), registered once; redis-py `Lock.release()` does this for you. Redis 8.4 adds DELEX for the same purpose.',
      falsePositives: 'Administrative force-unlock tools; suppress inline.',
      references: [
        { title: 'Distributed locks: releasing safely', url: 'https://redis.io/docs/latest/develop/use/patterns/distributed-locks/' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    // Lock acquisitions of this file: SET NX / SETNX whose key, key expression or function says lock.
    const acquires = sites.filter((site) => setIsNx(site) && acquiresLock(site));
    const acquired = new Set<string>();
    const acquiredTexts = new Set<string>();
    for (const site of acquires) {
      const key = keyPatternOf(site.args[0]);
      if (key && LOCK_KEY.test(key)) acquired.add(key);
      if (site.args[0]) acquiredTexts.add(site.args[0].text);
    }
    for (const site of sites) {
      if (site.command !== 'DEL' && site.command !== 'UNLINK') continue;
      if (!site.args[0] || guardedByWatch(site, sites)) continue;
      // `r.delete(*locks)` of every lock a pattern listed: an administrative reset of all holders, not a holder's release.
      if (site.args.every((arg) => /^(?:\*(?!\*)|\.\.\.)/.test(arg.text.trim()))) continue;
      const key = keyPatternOf(site.args[0]);
      const known = key !== undefined && acquired.has(key);
      // A lock key acquired in another file of the project (the literal lock key is written there with SET/SETNX).
      const elsewhere = !known && key !== undefined && LOCK_KEY.test(key) && !!context.workspaceKeys?.hasCommandOnKey(['SETNX', 'SET'], key);
      // Acquire and release in different functions, keyed by a parameter: the names carry the intent.
      const computed = key === undefined || !/[A-Za-z0-9]/.test(key) || LOCK_KEY.test(key);
      // The acquire may sit in another file: a release function whose counterpart there takes the lock with SET NX.
      const acquiring = acquires.length > 0 || acquiredByCounterpart(context, site.enclosingFunction?.name) || acquiredThroughHelper(context, site.args[0].text);
      const named = !known && computed && acquiring && releasesByName(site, key === undefined, acquiredTexts);
      if (!known && !elsewhere && !named && !releasesOwnAcquire(context.model, site, sites)) continue;
      context.report({ messageId: 'release', data: { command: site.command, key: shownKey(site) }, span: site.span });
    }
  },
};

/** A computed key deleted where the code says it releases a lock: the function's name, or the key's name. */
function releasesByName(site: RedisCallSite, computed: boolean, acquiredTexts: ReadonlySet<string>): boolean {
  const functionName = site.enclosingFunction?.name;
  if (namesLockRelease(functionName) || (computed && namesLock(site.args[0].text))) return true;
  // `release(self)` deleting the same key expression that `acquire(self)` set with NX (a hand-written Lock class).
  return wordsOf(functionName ?? '').includes('release') && acquiredTexts.has(site.args[0].text);
}

/**
 * Whatever its name, a key the same function first takes with SET NX and a TTL and then deletes is used as a lock
 * (`if r.set(key, 1, nx=True, ex=10): try: ... finally: r.delete(key)`): the TTL can run out while the work goes on,
 * and the DEL then removes the next holder's lock. Without a TTL nobody else can hold it, so the DEL is safe.
 */
function releasesOwnAcquire(model: FileModel, site: RedisCallSite, sites: readonly RedisCallSite[]): boolean {
  const start = functionStartOf(site);
  // Module-level script code may rebind the key's name before each block: its latest literal is the key there.
  const patternOf = (of: RedisCallSite) =>
    keyPatternOf((!of.enclosingFunction && literalBoundBefore(model, of.args[0])) || resolvedArg(model, of.args[0], of.enclosingFunction));
  const key = patternOf(site);
  return sites.some((other) =>
    other.span.startOffset < site.span.startOffset &&
    functionStartOf(other) === start &&
    setIsNx(other) &&
    !!other.args[0] &&
    (setSetsTtl(other) || expiredBetween(other, site, sites, start)) &&
    (other.args[0].text === site.args[0].text || (key !== undefined && /[A-Za-z0-9]/.test(key) && patternOf(other) === key)),
  );
}

const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

/** SETNX given its TTL by a separate EXPIRE of the same key expression, in the same function, before the DEL. */
function expiredBetween(acquire: RedisCallSite, release: RedisCallSite, sites: readonly RedisCallSite[], start: number): boolean {
  return sites.some((other) =>
    EXPIRES.has(other.command) &&
    functionStartOf(other) === start &&
    other.span.startOffset > acquire.span.startOffset &&
    other.span.startOffset < release.span.startOffset &&
    other.args[0]?.text === acquire.args[0].text,
  );
}

/** DEL queued in a MULTI after WATCH of the same key in the same function: the optimistic compare-and-delete release. */
function guardedByWatch(site: RedisCallSite, sites: readonly RedisCallSite[]): boolean {
  if (!site.inTransaction) return false;
  const start = functionStartOf(site);
  return sites.some((other) => other.command === 'WATCH' && functionStartOf(other) === start && other.args.some((arg) => arg.text === site.args[0].text));
}
