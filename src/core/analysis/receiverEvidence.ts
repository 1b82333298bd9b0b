/**
 * Judges a receiver the tracker could not prove to be a Redis client from the evidence real code leaves:
 * a method that only Redis clients have, the same receiver running such a method elsewhere in the file,
 * a Redis name in the receiver's chain (`req.redis`, `this.redisService.getClient()`), or Redis-shaped
 * arguments (`'EX', 60`, a `user:*` pattern for KEYS). Only in files of a project that uses Redis.
 */
import { CELERY_STORE_EVIDENCE, isCeleryBackendStore, rawCommandEvidence } from './commandCallEvidence';
import type { ClientLibrary } from './model';

/**
 * Command methods no common non-Redis object has (lower-cased, underscores dropped). Methods that in-memory
 * caches, Maps, dicts, HTTP or event libraries also have (get, set, del, keys, ttl, mget, publish, flushAll…)
 * are missing on purpose: they need other evidence.
 */
const REDIS_ONLY_METHODS = new Set(
  `hgetall hset hget hmset hmget hdel hincrby hincrbyfloat hexists hkeys hvals hlen hsetnx hscan hscaniterator hscanstream hstrlen
  hrandfield lpush rpush lpushx rpushx lpop rpop lrange ltrim llen lrem lindex lset linsert lpos blpop brpop brpoplpush blmove lmove
  rpoplpush lmpop blmpop sadd srem smembers sismember smismember scard spop srandmember sinter sunion sdiff sinterstore sunionstore
  sdiffstore smove sscan sscaniter sscaniterator sscanstream sintercard zadd zrem zrange zrevrange zrangebyscore zrevrangebyscore
  zrangebylex zscore zmscore zincrby zcard zcount zrank zrevrank zremrangebyscore zremrangebyrank zremrangebylex zpopmin zpopmax
  bzpopmin bzpopmax zunionstore zinterstore zdiffstore zrangestore zscan zscaniter zscaniterator zscanstream zlexcount setnx setex
  psetex getset getdel getex incrby incrbyfloat decrby pexpire expireat pexpireat pttl persist msetnx xadd xread xreadgroup
  xack xrange xrevrange xlen xtrim xgroup xclaim xautoclaim xpending xdel xinfo pfadd pfcount pfmerge geoadd georadius
  georadiusbymember geosearch geodist geopos geohash flushdb unlink evalsha scanstream scaniter scaniterator bitcount setbit
  getbit bitfield bitop bitpos dbsize bgsave bgrewriteaof randomkey renamenx psubscribe punsubscribe ssubscribe spublish
  incr decr expire`.split(/\s+/),
);

/** Receiver chains that name Redis in any segment (`req.redis`, `this.redisService.getClient()`). */
const REDIS_CHAIN = /redis|valkey/i;
/** The master/replica clients a Sentinel wrapper hands out (`sentinel.master`, `self.sentinel.slave`). */
const SENTINEL_CLIENT = /(^|\.)\w*sentinel\w*\.(master|slave|replica|primary)\w*$/i;
/** Short names commonly bound to a Redis client: enough for Redis-only methods, not for get/set/keys/del. */
const SHORT_REDIS_NAME = /(^|\.)(r|rc|rds|rdb|kv|kvs|kvstore|rconn|rcli)$/i;

/** First segments that are never Redis clients (globals and modules of the languages and common libraries). */
const NEVER_RECEIVERS = new Set([
  'Object', 'JSON', 'Math', 'Array', 'Promise', 'Reflect', 'console', 'process', 'window', 'document', 'localStorage', 'sessionStorage',
  'navigator', 'location', 'history', 'Buffer', 'Date', 'String', 'Number', 'Symbol', 'Intl', 'axios', 'fetch', 'http', 'https', 'fs',
  'path', 'crypto', 'os', 'sys', 'json', 're', 'np', 'pd', 'requests', 'httpx', 'aiohttp', 'urllib', 'math', 'time', 'datetime',
  'logging', 'logger', 'log', 'collections', 'itertools', 'functools', 'pickle', 'django', 'settings', 'cookies', 'headers', 'params',
  'query', 'body', 'environ', 'env', 'config', 'options', 'kwargs', 'args', 'argv', 'str', 'dict', 'list', 'set', 'tuple', 'Set', 'Map',
  'WeakMap', 'URLSearchParams', 'FormData', 'Headers', 'chrome', 'browser', 'vscode', 'jest', 'vi', 'sinon', 'mock', 'mocker',
]);

/** Last segments that name something else than a client: loggers, settings, event emitters, HTTP sessions. */
const NOT_CLIENT_LAST = /^_*(log|logger|logging|console|settings|config|conf|options|opts|emitter|events|session|request|response|req|res|ctx|context|app|router|server|socket|io|ws|http|fetcher|queue_name|key|keys|prefix|name|data|result|results|value|values|item|items|obj|json|dict|map|list|set|cache_dict|local_cache|memory|mem|lru|memo)$/i;

/** Names of batch objects: pipelines (`pipe`, `pipeline`, `batch`) and transactions (`tx`, `multi`, `trans`). */
const PIPELINE_NAME = /(^|[._])(p|pl|pipe|pipeline|pipelined|batch)$|[a-z](Pipe|Pipeline|Batch)$/;
const TRANSACTION_NAME = /(^|[._])(tx|txn|trans|transaction|multi)$|[a-z](Tx|Transaction|Multi)$/;

/** Arguments that only make sense to Redis: SET options, as strings (ioredis, v3) or object keys (node-redis v4). */
const SET_OPTION_WORDS = /^(EX|PX|NX|XX|KEEPTTL|EXAT|PXAT|GET)$/i;

/** Receiver text in a comparable form: no white space, `?.` and `!.` as `.`. */
export function normalizeReceiver(text: string): string {
  return text.replace(/\s+/g, '').replace(/[?!]\./g, '.');
}

/** Lower-case method name without underscores, as REDIS_ONLY_METHODS spells them. */
function flat(method: string): string {
  return method.replace(/_/g, '').toLowerCase();
}

export function isRedisOnlyMethod(method: string): boolean {
  return REDIS_ONLY_METHODS.has(flat(method));
}

const SHAPED_SET = /\b(nx|ex|px|xx|keepttl)\s*=|['"`](EX|PX|NX|XX|KEEPTTL)['"`]|[{,]\s*(NX|EX|PX|XX)\s*:/;

/** `.<method>(`: every method call; the name is looked up in REDIS_ONLY_METHODS (faster than an alternation). */
const METHOD_CALL = /\.\s*([A-Za-z_]\w*)\s*\(/g;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** The dotted chain (with `()` calls) that ends just before `end`, read backwards: `this.store.conn()`. */
function receiverBefore(text: string, end: number): string {
  let i = end;
  const stop = Math.max(0, end - 200);
  for (;;) {
    while (i > stop && isSpace(text.charCodeAt(i - 1))) i--;
    if (text.charCodeAt(i - 1) === 41 && text.charCodeAt(i - 2) === 40) i -= 2; // `()`
    const nameEnd = i;
    while (i > stop && isNameChar(text.charCodeAt(i - 1))) i--;
    if (i === nameEnd) return '';
    let j = i;
    while (j > stop && isSpace(text.charCodeAt(j - 1))) j--;
    if (text.charCodeAt(j - 1) !== 46) return text.slice(i, end); // `.`
    i = j - 1;
    const before = text.charCodeAt(i - 1);
    if (before === 63 || before === 33) i--; // `?.` and `!.`
  }
}

/**
 * Each file-level scan runs once per text: the analysis, the incremental check and the workspace pre-filter ask
 * for the same text in a row, so remembering the last text is enough.
 */
function perText<T>(scan: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let last: T;
  return (text) => {
    if (text !== lastText) {
      last = scan(text);
      lastText = text;
    }
    return last;
  };
}

/**
 * Methods each class of the file defines (`class Board:` with `def incr(...)`, `class Board { static incr() {} }`):
 * `Board.incr(id)` calls the project's own method, whatever Redis command shares its name.
 */
export const classMethods = perText((text: string): Map<string, Set<string>> => {
  const classes = new Map<string, Set<string>>();
  const header = /^([ \t]*)(?:export[ \t]+(?:default[ \t]+)?)?(?:abstract[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)[^\n]*$/gm;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const body = match[0].trimEnd().endsWith(':') ? pythonClassBody(text, header.lastIndex, match[1].length) : braceClassBody(text, match.index + match[0].indexOf('{'));
    if (body === undefined) continue;
    const method = /^[ \t]+(?:(?:async[ \t]+)?def[ \t]+|(?:(?:public|private|protected|static|async|override|readonly)[ \t]+)*)([A-Za-z_$][\w$]*)[ \t]*(?:<[^>\n]*>)?\(/gm;
    const names = classes.get(match[2]) ?? new Set<string>();
    for (let m = method.exec(body); m; m = method.exec(body)) if (!/^(?:if|for|while|switch|catch|return|function)$/.test(m[1])) names.add(m[1]);
    classes.set(match[2], names);
  }
  return classes;
});

/** A Python class body: the lines after the header indented deeper than it. */
function pythonClassBody(text: string, from: number, indent: number): string {
  const lines = text.slice(from).split('\n');
  let end = 1;
  for (; end < lines.length; end++) {
    const line = lines[end];
    if (line.trim() && line.length - line.trimStart().length <= indent) break;
  }
  return lines.slice(1, end).join('\n');
}

/** A JS/TS class body between its braces (strings and comments are not told apart: a rough but bounded scan). */
function braceClassBody(text: string, open: number): string | undefined {
  if (open < 0 || text[open] !== '{') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** Receivers (normalised) that run a Redis-only method, or a Redis-shaped SET, somewhere in the text. */
export const redisOnlyReceivers = perText((text: string): Set<string> => {
  const receivers = new Set<string>();
  METHOD_CALL.lastIndex = 0;
  for (let match = METHOD_CALL.exec(text); match; match = METHOD_CALL.exec(text)) {
    const method = match[1].toLowerCase();
    // `set(k, v, nx=True)` / `set(k, v, 'EX', 60)` / `set(k, v, { NX: true })` are Redis-shaped: as good as a Redis-only method.
    if (!REDIS_ONLY_METHODS.has(method) && !(method === 'set' && SHAPED_SET.test(text.slice(match.index, text.indexOf(')', match.index) + 1 || match.index + 300)))) continue;
    const receiver = receiverBefore(text, match.index);
    if (receiver) receivers.add(normalizeReceiver(receiver));
  }
  if (receivers.size) addChainedAliases(text, receivers);
  return receivers;
});

/**
 * `self._read_client = self._write_client = client`: names assigned the same value in one statement. Nothing in
 * it matches a line feed, so every match lies within one line of the text split at line feeds.
 */
const CHAINED_ASSIGNMENT = /^[ \t]*((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?:[ \t]*=[ \t]*(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)+)[ \t]*=[ \t]*[^=\n]/gm;

/**
 * The names of one chained assignment hold one object: Redis commands run on one of them are evidence for all.
 * Only lines holding two `=` can match, and they are found with indexOf: the pattern tried at every line start of
 * the file was the costliest evidence scan of each re-analysis. Lines are read in file order, as one scan of the
 * whole text reads them (an alias added by one chain can make a later chain count).
 */
export function addChainedAliases(text: string, receivers: Set<string>): void {
  for (let equals = text.indexOf('='); equals >= 0; ) {
    const lineEnd = text.indexOf('\n', equals);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const second = text.indexOf('=', equals + 1);
    if (second >= 0 && second < end) {
      const lineStart = text.lastIndexOf('\n', equals) + 1;
      const line = text.slice(lineStart, end);
      CHAINED_ASSIGNMENT.lastIndex = 0;
      for (let match = CHAINED_ASSIGNMENT.exec(line); match; match = CHAINED_ASSIGNMENT.exec(line)) {
        const names = match[1].split('=').map((name) => normalizeReceiver(name));
        if (names.some((name) => receivers.has(name))) for (const name of names) receivers.add(name);
      }
    }
    if (lineEnd < 0) break;
    equals = text.indexOf('=', lineEnd);
  }
}

/** `conn = get_redis()`, `client = await redis_pool.acquire()`: names assigned from a call whose callee names Redis. */
const FACTORY_ASSIGNMENT = /([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.[\]| ]+)?=\s*(?:await\s+)?([\w$.]+)\s*\(/g;

const LIBRARY_CONSTRUCTOR = /(^|\.)(Redis|StrictRedis|RedisCluster|Cluster|from_url|createClient|createCluster|ConnectionPool|BlockingConnectionPool|Sentinel)$/;

const CLIENT_GETTER = /client|conn|connection|pool|instance|acquire|connect|master_for|slave_for/i;

/** Names the file assigns (anywhere) from a Redis-named factory call; file-wide, like the other evidence. */
export const redisFactoryNames = perText((text: string): Set<string> => {
  const names = new Set<string>();
  // Only lines that name Redis can hold such an assignment: find those first (one cheap scan), then parse them.
  const lines = new Set<number>();
  const mention = /redis|valkey/gi;
  for (let m = mention.exec(text); m; m = mention.exec(text)) lines.add(text.lastIndexOf('\n', m.index) + 1);
  for (const start of lines) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    FACTORY_ASSIGNMENT.lastIndex = 0;
    for (let match = FACTORY_ASSIGNMENT.exec(line); match; match = FACTORY_ASSIGNMENT.exec(line)) {
    // Library constructors are traced properly (with scopes); this is for the project's own getters.
    // The call must hand out a client: `get_redis()`, `redis_pool.acquire()`, not `redis_cli.getHash(k)` (a reply).
    const last = match[2].split('.').pop()!;
    const handsOutClient = REDIS_CHAIN.test(last) || (REDIS_CHAIN.test(match[2]) && CLIENT_GETTER.test(last));
      if (handsOutClient && !LIBRARY_CONSTRUCTOR.test(match[2])) names.add(match[1]);
    }
  }
  return names;
});

/** `const incr = promisify(conn.incr).bind(conn)`, `const expire = conn.expire.bind(conn)`: a command bound to its client. */
const BOUND_COMMAND = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:(?:util\.)?promisify(?:All)?\(\s*([A-Za-z_$][\w$.]*)\.([A-Za-z_]\w*)\s*\)(?:\.bind\(\s*\2\s*\))?|([A-Za-z_$][\w$.]*)\.([A-Za-z_]\w*)\.bind\(\s*\4\s*\))/g;

export interface BoundCommand {
  receiver: string;
  method: string;
}

/** Functions the file makes from a client's command methods, by name. */
export const boundCommands = perText((text: string): Map<string, BoundCommand> => {
  const commands = new Map<string, BoundCommand>();
  BOUND_COMMAND.lastIndex = 0;
  for (let match = BOUND_COMMAND.exec(text); match; match = BOUND_COMMAND.exec(text)) {
    commands.set(match[1], match[2] ? { receiver: match[2], method: match[3] } : { receiver: match[4], method: match[5] });
  }
  return commands;
});

/** A stable digest of what the file-level evidence says (an edit that changes it invalidates reused statements). */
export const evidenceKey = perText((text: string): string => {
  const bound = [...boundCommands(text)].map(([name, b]) => `${name}=${b.receiver}.${b.method}`);
  return [...redisOnlyReceivers(text)].sort().join('\n') + '\0' + [...redisFactoryNames(text)].sort().join('\n') + '\0' + bound.sort().join('\n') + '\0' + [...celeryBackendAliases(text)].sort().join('\n');
});

const DJANGO_CACHE_IMPORT = /^\s*from\s+django\.core\.cache\s+import\b/m;
const DJANGO_CACHE_KEYS = /\bcaches?\s*(?:\[[^\]\n]*\]\s*)?\.\s*(?:keys\s*\(|set\s*\([^\n]*\bNone\s*\))/;

/**
 * A cheap pre-check: the file imports Django's cache and calls its keys() (which only django-redis has) or sets an
 * entry with no timeout.
 */
export function callsDjangoCacheKeys(text: string): boolean {
  return (DJANGO_CACHE_KEYS.test(text) || DJANGO_CACHE_PICKED.test(text)) && DJANGO_CACHE_IMPORT.test(text);
}

/** `store = caches[alias]` and a keys() call: a cache picked by alias into a local of any name. */
const DJANGO_CACHE_PICKED = /\b\w+\s*=\s*caches\s*\[[\s\S]*\.keys\s*\(/;

/** `.keys('user:*')`, `.keys(`kdrop:${id}:*`)`: a key pattern handed to keys(), which only Redis reads that way. */
const KEYS_WITH_PATTERN = /\.keys\(\s*(['"`])(?=[^'"`\n]*[*?])(?=[^'"`\n]*[:_.\-/])[^'"`\n]*\1/;

/**
 * A cheap pre-check for files that do not mention Redis but run KEYS through a project wrapper
 * (`instance.cache.keys('xp:*')`): the receiver is then judged by the pattern, like any other call.
 */
export function callsKeysWithPattern(text: string): boolean {
  return KEYS_WITH_PATTERN.test(text);
}

/** A cheap pre-check for files that do not mention Redis: do they call a Redis-only method on anything? */
export function callsRedisOnlyMethod(text: string): boolean {
  return redisOnlyReceivers(text).size > 0;
}

export interface ArgShape {
  /** The evaluated kind of each positional argument and its string value, if a literal. */
  strings: (string | undefined)[];
  /** Keys of an object-literal argument (node-redis v4 `{ EX: 60 }`). */
  objectKeys: string[];
  /** Python keyword argument names. */
  keywords: string[];
}

export interface EvidenceInput {
  receiverText: string;
  method: string;
  command: string;
  args: ArgShape;
  /** The first segment of the receiver is bound to something that is not a client (a dict, a literal, a non-Redis type). */
  knownNonClient: boolean;
  /** The first segment is an imported name (a module or class, unless a Redis name says otherwise). */
  importedName: boolean;
}

export interface Verdict {
  library: ClientLibrary;
  /** Batch objects are told apart by name (`pipe`, `tx`, `multi`): their commands are queued, not round trips. */
  kind: 'client' | 'pipeline' | 'transaction';
  /** Says, for the message, what made the receiver a likely Redis client. */
  evidence: string;
}

export interface ProjectFacts {
  family: 'python' | 'script';
  /** The file or its project uses a Redis client library. */
  usesRedis: boolean;
  /** Libraries the file or project imports (decides spelling of fixes and messages). */
  libraries: ReadonlySet<ClientLibrary>;
  text: string;
}

function libraryFor(facts: ProjectFacts, method: string): ClientLibrary {
  if (facts.family === 'python') return 'redis-py';
  // node-redis v4+ spells multi-word commands in camelCase (hGetAll, sAdd, setNX).
  if (/[a-z][A-Z]/.test(method)) return 'node-redis';
  if (facts.libraries.has('ioredis')) return 'ioredis';
  return facts.libraries.has('node-redis') ? 'node-redis' : 'ioredis';
}

function redisShapedArguments(input: EvidenceInput): string | undefined {
  const { args, command } = input;
  if (command === 'SET' || command === 'GET') {
    const word = args.strings.slice(2).find((s) => s !== undefined && SET_OPTION_WORDS.test(s));
    if (word) return `the '${word}' argument`;
    const key = args.objectKeys.find((k) => SET_OPTION_WORDS.test(k));
    if (key) return `the ${key} option`;
    const keyword = args.keywords.find((k) => /^(ex|px|nx|xx|keepttl|exat|pxat)$/.test(k));
    if (keyword) return `the ${keyword}= argument`;
  }
  if (command === 'SORT') {
    // Array.prototype.sort takes a compare function and Python's list.sort() only key=/reverse=: a key or SORT options are Redis's.
    if (args.strings[0] !== undefined) return `the key '${args.strings[0]}'`;
    const option = args.objectKeys.find((k) => /^(BY|GET|ALPHA|LIMIT|DIRECTION|STORE)$/.test(k)) ?? args.strings.slice(1).find((s) => s !== undefined && /^(BY|GET|ALPHA|LIMIT|STORE)$/i.test(s));
    if (option) return `the ${option} option`;
    const keyword = args.keywords.find((k) => /^(by|get|alpha|store|groups)$/.test(k));
    if (keyword) return `the ${keyword}= argument`;
  }
  if (command === 'KEYS') {
    // dict.keys() takes no arguments at all: redis-py's keyword is evidence on its own.
    if (args.keywords.includes('pattern')) return 'the pattern= argument';
    const pattern = args.strings[0];
    if (pattern !== undefined && /[*?[]/.test(pattern) && /[:_.\-/]|^\*$/.test(pattern)) return `the key pattern '${pattern}'`;
  }
  return undefined;
}

/**
 * A Memcached client library imported by the file (`import aiomcache`, `from pymemcache.client import Client`,
 * `require('memjs')`): its get/set/incr/delete look like Redis commands, so only a receiver named after Redis counts.
 */
const MEMCACHED_IMPORT = /^\s*(?:import|from)\s+(?:aiomcache|pymemcache|pylibmc|bmemcached|emcache|memcache)\b|\b(?:require\(\s*|from\s+)['"](?:memjs|memcached|memcache-client)['"]/m;
// (each library name holds mcache, pylibmc or memjs: a substring search rules most files out)
const importsMemcached = perText((text: string) => (text.includes('mcache') || text.includes('pylibmc') || text.includes('memjs')) && MEMCACHED_IMPORT.test(text));

/** The file imports Celery (`from celery import Task`, `import celery`). */
const CELERY_IMPORT = /^[ \t]*(?:from[ \t]+celery\b|import[ \t]+celery\b)/m;
/** Asked per receiver judged: scanned once per text. */
const importsCelery = perText((text: string) => text.includes('celery') && CELERY_IMPORT.test(text));
/** `app.backend.client`, `self.app.backend.client`: what Celery's Redis result backend hands out as its client. */
const CELERY_BACKEND_CHAIN = /(^|\.)backend\.client$/;
/** `rc = app.backend.client`: a local or attribute holding that client. */
const CELERY_BACKEND_ALIAS = /^[ \t]*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)[ \t]*=[ \t]*((?:[A-Za-z_]\w*(?:\(\))?\.)*backend\.client)[ \t]*(?:#.*)?$/gm;

/** Names the file binds to Celery's result backend client (`rc = app.backend.client`), in a file that imports Celery. */
const celeryBackendAliases = perText((text: string): Set<string> => {
  const names = new Set<string>();
  if (!importsCelery(text)) return names;
  CELERY_BACKEND_ALIAS.lastIndex = 0;
  for (let match = CELERY_BACKEND_ALIAS.exec(text); match; match = CELERY_BACKEND_ALIAS.exec(text)) names.add(normalizeReceiver(match[1]));
  return names;
});

/**
 * A cheap pre-check for files that never name Redis: a Celery task base class or helper that runs commands on the
 * result backend's client (`app.backend.client.setnx(...)`), which is a redis-py client with the Redis backend.
 */
export function usesCeleryBackendClient(text: string): boolean {
  return /\.backend\.client\b/.test(text) && importsCelery(text);
}

/** `app.backend.client` (or a name bound to it) in a Python file that imports Celery. */
function isCeleryBackendClient(text: string, receiver: string): boolean {
  if (!importsCelery(text)) return false;
  const chain = receiver.replace(/\(\)/g, '');
  return CELERY_BACKEND_CHAIN.test(chain) || celeryBackendAliases(text).has(chain);
}

const CELERY_EVIDENCE = "Celery's Redis result backend hands out its redis-py client as backend.client";

/** A likely Redis client, with the evidence, or undefined when the evidence is not enough. */
export function judgeReceiver(input: EvidenceInput, facts: ProjectFacts): Verdict | undefined {
  const receiver = normalizeReceiver(input.receiverText);
  // Celery's result backend client is Redis's whatever else the project names: checked before the usesRedis gate.
  if (facts.family === 'python' && receiver && isCeleryBackendClient(facts.text, receiver)) {
    return { library: 'redis-py', kind: 'client', evidence: CELERY_EVIDENCE };
  }
  // Its key-value methods too, where the project or the file (through backend.client) shows the backend is Redis.
  const redisBackend = facts.usesRedis || usesCeleryBackendClient(facts.text);
  if (facts.family === 'python' && receiver && redisBackend && isCeleryBackendStore(importsCelery(facts.text), receiver, input.method)) {
    return { library: 'redis-py', kind: 'client', evidence: CELERY_STORE_EVIDENCE };
  }
  if (!facts.usesRedis) return undefined;
  if (!receiver || receiver.length > 120 || !/^[A-Za-z_$]/.test(receiver)) return undefined;
  if (!REDIS_CHAIN.test(receiver) && importsMemcached(facts.text)) return undefined;
  const first = /^[A-Za-z_$][\w$]*/.exec(receiver)![0];
  if (NEVER_RECEIVERS.has(first) && !/redis/i.test(receiver)) return undefined;
  const single = !receiver.includes('.') && !receiver.includes('(');
  if (single && input.knownNonClient) return undefined;
  if (single && classMethods(facts.text).get(receiver)?.has(input.method)) return undefined;
  const chain = receiver.replace(/\(\)/g, '');
  const named = REDIS_CHAIN.test(chain) || SENTINEL_CLIENT.test(chain) || (single && redisFactoryNames(facts.text).has(receiver));
  // An imported bare name (a module or class) is only a client when its name says Redis.
  if (single && input.importedName && !named) return undefined;
  const library = libraryFor(facts, input.method);
  const last = chain.split('.').pop()!;
  // `self._redis_cache.logger.debug(...)` is logging, whatever the chain before it says.
  if (NOT_CLIENT_LAST.test(last)) return undefined;
  // redis-py's pipeline() is a MULTI transaction unless asked otherwise; ioredis/node-redis pipelines are not.
  const kind: Verdict['kind'] = TRANSACTION_NAME.test(last) ? 'transaction' : PIPELINE_NAME.test(last) ? (facts.family === 'python' ? 'transaction' : 'pipeline') : 'client';
  const verdict = judgeEvidence(input, facts, receiver, chain, named, single);
  return verdict === undefined ? undefined : { library, kind, evidence: verdict };
}

function judgeEvidence(input: EvidenceInput, facts: ProjectFacts, receiver: string, chain: string, named: boolean, single: boolean): string | undefined {
  if (isRedisOnlyMethod(input.method)) return `${input.method}() exists only on Redis clients`;
  const raw = rawCommandEvidence(input.method, input.command);
  if (raw) return raw;
  if (SHORT_REDIS_NAME.test(chain) && input.command !== 'KEYS' && !input.knownNonClient && !single) return `\`${input.receiverText.trim()}\` is named as a Redis client`;
  if (named) return `\`${input.receiverText.trim()}\` is named as a Redis client`;
  if (redisOnlyReceivers(facts.text).has(receiver)) return `\`${input.receiverText.trim()}\` runs Redis commands elsewhere in this file`;
  const shaped = redisShapedArguments(input);
  if (shaped) return `${shaped} is Redis-shaped`;
  return undefined;
}
