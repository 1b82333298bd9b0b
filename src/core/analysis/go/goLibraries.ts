/** What the Go Redis clients look like: import paths, constructors, client types and how methods map to commands. */
import { commandFromName, isKnownCommand } from '../commandNames';
import type { ClientLibrary, ReceiverKind } from '../model';

/** Import path → library. go-redis v6–v9 moved between two module paths; redigo has two historical homes. */
export function libraryOfImport(path: string): ClientLibrary | undefined {
  if (/^github\.com\/(go-redis\/redis|redis\/go-redis)(\/v\d+)?$/.test(path)) return 'go-redis';
  if (/^gopkg\.in\/redis\.v\d+$/.test(path)) return 'go-redis';
  if (/^github\.com\/redis\/rueidis(\/.*)?$/.test(path)) return 'rueidis';
  if (/^github\.com\/(gomodule|garyburd)\/redigo\/redis$/.test(path)) return 'redigo';
  if (INSTRUMENTED_REDIGO.test(path)) return 'redigo';
  return undefined;
}

/**
 * Instrumented copies of redigo's package functions: dd-trace-go's redigo contrib (`redigotrace.Dial(network, addr,
 * opts...)`, v1 and v2 module paths) dials through redigo with the same DialOptions, and the OpenCensus fork is redigo
 * itself with metrics. Their dials leave the read and write timeouts unset just the same.
 */
const INSTRUMENTED_REDIGO = /^(gopkg\.in\/DataDog\/dd-trace-go\.v1|github\.com\/DataDog\/dd-trace-go)\/contrib\/(gomodule|garyburd)\/redigo(\/v\d+)?$|^github\.com\/opencensus-integrations\/redigo\/redis$/;

/** The package name an import binds when it has no alias: the last path element that is not a major version. */
export function defaultPackageName(path: string): string {
  const library = libraryOfImport(path);
  if (/\/contrib\//.test(path) && library === 'redigo') return 'redigo';
  if (library === 'go-redis' || library === 'redigo') return 'redis';
  if (library === 'rueidis') return path.split('/').pop() === 'rueidis' ? 'rueidis' : path.split('/').pop()!;
  const parts = path.split('/').filter((part) => !/^v\d+$/.test(part));
  const last = parts[parts.length - 1] ?? path;
  const dotted = /^redis\.v\d+$/.test(last) ? 'redis' : last;
  return dotted.replace(/^go-|[-.]go$/g, '').replace(/[^A-Za-z0-9_]/g, '_');
}

/** Constructors by library: the kind of receiver they create. */
export const CONSTRUCTORS: Record<string, { library: ClientLibrary; kind: ReceiverKind }> = {
  'go-redis.NewClient': { library: 'go-redis', kind: 'client' },
  'go-redis.NewClusterClient': { library: 'go-redis', kind: 'cluster' },
  'go-redis.NewFailoverClient': { library: 'go-redis', kind: 'client' },
  'go-redis.NewFailoverClusterClient': { library: 'go-redis', kind: 'cluster' },
  'go-redis.NewUniversalClient': { library: 'go-redis', kind: 'client' },
  'go-redis.NewRing': { library: 'go-redis', kind: 'client' },
  'rueidis.NewClient': { library: 'rueidis', kind: 'client' },
  'rueidis.MustNewClient': { library: 'rueidis', kind: 'client' },
  'redigo.Dial': { library: 'redigo', kind: 'client' },
  'redigo.DialURL': { library: 'redigo', kind: 'client' },
  'redigo.DialContext': { library: 'redigo', kind: 'client' },
  'redigo.DialURLContext': { library: 'redigo', kind: 'client' },
  'redigo.DialTimeout': { library: 'redigo', kind: 'client' },
  'redigo.NewPool': { library: 'redigo', kind: 'pool' },
};

/** Type names of the package (after `*` and the package qualifier) that hold a client, by library. */
const CLIENT_TYPES: Record<ClientLibrary, Record<string, ReceiverKind>> = {
  'go-redis': {
    Client: 'client',
    ClusterClient: 'cluster',
    UniversalClient: 'client',
    Cmdable: 'client',
    StatefulCmdable: 'client',
    Ring: 'client',
    Conn: 'client',
    Pipeliner: 'pipeline',
    Pipeline: 'pipeline',
    Tx: 'transaction',
  },
  rueidis: { Client: 'cluster', DedicatedClient: 'client', CoreClient: 'client' },
  redigo: { Conn: 'client', Pool: 'pool', ConnWithTimeout: 'client', ConnWithContext: 'client' },
  'redis-py': {},
  ioredis: {},
  'node-redis': {},
  jedis: {},
  lettuce: {},
  'spring-data-redis': {},
  redisson: {},
};

export function kindOfType(library: ClientLibrary, typeName: string): ReceiverKind | undefined {
  return Object.hasOwn(CLIENT_TYPES[library], typeName) ? CLIENT_TYPES[library][typeName] : undefined;
}

/**
 * go-redis methods whose names are not the command spelled in CamelCase, and the methods that are no command
 * at all (client plumbing).
 */
const GO_REDIS_SPECIAL: Record<string, string> = {
  ConfigSet: 'CONFIG SET',
  ConfigGet: 'CONFIG GET',
  ConfigResetStat: 'CONFIG RESETSTAT',
  ConfigRewrite: 'CONFIG REWRITE',
  ClientList: 'CLIENT LIST',
  ClientKill: 'CLIENT KILL',
  ClientKillByFilter: 'CLIENT KILL',
  ClientSetName: 'CLIENT SETNAME',
  ClientGetName: 'CLIENT GETNAME',
  ClusterNodes: 'CLUSTER NODES',
  ClusterInfo: 'CLUSTER INFO',
  ClusterSlots: 'CLUSTER SLOTS',
  ScriptLoad: 'SCRIPT LOAD',
  ScriptFlush: 'SCRIPT FLUSH',
  ScriptExists: 'SCRIPT EXISTS',
  ScriptKill: 'SCRIPT KILL',
  SlowLogGet: 'SLOWLOG GET',
  MemoryUsage: 'MEMORY USAGE',
  ObjectEncoding: 'OBJECT ENCODING',
  ObjectIdleTime: 'OBJECT IDLETIME',
  XGroupCreate: 'XGROUP CREATE',
  XGroupCreateMkStream: 'XGROUP CREATE',
  XInfoStream: 'XINFO STREAM',
  XInfoGroups: 'XINFO GROUPS',
  XInfoConsumers: 'XINFO CONSUMERS',
  // go-redis v8.11+/v9 spell the trim strategy in the method name.
  XTrimMaxLen: 'XTRIM',
  XTrimMaxLenApprox: 'XTRIM',
  XTrimMinID: 'XTRIM',
  XTrimMinIDApprox: 'XTRIM',
  XPendingExt: 'XPENDING',
  XRangeN: 'XRANGE',
  XRevRangeN: 'XREVRANGE',
  FlushDBAsync: 'FLUSHDB',
  FlushAllAsync: 'FLUSHALL',
  ZAddNX: 'ZADD',
  ZAddXX: 'ZADD',
  ZAddArgs: 'ZADD',
  ZRangeWithScores: 'ZRANGE',
  ZRevRangeWithScores: 'ZREVRANGE',
  ZRangeByScoreWithScores: 'ZRANGEBYSCORE',
  ZRevRangeByScoreWithScores: 'ZREVRANGEBYSCORE',
  ZRangeArgs: 'ZRANGE',
  ZInterWithScores: 'ZINTER',
  ZUnionWithScores: 'ZUNION',
  ZDiffWithScores: 'ZDIFF',
  SetArgs: 'SET',
  SetNX: 'SETNX',
  SetEX: 'SETEX',
  SetXX: 'SET',
  SMembersMap: 'SMEMBERS',
  SScanIterator: 'SSCAN',
  HScanIterator: 'HSCAN',
  ScanIterator: 'SCAN',
  BLMove: 'BLMOVE',
  GeoRadius: 'GEORADIUS',
  EvalSha: 'EVALSHA',
  EvalRO: 'EVAL_RO',
  EvalShaRO: 'EVALSHA_RO',
  Eval: 'EVAL',
  FCall: 'FCALL',
  FCallRo: 'FCALL_RO',
  FCallRO: 'FCALL_RO',
};

/** Methods of go-redis clients that are not Redis commands. */
export const GO_REDIS_PLUMBING = new Set([
  'Close', 'Options', 'Context', 'WithContext', 'AddHook', 'PoolStats', 'Conn', 'Process', 'Subscribe', 'PSubscribe',
  'SSubscribe', 'Watch', 'Wrap', 'String', 'ForEachShard', 'ForEachMaster', 'ForEachSlave', 'ForEachNode', 'ReloadState',
]);

/** Pipeline factories on go-redis clients: `TxPipeline`/`TxPipelined` wrap the batch in MULTI/EXEC. */
export const GO_REDIS_PIPELINES: Record<string, { transaction: boolean; callback: boolean }> = {
  Pipeline: { transaction: false, callback: false },
  TxPipeline: { transaction: true, callback: false },
  Pipelined: { transaction: false, callback: true },
  TxPipelined: { transaction: true, callback: true },
};

/** Command a go-redis method sends ("HGetAll" → HGETALL), or undefined when the method is no command. */
export function goRedisCommand(method: string): string | undefined {
  if (GO_REDIS_PLUMBING.has(method) || !/^[A-Z]/.test(method)) return undefined;
  if (Object.hasOwn(GO_REDIS_SPECIAL, method)) return GO_REDIS_SPECIAL[method];
  const upper = method.toUpperCase();
  if (isKnownCommand(upper)) return commandFromName(upper) ?? upper;
  return undefined;
}

/** Command of a rueidis builder's first step after `B()` ("Keys" → KEYS, "ConfigSet" → CONFIG SET). */
export function rueidisCommand(step: string): string | undefined {
  if (Object.hasOwn(GO_REDIS_SPECIAL, step)) return GO_REDIS_SPECIAL[step];
  const upper = step.toUpperCase();
  if (isKnownCommand(upper)) return commandFromName(upper) ?? upper;
  const split = /^([A-Z][a-z]+)([A-Z][A-Za-z]*)$/.exec(step);
  if (split && isKnownCommand(split[1].toUpperCase())) return commandFromName(split[1].toUpperCase(), split[2].toUpperCase()) ?? upper;
  return undefined;
}

/**
 * Names that suggest a Redis client where no type or constructor is in sight (`global.Redis`, `s.rdb`,
 * `cache.redisClient`): the basis of `likely` receivers.
 */
export function nameSuggestsRedis(text: string): boolean {
  const last = text.split('.').pop() ?? text;
  return /redis|^rdb$|^rdbs?[A-Z_]|^rds$|^rcli$|rueidis/i.test(last) || /\bredis\b|Redis|RDB/.test(text);
}
