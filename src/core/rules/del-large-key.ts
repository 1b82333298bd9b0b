/** del-large-key: DEL of a collection frees it synchronously; UNLINK frees it in the background. */
import { numberOf } from '../analysis/argumentValues';
import type { FileModel, RedisCallSite } from '../analysis/model';
import type { Rule } from './rule';
import { shownKey } from './support/clients';
import { fix, replace } from './support/edits';
import { LOCK_KEY, functionStartOf } from './support/sites';
import { collectionFacts, isConnectionScoped, isTimeBucket, isUncalledPassThrough, keyRefOf, siteKey } from './support/collectionKeys';
import { isParameter } from '../analysis/keyReferences';
import { inTestOnlyFunction } from './support/testOnly';
import { inFlightLists } from './support/inFlightLists';
import { namespacedParameter } from './support/namespacedKeys';
import { SMALL_WINDOW_MARK } from '../analysis/trimWindows';
import { isOneUsersOwn } from './support/userOwnedKeys';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const COLLECTION_WRITES: Record<string, string> = {
  LPUSH: 'list', RPUSH: 'list', LPUSHX: 'list', RPUSHX: 'list', SADD: 'set', ZADD: 'sorted set', ZINCRBY: 'sorted set',
  HSET: 'hash', HMSET: 'hash', HINCRBY: 'hash', XADD: 'stream', GEOADD: 'geo set',
  // An HDEL of one entity's field names a hash that maps entities (see collectionFacts' growing hashes).
  HDEL: 'hash',
};
// PFADD is not among them: a HyperLogLog is a string of at most 12 KB whatever it counts, freed at once.
const RENAMABLE = new Set(['delete', 'del']);
const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
const SIZE_CHECKS = new Set(['SCARD', 'ZCARD', 'LLEN', 'HLEN', 'XLEN']);
/** Parameter names that say nothing about which collection they name. */
const GENERIC_KEY_PARAMETER = /^(?:k|key|keys|name|redis_?key|redisKey|cache_?key|cacheKey)$/i;
/** Writes that make a key a string: a key this file writes so is not a collection, whatever another file does with the same name. */
const STRING_WRITES = new Set(['SET', 'SETNX', 'SETEX', 'PSETEX', 'GETSET', 'MSET', 'MSETNX', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'APPEND']);

const WHOLE_READS: Record<string, string> = { LRANGE: 'list', SMEMBERS: 'set', ZRANGE: 'sorted set' };

/** The key expression names a parameter of the enclosing function (`self.name + ":state:" + user_id`): one entity's key. */
function builtFromParameters(model: FileModel, site: RedisCallSite, source: string): boolean {
  return [...source.matchAll(/(?<![\w$.'"])[A-Za-z_$][\w$]*/g)].some((name) => name[0] !== 'self' && name[0] !== 'this' && isParameter(model, site, name[0]));
}

/** Keys each function reads whole (LRANGE/ZRANGE 0 -1, SMEMBERS), by function and key identity: their type and first read. */
function wholeReadsByFunction(model: FileModel): Map<string, { type: string; offset: number }> {
  const out = new Map<string, { type: string; offset: number }>();
  for (const site of model.callSites) {
    const type = WHOLE_READS[site.command];
    if (!type || (site.command !== 'SMEMBERS' && (numberOf(site.args[1]) !== 0 || numberOf(site.args[2]) !== -1))) continue;
    const ref = siteKey(model, site);
    const scope = ref && `${functionStartOf(site)}|${ref.identity}`;
    if (scope && !out.has(scope)) out.set(scope, { type, offset: site.span.startOffset });
  }
  return out;
}

export const delLargeKey: Rule = {
  meta: {
    id: 'del-large-key',
    code: 'RR106',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'safe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      del: 'DEL {{key}} frees the whole {{type}} on the main thread (O(number of elements)); UNLINK removes the key at once and frees the memory in the background.',
    },
    docs: {
      summary: 'Deleting a collection with DEL blocks Redis; use UNLINK.',
      what: 'Reports DEL of keys that this file (or another file of the workspace) fills as a list, set, sorted set, hash or stream (a hash counts when its fields are entities: HSET of a computed id field, or HDEL of one, as when a member leaves a guild\'s member hash), and of a list, set or sorted set the same function has just read whole (LRANGE 0 -1, SMEMBERS: a drained queue or backlog, whoever fills it; in Go also page by page, LLEN and then LRANGE from the counter of a loop running up to that length). A key passed as a parameter counts as the collection that other functions of the file fill through a parameter of the same name (`delete_board_named(self, board_name)` next to `rank_in(self, board_name, …)` that ZADDs it). What counts as large: a collection nothing bounds — filled per event without a trim, or trimmed to a window wider than 100 entries — that is shared (a queue, a job hash, a leaderboard, an index set, a guild\'s member hash) or that gathers what others send or time piles up (a user\'s followers, feed, inbox, offline or outgoing messages, failure log). One user\'s own collection — a key that names a user as its owner (`rooms_for_user(user_id)`, `user:{id}:invited`, a chat list keyed by the bare user id) and nothing that gathers — holds what that user joined or did, which the user\'s own actions bound, and is not reported unless the function has just read it whole or the file keeps it at a window wider than 100. In Go, a key made by a function of the file that returns it (`s.roomKey(roomID)`, also through a local bound to the call, `key := s.roomKey(msg.RoomID)`) names the same collection wherever the function is called with the same literal arguments, unless the file also uses that function\'s keys as strings (a prefixer for tokens and sets alike).',
      why: 'DEL frees every element of a collection synchronously, which takes milliseconds to seconds for big keys, blocking every client. UNLINK unlinks the key in O(1) and reclaims the memory on a background thread; the data is gone for clients either way.',
      examples: [
        { client: 'redis-py', file: 'app/feed.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef add(uid, item):\n    r.lpush(f"feed:{uid}", item)\n    r.ltrim(f"feed:{uid}", 0, 999)\n\ndef clear(uid):\n    r.delete(f"feed:{uid}")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef add(uid, item):\n    r.lpush(f"feed:{uid}", item)\n    r.ltrim(f"feed:{uid}", 0, 999)\n\ndef clear(uid):\n    r.unlink(f"feed:{uid}")\n' },
        { client: 'ioredis', file: 'src/feed.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function follow(a: string, b: string) {\n  await redis.sadd(`followers:${b}`, a);\n}\nexport async function reset(b: string) {\n  await redis.del(`followers:${b}`);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function follow(a: string, b: string) {\n  await redis.sadd(`followers:${b}`, a);\n}\nexport async function reset(b: string) {\n  await redis.unlink(`followers:${b}`);\n}\n" },
        { client: 'node-redis', file: 'src/feed.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function score(m: string) {\n  await client.zAdd('board', { score: 1, value: m });\n}\nexport async function reset() {\n  await client.del('board');\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function score(m: string) {\n  await client.zAdd('board', { score: 1, value: m });\n}\nexport async function reset() {\n  await client.unlink('board');\n}\n" },
        {
          client: 'go-redis',
          file: 'board/board.go',
          bad: goFile('board', ['"context"', '', GO_REDIS], `
func Add(ctx context.Context, rdb *redis.Client, player string, score float64) error {
    return rdb.ZAdd(ctx, "leaderboard", redis.Z{Score: score, Member: player}).Err()
}

func Reset(ctx context.Context, rdb *redis.Client) error {
    return rdb.Del(ctx, "leaderboard").Err()
}
`),
          good: goFile('board', ['"context"', '', GO_REDIS], `
func Add(ctx context.Context, rdb *redis.Client, player string, score float64) error {
    return rdb.ZAdd(ctx, "leaderboard", redis.Z{Score: score, Member: player}).Err()
}

func Reset(ctx context.Context, rdb *redis.Client) error {
    return rdb.Unlink(ctx, "leaderboard").Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'board/board.go',
          bad: goFile('board', ['"context"', '', RUEIDIS], `
func Add(ctx context.Context, client rueidis.Client, player string, score float64) error {
    return client.Do(ctx, client.B().Zadd().Key("leaderboard").ScoreMember().ScoreMember(score, player).Build()).Error()
}

func Reset(ctx context.Context, client rueidis.Client) error {
    return client.Do(ctx, client.B().Del().Key("leaderboard").Build()).Error()
}
`),
          good: goFile('board', ['"context"', '', RUEIDIS], `
func Add(ctx context.Context, client rueidis.Client, player string, score float64) error {
    return client.Do(ctx, client.B().Zadd().Key("leaderboard").ScoreMember().ScoreMember(score, player).Build()).Error()
}

func Reset(ctx context.Context, client rueidis.Client) error {
    return client.Do(ctx, client.B().Unlink().Key("leaderboard").Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'board/board.go',
          bad: goFile('board', [REDIGO], `
func Add(conn redis.Conn, player string, score float64) error {
    _, err := conn.Do("ZADD", "leaderboard", score, player)
    return err
}

func Reset(conn redis.Conn) error {
    _, err := conn.Do("DEL", "leaderboard")
    return err
}
`),
          good: goFile('board', [REDIGO], `
func Add(conn redis.Conn, player string, score float64) error {
    _, err := conn.Do("ZADD", "leaderboard", score, player)
    return err
}

func Reset(conn redis.Conn) error {
    _, err := conn.Do("UNLINK", "leaderboard")
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Followers.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class Followers {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void follow(String user, String follower) {
        jedis.sadd("followers:" + user, follower);
    }

    public void reset(String user) {
        jedis.del("followers:" + user);
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
public class Followers {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void follow(String user, String follower) {
        jedis.sadd("followers:" + user, follower);
    }

    public void reset(String user) {
        jedis.unlink("followers:" + user);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Board.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Board {
    private static final String BOARD = "leaderboard";
    private final RedisCommands<String, String> commands;

    public Board(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void add(String player, double score) {
        commands.zadd(BOARD, score, player);
    }

    public void reset() {
        commands.del(BOARD);
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Board {
    private static final String BOARD = "leaderboard";
    private final RedisCommands<String, String> commands;

    public Board(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void add(String player, double score) {
        commands.zadd(BOARD, score, player);
    }

    public void reset() {
        commands.unlink(BOARD);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Board.java',
          bad: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class Board {
    private static final String BOARD = "leaderboard";
    private final StringRedisTemplate redisTemplate;

    public Board(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void add(String player, double score) {
        redisTemplate.opsForZSet().add(BOARD, player, score);
    }

    public void reset() {
        redisTemplate.delete(BOARD);
    }
}
`),
          good: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class Board {
    private static final String BOARD = "leaderboard";
    private final StringRedisTemplate redisTemplate;

    public Board(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void add(String player, double score) {
        redisTemplate.opsForZSet().add(BOARD, player, score);
    }

    public void reset() {
        redisTemplate.unlink(BOARD);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/Board.java',
          bad: javaFile(['org.redisson.api.RScoredSortedSet', 'org.redisson.api.RedissonClient'], `
public class Board {
    private final RScoredSortedSet<String> board;

    public Board(RedissonClient redisson) {
        this.board = redisson.getScoredSortedSet("leaderboard");
    }

    public void add(String player, double score) {
        board.add(score, player);
    }

    public void reset() {
        board.delete();
    }
}
`),
          good: javaFile(['org.redisson.api.RScoredSortedSet', 'org.redisson.api.RedissonClient'], `
public class Board {
    private final RScoredSortedSet<String> board;

    public Board(RedissonClient redisson) {
        this.board = redisson.getScoredSortedSet("leaderboard");
    }

    public void add(String player, double score) {
        board.add(score, player);
    }

    public void reset() {
        board.unlink();
    }
}
`),
        },
      ],
      fix: 'The quick fix renames the call to `unlink` (same arguments, same reply: the number of keys removed). It is safe. The Go and Java fixes do the same in each client\'s spelling: go-redis `Del` → `Unlink`, redigo `"DEL"` → `"UNLINK"`, rueidis `B().Del()` → `B().Unlink()`, Jedis/Lettuce `del`, Spring `delete` and a Redisson object\'s `delete()` → `unlink`. Alternatively enable `lazyfree-lazy-user-del yes` on the server.',
      falsePositives: 'Keys whose type is not known from the code are not reported (a key built only from names the file does not define, `${SESSION_PREFIX}${id}`, is not taken for a collection built the same way from other names, such as the list of those ids), nor HyperLogLogs (PFADD): one is a string of at most 12 KB whatever it counts, freed at once. A thin `del(key)` helper that nothing in its file calls is left to its callers, also when it only puts the caller\'s key under its namespace (`key = NS.PREFIX + \':\' + key`). Lock keys are left to lock-release-without-ownership. A list whose every push is undone by the pushing function itself (`rpush("tasks", task_id)` … `lrem("tasks", 0, task_id)`) is a registry of the calls running at once: its DEL is not reported. DELs in functions that their comment reserves for tests (`// only used by the test suite`) are not reported, nor DELs of lists this file gives a TTL (a job\'s result list, a staging batch: short-lived by design) — sets, sorted sets and hashes with a TTL are still reported, as a TTL that every write renews bounds how long an idle key lives, not its size. A key this file writes as a string (SET, INCR…) is not taken for a collection that another file fills under the same name. One DEL of several keys known only by name (`del(args_key, result_key)`) is one record\'s keys deleted together and is not reported, unless this file fills one of them as a collection itself and that key is not built from the function\'s parameters (a group\'s index ZADDed per counter name, deleted with the counters; not `del(name + user_id, state_key)` for one user). Sets kept from a record\'s list (DEL, then one SADD of the whole list) whose members are otherwise only flagged on and off (SADD in one branch, SREM of the same member in the other) are records of that list, not growing collections. Lists and sorted sets this file trims to a fixed window of at most 100 entries (`LTRIM key 0 99`, `LTRIM key -100 -1`, `ZREMRANGEBYRANK key 0 -101`) never hold more and free at once, also when another file of the project does the trimming and this one only deletes; a wider window (`LTRIM key 0 999`) or one held in a variable is still reported. In Java, a ranking every push of which in the file refills it whole right after a DEL of the same key (`delete(key); leftPushAll(key, rankedSpots)`, a pushed collection named ranked, top, popular or best: the top entries a job recomputes) holds what its writer kept, as unbounded-collection-read reads it, and its DEL is not reported; a refilled copy of a whole catalogue (`leftPushAll(key, products)`), a list also appended to elsewhere, or a wrapper\'s list of its caller\'s key still is.',
      references: [
        { title: 'UNLINK', url: 'https://redis.io/docs/latest/commands/unlink/' },
        { title: 'DEL', url: 'https://redis.io/docs/latest/commands/del/' },
      ],
    },
  },
  check(context) {
    // Object-shaped hashes (fixed fields) are small; only hashes that grow per entity count as large. Keys are
    // compared by pattern or, for keys held in names, by the expression that builds them.
    const facts = collectionFacts(context.model);
    const types = new Map<string, string>();
    // A class whose methods take the collection's name as a parameter (`rank_member_in(self, leaderboard_name, …)`
    // ZADDs it, `delete_leaderboard_named(self, leaderboard_name)` DELs it): one parameter name, one collection. A
    // parameter named just `key` is any key of a wrapper's callers (a rate limiter's counter here, its window there).
    const parameterTypes = new Map<string, string>();
    for (const site of context.model.callSites) {
      const type = COLLECTION_WRITES[site.command];
      const ref = siteKey(context.model, site);
      if (type && ref && (type !== 'hash' || facts.growing.has(ref.identity))) {
        types.set(ref.identity, type);
        if (ref.parameter && !GENERIC_KEY_PARAMETER.test(ref.source)) parameterTypes.set(ref.source, type);
      }
    }
    // Lists this file gives a TTL (a job's result list, a staging batch): short-lived by design. Sets, sorted sets
    // and hashes with a TTL are not exempt: a TTL that every write renews (a sliding window of counters) or that an
    // optional API sets (`expire_leaderboard`) bounds their lifetime when idle, not their size.
    const expiring = new Set(context.model.callSites.filter((site) => EXPIRES.has(site.command)).map((site) => siteKey(context.model, site)?.identity));
    const sizeChecked = new Set<string>();
    for (const site of context.model.callSites) {
      const ref = SIZE_CHECKS.has(site.command) ? siteKey(context.model, site) : undefined;
      if (ref) sizeChecked.add(`${functionStartOf(site)}|${ref.identity}`);
    }
    const drained = wholeReadsByFunction(context.model);
    const stringWritten = new Set<string>();
    for (const site of context.model.callSites) {
      const ref = STRING_WRITES.has(site.command) ? siteKey(context.model, site) : undefined;
      if (ref) stringWritten.add(ref.identity);
    }
    for (const site of context.model.callSites) {
      if (site.command !== 'DEL') continue;
      // A reset helper that its comment reserves for the test suite frees test data, not production collections.
      if (inTestOnlyFunction(context.model, site)) continue;
      for (const arg of site.args) {
        const ref = keyRefOf(context.model, site, arg);
        if (!ref || LOCK_KEY.test(ref.pattern ?? ref.source)) continue;
        // Collections that stay small by construction free quickly.
        if (facts.smallCapped.has(ref.identity) || facts.fixedMembers.has(ref.identity) || facts.snapshots.has(ref.identity) || isConnectionScoped(ref, true) || isTimeBucket(ref)) continue;
        // A registry of work in progress (each call pushes its own item and LREMs it again) is as long as the calls running.
        if (inFlightLists(context.model).has(ref.identity)) continue;
        // The code checked the size just before (`if scard(key) == 1: delete(key)`): it knows the key is small.
        if (sizeChecked.has(`${functionStartOf(site)}|${ref.identity}`)) continue;
        // A thin `del(key)` helper of a store API (`return driver.del(this.ns(key))`): the caller picks the key.
        const built = /^[\w$.]+\(\s*([A-Za-z_$][\w$]*)\s*\)$/.exec(ref.source.trim());
        // So is a wrapper that only puts the caller's key under its namespace (`key = NS.PREFIX + ':' + key`).
        const namespaced = !!namespacedParameter(context.model, site, ref.source);
        if ((ref.parameter || namespaced || (built && isParameter(context.model, site, built[1]))) && isUncalledPassThrough(context.model, site, { ...ref, parameter: true })) continue;
        // A collection the function has just read whole (LRANGE 0 -1, SMEMBERS) and now deletes: a drained
        // queue or backlog, as large as whatever piled up.
        const read = drained.get(`${functionStartOf(site)}|${ref.identity}`);
        const readBefore = read && read.offset < site.span.startOffset ? read.type : undefined;
        // One entity's several records deleted together (`del(args_key, result_key)`): known only by name, not a growing
        // family - unless this file fills that key as a collection itself and the key is not built from the function's
        // parameters: an index shared by every entity (a group's counter names, ZADDed per name) deleted with them.
        if (!readBefore && !ref.pattern && site.args.length > 1 && (!types.has(ref.identity) || builtFromParameters(context.model, site, ref.source))) continue;
        const key = ref.pattern;
        let type = types.get(ref.identity) ?? readBefore ?? (ref.parameter ? parameterTypes.get(ref.source) : undefined);
        // Another file's collection of the same name (a demo key `foo` reused per script) says nothing about a key
        // this file writes as a string.
        if (!type && key && context.workspaceKeys && !stringWritten.has(ref.identity)) {
          for (const [command, name] of Object.entries(COLLECTION_WRITES)) {
            if (name === 'hash') continue;
            if (context.workspaceKeys.hasCommandOnKey([command], key)) {
              type = name;
              break;
            }
          }
        }
        if (!type || (type === 'list' && expiring.has(ref.identity))) continue;
        // Another file of the project trims it to a small window (a gateway that keeps a stream's last 100 chat lines).
        if (key && context.workspaceKeys?.hasCommandOnKey([SMALL_WINDOW_MARK], key)) continue;
        // One user's own collection frees at once, unless it was just read whole (a drained backlog) or the file keeps
        // it at a window wider than the small one (a user's last 1000 entries are kept on purpose).
        if (!readBefore && isOneUsersOwn(`${ref.source} ${ref.pattern ?? ''}`) && !(facts.capped.has(ref.identity) && !facts.smallCapped.has(ref.identity))) continue;
        const rename = RENAMABLE.has(site.method) ? [fix(`Replace ${site.method} with unlink`, true, [replace(site.span, 'unlink')])] : undefined;
        context.report({ messageId: 'del', data: { key: shownKey(site, site.args.indexOf(arg)), type }, span: site.span, fixes: rename });
        break;
      }
    }
  },
};
