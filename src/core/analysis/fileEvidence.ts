/**
 * What a file's text says about Redis as a whole, scanned once per text: the command methods only Redis clients have,
 * the receivers that run one (or a Redis-shaped SET), names bound to a client by a chained assignment, a Redis-named
 * factory or a bound command, the methods each class of the file defines, and cheap pre-checks for files that never
 * name Redis. receiverEvidence.ts judges one receiver with these.
 */

/** Receiver chains that name Redis in any segment (`req.redis`, `this.redisService.getClient()`). */
export const REDIS_CHAIN = /redis|valkey/i;

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
export function perText<T>(scan: (text: string) => T): (text: string) => T {
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
  for (let m = mention.exec(text); m; m = mention.exec(text)) {
    lines.add(text.lastIndexOf('\n', m.index) + 1);
    // The line is listed: its other mentions would list it again.
    const lineEnd = text.indexOf('\n', mention.lastIndex);
    if (lineEnd < 0) break;
    mention.lastIndex = lineEnd;
  }
  for (const start of lines) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    // An assignment from a call: a `=` with a `(` after it.
    const equals = line.indexOf('=');
    if (equals < 0 || line.indexOf('(', equals) < 0) continue;
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

/** The file imports Celery (`from celery import Task`, `import celery`). */
const CELERY_IMPORT = /^[ \t]*(?:from[ \t]+celery\b|import[ \t]+celery\b)/m;
/** Asked per receiver judged: scanned once per text. */
export const importsCelery = perText((text: string) => text.includes('celery') && CELERY_IMPORT.test(text));
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
export function isCeleryBackendClient(text: string, receiver: string): boolean {
  if (!importsCelery(text)) return false;
  const chain = receiver.replace(/\(\)/g, '');
  return CELERY_BACKEND_CHAIN.test(chain) || celeryBackendAliases(text).has(chain);
}
