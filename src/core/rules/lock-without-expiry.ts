/** lock-without-expiry: locks that are never released if the holder dies. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { RedisCallSite, Rule } from './rule';
import { shownKey } from './support/clients';
import { fix, replace } from './support/edits';
import { hasOption, setIsNx, setSetsTtl } from './support/options';
import { acquiresLock } from './support/names';
import { appendArguments } from './support/ttl';
import { isOffByDefaultParameter } from './support/enclosingFunctions';
import { escapeRegExp } from '../analysis/keyReferences';
import type { FileModel } from '../analysis/model';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

/**
 * `self.lock_timeout` that the file only ever sets to None, to a config lookup defaulting to None
 * (`arguments.pop("lock_timeout", None)`, `options.get("ttl")`), or to a name it sets to None (`expire = None`).
 */
export function attributeNoneByDefault(text: string, argText: string): boolean {
  const attribute = /^self\.(\w+)$/.exec(argText.trim())?.[1];
  if (!attribute) return false;
  const assigned = new RegExp(`self\\.${attribute}\\s*(?::[^=\\n]+)?=(?!=)\\s*([^\\n#]+)`, 'g');
  for (let m = assigned.exec(text); m; m = assigned.exec(text)) {
    const value = m[1].trim();
    if (value === 'None' || /\.(?:pop|get)\(\s*(['"])[^'"]+\1\s*(?:,\s*None\s*)?\)$/.test(value)) return true;
    if (/^[A-Za-z_]\w*$/.test(value) && new RegExp(`\\b${value}\\s*(?::[^=,)\\n]+)?=\\s*None\\b`).test(text)) return true;
  }
  return false;
}

/**
 * `lock(self, name, token, expiry=None)` running `set(name, token, nx=True, ex=expiry)`: the TTL is a parameter that
 * is None unless the caller passes one, and the function neither fills it in nor branches on it before the SET.
 */
function parameterNoneByDefault(model: FileModel, site: RedisCallSite, argText: string): boolean {
  const name = argText.trim();
  if (!/^[A-Za-z_]\w*$/.test(name)) return false;
  const fn = site.enclosingFunction;
  const before = model.text.slice(fn ? fn.span.startOffset : 0, site.callSpan.startOffset);
  const body = before.slice(before.indexOf(')') + 1);
  const word = escapeRegExp(name);
  if (new RegExp(`^[ \\t]*${word}\\s*(?::[^=\\n]+)?=(?!=)|\\b(?:if|elif|while)\\s+(?:not\\s+)?${word}\\b|\\b${word}\\s+is\\s+(?:not\\s+)?None|\\b${word}\\s+or\\b`, 'm').test(body)) return false;
  return isOffByDefaultParameter(model, site.callSpan.startOffset, name);
}

/**
 * `setnx(name, "in-progress")`: whatever the key's name, a value that says the work is under way makes the key a
 * lock of that work (a crashed worker leaves it "in progress" for ever); `setnx(f"seen:{id}", 1)` stays a marker.
 */
function marksInProgress(site: RedisCallSite): boolean {
  const value = site.args[1]?.value;
  return value?.kind === 'string' && /^(?:in[-_ ]?progress|processing|running|locked|busy)$/i.test(value.value.trim());
}

export const lockWithoutExpiry: Rule = {
  meta: {
    id: 'lock-without-expiry',
    code: 'RR503',
    category: 'reliability',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      setnx: '{{command}} {{key}} takes a lock without an expiry: if this process crashes before releasing it, every other worker waits forever. Use SET {{key}} <token> NX PX <ms> ({{spelling}}).',
      pyLock: 'lock({{key}}) without timeout never expires (redis-py defaults to timeout=None): a crashed holder blocks everyone forever. Pass timeout=<seconds>.',
      noneByDefault: '{{call}} takes its expiry from {{ttl}}, which is None unless configured: the lock then never expires, and a crashed holder blocks everyone forever. Give it a default TTL.',
    },
    docs: {
      summary: 'SETNX / SET NX / redis-py lock() without a TTL deadlocks when the holder dies.',
      what: 'Reports SETNX and SET … NX without EX/PX on lock-like keys (lock, mutex, lease, semaphore; a computed key named for a leader is a leadership lease) — the key literal, the expression computing it (`lockKey`) or the function taking it (`acquireLock(name)`, `acquire(self)`) says lock — or the value written says the work is under way (`setnx(name, "in-progress")`, `processing`, `running`, `locked`, `busy`) — and redis-py `lock()` calls without a timeout — also when the TTL given (`timeout=`, `ex=`, `px=`) is an attribute the file only ever sets to None, to a setting that defaults to None (`arguments.pop("lock_timeout", None)`) or to a name it sets to None, or is a parameter of the enclosing function that defaults to None and is neither filled in nor tested before the SET (`def lock(self, name, token, expiry=None)` running `set(name, token, nx=True, ex=expiry)`). In Go, also GETSET of a lock key (the old SETNX + GETSET takeover of an expired lock), which replaces the value and drops the key\'s TTL until a separate EXPIRE, and go-redis `SetNX` with expiration -1 (`redis.KeepTTL`): NX only succeeds on a new key, so there is no TTL to keep.',
      why: 'A lock is only as good as its release. If the holder crashes, is killed by a deploy or loses its connection, a lock without TTL is never released and every other worker blocks forever. A separate EXPIRE after SETNX is not atomic either.',
      examples: [
        { client: 'redis-py', file: 'app/jobs.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef run_exclusive(job):\n    with r.lock(f"lock:job:{job}"):\n        job.run()\n', good: 'import redis\n\nr = redis.Redis()\n\ndef run_exclusive(job):\n    with r.lock(f"lock:job:{job}", timeout=30, blocking_timeout=5):\n        job.run()\n' },
        { client: 'ioredis', file: 'src/jobs.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function acquire(job: string) {\n  return redis.setnx(`lock:${job}`, '1');\n}\n", good: "import { randomUUID } from 'node:crypto';\n" + IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function acquire(job: string) {\n  return redis.set(`lock:${job}`, randomUUID(), 'PX', 30000, 'NX');\n}\n" },
        { client: 'node-redis', file: 'src/jobs.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function acquire(job: string, token: string) {\n  return client.set(`lock:${job}`, token, { NX: true });\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function acquire(job: string, token: string) {\n  return client.set(`lock:${job}`, token, { NX: true, PX: 30000 });\n}\n" },
        {
          client: 'go-redis',
          file: 'jobs/lock.go',
          bad: goFile('jobs', ['"context"', '', GO_REDIS], `
func AcquireLock(ctx context.Context, rdb *redis.Client, job, token string) (bool, error) {
    return rdb.SetNX(ctx, "lock:"+job, token, 0).Result()
}
`),
          good: goFile('jobs', ['"context"', '"time"', '', GO_REDIS], `
func AcquireLock(ctx context.Context, rdb *redis.Client, job, token string) (bool, error) {
    return rdb.SetNX(ctx, "lock:"+job, token, 30*time.Second).Result()
}
`),
        },
        {
          client: 'rueidis',
          file: 'jobs/lock.go',
          bad: goFile('jobs', ['"context"', '', RUEIDIS], `
func AcquireLock(ctx context.Context, client rueidis.Client, job, token string) (bool, error) {
    err := client.Do(ctx, client.B().Set().Key("lock:"+job).Value(token).Nx().Build()).Error()
    if rueidis.IsRedisNil(err) {
        return false, nil
    }
    return err == nil, err
}
`),
          good: goFile('jobs', ['"context"', '"time"', '', RUEIDIS], `
func AcquireLock(ctx context.Context, client rueidis.Client, job, token string) (bool, error) {
    err := client.Do(ctx, client.B().Set().Key("lock:"+job).Value(token).Nx().Px(30*time.Second).Build()).Error()
    if rueidis.IsRedisNil(err) {
        return false, nil
    }
    return err == nil, err
}
`),
        },
        {
          client: 'redigo',
          file: 'jobs/lock.go',
          bad: goFile('jobs', [REDIGO], `
func AcquireLock(conn redis.Conn, job, token string) (bool, error) {
    return redis.Bool(conn.Do("SETNX", "lock:"+job, token))
}
`),
          good: goFile('jobs', [REDIGO], `
func AcquireLock(conn redis.Conn, job, token string) (bool, error) {
    reply, err := redis.String(conn.Do("SET", "lock:"+job, token, "NX", "PX", 30000))
    if err == redis.ErrNil {
        return false, nil
    }
    return reply == "OK", err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/JobLock.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class JobLock {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public boolean acquire(String job, String token) {
        return jedis.setnx("lock:" + job, token) == 1;
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.SetParams'], `
public class JobLock {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public boolean acquire(String job, String token) {
        return "OK".equals(jedis.set("lock:" + job, token, SetParams.setParams().nx().px(30_000)));
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

    public boolean acquire(String job, String token) {
        return commands.setnx("lock:" + job, token);
    }
}
`),
          good: javaFile(['io.lettuce.core.SetArgs', 'io.lettuce.core.api.sync.RedisCommands'], `
public class JobLock {
    private final RedisCommands<String, String> commands;

    public JobLock(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public boolean acquire(String job, String token) {
        return "OK".equals(commands.set("lock:" + job, token, SetArgs.Builder.nx().px(30_000)));
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

    public boolean acquire(String job, String token) {
        return Boolean.TRUE.equals(redisTemplate.opsForValue().setIfAbsent("lock:" + job, token));
    }
}
`),
          good: javaFile(['java.time.Duration', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class JobLock {
    private final StringRedisTemplate redisTemplate;

    public JobLock(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public boolean acquire(String job, String token) {
        return Boolean.TRUE.equals(redisTemplate.opsForValue().setIfAbsent("lock:" + job, token, Duration.ofSeconds(30)));
    }
}
`),
        },
      ],
      fix: 'The quick fix rewrites SETNX to SET … NX PX `lockTtlMs` (default 30000), adds PX to SET NX, or adds `timeout=` to redis-py `lock()`. It is unsafe: SET NX replies differently from SETNX (OK/nil vs 1/0), and the TTL must exceed the longest critical section. Store a random token as the value and release with compare-and-delete.',
      falsePositives: 'SETNX used for idempotency or dedupe markers that should be permanent: those keys are not named like locks and are not reported.',
      references: [
        { title: 'Distributed locks with Redis', url: 'https://redis.io/docs/latest/develop/use/patterns/distributed-locks/' },
        { title: 'SETNX (locking pattern discouraged)', url: 'https://redis.io/docs/latest/commands/setnx/' },
        { title: 'redis-py Lock', url: 'https://redis.readthedocs.io/en/stable/lock.html' },
      ],
    },
  },
  check(context) {
    const { model, config } = context;
    const ttlMs = config.lockTtlMs;
    for (const site of model.callSites) {
      if (!setIsNx(site) || !site.args[0]) continue;
      if (setSetsTtl(site)) {
        // `set(name, token, nx=True, ex=self._expire)` where self._expire is None unless the caller configured one.
        const ttl = ['ex', 'px']
          .map((k) => site.keywords[k])
          .find((arg) => arg && (attributeNoneByDefault(model.text, arg.text) || (site.receiver.library === 'redis-py' && parameterNoneByDefault(model, site, arg.text))));
        if (ttl && acquiresLock(site)) context.report({ messageId: 'noneByDefault', data: { call: `SET ${shownKey(site)} NX`, ttl: ttl.text }, span: site.span });
        continue;
      }
      if (!acquiresLock(site) && !marksInProgress(site)) continue;
      const lib = site.receiver.library;
      const spelling = lib === 'redis-py' ? `set(key, token, nx=True, px=${ttlMs})` : lib === 'ioredis' ? `set(key, token, 'PX', ${ttlMs}, 'NX')` : `set(key, token, { NX: true, PX: ${ttlMs} })`;
      let fixes;
      const generic = site.method === 'call' || site.method === 'execute_command' || site.method === 'sendCommand';
      if (!generic && site.command === 'SETNX' && site.args.length === 2) {
        const [k, v] = site.args;
        const call = lib === 'redis-py' ? `${site.receiver.text}.set(${k.text}, ${v.text}, nx=True, px=${ttlMs})` : lib === 'ioredis' ? `${site.receiver.text}.set(${k.text}, ${v.text}, 'PX', ${ttlMs}, 'NX')` : `${site.receiver.text}.set(${k.text}, ${v.text}, { NX: true, PX: ${ttlMs} })`;
        fixes = [fix(`Use SET NX PX ${ttlMs} (replies OK/nil instead of 1/0)`, false, [replace(site.callSpan, call)])];
      } else if (!generic && site.command === 'SET') {
        const object = site.args[2]?.value.kind === 'object' ? site.args[2] : undefined;
        if (object && object.text.endsWith('}')) {
          const inner = object.text.slice(0, -1).trimEnd();
          fixes = [fix(`Expire the lock after ${ttlMs} ms`, false, [replace(object.span, `${inner}${inner.endsWith(',') ? ' ' : ', '}PX: ${ttlMs} }`)])];
        } else if (lib !== 'node-redis') {
          const edit = appendArguments(model, site, `px=${ttlMs}`, `'PX', ${ttlMs}`, '');
          if (edit) fixes = [fix(`Expire the lock after ${ttlMs} ms`, false, [edit])];
        }
      }
      context.report({ messageId: 'setnx', data: { command: site.command === 'SETNX' ? 'SETNX' : 'SET … NX', key: shownKey(site), spelling }, span: site.span, fixes });
    }
    for (const site of context.helperCalls) {
      if (site.method !== 'lock' || site.receiver.library !== 'redis-py') continue;
      if (site.keywords.timeout && attributeNoneByDefault(model.text, site.keywords.timeout.text)) {
        context.report({ messageId: 'noneByDefault', data: { call: `lock(${shownKey(site)})`, ttl: site.keywords.timeout.text }, span: site.span });
        continue;
      }
      if (site.keywords.timeout && site.keywords.timeout.value.kind !== 'null') continue;
      if (site.args.length >= 2 && site.args[1].value.kind !== 'null') continue;
      if (hasOption(site, ['timeout'], 1)) continue;
      // `lock(name, **options)`: the options may well carry the timeout.
      if (site.args.some((arg) => arg.text.startsWith('**')) || /\(\s*(?:[^()]*,\s*)?\*\*/.test(context.model.text.slice(site.callSpan.startOffset, site.callSpan.endOffset))) continue;
      const seconds = Math.max(1, Math.round(ttlMs / 1000));
      const edit = site.keywords.timeout ? replace(site.keywords.timeout.span, String(seconds)) : appendArguments(model, site, `timeout=${seconds}`, '', '');
      context.report({ messageId: 'pyLock', data: { key: shownKey(site) }, span: site.span, fixes: edit ? [fix(`Expire the lock after ${seconds} s`, false, [edit])] : undefined });
    }
  },
};
