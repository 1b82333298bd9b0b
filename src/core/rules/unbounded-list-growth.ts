/** unbounded-list-growth: lists pushed to but never trimmed or consumed grow forever. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { FileModel } from '../analysis/model';
import type { RedisCallSite, Rule } from './rule';
import { methodName, shownKey } from './support/clients';
import { fix, insertAt } from './support/edits';
import { siteKey } from './support/collectionKeys';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, goFile, javaFile } from './exampleFiles';

const PUSHES = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
const BOUNDING = ['LTRIM', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'LMPOP', 'BLMPOP', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'DEL', 'UNLINK', 'LREM'];
/** Commands that read a list's items: a list nothing in the project reads is consumed by another program. */
const READS = ['LRANGE', 'LINDEX', 'LPOS', 'SORT', 'LLEN', ...BOUNDING];
const QUEUE_NAME = /queue|jobs?\b|jobs?:|tasks?\b|tasks?:|inbox|outbox|work|pending|mailbox/i;

export const unboundedListGrowth: Rule = {
  meta: {
    id: 'unbounded-list-growth',
    code: 'RR303',
    category: 'memory',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      push: '{{command}} {{key}} grows the list forever: nothing in the project trims, pops or expires it. Cap it with LTRIM after the push (or use a capped stream).',
    },
    docs: {
      summary: 'LPUSH/RPUSH without LTRIM or a consumer grows a big key without bound.',
      what: 'Reports pushes to a list key that no code in the file or workspace trims (LTRIM), pops (LPOP/RPOP/BLPOP/LMOVE…), expires or deletes. A key made by a builder the file cannot evaluate (`self._events_key(task_id)`, inherited from another module) is matched by that builder call: the pushes, reads and trims of the file that build it the same way are of one key. Queue-like key names are assumed to have consumers elsewhere. In Go (go-redis, redigo, rueidis) the same holds for a push whose key the file trims, pops, expires or deletes (also in a pipeline, or in another function building the same key pattern); a key that is a parameter of its function is the caller\'s choice, and a field of a receiver whose type is named as a queue (`func (q Queue) Push` pushing to `q.Name`) is that queue\'s own list, consumed by its pop side. In Java, besides lists named as histories, feeds, logs or chats, a push is reported when another method of the file reads the same list back with LRANGE (a conversation\'s messages, a restaurant\'s new reviews): keys are compared as built, a local followed to its initializer (also an anonymous callback\'s outer method) and the methods\' parameters taken as holes, and only trims, pops, expiries or deletes of that key, or of keys the file cannot tell apart, count; a list read and filled in one method (a cache), pushed item by item in a loop (a catalogue loaded whole) or named as a queue or job list is not reported this way.',
      why: 'Timelines, logs and "recent items" lists that are only appended to become big keys: slow reads, slow deletes and expiry, replication and fork copy-on-write cost, and eviction of other data.',
      examples: [
        { client: 'redis-py', file: 'app/activity.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef record(uid, event):\n    r.lpush(f"recent:{uid}", event)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef record(uid, event):\n    r.lpush(f"recent:{uid}", event)\n    r.ltrim(f"recent:{uid}", 0, 99)\n' },
        { client: 'ioredis', file: 'src/activity.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function record(uid: string, event: string) {\n  await redis.lpush(`recent:${uid}`, event);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function record(uid: string, event: string) {\n  await redis.multi().lpush(`recent:${uid}`, event).ltrim(`recent:${uid}`, 0, 99).exec();\n}\n" },
        { client: 'node-redis', file: 'src/activity.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function record(uid: string, event: string) {\n  await client.rPush(`log:${uid}`, event);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function record(uid: string, event: string) {\n  await client.rPush(`log:${uid}`, event);\n  await client.lTrim(`log:${uid}`, -1000, -1);\n}\n" },
        {
          client: 'jedis',
          file: 'src/main/java/app/ChatHistory.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class ChatHistory {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void append(String room, String message) {
        jedis.rpush("history:" + room, message);
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
public class ChatHistory {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void append(String room, String message) {
        jedis.rpush("history:" + room, message);
        jedis.ltrim("history:" + room, -1000, -1);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/ChatHistory.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class ChatHistory {
    private final RedisCommands<String, String> commands;

    public ChatHistory(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void append(String room, String message) {
        commands.rpush("history:" + room, message);
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class ChatHistory {
    private final RedisCommands<String, String> commands;

    public ChatHistory(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void append(String room, String message) {
        commands.rpush("history:" + room, message);
        commands.ltrim("history:" + room, -1000, -1);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/ChatHistory.java',
          bad: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class ChatHistory {
    private final StringRedisTemplate redisTemplate;

    public ChatHistory(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void append(String room, String message) {
        redisTemplate.opsForList().rightPush("history:" + room, message);
    }
}
`),
          good: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class ChatHistory {
    private final StringRedisTemplate redisTemplate;

    public ChatHistory(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void append(String room, String message) {
        redisTemplate.opsForList().rightPush("history:" + room, message);
        redisTemplate.opsForList().trim("history:" + room, -1000, -1);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/ChatHistory.java',
          bad: javaFile(['org.redisson.api.RList', 'org.redisson.api.RedissonClient'], `
public class ChatHistory {
    private final RedissonClient redisson;

    public ChatHistory(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void append(String room, String message) {
        RList<String> history = redisson.getList("history:" + room);
        history.add(message);
    }
}
`),
          good: javaFile(['org.redisson.api.RList', 'org.redisson.api.RedissonClient'], `
public class ChatHistory {
    private final RedissonClient redisson;

    public ChatHistory(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void append(String room, String message) {
        RList<String> history = redisson.getList("history:" + room);
        history.add(message);
        history.trim(-1000, -1);
    }
}
`),
        },
        {
          client: 'go-redis',
          file: 'activity/history.go',
          bad: goFile('activity', ['"context"', '', GO_REDIS], `
func Record(ctx context.Context, rdb *redis.Client, room, message string) error {
    return rdb.RPush(ctx, "history:"+room, message).Err()
}
`),
          good: goFile('activity', ['"context"', '', GO_REDIS], `
func Record(ctx context.Context, rdb *redis.Client, room, message string) error {
    pipe := rdb.TxPipeline()
    pipe.RPush(ctx, "history:"+room, message)
    pipe.LTrim(ctx, "history:"+room, -1000, -1)
    _, err := pipe.Exec(ctx)
    return err
}
`),
        },
      ],
      fix: 'The quick fix adds `LTRIM key 0 999` after the push (unsafe: it drops older items; pick the cap you need). Or push and trim in one MULTI, or use a stream with MAXLEN.',
      falsePositives: 'Queues drained by a worker in another repository: when the whole project is linted, a list that no code of the project reads (LRANGE, LINDEX, LLEN, pops…) is taken to be such a hand-off and is not reported. Keys named like queues (queue, jobs, tasks, inbox…) are not reported, nor a push of values written in the code at a module\'s top level (`r.rpush("sort-input", 23, 15, 7)` seeding a demo list): it runs once when the module loads, not per event. A literal push inside a function (`lpush("log", "visited")` per request) is reported. Suppress others inline.',
      references: [
        { title: 'LTRIM: capped lists', url: 'https://redis.io/docs/latest/commands/ltrim/' },
        { title: 'Memory optimization', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/optimization/memory-optimization/' },
      ],
    },
  },
  check(context) {
    // The key tables below read every call site's key: only a file that pushes needs them.
    if (!context.model.callSites.some((site) => PUSHES.has(site.command) && !site.inTransaction)) return;
    const bounded = keysIn(context.model, BOUNDING);
    const read = keysIn(context.model, READS);
    const seen = new Set<string>();
    for (const site of context.model.callSites) {
      if (!PUSHES.has(site.command) || site.inTransaction) continue;
      // Keys held in module constants (`FEED = "feed"`) count as their pattern, as in the workspace index.
      const key = patternOf(context.model, site);
      if (!key || seen.has(key) || bounded.has(key) || QUEUE_NAME.test(key) || QUEUE_NAME.test(site.args[0].text)) continue;
      if (context.workspaceKeys?.hasCommandOnKey(BOUNDING, key)) continue;
      // Pushed here and read nowhere in the project: a hand-off to a consumer in another program, which pops it.
      if (context.hasWorkspace && !read.has(key) && !context.workspaceKeys?.hasCommandOnKey(READS, key)) continue;
      if (seedsFixedItemsOnce(site)) continue;
      seen.add(key);
      const trim = methodName(site.receiver.library, 'ltrim', 'ltrim', 'lTrim');
      const statement = site.statementSpan;
      const call = `${site.receiver.text}.${trim}(${site.args[0].text}, 0, 999)`;
      const line = context.model.language === 'python' ? `${site.indentation}${site.awaited ? 'await ' : ''}${call}\n` : `${site.indentation}${site.awaited ? 'await ' : ''}${call};\n`;
      const fixes = statement && !site.batched ? [fix('Cap the list at 1000 items with LTRIM after the push', false, [insertAt(statement.endOffset, line)])] : undefined;
      context.report({ messageId: 'push', data: { command: site.command, key: shownKey(site) }, span: site.span, fixes });
    }
  },
};

/**
 * The key pattern of a site's first argument, also when a module constant or a local holds it; for a key a builder
 * this file cannot evaluate makes (`self._raw_key(task_id)`, `this.key('failed')`), the builder call itself, so a
 * push and the reads and trims of the file that build the key the same way meet (the workspace index, which knows
 * patterns only, has nothing to say about it).
 */
function patternOf(model: FileModel, site: RedisCallSite): string | undefined {
  const pattern = keyPatternOf(site.args[0]) ?? siteKey(model, site)?.pattern;
  if (pattern !== undefined) return pattern;
  const ref = siteKey(model, site);
  return ref && !ref.parameter && /^[\w$.]+\(/.test(ref.source.trim()) ? `built:${ref.identity}` : undefined;
}

/** Key patterns of the file's calls of these commands. */
function keysIn(model: FileModel, commands: readonly string[]): Set<string> {
  const wanted = new Set(commands);
  return new Set(model.callSites.filter((site) => wanted.has(site.command)).map((site) => patternOf(model, site)).filter((key): key is string => !!key));
}

/** A module-level push of values written in the code: it runs once when the module loads and adds a fixed set. */
function seedsFixedItemsOnce(site: RedisCallSite): boolean {
  const values = site.args.slice(1);
  return !site.enclosingFunction && values.length > 0 && values.every((arg) => !arg.spread && (arg.value.kind === 'string' || arg.value.kind === 'number'));
}
