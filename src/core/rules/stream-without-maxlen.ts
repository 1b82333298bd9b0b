/** stream-without-maxlen: XADD without MAXLEN/MINID keeps every entry forever. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { RedisCallSite, Rule } from './rule';
import { functionStartOf } from './support/sites';
import { shownKey } from './support/clients';
import { fix, insertAt } from './support/edits';
import { hasOption, hasSplatOptions, optionsObject } from './support/options';
import { appendArguments } from './support/ttl';
import { siteKey } from './support/collectionKeys';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

/**
 * What keeps a stream's length in check besides a trim on XADD: XTRIM, or a TTL on the whole stream (a per-task
 * progress stream that expires). A DEL is not enough: a stream deleted by an admin action still grows without
 * bound until then.
 */
const BOUNDING = ['XTRIM', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT'];
const CONSUMING = new Set(['XACK', 'XREAD', 'XREADGROUP', 'XRANGE', 'XAUTOCLAIM', 'XCLAIM']);

/**
 * An XDEL where the consumer handles entries (next to an XACK or a read): every handled entry goes. A bare
 * `delete_entries(*ids)` method of a stream wrapper deletes only what its callers pick.
 */
function consumerDeletes(sites: readonly RedisCallSite[], xdel: RedisCallSite): boolean {
  return sites.some((other) => CONSUMING.has(other.command) && functionStartOf(other) === functionStartOf(xdel));
}

export const streamWithoutMaxlen: Rule = {
  meta: {
    id: 'stream-without-maxlen',
    code: 'RR304',
    category: 'memory',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      xadd: 'XADD {{key}} without MAXLEN or MINID keeps every entry forever (acknowledging does not delete); cap it with {{spelling}}.',
    },
    docs: {
      summary: 'Streams written without MAXLEN/MINID grow without bound.',
      what: 'Reports XADD calls without a MAXLEN or MINID trim, unless the project trims the same stream with XTRIM or gives it a TTL (EXPIRE), or this file deletes the entries it handles (XDEL in the function that XACKs or reads them).',
      why: 'Consumer groups do not delete acknowledged entries: a stream written without trimming keeps every event, growing memory, RDB/AOF size and replication time.',
      examples: [
        { client: 'redis-py', file: 'app/events.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef publish(event):\n    r.xadd("events", event)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef publish(event):\n    r.xadd("events", event, maxlen=10000, approximate=True)\n' },
        { client: 'ioredis', file: 'src/events.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function publish(kind: string) {\n  return redis.xadd('events', '*', 'kind', kind);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function publish(kind: string) {\n  return redis.xadd('events', 'MAXLEN', '~', 10000, '*', 'kind', kind);\n}\n" },
        { client: 'node-redis', file: 'src/events.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function publish(kind: string) {\n  return client.xAdd('events', '*', { kind });\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function publish(kind: string) {\n  return client.xAdd('events', '*', { kind }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 10000 } });\n}\n" },
        {
          client: 'go-redis',
          file: 'events/publish.go',
          bad: goFile('events', ['"context"', '', GO_REDIS], `
func Publish(ctx context.Context, rdb *redis.Client, kind, payload string) error {
    return rdb.XAdd(ctx, &redis.XAddArgs{
        Stream: "events",
        Values: map[string]any{"kind": kind, "payload": payload},
    }).Err()
}
`),
          good: goFile('events', ['"context"', '', GO_REDIS], `
func Publish(ctx context.Context, rdb *redis.Client, kind, payload string) error {
    return rdb.XAdd(ctx, &redis.XAddArgs{
        Stream: "events",
        MaxLen: 100000,
        Approx: true,
        Values: map[string]any{"kind": kind, "payload": payload},
    }).Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'events/publish.go',
          bad: goFile('events', ['"context"', '', RUEIDIS], `
func Publish(ctx context.Context, client rueidis.Client, kind, payload string) error {
    return client.Do(ctx, client.B().Xadd().Key("events").Id("*").FieldValue().FieldValue("kind", kind).FieldValue("payload", payload).Build()).Error()
}
`),
          good: goFile('events', ['"context"', '', RUEIDIS], `
func Publish(ctx context.Context, client rueidis.Client, kind, payload string) error {
    return client.Do(ctx, client.B().Xadd().Key("events").Maxlen().Almost().Threshold("100000").Id("*").FieldValue().FieldValue("kind", kind).FieldValue("payload", payload).Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'events/publish.go',
          bad: goFile('events', [REDIGO], `
func Publish(conn redis.Conn, kind, payload string) error {
    _, err := conn.Do("XADD", "events", "*", "kind", kind, "payload", payload)
    return err
}
`),
          good: goFile('events', [REDIGO], `
func Publish(conn redis.Conn, kind, payload string) error {
    _, err := conn.Do("XADD", "events", "MAXLEN", "~", 100000, "*", "kind", kind, "payload", payload)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Events.java',
          bad: javaFile(['java.util.Map', 'redis.clients.jedis.JedisPooled', 'redis.clients.jedis.StreamEntryID'], `
public class Events {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void publish(String kind, String payload) {
        jedis.xadd("events", StreamEntryID.NEW_ENTRY, Map.of("kind", kind, "payload", payload));
    }
}
`),
          good: javaFile(['java.util.Map', 'redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.XAddParams'], `
public class Events {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void publish(String kind, String payload) {
        jedis.xadd("events", XAddParams.xAddParams().maxLen(100_000).approximateTrimming(), Map.of("kind", kind, "payload", payload));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Events.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands', 'java.util.Map'], `
public class Events {
    private final RedisCommands<String, String> commands;

    public Events(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void publish(String kind, String payload) {
        commands.xadd("events", Map.of("kind", kind, "payload", payload));
    }
}
`),
          good: javaFile(['io.lettuce.core.XAddArgs', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.Map'], `
public class Events {
    private final RedisCommands<String, String> commands;

    public Events(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void publish(String kind, String payload) {
        commands.xadd("events", XAddArgs.Builder.maxlen(100_000).approximateTrimming(), Map.of("kind", kind, "payload", payload));
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Events.java',
          bad: javaFile(['java.util.Map', 'org.springframework.data.redis.connection.stream.StreamRecords', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Events {
    private final StringRedisTemplate redisTemplate;

    public Events(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void publish(String kind, String payload) {
        redisTemplate.opsForStream().add(StreamRecords.newRecord().in("events").ofMap(Map.of("kind", kind, "payload", payload)));
    }
}
`),
          good: javaFile(['java.util.Map', 'org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions', 'org.springframework.data.redis.connection.stream.StreamRecords', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Events {
    private final StringRedisTemplate redisTemplate;

    public Events(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void publish(String kind, String payload) {
        redisTemplate.opsForStream().add(StreamRecords.newRecord().in("events").ofMap(Map.of("kind", kind, "payload", payload)), XAddOptions.maxlen(100_000).approximateTrimming(true));
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Events.java',
          bad: javaFile(['org.redisson.api.RStream', 'org.redisson.api.RedissonClient', 'org.redisson.api.stream.StreamAddArgs'], `
public class Events {
    private final RStream<String, String> events;

    public Events(RedissonClient redisson) {
        this.events = redisson.getStream("events");
    }

    public void publish(String kind, String payload) {
        events.add(StreamAddArgs.entry(kind, payload));
    }
}
`),
          good: javaFile(['org.redisson.api.RStream', 'org.redisson.api.RedissonClient', 'org.redisson.api.stream.StreamAddArgs'], `
public class Events {
    private final RStream<String, String> events;

    public Events(RedissonClient redisson) {
        this.events = redisson.getStream("events");
    }

    public void publish(String kind, String payload) {
        events.add(StreamAddArgs.entry(kind, payload).trimNonStrict().maxLen(100_000).noLimit());
    }
}
`),
        },
      ],
      fix: 'The quick fix adds approximate trimming to `streamMaxLen` entries (default 10000): redis-py `maxlen=…, approximate=True`, ioredis `\'MAXLEN\', \'~\', n` after the key, node-redis `{ TRIM: { strategy: \'MAXLEN\', strategyModifier: \'~\', threshold: n } }`. It is unsafe because old entries will be deleted.',
      falsePositives: 'Streams trimmed by a periodic XTRIM in another service; suppress inline or turn the rule off.',
      references: [
        { title: 'Streams: capped streams', url: 'https://redis.io/docs/latest/develop/data-types/streams/' },
        { title: 'XADD', url: 'https://redis.io/docs/latest/commands/xadd/' },
      ],
    },
  },
  check(context) {
    // Streams trimmed by XTRIM in this file: by pattern, or by the same key expression (`xtrim(this.ns(key), …)`).
    const trimmed = new Set(context.model.callSites.filter((s) => BOUNDING.includes(s.command) || (s.command === 'XDEL' && consumerDeletes(context.model.callSites, s))).map((s) => siteKey(context.model, s)?.identity));
    const n = context.config.streamMaxLen;
    for (const site of context.model.callSites) {
      if (site.command !== 'XADD') continue;
      const key = keyPatternOf(site.args[0]);
      const ref = siteKey(context.model, site);
      if (ref && trimmed.has(ref.identity)) continue;
      if (key && (trimmed.has(key) || context.workspaceKeys?.hasCommandOnKey(BOUNDING, key))) continue;
      // aioredis 1.x spells it `max_len=`; redis-py also takes maxlen as the fourth positional argument.
      if (hasOption(site, ['maxlen', 'minid', 'max_len', 'MAXLEN', 'MINID'], 1) || hasSplatOptions(site)) continue;
      if (site.receiver.library === 'redis-py' && site.method === 'xadd' && site.args[3] && site.args[3].value.kind !== 'null') continue;
      const object = optionsObject(site, 2);
      if (object && (object.TRIM || object.trim)) continue;
      const library = site.receiver.library;
      const spelling = library === 'redis-py' ? `maxlen=${n}, approximate=True` : library === 'ioredis' ? `'MAXLEN', '~', ${n}` : `{ TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: ${n} } }`;
      let edit;
      const generic = site.method === 'call' || site.method === 'execute_command' || site.method === 'sendCommand';
      if (!generic && library === 'ioredis' && site.args[0]) edit = insertAt(site.args[0].span.endOffset, `, ${spelling}`);
      else if (!generic && library === 'redis-py' && site.args.length <= 2) edit = appendArguments(context.model, site, spelling, spelling, spelling);
      else if (!generic && library === 'node-redis' && site.args.length === 3) edit = appendArguments(context.model, site, spelling, spelling, spelling);
      context.report({
        messageId: 'xadd',
        data: { key: shownKey(site), spelling },
        span: site.span,
        fixes: edit ? [fix(`Trim the stream to about ${n} entries`, false, [edit])] : undefined,
      });
    }
  },
};
