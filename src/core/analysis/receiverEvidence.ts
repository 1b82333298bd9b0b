/**
 * Judges a receiver the tracker could not prove to be a Redis client from the evidence real code leaves:
 * a method that only Redis clients have, the same receiver running such a method elsewhere in the file,
 * a Redis name in the receiver's chain (`req.redis`, `this.redisService.getClient()`), or Redis-shaped
 * arguments (`'EX', 60`, a `user:*` pattern for KEYS). Only in files of a project that uses Redis.
 */
import { CELERY_STORE_EVIDENCE, isCeleryBackendStore, rawCommandEvidence } from './commandCallEvidence';
import type { ClientLibrary } from './model';
import { classMethods, importsCelery, isCeleryBackendClient, isRedisOnlyMethod, normalizeReceiver, perText, REDIS_CHAIN, redisFactoryNames, redisOnlyReceivers, usesCeleryBackendClient } from './fileEvidence';

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


/** The object a method runs on, bare: a Redis command on it is one of its class's own methods unless the class is a client. */
const BARE_SELF = /^(self|this|cls)$/;
/**
 * A class of the file that extends a class named for Redis (`class Store(redis.Redis)`, arq's `class ArqRedis(BaseRedis)`,
 * `class Store extends Redis`): its self may be the client.
 */
const REDIS_SUBCLASS = /\bclass\s+\w+\s*\([^)]*Redis[^)]*\)|\bclass\s+\w+\s+extends\s+(?:\w+\.)?\w*(?:Redis|Cluster)\w*\b/;
// (checked per file: a `self.incr(...)` of a model class says nothing about its `self.save()`)
const subclassesRedisClient = perText((text: string) => REDIS_SUBCLASS.test(text));

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
  if (redisOnlyReceivers(facts.text).has(receiver) && !(BARE_SELF.test(receiver) && !subclassesRedisClient(facts.text))) return `\`${input.receiverText.trim()}\` runs Redis commands elsewhere in this file`;
  const shaped = redisShapedArguments(input);
  if (shaped) return `${shaped} is Redis-shaped`;
  return undefined;
}
