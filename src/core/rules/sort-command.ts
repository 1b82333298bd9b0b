/** sort-command: SORT is O(N+M·log M) and its BY/GET patterns touch undeclared keys. */
import type { FileModel, RedisCallSite } from '../analysis/model';
import type { Rule } from './rule';
import { shownKey } from './support/clients';
import { hasOption } from './support/options';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, goFile, javaFile } from './exampleFiles';

export const sortCommand: Rule = {
  meta: {
    id: 'sort-command',
    code: 'RR104',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      sort: '{{command}} {{key}} sorts the whole collection on the server (O(N+M·log M)); keep the data in a sorted set and read a page with ZRANGE … LIMIT.',
      sortPattern: '{{command}} {{key}} with BY/GET reads keys it does not declare (breaks in Cluster) and sorts the whole collection; keep the data pre-sorted in a sorted set.',
    },
    docs: {
      summary: 'SORT is expensive and, with BY/GET, reads undeclared keys.',
      what: 'Reports SORT and SORT_RO calls. A plain SORT (no BY/GET patterns) of a key that this file fills only with literal values, outside loops, is small by construction and not reported.',
      why: 'SORT is O(N+M·log M) on the single command thread and is flagged @dangerous. With BY or GET patterns it reads other keys that are not declared as arguments, which Cluster cannot route.',
      examples: [
        { client: 'redis-py', file: 'app/rank.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef ranked():\n    return r.sort("players", by="score_*", desc=True)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef ranked():\n    return r.zrevrange("players:by-score", 0, 99)\n' },
        { client: 'ioredis', file: 'src/rank.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function ranked() {\n  return redis.sort('players', 'BY', 'score_*');\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function ranked() {\n  return redis.zrevrange('players:by-score', 0, 99);\n}\n" },
        { client: 'node-redis', file: 'src/rank.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function ranked() {\n  return client.sort('players');\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function ranked() {\n  return client.zRange('players:by-score', 0, 99, { REV: true });\n}\n" },
        {
          client: 'jedis',
          file: 'src/main/java/app/Leaderboard.java',
          bad: javaFile(['java.util.List', 'redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.SortingParams'], `
public class Leaderboard {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public List<String> top(int n) {
        return jedis.sort("players", new SortingParams().by("score:*").desc().limit(0, n));
    }
}
`),
          good: javaFile(['java.util.List', 'redis.clients.jedis.JedisPooled'], `
public class Leaderboard {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public List<String> top(int n) {
        return jedis.zrevrange("leaderboard", 0, n - 1);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Leaderboard.java',
          bad: javaFile(['io.lettuce.core.SortArgs', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.List'], `
public class Leaderboard {
    private final RedisCommands<String, String> commands;

    public Leaderboard(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public List<String> top(int n) {
        return commands.sort("players", SortArgs.Builder.by("score:*").desc().limit(0, n));
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands', 'java.util.List'], `
public class Leaderboard {
    private final RedisCommands<String, String> commands;

    public Leaderboard(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public List<String> top(int n) {
        return commands.zrevrange("leaderboard", 0, n - 1);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Leaderboard.java',
          bad: javaFile(['java.util.List', 'org.springframework.data.redis.core.StringRedisTemplate', 'org.springframework.data.redis.core.query.SortQueryBuilder'], `
public class Leaderboard {
    private final StringRedisTemplate redisTemplate;

    public Leaderboard(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public List<String> top(int n) {
        return redisTemplate.sort(SortQueryBuilder.sort("players").by("score:*").limit(0, n).build());
    }
}
`),
          good: javaFile(['java.util.Set', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Leaderboard {
    private final StringRedisTemplate redisTemplate;

    public Leaderboard(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Set<String> top(int n) {
        return redisTemplate.opsForZSet().reverseRange("leaderboard", 0, n - 1);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Leaderboard.java',
          bad: javaFile(['java.util.Collection', 'org.redisson.api.RSet', 'org.redisson.api.RedissonClient', 'org.redisson.api.SortOrder'], `
public class Leaderboard {
    private final RSet<String> players;

    public Leaderboard(RedissonClient redisson) {
        this.players = redisson.getSet("players");
    }

    public Collection<String> top(int n) {
        return players.readSort("score:*", SortOrder.DESC, 0, n);
    }
}
`),
          good: javaFile(['java.util.Collection', 'org.redisson.api.RScoredSortedSet', 'org.redisson.api.RedissonClient'], `
public class Leaderboard {
    private final RScoredSortedSet<String> leaderboard;

    public Leaderboard(RedissonClient redisson) {
        this.leaderboard = redisson.getScoredSortedSet("leaderboard");
    }

    public Collection<String> top(int n) {
        return leaderboard.valueRangeReversed(0, n - 1);
    }
}
`),
        },
        {
          client: 'go-redis',
          file: 'board/rank.go',
          bad: goFile('board', ['"context"', '', GO_REDIS], `
func Ranked(ctx context.Context, rdb *redis.Client) ([]string, error) {
    return rdb.Sort(ctx, "players", &redis.Sort{By: "score_*", Order: "DESC"}).Result()
}
`),
          good: goFile('board', ['"context"', '', GO_REDIS], `
func Ranked(ctx context.Context, rdb *redis.Client) ([]string, error) {
    return rdb.ZRevRange(ctx, "players:by-score", 0, 99).Result()
}
`),
        },
      ],
      fix: 'Store the data in a sorted set scored by the sort field (ZADD on write) and read pages with ZRANGE … LIMIT, or sort a small page client-side.',
      falsePositives: 'Sorting a list known to hold a few hundred items; suppress inline.',
      references: [
        { title: 'SORT', url: 'https://redis.io/docs/latest/commands/sort/' },
        { title: 'Sorted sets', url: 'https://redis.io/docs/latest/develop/data-types/sorted-sets/' },
      ],
    },
  },
  check(context) {
    for (const site of sitesWith(context.model, ['SORT', 'SORT_RO'])) {
      const pattern = hasOption(site, ['by', 'get', 'BY', 'GET'], 1);
      if (!pattern && smallByConstruction(context.model, site)) continue;
      context.report({ messageId: pattern ? 'sortPattern' : 'sort', data: { command: site.command, key: shownKey(site) }, span: site.span });
    }
  },
};

const LITERAL_FILLS = new Set(['RPUSH', 'LPUSH', 'RPUSHX', 'LPUSHX', 'SADD', 'ZADD']);
/** Commands that fill a key from other keys (their size is unknown). */
const COPIES = new Set(['SMOVE', 'RPOPLPUSH', 'LMOVE', 'BLMOVE', 'BRPOPLPUSH', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'COPY', 'RENAME', 'RESTORE']);

/** The sorted key is a literal that the file only fills with literal members, never in a loop (a demo list of five items). */
function smallByConstruction(model: FileModel, sort: RedisCallSite): boolean {
  const key = sort.args[0]?.value;
  if (key?.kind !== 'string') return false;
  const names = (site: RedisCallSite) => site.args.some((arg) => arg.value.kind === 'string' && arg.value.value === key.value);
  let fills = 0;
  for (const site of model.callSites) {
    if (COPIES.has(site.command) && names(site)) return false;
    if (!LITERAL_FILLS.has(site.command) || site.args[0]?.value.kind !== 'string' || site.args[0].value.value !== key.value) continue;
    if (site.anyLoop || site.loop || Object.keys(site.keywords).length || !site.args.every((arg) => arg.value.kind === 'string' || arg.value.kind === 'number')) return false;
    fills++;
  }
  return fills > 0;
}
