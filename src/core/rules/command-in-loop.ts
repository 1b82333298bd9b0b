/** command-in-loop: one round trip per loop iteration (N+1) instead of one batched request. */
import { BLOCKING_COMMANDS, CURSOR_COMMANDS, SERVER_WIDE_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from '../analysis/commandNames';
import type { Rule, RedisCallSite } from './rule';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';
import { runsOnHandedPipeline } from './support/pipelineCallbacks';
import { flushesFullBuffer } from './support/loopBatches';
import { leavesLoopAfter } from './support/loopExits';
import { removesStaleEntryOnFailure } from './support/staleEntryRepairs';
import { pagesWithCursor } from './support/cursorPages';
import { loopsOverShortListArgument } from './support/smallListParameters';
import { marksWorkInProgress } from './support/workMarkers';
import { queuedOnBatchBuilder } from './support/loopBatchBuilders';
import { loopsOverModuleTable } from './support/moduleTables';
import { talksToAnotherConnectionEachRound } from './support/loopConnections';

// A multi-key command written in the loop is one round trip per batch (a page of SCAN keys, a chunk of ids); a helper that
// sends one per item (`count(name)`: MGET of the item's buckets) is still a round trip per item.
const MULTI_KEY = new Set(['MGET', 'MSET', 'MSETNX']);
const NOT_BATCHABLE = new Set([...CURSOR_COMMANDS, ...BLOCKING_COMMANDS, ...STREAM_BLOCKING_COMMANDS, ...SUBSCRIBE_COMMANDS, 'WATCH', 'UNWATCH', 'PING', 'QUIT', 'SELECT', 'KEYS', 'EVAL', 'EVALSHA']);
// Creating a consumer group or a search index is setup a service does once per stream or index, not per item of a request.
const SETUP_COMMANDS = /^(?:XGROUP (?:CREATE|CREATECONSUMER)|FT\.CREATE|FT\.ALTER|BF\.RESERVE|CF\.RESERVE|TOPK\.RESERVE|CMS\.INITBYDIM|CMS\.INITBYPROB)$/;
/**
 * `migrateExistingJobs()`, `run_migrations()`, NestJS `onModuleInit()`: code that runs once, at deployment or
 * startup, where a round trip per item costs once rather than on every request.
 */
const RUNS_ONCE = /migrat|^[#_]*(?:on_?module_?init|on_?application_?bootstrap|bootstrap)$/i;
/**
 * A module named for start-up, migration or seeding (`ta_startup.py` run when the container starts, `seeds/users.js`,
 * `migrations/0004_backfill.py`): its loops run once per deployment, not per request. The name must end in the word
 * (`startup_times.py` is not one).
 */
const RUNS_ONCE_FILE = /(?:^|\/)(?:migrations?|seeds?|seeders)\/|(?:^|[/_.-])(?:startup|migrate|migration|seed|seeds|bootstrap)\.[^/.]+$/i;
const READS_WITH_MULTI_FORM: Record<string, string> = { GET: 'MGET', HGET: 'HMGET', SISMEMBER: 'SMISMEMBER', ZSCORE: 'ZMSCORE', SET: 'MSET' };

function batchSpelling(site: RedisCallSite): string {
  const multi = READS_WITH_MULTI_FORM[site.command];
  const pipeline =
    site.receiver.library === 'redis-py'
      ? `${site.receiver.text}.pipeline(transaction=False)`
      : site.receiver.library === 'ioredis'
        ? `${site.receiver.text}.pipeline()`
        : `Promise.all(...) or ${site.receiver.text}.multi()...execAsPipeline()`;
  return multi ? `${multi} or ${pipeline}` : pipeline;
}

export const commandInLoop: Rule = {
  meta: {
    id: 'command-in-loop',
    code: 'RR201',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      loop: '{{commands}} {{verb}} sent once per iteration of this loop, one network round trip each (N+1); batch them with {{batch}}.',
      helper: '{{helper}}() sends {{command}} once per iteration of this loop, one network round trip each (N+1); fetch the items in one batch ({{batch}}) instead.',
    },
    docs: {
      summary: 'Redis commands awaited inside a for-loop cost one round trip per item.',
      what: 'Reports Redis commands issued (and, in TS/JS, awaited) inside the body of a for-loop or comprehension, on a client rather than a pipeline, and calls (awaited in TS/JS) of the same file\'s functions that send a command — item accessors of any size (`for id in ids: get_user(id)`, `await this.getRoom(id)`), thin wrappers of any name, functions of any length whose only Redis work is one command (`delayedAt(ts)`: an LRANGE, then parsing; `buckets_counts(name)`: an MGET of the buckets of one counter), also when they use its reply with builtins, constructors or the file\'s own functions that send nothing (`float(v)`, `self._get_buckets()`), and a function whose one call that sends commands is such a helper (`count(name)` summing `self.buckets_counts(name)`), also through another helper (`getUser` → `self.getHash` → HGETALL) or a static loader of a class of the file called on the class (`Item.from_redis(r, uuid)`: one item\'s record per round) or through a name the file binds to one (`SET_CACHE = set_cache`, also chosen per branch at module level), and helpers of other project files: an imported function, or a method of a project class called on an instance the file creates, annotates or names after the class, or imports by name from a module that exports it under the class name (`import { roomStore } from "./stores"`) (`redis_manager.get_user_data(key)` → `RedisManager.get_user_data` → HGETALL; reported as likely, with that evidence) — inside such a loop. A redis.asyncio comprehension handed to `asyncio.gather(*[...])` counts too: each coroutine is its own round trip on its own pooled connection. One finding per loop, with the other commands as related locations.',
      why: 'Every command waits a full network round trip: with 1 ms RTT a loop over 5 000 ids takes 5 s however fast Redis is, and each call costs the server a read and a write syscall. A pipeline or a multi-key command sends everything in one round trip.',
      examples: [
        { client: 'redis-py', file: 'app/users.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef names(ids):\n    return [r.get(f"user:{i}:name") for i in ids]\n', good: 'import redis\n\nr = redis.Redis()\n\ndef names(ids):\n    return r.mget([f"user:{i}:name" for i in ids])\n' },
        { client: 'ioredis', file: 'src/users.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function names(ids: string[]) {\n  const out = [];\n  for (const id of ids) out.push(await redis.hget(`user:${id}`, 'name'));\n  return out;\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function names(ids: string[]) {\n  const pipeline = redis.pipeline();\n  for (const id of ids) pipeline.hget(`user:${id}`, 'name');\n  return pipeline.exec();\n}\n" },
        { client: 'node-redis', file: 'src/users.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function touch(ids: string[]) {\n  for (const id of ids) {\n    await client.expire(`session:${id}`, 600);\n  }\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function touch(ids: string[]) {\n  await Promise.all(ids.map((id) => client.expire(`session:${id}`, 600)));\n}\n" },
        {
          client: 'go-redis',
          file: 'feed/posts.go',
          bad: goFile('feed', ['"context"', '', GO_REDIS], `
func Posts(ctx context.Context, rdb *redis.Client, ids []string) ([]string, error) {
    posts := make([]string, 0, len(ids))
    for _, id := range ids {
        body, err := rdb.Get(ctx, "post:"+id).Result()
        if err != nil {
            return nil, err
        }
        posts = append(posts, body)
    }
    return posts, nil
}
`),
          good: goFile('feed', ['"context"', '', GO_REDIS], `
func Posts(ctx context.Context, rdb *redis.Client, ids []string) ([]*redis.StringCmd, error) {
    cmds := make([]*redis.StringCmd, 0, len(ids))
    _, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
        for _, id := range ids {
            cmds = append(cmds, pipe.Get(ctx, "post:"+id))
        }
        return nil
    })
    return cmds, err
}
`),
        },
        {
          client: 'rueidis',
          file: 'feed/posts.go',
          bad: goFile('feed', ['"context"', '', RUEIDIS], `
func Posts(ctx context.Context, client rueidis.Client, ids []string) ([]string, error) {
    posts := make([]string, 0, len(ids))
    for _, id := range ids {
        body, err := client.Do(ctx, client.B().Get().Key("post:"+id).Build()).ToString()
        if err != nil {
            return nil, err
        }
        posts = append(posts, body)
    }
    return posts, nil
}
`),
          good: goFile('feed', ['"context"', '', RUEIDIS], `
func Posts(ctx context.Context, client rueidis.Client, ids []string) []rueidis.RedisResult {
    cmds := make(rueidis.Commands, 0, len(ids))
    for _, id := range ids {
        cmds = append(cmds, client.B().Get().Key("post:"+id).Build())
    }
    return client.DoMulti(ctx, cmds...)
}
`),
        },
        {
          client: 'redigo',
          file: 'feed/posts.go',
          bad: goFile('feed', [REDIGO], `
func Posts(conn redis.Conn, ids []string) ([]string, error) {
    posts := make([]string, 0, len(ids))
    for _, id := range ids {
        body, err := redis.String(conn.Do("GET", "post:"+id))
        if err != nil {
            return nil, err
        }
        posts = append(posts, body)
    }
    return posts, nil
}
`),
          good: goFile('feed', [REDIGO], `
func Posts(conn redis.Conn, ids []string) ([]string, error) {
    for _, id := range ids {
        if err := conn.Send("GET", "post:"+id); err != nil {
            return nil, err
        }
    }
    if err := conn.Flush(); err != nil {
        return nil, err
    }
    posts := make([]string, 0, len(ids))
    for range ids {
        body, err := redis.String(conn.Receive())
        if err != nil {
            return nil, err
        }
        posts = append(posts, body)
    }
    return posts, nil
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Prices.java',
          bad: javaFile(['java.util.ArrayList', 'java.util.List', 'redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool'], `
public class Prices {
    private final JedisPool pool;

    public Prices(JedisPool pool) {
        this.pool = pool;
    }

    public List<String> prices(List<String> skus) {
        List<String> prices = new ArrayList<>();
        try (Jedis jedis = pool.getResource()) {
            for (String sku : skus) {
                prices.add(jedis.get("price:" + sku));
            }
        }
        return prices;
    }
}
`),
          good: javaFile(['java.util.ArrayList', 'java.util.List', 'redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool', 'redis.clients.jedis.Pipeline', 'redis.clients.jedis.Response'], `
public class Prices {
    private final JedisPool pool;

    public Prices(JedisPool pool) {
        this.pool = pool;
    }

    public List<String> prices(List<String> skus) {
        List<Response<String>> replies = new ArrayList<>();
        try (Jedis jedis = pool.getResource()) {
            Pipeline pipeline = jedis.pipelined();
            for (String sku : skus) {
                replies.add(pipeline.get("price:" + sku));
            }
            pipeline.sync();
        }
        List<String> prices = new ArrayList<>();
        for (Response<String> reply : replies) {
            prices.add(reply.get());
        }
        return prices;
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Prices.java',
          bad: javaFile(['io.lettuce.core.api.StatefulRedisConnection', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.ArrayList', 'java.util.List'], `
public class Prices {
    private final RedisCommands<String, String> commands;

    public Prices(StatefulRedisConnection<String, String> connection) {
        this.commands = connection.sync();
    }

    public List<String> prices(List<String> skus) {
        List<String> prices = new ArrayList<>();
        for (String sku : skus) {
            prices.add(commands.get("price:" + sku));
        }
        return prices;
    }
}
`),
          good: javaFile(['io.lettuce.core.KeyValue', 'io.lettuce.core.api.StatefulRedisConnection', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.List'], `
public class Prices {
    private final RedisCommands<String, String> commands;

    public Prices(StatefulRedisConnection<String, String> connection) {
        this.commands = connection.sync();
    }

    public List<KeyValue<String, String>> prices(List<String> skus) {
        String[] keys = skus.stream().map(sku -> "price:" + sku).toArray(String[]::new);
        return commands.mget(keys);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Prices.java',
          bad: javaFile(['java.util.ArrayList', 'java.util.List', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Prices {
    private final StringRedisTemplate redisTemplate;

    public Prices(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public List<String> prices(List<String> skus) {
        List<String> prices = new ArrayList<>();
        for (String sku : skus) {
            prices.add(redisTemplate.opsForValue().get("price:" + sku));
        }
        return prices;
    }
}
`),
          good: javaFile(['java.util.List', 'java.util.stream.Collectors', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Prices {
    private final StringRedisTemplate redisTemplate;

    public Prices(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public List<String> prices(List<String> skus) {
        return redisTemplate.opsForValue().multiGet(skus.stream().map(sku -> "price:" + sku).collect(Collectors.toList()));
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Prices.java',
          bad: javaFile(['java.util.List', 'org.redisson.api.RMap', 'org.redisson.api.RedissonClient'], `
public class Prices {
    private final RMap<String, String> prices;

    public Prices(RedissonClient redisson) {
        this.prices = redisson.getMap("prices");
    }

    public void update(List<String> skus, String price) {
        for (String sku : skus) {
            prices.fastPut(sku, price);
        }
    }
}
`),
          good: javaFile(['java.util.HashMap', 'java.util.List', 'java.util.Map', 'org.redisson.api.RMap', 'org.redisson.api.RedissonClient'], `
public class Prices {
    private final RMap<String, String> prices;

    public Prices(RedissonClient redisson) {
        this.prices = redisson.getMap("prices");
    }

    public void update(List<String> skus, String price) {
        Map<String, String> entries = new HashMap<>();
        for (String sku : skus) {
            entries.put(sku, price);
        }
        prices.putAll(entries);
    }
}
`),
        },
      ],
      fix: 'Use the multi-key form (MGET, HMGET, SMISMEMBER) for reads of one kind, or queue the commands on a pipeline and execute once: redis-py `pipeline(transaction=False)`, ioredis `pipeline()` (or `enableAutoPipelining`), node-redis concurrent calls (`Promise.all`, auto-pipelined) or `multi().execAsPipeline()`. In Cluster prefer pipelines: clients split them by slot.',
      falsePositives: 'While-loops (workers, polling, cursor loops, also a cursor loop nested in a for-loop: `for idx in indexes: while cursor != b\'0\': cursor, stale = page(idx, cursor); r.hdel(idx, *stale)`, each round one page of the reply), loops over literal lists of up to three items (also through a local name holding one, also when the literal is written one item per line or a helper is defined between it and the loop, and over a local dict or object literal of up to three entries: `defaults = {"bio": "", "template": "light"}`), over a table fixed in the code (`for name in METRICS`, also over a part of its entries: `for name, meta in METRICS.items(): for label in meta["labels"]`, and a table of any name the module writes out as a literal and never changes: `texts = {...}`), over slices of a collection (`range(0, n, 500)`, `i += size`, `chunked(ids)`, `ichunked(ids, 100)`, commands under a buffer-full check (`if len(batch) >= 1000: unlink(*batch)`), pages of keys from `for await (const keys of client.scanIterator())`: each round is already one batch) or over the messages of a subscription, a message consumer or a websocket (`pubsub.listen()`, `async for record in consumer`, `for await (const msg of subscription)`), counted loops of up to three rounds (`range(3)`, `i < 2`) or bounded by a small count of the file (`range(NUM_SHARDS)` with `NUM_SHARDS = 8`), retries (`for attempt in range(5)`, `i < maxRetries`), rounds bounded by a count or a list of shards, partitions or priority levels (`shard < this.shardCount`, `for p in self.priorities`, the keys a method of the file builds one per shard over such a count: `keys = self.get_keys()` with `get_keys` looping `range(self.number_of_keys)` and `number_of_keys = 10`) or by a list the object is constructed with and never adds to (`this.groups = opts.groups` in the constructor), loops in code that runs once (a function named for a migration, NestJS `onModuleInit`, a module named for start-up, migration or seeding: `ta_startup.py`, `seeds/users.js`, `migrations/0004_backfill.py`), setup commands per stream or index (XGROUP CREATE, FT.CREATE), commands sent to a parameter of a callback the code hands to a pipeline runner (`self._pipeline_if_needed(_remove_many, values)`, `client.transaction(fn)`: the runner passes a pipeline), commands sent to the loop item, to a client created in the round (`for node of cluster.nodes()`: another server each round) or to a connection the round derives from its item (`queue = get_queue(index); queue.connection.llen(...)`), a marker set before the round\'s own work and deleted or moved to its next state after it (`set(name, "in-progress")` … `set(name, "completed")`), commands queued on a pipeline or BITFIELD builder the function made before the loop (`if use_pipeline: client = client.pipeline()`, `ops = r.bitfield(key)`) or sent by a helper that is handed such a pipeline, loops over a parameter that every caller in the file fills with a literal list of up to three items, loops over a list that a function of the file starts empty and fills with literals alone, in no loop (`keys = self.keys_for(date)`: up to three literals, or one per branch of an if/elif chain, a key chosen by the date), or that the looping function itself starts empty and adds to one item per call, in no loop, up to three calls (`to_limit = []`, then `if limit_ip: to_limit.append(ip_key)` and the same for the user), commands followed in their own block by `break` or `return` (`if p.symbol == s: r.set(k, v); break`: they run once per pass, not per item), removals that a Python loop sends only from the `except` clause of a failed lookup (`try: entry = Entry.from_key(key) except KeyError: r.zrem(schedule, key)`: the repair of the rare item whose record is gone; other commands of a handler, such as re-queueing the failed item, stay reported), a method of a class of the file called on the class that sends no command itself (`Board.incr(id)` where the file defines `class Board` with an `incr` that saves a database row: not a Redis INCR), server-wide commands (FLUSHDB, INFO, CONFIG, SCRIPT LOAD), SCAN cursors and blocking reads are not reported, nor for-loops whose rounds depend on a reply: the loop exits on it (retry until SET NX succeeds, poll until a value appears) or carries it into the next command or the loop condition (XRANGE/SCAN paging). A search that stops at the first matching item still reads one item per round and is reported, as is a reply that only feeds a later command of the same iteration: those commands can be pipelined in two passes.',
      references: [
        { title: 'Pipelining', url: 'https://redis.io/docs/latest/develop/use/pipelining/' },
        { title: 'MGET', url: 'https://redis.io/docs/latest/commands/mget/' },
      ],
    },
  },
  check(context) {
    if (RUNS_ONCE_FILE.test(context.model.path)) return;
    const byLoop = new Map<number, RedisCallSite[]>();
    for (const site of [...context.model.callSites, ...(context.model.indirectCallSites ?? [])]) {
      if (!site.loop || site.batched || NOT_BATCHABLE.has(site.command) || SERVER_WIDE_COMMANDS.test(site.command)) continue;
      if (!site.via && MULTI_KEY.has(site.command)) continue;
      if (site.receiver.kind !== 'client' && site.receiver.kind !== 'cluster') continue;
      if (!site.via && (talksToAnotherConnectionEachRound(site, context.model.text) || runsOnHandedPipeline(site, context.model.text))) continue;
      if (flushesFullBuffer(site, context.model.text)) continue;
      if (leavesLoopAfter(site, context.model.text, context.model.language)) continue;
      if (removesStaleEntryOnFailure(site, context.model.text, context.model.language)) continue;
      if (pagesWithCursor(site, context.model.text)) continue;
      if (SETUP_COMMANDS.test(site.command) || RUNS_ONCE.test((site.via ? site.via.caller : site.enclosingFunction?.name) ?? '')) continue;
      if (context.model.language !== 'python' && !site.awaited) continue;
      if (context.model.language === 'python' && site.receiver.async && !site.awaited && !site.loop.gathered) continue;
      if (site.loop.literalLength !== undefined && site.loop.literalLength <= 3) continue;
      if (loopsOverShortListArgument(site, context.model.text)) continue;
      if (queuedOnBatchBuilder(site, context.model.text) || loopsOverModuleTable(site, context.model.text)) continue;
      if (site.loop.bounded) continue;
      if (site.loop.dependsOnReply) continue;
      const list = byLoop.get(site.loop.span.startOffset) ?? [];
      list.push(site);
      byLoop.set(site.loop.span.startOffset, list);
    }
    for (const sites of byLoop.values()) {
      sites.sort((a, b) => a.span.startOffset - b.span.startOffset);
      if (marksWorkInProgress(sites, context.model.text)) continue;
      const first = sites[0];
      if (first.via) {
        context.report({
          messageId: 'helper',
          data: { helper: first.via.helper, command: first.via.command, batch: batchSpelling(first) },
          span: first.span,
          // A helper of another file has no location in this one (its span is the call's own): the message names it.
          related: first.via.span.startOffset === first.span.startOffset ? undefined : [{ span: first.via.span, message: `${first.via.command} sent by ${first.via.helper}()` }],
        });
        continue;
      }
      const names = [...new Set(sites.map((s) => s.command))];
      context.report({
        messageId: 'loop',
        data: { commands: names.join(', '), verb: names.length === 1 ? 'is' : 'are', batch: batchSpelling(first) },
        span: first.span,
        related: sites.slice(1).map((s) => ({ span: s.span, message: `${s.command} in the same loop` })),
      });
    }
  },
};
