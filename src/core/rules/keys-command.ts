/** keys-command: KEYS walks the whole keyspace on the server's single command thread. */
import type { Fix } from '../findings';
import type { Rule, RuleContext, RedisCallSite } from './rule';
import type { LocatedHelper } from '../analysis/crossFileHelpers';
import { receiverText, shownKey } from './support/clients';
import { fix, replace } from './support/edits';
import { scriptFromFile } from './support/scriptFiles';
import { scriptSources } from './support/scripts';
import { spanFromOffsets } from '../analysis/spans';
import { IMPORT_IOREDIS } from './exampleImports';
import { scanKeysFix } from './support/scanKeysHelper';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

function alternative(site: RedisCallSite): string {
  const pattern = site.args[0] ? shownKey(site) : "'*'";
  if (site.receiver.facade === 'django-cache') return `iter_keys(${pattern})`;
  if (site.receiver.library === 'redis-py') return `scan_iter(match=${pattern})`;
  if (site.receiver.library === 'ioredis') return `scanStream({ match: ${pattern} })`;
  return `scanIterator({ MATCH: ${pattern} })`;
}

function scanFix(context: RuleContext, site: RedisCallSite): Fix | undefined {
  if (site.receiver.kind !== 'client' && !(site.receiver.kind === 'cluster' && site.receiver.library === 'redis-py')) return undefined;
  const receiver = receiverText(site);
  const patternArg = site.keywords.pattern ?? site.args[0];
  const match = patternArg ? patternArg.text : undefined;
  const description = 'Iterate with SCAN instead of KEYS (SCAN may return a key twice and sees concurrent changes)';
  if (site.receiver.facade === 'django-cache') {
    // django-redis's iter_keys() walks the keyspace with SCAN and takes the same pattern.
    const iterator = `${receiver}.iter_keys(${match ?? "'*'"})`;
    return fix(description, false, [replace(site.callSpan, site.isLoopIterable ? iterator : `list(${iterator})`)]);
  }
  if (site.receiver.library === 'redis-py') {
    const iterator = `${receiver}.scan_iter(${match ? `match=${match}` : ''})`;
    if (site.awaited) {
      if (site.isLoopIterable) return undefined;
      return fix(description, false, [replace(site.expressionSpan, `[key async for key in ${iterator}]`)]);
    }
    return fix(description, false, [replace(site.callSpan, site.isLoopIterable ? iterator : `list(${iterator})`)]);
  }
  // ioredis and node-redis: a scanKeys helper added once, and the call awaits it.
  return scanKeysFix(context.model, site, 'Replace KEYS with a SCAN loop in a scanKeys helper');
}

export const keysCommand: Rule = {
  meta: {
    id: 'keys-command',
    code: 'RR101',
    category: 'latency',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      keys: 'KEYS {{pattern}} scans every key and blocks the server while it runs; iterate with {{alternative}}.',
      keysInScript: 'KEYS {{pattern}} inside a Lua script{{where}} scans every key and blocks the server for the whole script; keep an index (a set) of the keys it needs, or iterate with SCAN from the client.',
      keysHelper: '{{helper}}() runs KEYS ({{path}}): every call scans every key and blocks the server while it runs; iterate with SCAN inside it, or keep an index (a set) of the keys it lists.',
      keysCluster: 'KEYS {{pattern}} on a cluster client blocks each node it reaches and only sees that node\'s keys; scan every primary instead.',
    },
    docs: {
      summary: 'KEYS scans the entire keyspace and blocks Redis; use SCAN iteration.',
      what: 'Reports calls of the KEYS command (`keys()`, `call("KEYS", ...)`, `execute_command("KEYS", ...)`) on a Redis client (also `cache.keys()` of the Django cache API, which runs KEYS with the django-redis backend, also on a local assigned from `caches[alias]`; and keys() of a project wrapper given a key pattern such as `prefix:*`, also in files that never name Redis; and every call with arguments of a project function or method defined in another file whose one Redis command is KEYS, such as `db.getkeys(pattern)` returning `self._redis.keys(pattern)`, or a method named `keys` called on an instance named after its class (`this.cacheService.keys(userId)` of `CacheService.keys`); a helper called without arguments fixes its own pattern and is reported once, at its KEYS), and KEYS run inside Lua scripts: `redis.call("keys", ...)` (any case) in a script written in the source, and in a `.lua` file of the workspace that the code loads for EVAL, register_script, defineCommand or defineScript (see lua-undeclared-keys for the file reads it follows).',
      why: 'KEYS is O(N) in the number of keys in the database, even when nothing matches the pattern. Redis runs commands on one thread, so every other client waits until the scan of millions of keys ends; in Cluster it also only sees the node it runs on. The Redis documentation reserves it for debugging.',
      examples: [
        {
          client: 'redis-py',
          file: 'app/sessions.py',
          bad: 'import redis\n\nr = redis.Redis()\n\ndef active_sessions():\n    return r.keys("session:*")\n',
          good: 'import redis\n\nr = redis.Redis()\n\ndef active_sessions():\n    return list(r.scan_iter(match="session:*", count=500))\n',
        },
        {
          client: 'ioredis',
          file: 'src/sessions.ts',
          bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function activeSessions() {\n  return await redis.keys('session:*');\n}\n",
          good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function activeSessions() {\n  const found: string[] = [];\n  for await (const batch of redis.scanStream({ match: 'session:*', count: 500 })) found.push(...batch);\n  return found;\n}\n",
        },
        {
          client: 'node-redis',
          file: 'src/sessions.ts',
          bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function activeSessions() {\n  return await client.keys('session:*');\n}\n",
          good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function activeSessions() {\n  const found: string[] = [];\n  for await (const key of client.scanIterator({ MATCH: 'session:*', COUNT: 500 })) found.push(...([] as string[]).concat(key));\n  return found;\n}\n",
        },
        {
          client: 'go-redis',
          file: 'sessions/store.go',
          bad: goFile('sessions', ['"context"', '', GO_REDIS], `
func ActiveSessions(ctx context.Context, rdb *redis.Client) ([]string, error) {
    return rdb.Keys(ctx, "session:*").Result()
}
`),
          good: goFile('sessions', ['"context"', '', GO_REDIS], `
func ActiveSessions(ctx context.Context, rdb *redis.Client) ([]string, error) {
    var keys []string
    iter := rdb.Scan(ctx, 0, "session:*", 500).Iterator()
    for iter.Next(ctx) {
        keys = append(keys, iter.Val())
    }
    return keys, iter.Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'sessions/store.go',
          bad: goFile('sessions', ['"context"', '', RUEIDIS], `
func ActiveSessions(ctx context.Context, client rueidis.Client) ([]string, error) {
    return client.Do(ctx, client.B().Keys().Pattern("session:*").Build()).AsStrSlice()
}
`),
          good: goFile('sessions', ['"context"', '', RUEIDIS], `
func ActiveSessions(ctx context.Context, client rueidis.Client) ([]string, error) {
    var keys []string
    var cursor uint64
    for {
        entry, err := client.Do(ctx, client.B().Scan().Cursor(cursor).Match("session:*").Count(500).Build()).AsScanEntry()
        if err != nil {
            return nil, err
        }
        keys = append(keys, entry.Elements...)
        if cursor = entry.Cursor; cursor == 0 {
            return keys, nil
        }
    }
}
`),
        },
        {
          client: 'redigo',
          file: 'sessions/store.go',
          bad: goFile('sessions', [REDIGO], `
func ActiveSessions(pool *redis.Pool) ([]string, error) {
    conn := pool.Get()
    defer conn.Close()
    return redis.Strings(conn.Do("KEYS", "session:*"))
}
`),
          good: goFile('sessions', [REDIGO], `
func ActiveSessions(pool *redis.Pool) ([]string, error) {
    conn := pool.Get()
    defer conn.Close()
    var keys []string
    cursor := 0
    for {
        reply, err := redis.Values(conn.Do("SCAN", cursor, "MATCH", "session:*", "COUNT", 500))
        if err != nil {
            return nil, err
        }
        var batch []string
        if _, err := redis.Scan(reply, &cursor, &batch); err != nil {
            return nil, err
        }
        keys = append(keys, batch...)
        if cursor == 0 {
            return keys, nil
        }
    }
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/SessionStore.java',
          bad: javaFile(['java.util.Set', 'redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool'], `
public class SessionStore {
    private final JedisPool pool;

    public SessionStore(JedisPool pool) {
        this.pool = pool;
    }

    public Set<String> activeSessions() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.keys("session:*");
        }
    }
}
`),
          good: javaFile(['java.util.HashSet', 'java.util.Set', 'redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool', 'redis.clients.jedis.params.ScanParams', 'redis.clients.jedis.resps.ScanResult'], `
public class SessionStore {
    private final JedisPool pool;

    public SessionStore(JedisPool pool) {
        this.pool = pool;
    }

    public Set<String> activeSessions() {
        Set<String> keys = new HashSet<>();
        ScanParams params = new ScanParams().match("session:*").count(500);
        try (Jedis jedis = pool.getResource()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys;
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/SessionStore.java',
          bad: javaFile(['io.lettuce.core.api.StatefulRedisConnection', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.List'], `
public class SessionStore {
    private final RedisCommands<String, String> commands;

    public SessionStore(StatefulRedisConnection<String, String> connection) {
        this.commands = connection.sync();
    }

    public List<String> activeSessions() {
        return commands.keys("session:*");
    }
}
`),
          good: javaFile(['io.lettuce.core.ScanArgs', 'io.lettuce.core.ScanIterator', 'io.lettuce.core.api.StatefulRedisConnection', 'io.lettuce.core.api.sync.RedisCommands', 'java.util.List', 'java.util.stream.Collectors'], `
public class SessionStore {
    private final RedisCommands<String, String> commands;

    public SessionStore(StatefulRedisConnection<String, String> connection) {
        this.commands = connection.sync();
    }

    public List<String> activeSessions() {
        return ScanIterator.scan(commands, ScanArgs.Builder.matches("session:*").limit(500)).stream().collect(Collectors.toList());
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/SessionStore.java',
          bad: javaFile(['java.util.Set', 'org.springframework.data.redis.core.StringRedisTemplate', 'org.springframework.stereotype.Service'], `
@Service
public class SessionStore {
    private final StringRedisTemplate redisTemplate;

    public SessionStore(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Set<String> activeSessions() {
        return redisTemplate.keys("session:*");
    }
}
`),
          good: javaFile(['java.util.Set', 'java.util.stream.Collectors', 'org.springframework.data.redis.core.Cursor', 'org.springframework.data.redis.core.ScanOptions', 'org.springframework.data.redis.core.StringRedisTemplate', 'org.springframework.stereotype.Service'], `
@Service
public class SessionStore {
    private final StringRedisTemplate redisTemplate;

    public SessionStore(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Set<String> activeSessions() {
        ScanOptions options = ScanOptions.scanOptions().match("session:*").count(500).build();
        try (Cursor<String> cursor = redisTemplate.scan(options)) {
            return cursor.stream().collect(Collectors.toSet());
        }
    }
}
`),
        },
      ],
      fix: 'The quick fix rewrites the call to the client\'s SCAN iterator (redis-py `scan_iter`, ioredis `scanStream`, node-redis `scanIterator`) keeping the result a list. It is unsafe: SCAN can return a key more than once and reflects writes made during the iteration. Better still, keep an index (a set or sorted set) of the keys you need. In Go, go-redis `rdb.Keys(ctx, p).Result()` becomes `scanKeys(ctx, rdb, p)` with a `Scan(...).Iterator()` helper added once; in Java, Spring `redisTemplate.keys(p)` becomes `redisTemplate.scan(ScanOptions...)` collected into a Set, and Lettuce `commands.keys(p)` on the synchronous API becomes `ScanIterator.scan(commands, ScanArgs.Builder.matches(p))` collected into a List (imports added). redigo, rueidis and Jedis get no fix: their SCAN needs a cursor loop around the call.',
      falsePositives: 'Tests are skipped and scripts get a warning. For an admin tool on a tiny dedicated database, add `# redis-review: disable-next-line keys-command -- reason`.',
      references: [
        { title: 'KEYS command', url: 'https://redis.io/docs/latest/commands/keys/' },
        { title: 'SCAN command', url: 'https://redis.io/docs/latest/commands/scan/' },
        { title: 'Latency: slow commands', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/optimization/latency/' },
      ],
    },
  },
  check(context) {
    reportKeysInScripts(context);
    reportKeysThroughProjectHelpers(context);
    for (const site of context.model.callSites) {
      if (site.command !== 'KEYS') continue;
      const cluster = site.receiver.kind === 'cluster' && site.receiver.library !== 'redis-py';
      const scan = scanFix(context, site);
      context.report({
        messageId: cluster ? 'keysCluster' : 'keys',
        data: { pattern: site.args[0] ? shownKey(site) : "'*'", alternative: alternative(site) },
        span: site.span,
        fixes: scan ? [scan] : undefined,
      });
    }
  },
};

/** `redis.call('keys', ...)` / `redis.pcall("KEYS", ...)` in Lua, also with escaped quotes inside a JS/Python string. */
const LUA_KEYS = /redis\.p?call\(\s*\\?(['"])keys\\?\1\s*(?:,\s*([^)\n]{0,60}))?/gi;

function patternOf(argument: string | undefined): string {
  const text = argument?.trim().replace(/\\(['"])/g, '$1');
  return text ? (text.length > 40 ? `${text.slice(0, 37)}...` : text) : "'*'";
}

/**
 * KEYS inside Lua: scripts written in this file are found in its text (where the KEYS call is written), scripts
 * loaded from `.lua` files at the call that passes them. Only in files that use a Redis client.
 */
function reportKeysInScripts(context: RuleContext): void {
  const { model } = context;
  if (!model.callSites.length && !model.creations.length && !context.helperCalls.length) return;
  const text = model.text;
  if (/redis\.p?call\(/i.test(text)) {
    // `redis.call('keys', ...)` that is itself a call of the code (ioredis' generic call on a client named `redis`) is
    // the plain KEYS call, reported with the other calls; only the text of scripts is Lua.
    const codeCalls = new Set(model.callSites.map((site) => site.callSpan.startOffset));
    for (const match of text.matchAll(LUA_KEYS)) {
      if (codeCalls.has(match.index!)) continue;
      const start = match.index! + match[0].search(/keys/i);
      context.report({ messageId: 'keysInScript', data: { pattern: patternOf(match[2]), where: '' }, span: spanFromOffsets(text, start, start + 4) });
    }
  }
  if (!context.luaScript) return;
  const seen = new Set<string>();
  for (const source of scriptSources(context)) {
    if (source.arg.value.kind === 'string' || source.arg.value.kind === 'pattern') continue;
    const file = scriptFromFile(context, source.arg, source.scope);
    if (!file) continue;
    LUA_KEYS.lastIndex = 0;
    const match = LUA_KEYS.exec(file.lua);
    const key = `${source.arg.span.startOffset}`;
    if (!match || seen.has(key)) continue;
    seen.add(key);
    context.report({ messageId: 'keysInScript', data: { pattern: patternOf(match[2]), where: ` (${file.path}, passed to ${source.via})` }, span: source.arg.span });
  }
}

/** A method or function call by name: `self.db.getkeys(pattern)`, `listKeys(prefix)`. */
const NAMED_CALL = /(?:^|[^\w$])([A-Za-z_$][\w$]*)\s*\(/g;

/**
 * Calls of a project function or method defined in another file whose one command is KEYS (a wrapper such as
 * `RedisDB.getkeys(regex)` returning `self._redis.keys(regex)`), given arguments: each call scans the keyspace with
 * the pattern the caller chooses, wherever it is made.
 */
function reportKeysThroughProjectHelpers(context: RuleContext): void {
  if (!context.projectHelpers) return;
  const { text, path } = context.model;
  const python = context.model.language === 'python';
  // Without a workspace there are no project helpers: the file's text is not searched for their calls.
  if (!context.hasWorkspace) return;
  const judged = new Map<string, string | undefined>();
  // Project classes whose keys() runs KEYS, looked up once (most projects have none: then keys() calls are skipped).
  const keysOwners = context.projectHelpers('keys').filter((h) => h.command === 'KEYS' && h.path !== path && !!h.owner);
  for (const match of text.matchAll(NAMED_CALL)) {
    const name = match[1];
    if (name.toLowerCase() === 'keys') {
      // `keys(...)` is also Object.keys, lodash, dict and Map: only an instance named after the project class
      // whose keys() runs KEYS is taken for it (`this.cacheService.keys(userId)` of `CacheService.keys`).
      const owner = keysOwners.length ? keysMethodOwner(context, text, match.index! + match[0].indexOf(name), keysOwners) : undefined;
      if (owner) reportHelperCall(context, text, match, name, owner, python);
      continue;
    }
    if (!judged.has(name)) {
      const helpers = context.projectHelpers(name);
      // Every project helper of that name runs KEYS, and none is this file's own (its KEYS is reported where it is sent).
      const keysOnly = helpers.length > 0 && helpers.every((helper) => helper.command === 'KEYS' && helper.path !== path);
      judged.set(name, keysOnly ? helpers[0].path : undefined);
    }
    const defined = judged.get(name);
    if (defined) reportHelperCall(context, text, match, name, defined, python);
  }
}

/** Reports a call of a KEYS helper defined in `defined`, unless it is a definition, a comment or a call without arguments. */
function reportHelperCall(context: RuleContext, text: string, match: RegExpMatchArray, name: string, defined: string, python: boolean): void {
  const start = match.index! + match[0].indexOf(name);
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const before = text.slice(lineStart, start);
  // Not a definition, and not in a comment.
  if (/\b(def|function|async)\s*$/.test(before) || before.includes(python ? '#' : '//')) return;
  // A helper called without arguments fixes its pattern itself: its KEYS is reported once, where it is sent.
  if (/^\(\s*\)/.test(text.slice(match.index! + match[0].length - 1, match.index! + match[0].length + 200))) return;
  context.report({ messageId: 'keysHelper', data: { helper: name, path: defined }, span: spanFromOffsets(text, start, start + name.length) });
}

/** `cacheService`, `cache_service` and `CacheService` name the same class. */
function squashed(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/**
 * The file defining the project class whose `keys` method runs KEYS, when the call at `start` is made on an
 * instance named after that class (`this.cacheService.keys(...)`, `self.key_store.keys(...)`).
 */
function keysMethodOwner(context: RuleContext, text: string, start: number, owners: readonly LocatedHelper[]): string | undefined {
  const receiver = /([A-Za-z_$][\w$]*)\s*\??\.\s*$/.exec(text.slice(Math.max(0, start - 200), start))?.[1];
  if (!receiver) return undefined;
  // Already a KEYS call site of this file (a wrapper given a key pattern): reported as such.
  if (context.model.callSites.some((site) => site.command === 'KEYS' && site.span.startOffset === start)) return undefined;
  return owners.find((h) => squashed(h.owner!) === squashed(receiver))?.path;
}
