/** The language-neutral model of a source file's Redis usage that every rule reads. */
import type { FileContext, Span } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import type { GoFileFacts } from './go/goFacts';

export type ClientLibrary =
  | 'redis-py'
  | 'ioredis'
  | 'node-redis'
  | 'go-redis'
  | 'rueidis'
  | 'redigo'
  | 'jedis'
  | 'lettuce'
  | 'spring-data-redis'
  | 'redisson';

/** What a receiver is: a connection-level client, a batch object, or a helper that hands out clients. */
export type ReceiverKind = 'client' | 'cluster' | 'pipeline' | 'transaction' | 'pubsub' | 'pool' | 'sentinel';

/** How sure the analyzer is that a receiver is Redis: proven by tracking, or suggested by its name. */
export type Confidence = 'proven' | 'likely';

/** A statically evaluated argument value. Patterns turn unknown parts into `*` ("session:*"). */
export type ArgValue =
  | { kind: 'string'; value: string }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'object'; entries: Record<string, Arg> }
  | { kind: 'array'; items: Arg[] }
  | { kind: 'name'; name: string }
  | { kind: 'unknown' };

export interface Arg {
  value: ArgValue;
  /** Source text of the argument expression (without a Python keyword name). */
  text: string;
  span: Span;
  /** Python keyword name (`ex` in `ex=60`). */
  keyword?: string;
  /** Span of the whole `name=value` keyword argument, for removal or replacement. */
  fullSpan: Span;
  spread?: boolean;
}

/** Where a client object was created, as far as the tracker can tell. */
export interface ClientCreation {
  library: ClientLibrary;
  kind: ReceiverKind;
  /** Constructor/factory as written: "redis.Redis", "new Redis", "createClient", "duplicate". */
  factory: string;
  /** Span of the factory name (where a diagnostic points). */
  span: Span;
  /** Span of the whole creating expression (`new Redis(url)`, `createClient({...})`). */
  callSpan: Span;
  args: Arg[];
  /** Options by name: Python keyword arguments, or the properties of a JS options object (nested with "."). */
  options: Record<string, Arg>;
  /** Binding the creation was assigned to ("redis", "this.redis", "self.r"), if any. */
  binding?: string;
  enclosingFunction?: FunctionInfo;
  /** Enclosing for/while loop in the same function. */
  loop?: Span;
  /** True when `.on('error', …)` is chained directly on the creating expression. */
  chainedErrorListener: boolean;
  /** True when the created value leaves this file's sight: returned, passed to a call, exported by default. */
  escapes: boolean;
  moduleLevel: boolean;
}

export interface ReceiverInfo {
  kind: ReceiverKind;
  library: ClientLibrary;
  confidence: Confidence;
  /** For `likely` receivers: what made the analyzer take the receiver for a Redis client. */
  evidence?: string;
  /** Source text of the receiver expression ("self.redis", "this.client", "pipe"). */
  text: string;
  /** Creation the receiver was traced to, when it is in this file. */
  creation?: ClientCreation;
  /** Identity of the traced object (binding or creation offset); equal for calls on the same client. */
  identity: string;
  /** Client came from another file of the workspace, or from a parameter typed as a client. */
  origin: 'local' | 'imported' | 'parameter' | 'name';
  async: boolean;
  /** The receiver is Django's cache API backed by django-redis (`cache.keys(...)`), not a redis-py client. */
  facade?: 'django-cache';
}

export interface FunctionInfo {
  name: string;
  span: Span;
  /** Decorated as a route (`@app.get`), or a callback given to `app.get(...)`/`router.post(...)`, or takes req/res. */
  isRequestHandler: boolean;
  isAsync: boolean;
}

/** One Redis command issued in code. */
export interface RedisCallSite {
  /** Upper-case Redis command ("HGETALL", "CONFIG SET"), also for `call('hgetall', ...)`/`execute_command`. */
  command: string;
  /** Method name as written ("hgetall", "hGetAll", "scan_iter", "execute_command"). */
  method: string;
  receiver: ReceiverInfo;
  /** Arguments after the command name (for generic `call('GET', k)` forms the command argument is dropped). */
  args: Arg[];
  /** Python keyword arguments by name. */
  keywords: Record<string, Arg>;
  /** Span of the method name / callee property. */
  span: Span;
  /** Span of the whole call expression. */
  callSpan: Span;
  /** Span of the outermost expression of the call (includes `await`). */
  expressionSpan: Span;
  /** Statement that consists only of this call (optionally awaited), with its line break, for removal. */
  statementSpan?: Span;
  /** Offset of the start of the call's line, and that line's indentation. */
  indentation: string;
  /** Start offset of the innermost block/body containing the statement (same value = same block). */
  blockId: number;
  enclosingFunction?: FunctionInfo;
  /** Innermost for-each loop body (not while loops) in the same function containing the call. */
  loop?: LoopInfo;
  /** Innermost loop of any kind (for/while) in the same function. */
  anyLoop?: Span;
  /** The call is the iterable of a for-loop header (`for k in r.keys(...)`). */
  isLoopIterable: boolean;
  awaited: boolean;
  /** Receiver is a pipeline or MULTI: the command is queued, not sent on its own. */
  batched: boolean;
  /** Receiver is a MULTI/EXEC transaction (atomic). */
  inTransaction: boolean;
  /** For a call of the file's own function that issues the command (see indirectCalls.ts): that function and its command. */
  via?: { helper: string; command: string; span: Span; /** The function the loop is in. */ caller?: string };
}

export interface LoopInfo {
  span: Span;
  /** Number of items when the loop runs over a literal list/tuple. */
  literalLength?: number;
  /** A Redis reply in the loop decides whether it goes on or feeds the next round (retry, poll, paging). */
  dependsOnReply: boolean;
  /**
   * The rounds are not items of a growing collection: a table fixed in the code (`for m in METRICS`), slices of
   * a collection (`range(0, n, 500)`, `chunked(ids)`), messages of a subscription (`pubsub.listen()`), or attempts
   * of a retry (`for attempt in range(5)`).
   */
  bounded?: 'constant' | 'chunks' | 'events' | 'retries';
  /** Names the loop binds per round (`key`, `node`, `name, meta`): a command sent through one goes to a different connection each round. */
  items?: string[];
  /** A comprehension handed whole to `asyncio.gather(*[...])`: its coroutines run, each on its own pooled connection. */
  gathered?: boolean;
}

/** A key written by the code, for memory analysis: which key namespace is written where, and with a TTL or not. */
export interface WriteSite {
  keyPattern: string;
  command: string;
  span: Span;
  setsTtl: boolean;
}

export interface ListenerSite {
  /** Identity of the traced receiver (see ReceiverInfo.identity), or the receiver text when untraced. */
  identity: string;
  event: string;
  span: Span;
}

export interface FileModel {
  path: string;
  language: SourceLanguage;
  context: FileContext;
  text: string;
  callSites: RedisCallSite[];
  /** Calls of this file's Redis-issuing functions inside for-loops (N+1 through a helper); only loop rules read them. */
  indirectCallSites?: RedisCallSite[];
  creations: ClientCreation[];
  listeners: ListenerSite[];
  /** Names of Redis libraries imported by the file ("redis", "ioredis", "bullmq", ...). */
  importedModules: Set<string>;
  /** Python-only: `pickle.loads(...)`-style calls and the redis-derived names/calls they receive. */
  deserializations: Deserialization[];
  /** Identities of clients passed to another function or returned (so listeners may be attached elsewhere). */
  escapedIdentities: Set<string>;
  /** Identities of clients exported by name (module.exports / export {...} / export default). */
  exportedIdentities: Set<string>;
  /** Go files: redigo dials, pooled connections and per-call clients (read by the Go-only rules). */
  go?: GoFileFacts;
}

export interface Deserialization {
  function: string;
  span: Span;
  /** The argument came from a Redis read (directly or via a local variable). */
  fromRedis: boolean;
  readCommand?: string;
}
