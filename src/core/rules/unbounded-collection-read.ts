/** unbounded-collection-read: whole-collection reads on collections that grow without bound. */
import type { RedisCallSite } from '../analysis/model';
import { importedConstantKey } from '../analysis/keyReferences';
import type { RuleContext } from './rule';
import { keyPatternCovered } from '../config/glob';
import type { Rule } from './rule';
import { functionStartOf, isInFlightKey, trimmedKeys } from './support/sites';
import { COLLECTION_WRITE_COMMANDS, collectionFacts, isConnectionScoped, isTimeBucket, isUncalledPassThrough, keyRefOf, siteKey, type KeyRef } from './support/collectionKeys';
import { shownKey } from './support/clients';
import { hasOption } from './support/options';
import { expiringKeys } from './support/expiringKeys';
import { wholeScans } from './support/luaWholeScans';
import { builtKeyHolds } from './support/builtKeyLists';
import { namespacedParameter } from './support/namespacedKeys';
import { isGlobalEntryMap } from './support/entryMaps';
import { isOwnerMembership, namesGrowingContent } from './support/ownerMemberships';
import { isMigrationRegistry } from './support/migrationRegistries';
import { pagingAlternative, readsWholeRange, singleEntry } from './support/wholeRangeReads';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const WHOLE_SET = new Set(['SMEMBERS']);
const WHOLE_HASH = new Set(['HGETALL', 'HKEYS', 'HVALS']);
const RANGES = new Set(['LRANGE', 'ZRANGE', 'ZREVRANGE']);
const STREAM_RANGES = new Set(['XRANGE', 'XREVRANGE']);
/** The user a socket was authenticated as (`socket.user.userid`, `socket.request.user.id`, `socket.handshake.auth.userId`). */
const SOCKET_USER = /\bsocket\.(?:(?:request|data|handshake|auth|query|decoded)\.)*(?:user|uid|account)\w*/gi;

export const unboundedCollectionRead: Rule = {
  meta: {
    id: 'unbounded-collection-read',
    code: 'RR102',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      whole: '{{command}} {{key}} returns the whole collection in one reply, O(N) on the server and in memory; read it with {{alternative}}.',
      range: '{{command}} {{key}} 0 -1 reads the whole {{kind}}; use {{alternative}}.',
      stream: '{{command}} {{key}} without COUNT returns the entire stream; use {{alternative}}.',
      luaScan: 'The Lua script run by {{via}} repeats {{command}} on {{key}} until the cursor is back at 0: one call reads the whole collection while the server runs nothing else; page with {{command}} from the client instead.',
    },
    docs: {
      summary: 'SMEMBERS/HGETALL/LRANGE 0 -1 on growing collections block Redis and build huge replies.',
      what: 'Reports whole-collection reads: SMEMBERS, LRANGE/ZRANGE with end -1 (also bounds that are parameters defaulting to 0 and -1, `list(id, start = 0, stop = -1)`, when a caller in the file leaves the end out or none calls it), XRANGE without COUNT, HGETALL/HKEYS/HVALS on hashes this file fills with computed field names (maps that grow per entity) and on one fixed global key whose fields the project removes one at a time (HDEL when a room closes) or this file adds only if absent under a computed field (HSETNX per login): a map of whatever is currently registered, and Lua scripts that loop SSCAN/HSCAN/ZSCAN until the cursor returns to 0 within one call (reported where the script is run or registered). Keys held in constants, locals and loop variables are followed to the writes and trims of the same key. In every language (Python, JavaScript, Go and Java), which collections grow is decided by what their key says they hold (a Go or Java key built with `fmt.Sprintf` or `String.format` is read as the template it denotes, `cart:{userID}`, and a Java key built from a string constant the file declares as that constant\'s value, `CART_KEY + userId` with `CART_KEY = "cart:user:"`): a set, hash or sorted set keyed by one individual owner\'s id (a user, owner, account, project, game, question, cart or one member of a place: `user_sessions:{userId}`, `cart:{user_id}`, `owners:{owner}:agents`, the players of one question), also within a place the key names before the owner (`inventory:{guild}:{user}`: one member\'s items in one server), holds what that owner has, a membership as large as one owner\'s share, and is not reported unless its name says it holds what arrives per event or per member of an audience (followers, friends, likes, reactions, views, watched or seen items, history, messages, notifications, feed, timeline, logs, events, queues, jobs, orders, members). Collections of a place an audience gathers in (a room\'s, chat\'s, channel\'s, group\'s or subnet\'s members), keys shared by every owner, keys that are an id alone, and lists and streams (every push adds an entry, so they grow per event) are judged as above. Key patterns listed in `boundedKeys` are not reported.',
      why: 'These commands are O(N) in the collection size and return a reply of the same size: server CPU, output buffers, network and client memory all grow with the data. A set of a million members read on every request stalls every other client.',
      examples: [
        { client: 'redis-py', file: 'app/followers.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef followers(uid):\n    return r.smembers(f"followers:{uid}")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef followers(uid):\n    return list(r.sscan_iter(f"followers:{uid}", count=500))\n' },
        { client: 'ioredis', file: 'src/timeline.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function timeline(uid: string) {\n  return redis.lrange(`timeline:${uid}`, 0, -1);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function timeline(uid: string, page = 0) {\n  return redis.lrange(`timeline:${uid}`, page * 50, page * 50 + 49);\n}\n" },
        { client: 'node-redis', file: 'src/board.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function leaderboard() {\n  return client.zRange('leaderboard', 0, -1);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function leaderboard() {\n  return client.zRange('leaderboard', 0, 99);\n}\n" },
        {
          client: 'go-redis',
          file: 'presence/online.go',
          bad: goFile('presence', ['"context"', '', GO_REDIS], `
func OnlineUsers(ctx context.Context, rdb *redis.Client) ([]string, error) {
    return rdb.SMembers(ctx, "online").Result()
}
`),
          good: goFile('presence', ['"context"', '', GO_REDIS], `
func OnlineUsers(ctx context.Context, rdb *redis.Client, visit func(string)) error {
    iter := rdb.SScan(ctx, "online", 0, "", 500).Iterator()
    for iter.Next(ctx) {
        visit(iter.Val())
    }
    return iter.Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'feed/history.go',
          bad: goFile('feed', ['"context"', '', RUEIDIS], `
func History(ctx context.Context, client rueidis.Client) ([]string, error) {
    return client.Do(ctx, client.B().Lrange().Key("history").Start(0).Stop(-1).Build()).AsStrSlice()
}
`),
          good: goFile('feed', ['"context"', '', RUEIDIS], `
func History(ctx context.Context, client rueidis.Client) ([]string, error) {
    return client.Do(ctx, client.B().Lrange().Key("history").Start(0).Stop(99).Build()).AsStrSlice()
}
`),
        },
        {
          client: 'redigo',
          file: 'feed/history.go',
          bad: goFile('feed', [REDIGO], `
func History(pool *redis.Pool) ([]string, error) {
    conn := pool.Get()
    defer conn.Close()
    return redis.Strings(conn.Do("LRANGE", "history", 0, -1))
}
`),
          good: goFile('feed', [REDIGO], `
func History(pool *redis.Pool) ([]string, error) {
    conn := pool.Get()
    defer conn.Close()
    return redis.Strings(conn.Do("LRANGE", "history", 0, 99))
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Presence.java',
          bad: javaFile(['java.util.Set', 'redis.clients.jedis.JedisPooled'], `
public class Presence {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public Set<String> onlineUsers() {
        return jedis.smembers("online");
    }
}
`),
          good: javaFile(['java.util.function.Consumer', 'redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.ScanParams', 'redis.clients.jedis.resps.ScanResult'], `
public class Presence {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void forEachOnlineUser(Consumer<String> visit) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.sscan("online", cursor, new ScanParams().count(500));
            page.getResult().forEach(visit);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Payments.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands', 'java.util.Map'], `
public class Payments {
    private final RedisCommands<String, String> commands;

    public Payments(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public Map<String, String> all() {
        return commands.hgetall("payments");
    }
}
`),
          good: javaFile(['io.lettuce.core.KeyValue', 'io.lettuce.core.ScanArgs', 'io.lettuce.core.ScanIterator', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.function.Consumer'], `
public class Payments {
    private final RedisCommands<String, String> commands;

    public Payments(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void forEach(Consumer<KeyValue<String, String>> visit) {
        ScanIterator<KeyValue<String, String>> scan = ScanIterator.hscan(commands, "payments", ScanArgs.Builder.limit(500));
        while (scan.hasNext()) {
            visit.accept(scan.next());
        }
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Cart.java',
          bad: javaFile(['java.util.List', 'org.springframework.data.redis.core.RedisTemplate'], `
public class Cart {
    private final RedisTemplate<String, Object> redisTemplate;

    public Cart(RedisTemplate<String, Object> redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public List<Object> items(String user) {
        return redisTemplate.opsForList().range("cart:" + user, 0, -1);
    }
}
`),
          good: javaFile(['java.util.List', 'org.springframework.data.redis.core.RedisTemplate'], `
public class Cart {
    private final RedisTemplate<String, Object> redisTemplate;

    public Cart(RedisTemplate<String, Object> redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public List<Object> items(String user, long page) {
        return redisTemplate.opsForList().range("cart:" + user, page * 50, page * 50 + 49);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Presence.java',
          bad: javaFile(['java.util.Set', 'org.redisson.api.RSet', 'org.redisson.api.RedissonClient'], `
public class Presence {
    private final RSet<String> online;

    public Presence(RedissonClient redisson) {
        this.online = redisson.getSet("online");
    }

    public Set<String> onlineUsers() {
        return online.readAll();
    }
}
`),
          good: javaFile(['java.util.Iterator', 'java.util.function.Consumer', 'org.redisson.api.RSet', 'org.redisson.api.RedissonClient'], `
public class Presence {
    private final RSet<String> online;

    public Presence(RedissonClient redisson) {
        this.online = redisson.getSet("online");
    }

    public void forEachOnlineUser(Consumer<String> visit) {
        Iterator<String> members = online.iterator(500);
        while (members.hasNext()) {
            visit.accept(members.next());
        }
    }
}
`),
        },
      ],
      fix: 'Page the read (LRANGE/ZRANGE with a bounded end, XRANGE COUNT), iterate with SSCAN/HSCAN/ZSCAN, or fetch only the fields you need with HMGET. Cap collections on write (LTRIM, ZREMRANGEBYRANK).',
      falsePositives: 'Not reported: sets and sorted sets that the same file fills only with fixed literal members (ZADD of three medals) or in one SADD from the caller\'s list (a record\'s tags, also when single members are then flagged on and off: SADD in one branch, SREM of the same member in the other); collections capped on write (LTRIM, ZREMRANGEBYRANK, XTRIM on the same key, also when another module queues it as a command array, `multi([[\'lpush\', key, v], [\'ltrim\', key, 0, 24]])`, or a size check followed by removals down to a small limit, also when the size is the length of a whole LRANGE reply: `if len(r.lrange(k, 0, -1)) >= 10: r.lpop(k)`), also when a loop reads them from a key list that a helper of the file builds with the same key builder (`for key in self.get_keys(names)` where `get_keys` maps `self.get_key`); keys scoped to one socket or connection (built from its id or named for it; a key built from the user a socket carries, `friends:${socket.user.id}`, is that user\'s collection and is judged like any other) and per-time-bucket keys; lists the project gives a TTL (EXPIRE of the same key in any file: one job\'s results, a staging batch), unless the key\'s name says it gathers per event or per member of an audience (`inbox:{address}`, `room_messages:{id}`: a TTL every push renews is a sliding window, not a size) — sets and sorted sets with a TTL are still reported, as a TTL that every write renews keeps a sliding window, not a size; in-flight work lists (processing, active, running…); thin helpers that pass their caller\'s key straight through (or only under the helper\'s namespace: `NS.PREFIX + \':\' + key`, `f"{self.prefix}:{key}"`) when nothing in the file calls them (returning the reply, handing it to the caller\'s callback, or queueing the command on a pipeline object that returns itself, as client adapter classes do; decoding the reply on the caller\'s request, `if (json && res) res = JSON.parse(res)`, keeps a helper thin); and keys that no code of the project writes (another service or deployable fills them) or that only its scripts fill (keywords or authored content that a seed script under `scripts/` or `migrations/` loads, which the application only reads), unless the function drains a computed one (reads it whole, then deletes it: a backlog) or the key\'s name says it gathers per event or per member of an audience (`followers:{id}`, `messages:{conversation}`, `user:{id}:notifications`: the project\'s own writes may go through a helper handed the key, and whoever fills it, it grows). Trimming by score (ZREMRANGEBYSCORE) keeps a time window, not a size, so windowed sets are still reported. Object-shaped hashes (fixed field names) are not reported; in Go that includes a hash whose every HSET in the file names its fields as literals (a record written as `HSet(ctx, key, "id", id, "state", state)`), and a library function named after the command it wraps (`func HGetAll(ctx, key string)`) is left to its callers (a caller asking a project\'s `LRange` wrapper for `0, -1` is reported); a set that one function deletes and refills with members written out, and that nothing else fills (a single-login token set), a Java list whose every push in the file is a push-all right after a DEL of the same key (`delete(key); leftPushAll(key, ranked)`: a snapshot a job rebuilds), registries named for the deployment\'s processes, and registries of applied migrations (a set, sorted set or hash whose key ends in the word migrations, `schema_applied_migrations`: a member per migration the code base ships; not `migration:{id}:keys` or `migrated_users`, which grow with the data) are not reported. Other collections that are small by construction (a room\'s moderators): declare them in `.redis-review.json`: `"boundedKeys": ["room:*:moderators"]`.',
      references: [
        { title: 'SMEMBERS', url: 'https://redis.io/docs/latest/commands/smembers/' },
        { title: 'HGETALL', url: 'https://redis.io/docs/latest/commands/hgetall/' },
        { title: 'SCAN family', url: 'https://redis.io/docs/latest/commands/scan/' },
      ],
    },
  },
  check(context) {
    const facts = collectionFacts(context.model);
    const isTrimmed = trimmedKeys(context.model.callSites, context.workspaceKeys);
    const isExpiring = expiringKeys(context.model, context.workspaceKeys);
    for (const site of context.model.callSites) {
      if (!WHOLE_SET.has(site.command) && !WHOLE_HASH.has(site.command) && !RANGES.has(site.command) && !STREAM_RANGES.has(site.command)) continue;
      const ref = siteKey(context.model, site);
      if (ref && isBounded(context, site, ref)) continue;
      const data = { command: site.command, key: shownKey(site), alternative: pagingAlternative(site) };
      if (WHOLE_SET.has(site.command)) context.report({ messageId: 'whole', data, span: site.span });
      else if (WHOLE_HASH.has(site.command) && ref && (facts.growing.has(ref.identity) || isGlobalEntryMap(context, ref))) context.report({ messageId: 'whole', data, span: site.span });
      else if (RANGES.has(site.command) && readsWholeRange(context.model, site) && !hasOption(site, ['limit', 'num', 'LIMIT'], 3)) {
        context.report({ messageId: 'range', data: { ...data, kind: site.command === 'LRANGE' ? 'list' : 'sorted set' }, span: site.span });
      } else if (STREAM_RANGES.has(site.command) && !hasOption(site, ['count', 'COUNT'], 1) && !singleEntry(site)) {
        context.report({ messageId: 'stream', data, span: site.span });
      }
    }

    // A script that scans to the end inside one call reads the whole collection atomically.
    for (const scan of wholeScans(context)) context.report({ messageId: 'luaScan', data: { via: scan.via, command: scan.command, key: scan.key }, span: scan.span });

    /** Collections that stay small by construction, or whose size is the caller's choice. */
    function isBounded(context: RuleContext, site: RedisCallSite, ref: KeyRef): boolean {
      const key = ref.pattern;
      if (key && keyPatternCovered(key, context.config.boundedKeys)) return true;
      if ((facts.fixedMembers.has(ref.identity) || facts.snapshots.has(ref.identity)) && (WHOLE_SET.has(site.command) || RANGES.has(site.command))) return true;
      // Capped collections (trimmed on write, or size-checked and pruned) and in-flight work lists are bounded by design.
      if (isTrimmed(key) || facts.capped.has(ref.identity) || (site.command === 'LRANGE' && isInFlightKey(ref.source))) return true;
      if (builtKeyHolds(context.model, site, ref, facts.capped)) return true;
      // `friends:${socket.user.userid}` is the user's list, which outlives the connection; `rooms:${socket.id}` is the connection's.
      if (isConnectionScoped({ ...ref, source: ref.source.replace(SOCKET_USER, 'user') }) || isTimeBucket(ref)) return true;
      // One owner's membership (a user's sessions, a cart, an owner's agents) is as large as what one owner has.
      if (isOwnerMembership(ref, site.command)) return true;
      // A registry of applied migrations gains a member per migration the code base ships, not per record.
      if (isMigrationRegistry(ref, site.command)) return true;
      // A list the project gives a TTL is one job's or batch's output, read once before it expires. Sets and sorted
      // sets with a TTL are often sliding windows whose TTL every write renews (a day of watched posts): still read.
      // So is a list whose name says it gathers per event (an inbox, a room's messages): each push renews its TTL.
      if (site.command === 'LRANGE' && isExpiring(ref) && !namesGrowingContent(ref)) return true;
      if (isUncalledPassThrough(context.model, site, ref)) return true;
      // A store wrapper that only puts its caller's key under its namespace passes the caller's key on just the same.
      if (namespacedParameter(context.model, site, ref.source) && isUncalledPassThrough(context.model, site, { ...ref, parameter: true })) return true;
      // A key that no code of the project writes is filled by someone else (an admin, another service, the worker
      // of another deployable): its size is theirs to bound. So is one that only the project's scripts fill (a seed
      // of keywords or authored content): an operator loads it, the application's events do not grow it.
      // Unless the function drains it (reads it whole, then deletes it): a backlog, as large as whatever piled up
      // since the last drain.
      // Unless its name says it gathers per event or per member of an audience (`followers:{id}`): the project's
      // own writes may go through a helper handed the key, and whoever fills it, it grows.
      if (key && context.hasWorkspace && context.workspaceKeys && !facts.written.has(ref.identity) && !writtenByApplication(context.workspaceKeys, key) && (!key.includes('*') || !deletedAfter(context, site, ref)) && !namesGrowingContent(ref)) return true;
      // The same for a constant imported from the project's constants module, when a script is seen filling it.
      const constant = key === undefined && context.model.language !== 'go' && context.model.language !== 'java' ? importedConstantKey(ref) : undefined;
      if (constant && context.hasWorkspace && context.workspaceKeys && !facts.written.has(ref.identity) && context.workspaceKeys.hasCommandOnKey(COLLECTION_WRITE_COMMANDS, constant) && !writtenByApplication(context.workspaceKeys, constant) && !namesGrowingContent(ref)) return true;
      return false;
    }
  },
};

/** Some file of the workspace other than a seeding or maintenance script writes the collection. */
function writtenByApplication(keys: NonNullable<RuleContext['workspaceKeys']>, key: string): boolean {
  return keys.hasCommandOnKeyOutsideScripts ? keys.hasCommandOnKeyOutsideScripts(COLLECTION_WRITE_COMMANDS, key) : keys.hasCommandOnKey(COLLECTION_WRITE_COMMANDS, key);
}

/** The same function deletes the key after this read (DEL/UNLINK of the same key identity further down). */
function deletedAfter(context: RuleContext, site: RedisCallSite, ref: KeyRef): boolean {
  const fn = functionStartOf(site);
  return context.model.callSites.some(
    (other) =>
      (other.command === 'DEL' || other.command === 'UNLINK') &&
      functionStartOf(other) === fn &&
      other.span.startOffset > site.span.startOffset &&
      other.args.some((arg) => keyRefOf(context.model, other, arg)?.identity === ref.identity),
  );
}
