/** set-then-expire: a write followed by a separate EXPIRE can leave the key without a TTL forever. */
import type { Fix } from '../findings';
import type { Rule, RuleContext, RedisCallSite } from './rule';
import { shownKey } from './support/clients';
import { fix, replace } from './support/edits';
import { setSetsTtl } from './support/options';
import { functionStartOf, sitesByFunction } from './support/sites';
import { setWithTtlEdit } from './support/ttl';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';
import { COUNTERS, ENDS_SEARCH, EXPIRES, WRITES, earlierInChain, expiringHelperBefore, expiringHelpers, reassignedBetween, replacesKey, returnsBeforeExpire, runsAsPipeline, writeAfterFirstExpire, writeContinuedBy, type ExpiringHelper } from './support/writeExpirePairs';

/** The write/EXPIRE pair merges into one SET: remove the EXPIRE statement and add EX/PX to the SET. */
function mergeFix(context: RuleContext, write: RedisCallSite, expire: RedisCallSite, adjacent: boolean): Fix | undefined {
  const unit = EXPIRES[expire.command];
  const ttl = expire.args[1];
  if (!unit || !ttl || expire.args.length !== 2 || !expire.statementSpan) return undefined;
  const add = setWithTtlEdit(context.model, write, unit, ttl.text);
  if (!add) return undefined;
  const simpleTtl = ttl.value.kind === 'number' || ttl.value.kind === 'name';
  return fix(`Set the TTL in the ${write.method} call (${unit} ${ttl.text}) and remove the separate ${expire.method}`, adjacent && simpleTtl, [add, replace(expire.statementSpan, '')]);
}

export const setThenExpire: Rule = {
  meta: {
    id: 'set-then-expire',
    code: 'RR301',
    category: 'memory',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'mixed',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      set: 'SET {{key}} followed by a separate {{expire}}: if the process dies or the connection drops in between, the key never expires. Pass the TTL in the SET itself ({{spelling}}).',
      expireFirst: '{{command}} {{key}} runs after the {{expire}} of the same key: when the key does not exist yet, the {{expire}} does nothing and {{command}} creates it without a TTL, for good. Write first and set the TTL in one MULTI/transaction or a Lua script.',
      other: '{{command}} {{key}} and the later {{expire}} are two separate commands: a failure in between leaves the key without a TTL. Send both in one MULTI/transaction pipeline or a Lua script.',
    },
    docs: {
      summary: 'SET/INCR/HSET followed by a separate EXPIRE is not atomic and leaks keys without TTL.',
      what: 'Reports a write (SET, INCR, HSET, LPUSH, SUNIONSTORE and the other STORE commands, …) that is followed in the same function by an EXPIRE/PEXPIRE of the same key, when neither runs inside a MULTI transaction. A write whose value the function returns (`if (!ttl) return redis.sadd(k, v)`) ends its path and is not paired with a later EXPIRE. Writes and EXPIREs queued on a plain pipeline (ioredis/node-redis `pipeline()`, redis-py `pipeline(transaction=False)`, a node-redis `multi()` sent with `execAsPipeline()`), in separate statements or in one chain (`pipeline().incr(k).expire(k, 60).exec()`), are reported too: a pipeline saves round trips but is not atomic. So is an EXPIRE in a callback chained on the write\'s promise (`set(k, v).then(() => expire(k, ttl))`) or sent from the write\'s own completion callback (`set(k, v, (err) => { if (!err) expire(k, ttl, done) })`, node-redis v3 style). A counter increment that follows the function\'s first EXPIRE of the key (`expire(k, ttl)` then `incr(k)`, also when that EXPIRE is the one command of the class\'s own method called first: `self.refresh()` then `hincrby(self.token, f, 1)`) is reported as well: on a new key the EXPIRE does nothing and the write creates the key without a TTL.',
      why: 'Two commands mean two round trips and a window in which the key exists without a TTL. A crash, timeout or deploy in that window leaves a permanent key: a cache entry that never refreshes, a rate-limit counter that blocks a user forever, a lock nobody can take.',
      examples: [
        { client: 'redis-py', file: 'app/cache.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef remember(key, value):\n    r.set(key, value)\n    r.expire(key, 300)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef remember(key, value):\n    r.set(key, value, ex=300)\n' },
        { client: 'ioredis', file: 'src/cache.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function remember(key: string, value: string) {\n  await redis.set(key, value);\n  await redis.expire(key, 300);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function remember(key: string, value: string) {\n  await redis.set(key, value, 'EX', 300);\n}\n" },
        { client: 'node-redis', file: 'src/limit.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function hit(ip: string) {\n  const count = await client.incr(`rate:${ip}`);\n  await client.expire(`rate:${ip}`, 60);\n  return count;\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function hit(ip: string) {\n  const [count] = await client.multi().incr(`rate:${ip}`).expire(`rate:${ip}`, 60).exec();\n  return count;\n}\n" },
        {
          client: 'go-redis',
          file: 'auth/tokens.go',
          bad: goFile('auth', ['"context"', '"time"', '', GO_REDIS], `
func Remember(ctx context.Context, rdb *redis.Client, token, user string) error {
    if err := rdb.Set(ctx, "token:"+token, user, 0).Err(); err != nil {
        return err
    }
    rdb.Expire(ctx, "token:"+token, time.Hour)
    return nil
}
`),
          good: goFile('auth', ['"context"', '"time"', '', GO_REDIS], `
func Remember(ctx context.Context, rdb *redis.Client, token, user string) error {
    return rdb.Set(ctx, "token:"+token, user, time.Hour).Err()
}
`),
        },
        {
          client: 'go-redis',
          variant: 'INCR',
          file: 'limits/limiter.go',
          bad: goFile('limits', ['"context"', '"time"', '', GO_REDIS], `
func Hit(ctx context.Context, rdb *redis.Client, user string) (int64, error) {
    key := "rate:" + user
    count, err := rdb.Incr(ctx, key).Result()
    if err != nil {
        return 0, err
    }
    return count, rdb.Expire(ctx, key, time.Minute).Err()
}
`),
          good: goFile('limits', ['"context"', '"time"', '', GO_REDIS], `
func Hit(ctx context.Context, rdb *redis.Client, user string) (int64, error) {
    key := "rate:" + user
    var incr *redis.IntCmd
    _, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
        incr = pipe.Incr(ctx, key)
        pipe.Expire(ctx, key, time.Minute)
        return nil
    })
    if err != nil {
        return 0, err
    }
    return incr.Val(), nil
}
`),
        },
        {
          client: 'rueidis',
          file: 'auth/tokens.go',
          bad: goFile('auth', ['"context"', '', RUEIDIS], `
func Remember(ctx context.Context, client rueidis.Client, token, user string) error {
    if err := client.Do(ctx, client.B().Set().Key("token:"+token).Value(user).Build()).Error(); err != nil {
        return err
    }
    return client.Do(ctx, client.B().Expire().Key("token:"+token).Seconds(3600).Build()).Error()
}
`),
          good: goFile('auth', ['"context"', '"time"', '', RUEIDIS], `
func Remember(ctx context.Context, client rueidis.Client, token, user string) error {
    return client.Do(ctx, client.B().Set().Key("token:"+token).Value(user).Ex(time.Hour).Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'auth/tokens.go',
          bad: goFile('auth', [REDIGO], `
func Remember(conn redis.Conn, token, user string) error {
    if _, err := conn.Do("SET", "token:"+token, user); err != nil {
        return err
    }
    _, err := conn.Do("EXPIRE", "token:"+token, 3600)
    return err
}
`),
          good: goFile('auth', [REDIGO], `
func Remember(conn redis.Conn, token, user string) error {
    _, err := conn.Do("SET", "token:"+token, user, "EX", 3600)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Tokens.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class Tokens {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void remember(String token, String user) {
        jedis.set("token:" + token, user);
        jedis.expire("token:" + token, 3600);
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.SetParams'], `
public class Tokens {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void remember(String token, String user) {
        jedis.set("token:" + token, user, SetParams.setParams().ex(3600));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Tokens.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Tokens {
    private final RedisCommands<String, String> commands;

    public Tokens(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void remember(String token, String user) {
        commands.set("token:" + token, user);
        commands.expire("token:" + token, 3600);
    }
}
`),
          good: javaFile(['io.lettuce.core.SetArgs', 'io.lettuce.core.api.sync.RedisCommands'], `
public class Tokens {
    private final RedisCommands<String, String> commands;

    public Tokens(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void remember(String token, String user) {
        commands.set("token:" + token, user, SetArgs.Builder.ex(3600));
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Tokens.java',
          bad: javaFile(['java.time.Duration', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Tokens {
    private final StringRedisTemplate redisTemplate;

    public Tokens(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void remember(String token, String user) {
        redisTemplate.opsForValue().set("token:" + token, user);
        redisTemplate.expire("token:" + token, Duration.ofHours(1));
    }
}
`),
          good: javaFile(['java.time.Duration', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Tokens {
    private final StringRedisTemplate redisTemplate;

    public Tokens(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void remember(String token, String user) {
        redisTemplate.opsForValue().set("token:" + token, user, Duration.ofHours(1));
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Tokens.java',
          bad: javaFile(['java.time.Duration', 'org.redisson.api.RBucket', 'org.redisson.api.RedissonClient'], `
public class Tokens {
    private final RedissonClient redisson;

    public Tokens(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void remember(String token, String user) {
        RBucket<String> bucket = redisson.getBucket("token:" + token);
        bucket.set(user);
        bucket.expire(Duration.ofHours(1));
    }
}
`),
          good: javaFile(['java.time.Duration', 'org.redisson.api.RBucket', 'org.redisson.api.RedissonClient'], `
public class Tokens {
    private final RedissonClient redisson;

    public Tokens(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void remember(String token, String user) {
        RBucket<String> bucket = redisson.getBucket("token:" + token);
        bucket.set(user, Duration.ofHours(1));
    }
}
`),
        },
      ],
      fix: 'For SET the quick fix moves the TTL into the SET (`ex=`/`\'EX\'`/`{ EX }`) and deletes the EXPIRE line. It is marked safe when the two statements are adjacent and the TTL is a literal or a variable; otherwise review it. For other writes, wrap both commands in MULTI (redis-py `pipeline()`, ioredis/node-redis `multi()`) or a Lua script. In Go and Java the fix is offered when the EXPIRE is a statement of its own on the same client and nothing it uses is reassigned in between: go-redis `Set(ctx, k, v, 0)` takes the `Expire`/`PExpire` duration, redigo `Do("SET", k, v)` gets `"EX", n` (`"PX"` for PEXPIRE), Jedis `set(k, v, SetParams.setParams().ex(n))` (`px`), Lettuce `set(k, v, SetArgs.Builder.ex(n))`, Spring `opsForValue().set(k, v, timeout[, unit])` on the template that expires it, and Redisson `bucket.set(v, Duration)` when the same bucket is expired with a Duration (or a time and TimeUnit).',
      falsePositives: 'EXPIRE used to refresh the TTL of a key written elsewhere is not reported (no write of the same key precedes it in the function), nor an EXPIRE whose key variable was assigned another key after the write (`key = f"b:{u}"`).',
      references: [
        { title: 'SET options EX/PX', url: 'https://redis.io/docs/latest/commands/set/' },
        { title: 'INCR: rate limiter pattern', url: 'https://redis.io/docs/latest/commands/incr/' },
        { title: 'Transactions', url: 'https://redis.io/docs/latest/develop/interact/transactions/' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    const { groups, place } = sitesByFunction(sites);
    const reported = new Set<RedisCallSite>();
    for (const expire of sites) {
      if (!EXPIRES[expire.command] && expire.command !== 'EXPIREAT' && expire.command !== 'PEXPIREAT') continue;
      if (!expire.args[0] || (expire.inTransaction && !runsAsPipeline(context, expire))) continue;
      const keyText = expire.args[0].text;
      let write: RedisCallSite | undefined;
      // The nearest earlier call of the same function on the same key decides.
      const group = groups.get(functionStartOf(expire))!;
      const at = place.get(expire)!;
      const chained = earlierInChain(group, at, expire);
      const continued = chained ? undefined : writeContinuedBy(context.model.text, sites, expire, keyText);
      if (chained) write = chained.args[0]?.text === keyText && WRITES.has(chained.command) ? chained : undefined;
      else if (continued) write = continued;
      else {
        let earlier = false;
        for (let j = at - 1; j >= 0; j--) {
          const candidate = group[j];
          if (candidate.callSpan.startOffset > expire.callSpan.startOffset) continue;
          if (candidate.args[0]?.text !== keyText) continue;
          // `if cluster: return r.sadd(k, v)`: a write whose value the function returns ends that path before the EXPIRE.
          if (returnsBeforeExpire(context.model.text, candidate)) continue;
          earlier = true;
          if (WRITES.has(candidate.command)) {
            // Of consecutive writes of the key (three HINCRBYs, then EXPIRE), the first one creates it; a SET (or
            // SUNIONSTORE) replaces the value and its TTL, so the one nearest to the EXPIRE is the one to fix.
            if (write && (replacesKey(write.command) || replacesKey(candidate.command))) break;
            write = candidate;
            continue;
          }
          // Reads and trims (LTRIM after LPUSH) neither create the key nor give it a TTL: look past them.
          if (write || ENDS_SEARCH.has(candidate.command)) break;
        }
        if (!earlier && !write) {
          // EXPIRE first, then the write: on a new key the EXPIRE does nothing and the write creates it without a TTL.
          const late = writeAfterFirstExpire(group, at, expire);
          if (late && !reported.has(late) && !late.inTransaction && !expire.inTransaction) {
            reported.add(late);
            context.report({ messageId: 'expireFirst', data: { command: late.command, key: shownKey(late), expire: expire.command }, span: late.span, related: [{ span: expire.span, message: `the earlier ${expire.command}` }] });
          }
          continue;
        }
      }
      if (!write || reported.has(write) || (write.command === 'SET' && setSetsTtl(write))) continue;
      // `key = f"a:{u}"; r.set(key, 1); key = f"b:{u}"; r.expire(key, 60)`: the same name, another key.
      if (reassignedBetween(context.model.text, keyText, write.callSpan.endOffset, expire.callSpan.startOffset)) continue;
      // MULTI/EXEC applies both at once; a node-redis multi() sent with execAsPipeline() is only a pipeline.
      if (write.inTransaction && !runsAsPipeline(context, write) && !(expire.inTransaction && runsAsPipeline(context, expire))) continue;
      reported.add(write);
      const adjacent = write.blockId === expire.blockId && !!write.statementSpan && !!expire.statementSpan && /^\s*$/.test(context.model.text.slice(write.statementSpan.endOffset, expire.statementSpan.startOffset));
      const related = [{ span: expire.span, message: `the separate ${expire.command}` }];
      const unit = EXPIRES[expire.command] ?? 'EX';
      const ttl = expire.args[1]?.text ?? 'ttl';
      const spelling = write.receiver.library === 'redis-py' ? `${unit.toLowerCase()}=${ttl}` : write.receiver.library === 'ioredis' ? `'${unit}', ${ttl}` : `{ ${unit}: ${ttl} }`;
      if (write.command === 'SET') {
        const merged = mergeFix(context, write, expire, adjacent);
        context.report({ messageId: 'set', data: { key: shownKey(write), expire: expire.command, spelling }, span: write.span, related, fixes: merged ? [merged] : undefined });
      } else {
        context.report({ messageId: 'other', data: { command: write.command, key: shownKey(write), expire: expire.command }, span: write.span, related });
      }
    }
    // `self.refresh()` (a method of the class whose one command is EXPIRE of self.token), then HINCRBY self.token.
    let helpers: ExpiringHelper[] | undefined;
    for (const write of sites) {
      if (!COUNTERS.has(write.command) || reported.has(write) || write.inTransaction || !write.enclosingFunction) continue;
      helpers ??= expiringHelpers(groups);
      if (!helpers.length) break;
      const helper = expiringHelperBefore(context.model.text, groups, helpers, write);
      if (!helper) continue;
      reported.add(write);
      context.report({ messageId: 'expireFirst', data: { command: write.command, key: shownKey(write), expire: helper.expire.command }, span: write.span, related: [{ span: helper.expire.span, message: `the ${helper.expire.command} sent by ${helper.name}()` }] });
    }
  },
};

