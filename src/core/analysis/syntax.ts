/** The per-language knowledge the generic collector and client tracker need (Python vs TS/JS grammars). */
import type { Node } from 'web-tree-sitter';
import type { ArgValue, ClientLibrary, ReceiverKind } from './model';

/** A name introduced by an assignment, declaration, parameter, import or with-statement. */
export interface RawBinding {
  /** "redis", or "this.redis" for attributes of self/this. */
  name: string;
  /** `alias`: a property destructured from another name (`const { createClient } = redisPkg`: module is the source name). */
  kind: 'assign' | 'param' | 'import' | 'function' | 'loop' | 'field' | 'alias';
  value?: Node;
  typeText?: string;
  /** For imports: module specifier ("ioredis", "./redis", ".cache", "app.cache") and imported name ("default", "*", "redis"). */
  module?: string;
  imported?: string;
}

export interface CallParts {
  callee: Node;
  /** Receiver of a method call (`r` in `r.keys()`), absent for plain calls. */
  object?: Node;
  property?: string;
  propertyNode?: Node;
  args: Node[];
  /** Python keyword arguments. */
  keywords: { name: string; value: Node; node: Node }[];
  isNew: boolean;
}

/** Callee reads a caller already made (the cheap pre-filter), so callParts does not repeat those Wasm calls. */
export interface CalleeHint {
  /** Type of the call node itself. */
  callType: string;
  callee: Node;
  calleeType: string;
  /** Property/attribute node of a member callee (null when the grammar left it out), read only for member callees. */
  propertyNode?: Node | null;
  property?: string;
}

export interface FactoryInfo {
  library: ClientLibrary;
  kind: ReceiverKind;
  async: boolean;
}

export interface LanguageSyntax {
  family: 'python' | 'script';
  callTypes: ReadonlySet<string>;
  functionTypes: ReadonlySet<string>;
  classTypes: ReadonlySet<string>;
  /** Loops over items (N+1 candidates) and their body field. */
  forLoopTypes: ReadonlyMap<string, string>;
  whileLoopTypes: ReadonlySet<string>;
  bindingTypes: ReadonlySet<string>;
  returnType: string;
  selfName: string;
  callParts(node: Node, hint?: CalleeHint): CallParts | undefined;
  /** Bindings a node introduces (assignment targets, imports, parameters, class fields). */
  bindingsOf(node: Node, type?: string): RawBinding[];
  functionName(node: Node): string;
  isAsyncFunction(node: Node): boolean;
  isRequestHandler(node: Node): boolean;
  parametersOf(node: Node): RawBinding[];
  /** Strip await/parentheses/type assertions. */
  unwrap(node: Node): Node;
  evaluate(node: Node): ArgValue;
  /** Dotted path of a name/member chain ("redis.asyncio.Redis"), or undefined for other expressions. */
  dottedPath(node: Node): string | undefined;
  /** Factory classification of a qualified callee ("redis.Redis", "ioredis:default.Cluster"). */
  factory(qualified: string, isNew: boolean): FactoryInfo | undefined;
  /** The module a callee loads in place (`require(<module>)` in `require(<module>)()`), if it is such a call. */
  requiredModule?(callee: Node): string | undefined;
  /** Whether a node is the self/this receiver. */
  isSelf(node: Node): boolean;
  /** Item count when a for-loop iterates over a literal list or tuple. */
  literalIterationCount(loop: Node): number | undefined;
  /** Iterable expression of a for-loop (evaluated once). */
  loopIterable(loop: Node): Node | null;
}

/** Modules whose import marks a file as Redis-using, by language family. */
export const REDIS_MODULES = new Set(['redis', 'aioredis', 'django_redis', 'ioredis', '@redis/client', '@node-redis/client', 'redis.asyncio']);

/** Libraries that only work with a Redis server behind them: importing one says the project uses Redis. */
const REDIS_BASED_MODULES = new Set(['bull', 'bullmq', 'bee-queue', 'redlock', 'rq', 'walrus', 'coredis', 'rate-limiter-flexible', 'kue', 'huey', 'dramatiq', 'arq', 'taskiq_redis']);

export function isRedisEcosystemModule(module: string): boolean {
  const top = module.split(/[./]/).filter(Boolean)[0] ?? module;
  return REDIS_MODULES.has(module) || REDIS_MODULES.has(top) || /redis|valkey/i.test(module) || REDIS_BASED_MODULES.has(top) || REDIS_BASED_MODULES.has(module);
}

/** Type names that denote a client when imported from a Redis module. */
export const CLIENT_TYPE_NAMES: Record<string, ReceiverKind> = {
  Redis: 'client',
  StrictRedis: 'client',
  RedisCluster: 'cluster',
  Cluster: 'cluster',
  RedisClientType: 'client',
  RedisClusterType: 'cluster',
  createClient: 'client',
  createCluster: 'cluster',
  Pipeline: 'pipeline',
  ChainableCommander: 'pipeline',
};
