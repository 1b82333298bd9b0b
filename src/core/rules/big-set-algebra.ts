/** big-set-algebra: set/sorted-set unions, intersections and differences cost O(total size). */
import type { FileModel, RedisCallSite } from '../analysis/model';
import type { Rule } from './rule';
import { sitesWith } from './support/sites';
import { isParameter } from '../analysis/keyReferences';
import { copiesOneSet, everyInputSmall, mapsEveryCallerKey } from './support/algebraInputs';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, goFile, javaFile } from './exampleFiles';

const ALGEBRA = ['SUNION', 'SUNIONSTORE', 'SINTER', 'SINTERSTORE', 'SDIFF', 'SDIFFSTORE', 'ZUNION', 'ZUNIONSTORE', 'ZINTER', 'ZINTERSTORE', 'ZDIFF', 'ZDIFFSTORE'];

export const bigSetAlgebra: Rule = {
  meta: {
    id: 'big-set-algebra',
    code: 'RR103',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      algebra: '{{command}} costs time proportional to the sizes of all input sets and runs on the server\'s only command thread; precompute the result on write{{hint}}.',
    },
    docs: {
      summary: 'SUNION/SINTER/SDIFF/ZUNIONSTORE… are O(total elements) and block on large sets.',
      what: 'Reports set and sorted-set algebra commands (SUNION, SINTER, SDIFF, ZUNION, ZINTER, ZDIFF and their STORE forms) in application code. A function that only forwards its caller\'s keys (every key is one of its parameters, untouched: `async sinter(...keys) { return this.client.sinter(...keys) }` in a client wrapper) is left to its callers; keys it builds itself (`f"tag:{a}"`) are reported, and so is a caller\'s list the function first extends with a key of its own (`keys.insert(0, self.name)`). In Java, such a method is reported where its own file calls it with the keys it builds, and a wrapper class\'s method that nothing in its file calls (`RedisUtil.sIntersect(key, otherKey)`) is reported on its own line: its callers in other files show only a project method. In Go, a function whose keys are all its parameters, or a local it builds only from them, is left to its callers: a redigo argument list (`redis.Args{}.Add(dst).Add(len(keys))`, then each of `keys`), a key slice mapped from the caller\'s list through a key builder (`keys = append(keys, bucketKey(m))`), or a go-redis `&redis.ZStore{Keys: keys}` of it.',
      why: 'SINTER is O(N·M) in the worst case and the unions and differences are O(total elements). On sets of hundreds of thousands of members a single call takes tens to hundreds of milliseconds, during which Redis serves nobody else, and the result is allocated in full.',
      examples: [
        { client: 'redis-py', file: 'app/tags.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef common(a, b):\n    return r.sinter(f"tag:{a}", f"tag:{b}")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef common_count(a, b):\n    return r.execute_command("SINTERCARD", 2, f"tag:{a}", f"tag:{b}", "LIMIT", 100)\n' },
        { client: 'ioredis', file: 'src/tags.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function everyone() {\n  return redis.sunion('team:a', 'team:b');\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function everyone() {\n  return redis.sscan('team:all', 0, 'COUNT', 100);\n}\n" },
        { client: 'node-redis', file: 'src/tags.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function merge() {\n  return client.zUnionStore('board:all', ['board:a', 'board:b']);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function addScore(member: string, score: number) {\n  await client.zIncrBy('board:all', score, member);\n}\n" },
        {
          client: 'jedis',
          file: 'src/main/java/app/Audience.java',
          bad: javaFile(['java.util.Set', 'redis.clients.jedis.JedisPooled'], `
public class Audience {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public Set<String> reachable(String campaign) {
        return jedis.sunion("followers:" + campaign, "subscribers:" + campaign, "visitors:all");
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
/** The audience set is kept up to date as members join (SADD to both sets), so reading its size is O(1). */
public class Audience {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public long reachable(String campaign) {
        return jedis.scard("audience:" + campaign);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Audience.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands', 'java.util.Set'], `
public class Audience {
    private final RedisCommands<String, String> commands;

    public Audience(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public Set<String> reachable(String campaign) {
        return commands.sunion("followers:" + campaign, "subscribers:" + campaign, "visitors:all");
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
/** The audience set is kept up to date as members join (SADD to both sets), so reading its size is O(1). */
public class Audience {
    private final RedisCommands<String, String> commands;

    public Audience(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public long reachable(String campaign) {
        return commands.scard("audience:" + campaign);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Audience.java',
          bad: javaFile(['java.util.List', 'java.util.Set', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Audience {
    private final StringRedisTemplate redisTemplate;

    public Audience(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Set<String> reachable(String campaign) {
        return redisTemplate.opsForSet().union("followers:" + campaign, List.of("subscribers:" + campaign, "visitors:all"));
    }
}
`),
          good: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
/** The audience set is kept up to date as members join (SADD to both sets), so reading its size is O(1). */
public class Audience {
    private final StringRedisTemplate redisTemplate;

    public Audience(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Long reachable(String campaign) {
        return redisTemplate.opsForSet().size("audience:" + campaign);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Audience.java',
          bad: javaFile(['java.util.Set', 'org.redisson.api.RSet', 'org.redisson.api.RedissonClient'], `
public class Audience {
    private final RedissonClient redisson;

    public Audience(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public Set<String> reachable(String campaign) {
        RSet<String> followers = redisson.getSet("followers:" + campaign);
        return followers.readUnion("subscribers:" + campaign, "visitors:all");
    }
}
`),
          good: javaFile(['org.redisson.api.RSet', 'org.redisson.api.RedissonClient'], `
/** The audience set is kept up to date as members join (SADD to both sets), so reading its size is O(1). */
public class Audience {
    private final RedissonClient redisson;

    public Audience(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public int reachable(String campaign) {
        RSet<String> audience = redisson.getSet("audience:" + campaign);
        return audience.size();
    }
}
`),
        },
        {
          client: 'go-redis',
          file: 'audience/audience.go',
          bad: goFile('audience', ['"context"', '', GO_REDIS], `
func Reachable(ctx context.Context, rdb *redis.Client, campaign string) ([]string, error) {
    return rdb.SUnion(ctx, "followers:"+campaign, "subscribers:"+campaign, "visitors:all").Result()
}
`),
          good: goFile('audience', ['"context"', '', GO_REDIS], `
// The audience set is kept up to date as members join (SAdd to both sets), so reading its size is O(1).
func Reachable(ctx context.Context, rdb *redis.Client, campaign string) (int64, error) {
    return rdb.SCard(ctx, "audience:"+campaign).Result()
}
`),
        },
      ],
      fix: 'Maintain the combined set incrementally when members are added, use SINTERCARD with LIMIT when only a count is needed, keep inputs small (bucket by time or shard), or run the computation on a replica.',
      falsePositives: 'Not reported: a store\'s generic operation that maps each of its caller\'s keys through its namespace (`r.sinter(*[self.key(n) for n in names])`, `names.map((n) => this.k(n))`: the callers name the sets; a mapping that adds a set name of its own, `f"tag:{t}"`, is reported), and algebra whose every input set this file shows to be small: filled only with fixed literal members (a few permissions), or in one SADD from the caller\'s list (one record\'s tags), or listed in `boundedKeys`; and a STORE form given one input key (`SUNIONSTORE copy src` where `src` is a built key or a name the file also passes to SCARD, SADD…: the idiom for copying a set, as COPY does), which combines nothing and costs what copying that one set costs. Offline batch jobs may still be reported: scripts and tests are skipped; suppress other known-small cases inline.',
      references: [
        { title: 'SINTER', url: 'https://redis.io/docs/latest/commands/sinter/' },
        { title: 'SUNIONSTORE', url: 'https://redis.io/docs/latest/commands/sunionstore/' },
        { title: 'SINTERCARD', url: 'https://redis.io/docs/latest/commands/sintercard/' },
      ],
    },
  },
  check(context) {
    for (const site of sitesWith(context.model, ALGEBRA)) {
      if (forwardsCallerKeys(context.model, site) || mapsEveryCallerKey(context.model, site)) continue;
      if (copiesOneSet(context.model, site) || everyInputSmall(context.model, site, context.config.boundedKeys)) continue;
      const hint = site.command.startsWith('SINTER') ? ', or use SINTERCARD … LIMIT when you only need a count' : '';
      context.report({ messageId: 'algebra', data: { command: site.command, hint }, span: site.span });
    }
  },
};

/**
 * A function whose set keys are all its own parameters, passed through untouched (`async sinter(...keys)`,
 * `def common(self, a, b): return self.r.sinter(a, b)`): a wrapper whose callers name the sets, so whether they
 * are big is decided where it is called, not here. Keys built here (`f"tag:{a}"`) are this function's choice.
 */
function forwardsCallerKeys(model: FileModel, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (!fn || !site.args.length) return false;
  const before = model.text.slice(fn.span.startOffset, site.callSpan.startOffset);
  return site.args.every((arg) => {
    const name = arg.text.replace(/^(\.\.\.|\*)/, '').trim();
    return /^[A-Za-z_$][\w$]*$/.test(name) && isParameter(model, site, name) && !extendedBefore(before, name);
  });
}

/**
 * The function adds keys of its own to the caller's list before the call (`keys.insert(0, self.name)`,
 * `keys.push(this.key)`, `keys += [...]`): the sets are no longer only the caller's choice.
 */
function extendedBefore(before: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`(?<![\\w$.])${escaped}\\s*(?:\\.(?:insert|append|extend|push|unshift|splice)\\s*\\(|\\+=)`).test(before.slice(before.indexOf(')')));
}
