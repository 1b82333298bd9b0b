/** select-db: numbered databases do not exist in Cluster and SELECT on shared connections leaks. */
import type { Arg, ClientCreation, FileModel } from '../analysis/model';
import { spanFromOffsets } from '../analysis/spans';
import type { Span } from '../findings';
import type { Rule, RedisCallSite } from './rule';
import { sitesWith } from './support/sites';
import { importedModuleOf } from '../analysis/databaseSettings';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const URL_DB = /^rediss?:\/\/[^/?#]*\/(\d+)/;
/** A quoted Redis URL naming a database other than 0 anywhere in code (settings, env defaults, storage URLs). */
const URL_LITERAL = /(['"`])rediss?:\/\/[^'"`\s/]*\/0*([1-9]\d*)(?:[?#][^'"`\s]*)?\1/g;
/** `os.getenv("REDIS_DB", 2)`, `environ.get("DB", "3")`, `process.env.REDIS_DB || 4`: the default is a numbered database. */
const ENV_DEFAULT = /(?:getenv|environ\.get|env\.get|config\.get|\.get)\(\s*['"][^'"]*['"]\s*,\s*['"]?0*([1-9]\d*)['"]?\s*\)|(?:\|\||\?\?)\s*['"]?0*([1-9]\d*)['"]?\s*\)*$/;
/** `int(db_index)`, `Number(db)`: the conversion of a name. */
const CONVERTED_NAME = /^(?:int|str|Number|parseInt|String)\(\s*([A-Za-z_$][\w$]*)\s*(?:,\s*10\s*)?\)$/;
/** `settings.REDIS_CACHES_DB`, `int(config.MEMOIZE_DB_INDEX)`: a constant of an imported module. */
const MODULE_CONSTANT = /^(?:int\(\s*)?([A-Za-z_]\w*)\.([A-Z][A-Z0-9_]*)\s*\)?$/;

/** Parameters of the function whose text starts at `start` (Python def, JS function or arrow), with their default's text. */
function parameters(text: string, start: number): Map<string, string | undefined> {
  const open = text.indexOf('(', start);
  const names = new Map<string, string | undefined>();
  if (open < 0 || open - start > 200) return names;
  let depth = 0;
  let end = open;
  for (; end < text.length && end - open < 2000; end++) {
    const char = text[end];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) break;
    }
  }
  for (const piece of text.slice(open + 1, end).split(',')) {
    const name = /^[\s*.{[]*([A-Za-z_$][\w$]*)/.exec(piece)?.[1];
    if (name && name !== 'self' && name !== 'cls') names.set(name, /=\s*(.+?)\s*$/.exec(piece)?.[1]);
  }
  return names;
}

/** Value of a module-level constant of the file (`DB_INDEX = 2`, `const SESSION_DB = 3`), if numeric. */
function constantValue(text: string, name: string): number | undefined {
  const escaped = name.replace(/[$]/g, '\\$');
  const match = new RegExp(`^(?:(?:export\\s+)?(?:const|let|var)\\s+)?${escaped}\\s*(?::\\s*\\w+\\s*)?=\\s*(\\d+)\\s*;?\\s*(?:#.*|//.*)?$`, 'm').exec(text);
  if (match) return Number(match[1]);
  // `const db = isDev ? 3 : 1`: a numbered database whichever branch runs (a 0 in either branch is not evidence).
  const choice = new RegExp(`^(?:(?:export\\s+)?(?:const|let|var)\\s+)${escaped}\\s*(?::\\s*\\w+\\s*)?=\\s*[^?\\n;]+\\?\\s*(\\d+)\\s*:\\s*(\\d+)\\s*;?\\s*(?://.*)?$`, 'm').exec(text);
  return choice && Number(choice[1]) !== 0 && Number(choice[2]) !== 0 ? Number(choice[2]) : undefined;
}

/**
 * `client.on('connect', () => { client.select(db) })`: the SELECT runs in a 'connect' or 'ready' listener of the
 * client it is sent on, choosing the configured database again on each new connection of that client: its setup.
 */
function reselectsOnConnect(text: string, site: RedisCallSite): boolean {
  const handler = site.enclosingFunction?.span;
  const receiver = site.receiver.text;
  if (!handler || !/^[\w$.]+$/.test(receiver)) return false;
  const before = text.slice(Math.max(0, handler.startOffset - 120), handler.startOffset);
  return new RegExp(`(?:^|[^\\w$.])${receiver.replace(/[$.]/g, '\\$&')}\\s*\\.\\s*(?:on|once)\\(\\s*['"\`](?:connect|ready)['"\`]\\s*,\\s*(?:async\\s*)?(?:function\\s*[\\w$]*\\s*)?$`).test(before);
}

/** The SELECT's function assigns its receiver earlier (`this.redis = …` then `this.redis.select(db)`). */
function assignsReceiverBefore(text: string, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  const receiver = site.receiver.text;
  if (!fn || !/^[\w$.]+$/.test(receiver)) return false;
  const before = text.slice(fn.span.startOffset, site.span.startOffset);
  return new RegExp(`(?:^|[^\\w$.])${receiver.replace(/[$.]/g, '\\$&')}\\s*=(?!=)`).test(before);
}

/**
 * What a `db=`/`database:` option says about the database, when it is not 0: a literal, a constant of the file, an
 * environment default, or a parameter of the function that builds the client (one client per database number).
 */
function numberedDatabase(option: Arg, creation: ClientCreation, model: FileModel, context: Context): { db: string | number; where: string } | undefined {
  const where = `${option.keyword ?? 'db'}=${option.text}`;
  const value = option.value;
  if (value.kind === 'number') return value.value !== 0 ? { db: value.value, where } : undefined;
  if (value.kind === 'string') return /^0*[1-9]\d*$/.test(value.value) ? { db: Number(value.value), where } : undefined;
  const text = option.text.trim();
  const fromEnv = ENV_DEFAULT.exec(text);
  if (fromEnv) return { db: Number(fromEnv[1] ?? fromEnv[2]), where: `${where}, by default` };
  const fromSettings = model.language === 'python' ? settingsModuleDatabase(text, model.text, context) : undefined;
  if (fromSettings) return { db: fromSettings, where: `${where}, set in the settings module` };
  const name = /^[A-Za-z_$][\w$]*$/.test(text) ? text : CONVERTED_NAME.exec(text)?.[1];
  if (!name) return undefined;
  const fn = creation.enclosingFunction;
  const given = fn ? parameters(model.text, fn.span.startOffset) : undefined;
  if (fn && given?.has(name)) {
    // A connection helper whose host/port/URL are parameters too connects wherever it is told: no evidence of several databases.
    const location = Object.entries(creation.options).filter(([key]) => /^(host|hostname|port|url|path|unix_socket_path|address|socket(\.host|\.port)?)$/i.test(key)).map(([, arg]) => arg);
    const others = [...creation.args, ...location].filter((arg) => arg !== option);
    if (/^0+$/.test(given.get(name) ?? '') || others.some((arg) => given.has(arg.text.trim()))) return undefined;
    return { db: name, where: `${where}: one client per database number passed to ${fn.name}()` };
  }
  const constant = constantValue(model.text, name);
  return constant ? { db: constant, where } : undefined;
}

type Context = Parameters<Rule['check']>[0];

/**
 * `db=settings.REDIS_CACHES_DB` (Django's settings, `REDIS_CACHES_DB = 1` in settings.py), `db=config.MEMOIZE_DB_INDEX`
 * (`from app import config`, `MEMOIZE_DB_INDEX = 1` there): the number the imported settings module gives, when not 0.
 */
function settingsModuleDatabase(optionText: string, fileText: string, context: Context): number | undefined {
  const match = MODULE_CONSTANT.exec(optionText);
  const module = match && importedModuleOf(fileText, match[1]);
  if (!module) return undefined;
  // `from app.redis_db import RedisDB` then `db=int(RedisDB.APP_CACHE)`: a member of a class of that module.
  const value = context.settingsDatabase?.(module, match![2]) ?? (module.includes('.') ? context.settingsDatabase?.(module.slice(0, module.lastIndexOf('.')), `${match![1]}.${match![2]}`) : undefined);
  return value ? value : undefined;
}

/** Quoted `redis://host/N` URLs (N > 0) outside comments, not already reported as a client's URL argument. */
export function urlLiterals(text: string, reported: Set<number>): { span: Span; db: string }[] {
  const out: { span: Span; db: string }[] = [];
  if (!text.includes('redis')) return out;
  URL_LITERAL.lastIndex = 0;
  for (let match = URL_LITERAL.exec(text); match; match = URL_LITERAL.exec(text)) {
    if (reported.has(match.index)) continue;
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const before = text.slice(lineStart, match.index);
    if (/^\s*(#|\/\/|\*|\/\*)/.test(before) || /(^|\s)(#|\/\/)\s/.test(before)) continue;
    out.push({ span: spanFromOffsets(text, match.index, match.index + match[0].length), db: match[2] });
  }
  return out;
}

export const selectDb: Rule = {
  meta: {
    id: 'select-db',
    code: 'RR404',
    category: 'cluster',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    clusterAware: true,
    messages: {
      select: 'SELECT {{db}} switches the database of one pooled/multiplexed connection, not of the client: later commands may run against another database. Cluster only has database 0; use key prefixes or a separate instance.',
      option: 'Database {{db}} ({{where}}): Redis Cluster only has database 0, and numbered databases share one server (a FLUSHALL or memory blow-up in one hurts all). Prefer key prefixes or separate instances.',
    },
    docs: {
      summary: 'Numbered databases (SELECT, db=N) break in Cluster and share one server.',
      what: 'Reports SELECT calls, clients configured with a database other than 0 (`db=`, `database:` as a literal, a constant of the file (also one chosen between two numbered databases, `isDev ? 3 : 1`), a constant of an imported Python settings module (`db=config.CACHE_DB` with `CACHE_DB = 1` in the imported config module, `db=settings.REDIS_DB` with Django\'s settings when every settings module of the project that sets it gives a number other than 0, so a test settings module alone does not count), a member of a class of an imported module named for databases (`db=int(RedisDB.APP_CACHE)` with `class RedisDB(IntEnum): APP_CACHE = 4`), an environment default such as `os.getenv("REDIS_DB", 2)`, or a parameter of the function that builds the client, i.e. one client per database number, unless that function takes the address too (host, port, URL or Go `Addr`, also through a local built from a parameter): a generic connection helper connects wherever its caller tells it, like a number read from configuration; nor when the parameter defaults to 0 (Python) or every call of the builder in the file passes 0 (Go)), and quoted `redis://host/N` URLs with N > 0 anywhere in code (settings, environment defaults, storage URLs). A SELECT of a configured (non-literal) database right after creating a node-redis/ioredis client in the same function, or after the function assigns the client it runs on (`this.redis = ...`), or in a \'connect\' or \'ready\' listener of that client (`client.on(\'connect\', () => client.select(db))`, choosing it again on each reconnect), is that client\'s setup and is not reported. Severity is raised to error when `"cluster": true`.',
      why: 'Cluster supports only database 0, so the code cannot move to Cluster. Numbered databases share memory, CPU and dangerous commands of one process. SELECT on a pooled connection changes the database for whoever borrows that connection next.',
      examples: [
        { client: 'redis-py', file: 'app/sessions.py', bad: 'import redis\n\nsessions = redis.Redis(host="cache", db=3)\n', good: 'import redis\n\nsessions = redis.Redis(host="cache")\nSESSION_PREFIX = "session:"\n' },
        { client: 'ioredis', file: 'src/sessions.ts', bad: IMPORT_IOREDIS + "\nexport const sessions = new Redis('redis://cache:6379/3');\nsessions.on('error', console.error);\n", good: IMPORT_IOREDIS + "\nexport const sessions = new Redis('redis://cache:6379', { keyPrefix: 'session:' });\nsessions.on('error', console.error);\n" },
        { client: 'node-redis', file: 'src/sessions.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function useSessions() {\n  await client.select(3);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function session(id: string) {\n  return client.get(`session:${id}`);\n}\n" },
        {
          client: 'go-redis',
          file: 'store/client.go',
          bad: goFile('store', [GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{
    Addr: "localhost:6379",
    DB:   3,
})
`),
          good: goFile('store', ['"context"', '', GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

// Keys of this service carry its prefix instead of living in database 3.
func Get(ctx context.Context, key string) (string, error) {
    return rdb.Get(ctx, "billing:"+key).Result()
}
`),
        },
        {
          client: 'rueidis',
          file: 'store/client.go',
          bad: goFile('store', [RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    return rueidis.NewClient(rueidis.ClientOption{
        InitAddress: []string{"localhost:6379"},
        SelectDB:    3,
    })
}
`),
          good: goFile('store', ['"context"', '', RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    return rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}})
}

// Keys of this service carry its prefix instead of living in database 3.
func Get(ctx context.Context, client rueidis.Client, key string) (string, error) {
    return client.Do(ctx, client.B().Get().Key("billing:"+key).Build()).ToString()
}
`),
        },
        {
          client: 'redigo',
          file: 'store/pool.go',
          bad: goFile('store', ['"time"', '', REDIGO], `
var pool = &redis.Pool{
    Dial: func() (redis.Conn, error) {
        return redis.Dial("tcp", "localhost:6379",
            redis.DialDatabase(3),
            redis.DialReadTimeout(time.Second),
            redis.DialWriteTimeout(time.Second))
    },
}
`),
          good: goFile('store', ['"time"', '', REDIGO], `
var pool = &redis.Pool{
    Dial: func() (redis.Conn, error) {
        return redis.Dial("tcp", "localhost:6379",
            redis.DialReadTimeout(time.Second),
            redis.DialWriteTimeout(time.Second))
    },
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Reports.java',
          bad: javaFile(['redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool'], `
public class Reports {
    private final JedisPool pool = new JedisPool("localhost", 6379);

    public String report(String id) {
        try (Jedis jedis = pool.getResource()) {
            jedis.select(3);
            return jedis.get("report:" + id);
        }
    }
}
`),
          good: javaFile(['redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool'], `
public class Reports {
    private final JedisPool pool = new JedisPool("localhost", 6379);

    public String report(String id) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.get("reports:report:" + id);
        }
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Reports.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Reports {
    private final RedisCommands<String, String> commands;

    public Reports(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public String report(String id) {
        commands.select(3);
        return commands.get("report:" + id);
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Reports {
    private final RedisCommands<String, String> commands;

    public Reports(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public String report(String id) {
        return commands.get("reports:report:" + id);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/RedisConfig.java',
          bad: javaFile(['org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration', 'org.springframework.data.redis.connection.RedisStandaloneConfiguration', 'org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory'], `
@Configuration
public class RedisConfig {
    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("cache", 6379);
        config.setDatabase(3);
        return new LettuceConnectionFactory(config);
    }
}
`),
          good: javaFile(['org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration', 'org.springframework.data.redis.connection.RedisStandaloneConfiguration', 'org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory'], `
@Configuration
public class RedisConfig {
    /** Reports live in database 0 under the "reports:" prefix. */
    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        return new LettuceConnectionFactory(new RedisStandaloneConfiguration("cache", 6379));
    }
}
`),
        },
      ],
      fix: 'Separate data with key prefixes (ioredis `keyPrefix`), or run separate instances per application. If a numbered database is unavoidable, configure it at client construction and never call SELECT on pooled connections.',
      falsePositives: 'Tests that isolate themselves in database 15 are skipped by path.',
      references: [
        { title: 'SELECT', url: 'https://redis.io/docs/latest/commands/select/' },
        { title: 'Cluster spec', url: 'https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/' },
      ],
    },
  },
  check(context) {
    const severity = context.config.cluster ? 'error' : undefined;
    const model = context.model;
    for (const site of sitesWith(model, ['SELECT'])) {
      const db = site.args[0];
      if (db?.value.kind === 'number' && db.value.value === 0) continue;
      // Choosing the database a configuration names right after creating the client, on its own connection, is the
      // client's setup (node-redis v3 and ioredis re-select it on reconnect), not a switch of a shared connection.
      const creation = site.receiver.creation;
      const configured = db && db.value.kind !== 'number' && db.value.kind !== 'string';
      if (configured && creation && creation.kind === 'client' && site.receiver.library !== 'redis-py' && creation.enclosingFunction?.span.startOffset === site.enclosingFunction?.span.startOffset) continue;
      // The same setup where the client is built by a factory the analysis cannot follow: the function assigns the
      // receiver (`this.redis = new Pkg(...)`, `this.redis = options.redis`) before it selects.
      if (configured && site.receiver.library !== 'redis-py' && (assignsReceiverBefore(model.text, site) || reselectsOnConnect(model.text, site))) continue;
      context.report({ messageId: 'select', data: { db: db?.text ?? '' }, span: site.span, severity });
    }
    const reported = new Set<number>();
    for (const creation of model.creations) {
      for (const name of ['db', 'database']) {
        const option = creation.options[name];
        const found = option && numberedDatabase(option, creation, model, context);
        if (option && found) context.report({ messageId: 'option', data: found, span: option.fullSpan, severity });
      }
      for (const arg of [...creation.args, creation.options.url].filter(Boolean)) {
        const url = arg!.value.kind === 'string' ? arg!.value.value : undefined;
        const match = url ? URL_DB.exec(url) : null;
        if (match) reported.add(arg!.span.startOffset);
        if (match && Number(match[1]) !== 0) context.report({ messageId: 'option', data: { db: match[1], where: 'in the URL' }, span: arg!.span, severity });
      }
    }
    for (const literal of urlLiterals(model.text, reported)) context.report({ messageId: 'option', data: { db: literal.db, where: 'in this Redis URL' }, span: literal.span, severity });
  },
};
