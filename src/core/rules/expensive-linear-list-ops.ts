/** expensive-linear-list-ops: LREM/LPOS/LINSERT and mid-list LINDEX/LSET walk the list. */
import { numberOf } from '../analysis/argumentValues';
import type { RedisCallSite, Rule } from './rule';
import { shownKey } from './support/clients';
import { isInFlightKey, sitesWith } from './support/sites';
import { isTimeBucket, isUncalledPassThrough, siteKey } from './support/collectionKeys';
import { expiringKeys } from './support/expiringKeys';
import { inFlightLists } from './support/inFlightLists';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const ALWAYS = new Set(['LREM', 'LPOS', 'LINSERT']);
const BY_INDEX = new Set(['LINDEX', 'LSET']);
const MOVES = ['RPOPLPUSH', 'BRPOPLPUSH', 'LMOVE', 'BLMOVE'];

/**
 * The destination of a move whose arguments come from a keyword dict (`names = {"src": a, "dst": b}`, then
 * `rpoplpush(**names)`): the value under "dst" or "second_list" in that dict literal.
 */
function splatTargets(text: string, site: RedisCallSite): string[] {
  const splat = /\*\*([A-Za-z_]\w*)/.exec(text.slice(site.callSpan.startOffset, site.callSpan.endOffset));
  if (!splat) return [];
  const dict = new RegExp(`\\b${splat[1]}\\s*=\\s*\\{([^}]*)\\}`).exec(text);
  const target = dict && /["'](?:dst|second_list)["']\s*:\s*([^,}\n]+)/.exec(dict[1]);
  return target ? [target[1].trim()] : [];
}

export const expensiveLinearListOps: Rule = {
  meta: {
    id: 'expensive-linear-list-ops',
    code: 'RR105',
    category: 'latency',
    defaultSeverity: 'info',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      linear: '{{command}} {{key}} walks the list element by element (O(N)); on long lists use a sorted set, a stream, or LMOVE to a processing list.',
    },
    docs: {
      summary: 'LREM, LPOS, LINSERT and mid-list LINDEX/LSET are O(N) on long lists.',
      what: 'Reports LREM, LPOS and LINSERT, and LINDEX/LSET with an index that is not the head or tail (0 or -1).',
      why: 'Lists are linked lists of listpacks: reaching the middle, or searching for a value, visits every element on the way. Queue code that removes jobs by value with LREM is a classic latency hot spot once the list grows.',
      examples: [
        { client: 'redis-py', file: 'app/queue.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef ack(job):\n    r.lrem("jobs:backlog", 1, job)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef ack(job_id):\n    r.xack("jobs", "workers", job_id)\n' },
        { client: 'ioredis', file: 'src/queue.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function position(job: string) {\n  return redis.lpos('jobs', job);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function position(job: string) {\n  return redis.zrank('jobs:by-time', job);\n}\n" },
        { client: 'node-redis', file: 'src/queue.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function ack(job: string) {\n  return client.lRem('jobs:backlog', 1, job);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function ack(id: string) {\n  return client.xAck('jobs', 'workers', id);\n}\n" },
        {
          client: 'go-redis',
          file: 'queue/cancel.go',
          bad: goFile('queue', ['"context"', '', GO_REDIS], `
func Cancel(ctx context.Context, rdb *redis.Client, job string) error {
    return rdb.LRem(ctx, "jobs:pending", 1, job).Err()
}
`),
          good: goFile('queue', ['"context"', '', GO_REDIS], `
// Pending jobs live in a sorted set by enqueue time: removing one is O(log N).
func Cancel(ctx context.Context, rdb *redis.Client, job string) error {
    return rdb.ZRem(ctx, "jobs:pending", job).Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'queue/cancel.go',
          bad: goFile('queue', ['"context"', '', RUEIDIS], `
func Cancel(ctx context.Context, client rueidis.Client, job string) error {
    return client.Do(ctx, client.B().Lrem().Key("jobs:pending").Count(1).Element(job).Build()).Error()
}
`),
          good: goFile('queue', ['"context"', '', RUEIDIS], `
// Pending jobs live in a sorted set by enqueue time: removing one is O(log N).
func Cancel(ctx context.Context, client rueidis.Client, job string) error {
    return client.Do(ctx, client.B().Zrem().Key("jobs:pending").Member(job).Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'queue/cancel.go',
          bad: goFile('queue', [REDIGO], `
func Cancel(conn redis.Conn, job string) error {
    _, err := conn.Do("LREM", "jobs:pending", 1, job)
    return err
}
`),
          good: goFile('queue', [REDIGO], `
// Pending jobs live in a sorted set by enqueue time: removing one is O(log N).
func Cancel(conn redis.Conn, job string) error {
    _, err := conn.Do("ZREM", "jobs:pending", job)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Jobs.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class Jobs {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void cancel(String job) {
        jedis.lrem("jobs:pending", 1, job);
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
/** Pending jobs live in a sorted set by enqueue time: removing one is O(log N). */
public class Jobs {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void cancel(String job) {
        jedis.zrem("jobs:pending", job);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Jobs.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Jobs {
    private final RedisCommands<String, String> commands;

    public Jobs(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void cancel(String job) {
        commands.lrem("jobs:pending", 1, job);
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
/** Pending jobs live in a sorted set by enqueue time: removing one is O(log N). */
public class Jobs {
    private final RedisCommands<String, String> commands;

    public Jobs(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void cancel(String job) {
        commands.zrem("jobs:pending", job);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Jobs.java',
          bad: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class Jobs {
    private final StringRedisTemplate redisTemplate;

    public Jobs(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void cancel(String job) {
        redisTemplate.opsForList().remove("jobs:pending", 1, job);
    }
}
`),
          good: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
/** Pending jobs live in a sorted set by enqueue time: removing one is O(log N). */
public class Jobs {
    private final StringRedisTemplate redisTemplate;

    public Jobs(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void cancel(String job) {
        redisTemplate.opsForZSet().remove("jobs:pending", job);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Jobs.java',
          bad: javaFile(['org.redisson.api.RList', 'org.redisson.api.RedissonClient'], `
public class Jobs {
    private final RList<String> pending;

    public Jobs(RedissonClient redisson) {
        this.pending = redisson.getList("jobs:pending");
    }

    public void cancel(String job) {
        pending.remove(job);
    }
}
`),
          good: javaFile(['org.redisson.api.RScoredSortedSet', 'org.redisson.api.RedissonClient'], `
/** Pending jobs live in a sorted set by enqueue time: removing one is O(log N). */
public class Jobs {
    private final RScoredSortedSet<String> pending;

    public Jobs(RedissonClient redisson) {
        this.pending = redisson.getScoredSortedSet("jobs:pending");
    }

    public void cancel(String job) {
        pending.remove(job);
    }
}
`),
        },
      ],
      fix: 'Model the data so lookups are by key or score: a sorted set (ZRANK, ZREM), a stream with consumer groups (XACK), or the LMOVE reliable-queue pattern that only touches the ends of lists.',
      falsePositives: 'Lists that stay short by construction; the rule is informational. LREM on a reliable queue\'s in-flight list (a key named processing, active, in-flight, running, claimed…) is not reported: it holds only the jobs being worked on. Neither is LREM on a list whose every push is undone by the pushing function itself (`rpush("tasks", task_id)` at a task\'s start, `lrem("tasks", 0, task_id)` at its end): it holds the calls running at once. Neither are lists the project gives a TTL (the pages of one search, kept for an hour), lists of one time bucket (a minute\'s schedule list, a `time_key`) nor thin helpers that pass their caller\'s key straight to the command when nothing in the file calls them (returning the reply, handing it to the caller\'s callback, or queueing the command on a pipeline object that returns itself).',
      references: [
        { title: 'LREM', url: 'https://redis.io/docs/latest/commands/lrem/' },
        { title: 'LPOS', url: 'https://redis.io/docs/latest/commands/lpos/' },
        { title: 'Streams', url: 'https://redis.io/docs/latest/develop/data-types/streams/' },
      ],
    },
  },
  check(context) {
    // Lists that RPOPLPUSH/LMOVE move items onto: a reliable queue's processing list (or a rotated queue), whose
    // LREM finds the item it just moved at the head.
    const moves = sitesWith(context.model, MOVES);
    const moveTargets = new Set([...moves.map((s) => (s.keywords.dst ?? s.keywords.second_list ?? s.args[1])?.text), ...moves.flatMap((s) => splatTargets(context.model.text, s))].filter((t): t is string => !!t));
    const isExpiring = expiringKeys(context.model, context.workspaceKeys);
    for (const site of sitesWith(context.model, [...ALWAYS, ...BY_INDEX])) {
      // A reliable queue's processing list holds only the jobs in flight: LREM on it stays short.
      if (site.command === 'LREM' && site.args[0] && (isInFlightKey(site.args[0].text) || moveTargets.has(site.args[0].text))) continue;
      const ref = siteKey(context.model, site);
      // A registry of work in progress: each call pushes its own item and LREMs it before returning.
      if (ref && site.command === 'LREM' && inFlightLists(context.model).has(ref.identity)) continue;
      // One time bucket's list (a minute's schedule) holds that period's entries only; a thin helper that passes
      // its caller's key through, called nowhere in the file, says nothing about how long the list is.
      if (ref && (isTimeBucket(ref) || isUncalledPassThrough(context.model, site, ref))) continue;
      // A list the project gives a TTL is a temporary result (the pages of one search, kept for an hour).
      if (ref && isExpiring(ref)) continue;
      if (BY_INDEX.has(site.command)) {
        // The ends are O(1); a computed index (a loop counter, a caller's position) walks the list like any middle one.
        const index = numberOf(site.args[1]);
        if (index === 0 || index === -1 || (index === undefined && !site.args[1])) continue;
      }
      context.report({ messageId: 'linear', data: { command: site.command, key: shownKey(site) }, span: site.span });
    }
  },
};
