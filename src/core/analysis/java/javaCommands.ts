/** Maps the Java clients' method names (Jedis, Lettuce, Spring Data Redis, Redisson, project wrappers) to Redis commands. */
import { isKnownCommand } from '../commandNames';

/** The shape of a Java receiver: which API its methods belong to. */
export type JavaApi =
  /** Jedis, JedisCluster, Lettuce command interfaces, Spring's RedisConnection: methods named after commands. */
  | 'commands'
  /** RedisTemplate / StringRedisTemplate itself (keys, delete, hasKey, expire, opsFor...). */
  | 'template'
  | 'ops-value'
  | 'ops-hash'
  | 'ops-list'
  | 'ops-set'
  | 'ops-zset'
  | 'ops-stream'
  /** Redisson objects, by the Redis type they live in. */
  | 'r-map'
  | 'r-bucket'
  | 'r-list'
  | 'r-set'
  | 'r-zset'
  /** RGeo: a sorted set whose scores are geohashes. */
  | 'r-geo'
  | 'r-queue'
  | 'r-delayed-queue'
  | 'r-lock'
  | 'r-keys'
  | 'r-stream'
  | 'r-atomic'
  /** A project's own Redis helper (`RedisUtil.set(...)`, `redisService.hGetAll(...)`). */
  | 'wrapper';

const TEMPLATE: Record<string, string> = {
  keys: 'KEYS', delete: 'DEL', unlink: 'UNLINK', hasKey: 'EXISTS', expire: 'EXPIRE', expireAt: 'EXPIREAT', persist: 'PERSIST',
  getExpire: 'TTL', rename: 'RENAME', type: 'TYPE', convertAndSend: 'PUBLISH', countExistingKeys: 'EXISTS', randomKey: 'RANDOMKEY', sort: 'SORT',
};
/** Bound operations (`boundListOps(key)`) also expire their own key: `ops.expire(30, TimeUnit.SECONDS)`. */
const BOUND_KEY: Record<string, string> = { expire: 'EXPIRE', expireAt: 'EXPIREAT' };
const OPS_VALUE: Record<string, string> = {
  set: 'SET', get: 'GET', setIfAbsent: 'SETNX', setIfPresent: 'SET', increment: 'INCRBY', decrement: 'DECRBY', multiGet: 'MGET',
  multiSet: 'MSET', getAndSet: 'GETSET', getAndDelete: 'GETDEL', getAndExpire: 'GETEX', append: 'APPEND', size: 'STRLEN', setBit: 'SETBIT', getBit: 'GETBIT',
  ...BOUND_KEY,
};
const OPS_HASH: Record<string, string> = {
  put: 'HSET', putAll: 'HMSET', putIfAbsent: 'HSETNX', get: 'HGET', multiGet: 'HMGET', entries: 'HGETALL', values: 'HVALS', keys: 'HKEYS',
  delete: 'HDEL', hasKey: 'HEXISTS', increment: 'HINCRBY', size: 'HLEN', scan: 'HSCAN', randomKey: 'HRANDFIELD', randomEntries: 'HRANDFIELD',
  ...BOUND_KEY,
};
const OPS_LIST: Record<string, string> = {
  rightPush: 'RPUSH', rightPushAll: 'RPUSH', leftPush: 'LPUSH', leftPushAll: 'LPUSH', rightPushIfPresent: 'RPUSHX', leftPushIfPresent: 'LPUSHX',
  range: 'LRANGE', index: 'LINDEX', remove: 'LREM', size: 'LLEN', leftPop: 'LPOP', rightPop: 'RPOP', trim: 'LTRIM', set: 'LSET',
  rightPopAndLeftPush: 'RPOPLPUSH', move: 'LMOVE', indexOf: 'LPOS', lastIndexOf: 'LPOS',
  ...BOUND_KEY,
};
const OPS_SET: Record<string, string> = {
  add: 'SADD', members: 'SMEMBERS', remove: 'SREM', pop: 'SPOP', isMember: 'SISMEMBER', size: 'SCARD', randomMember: 'SRANDMEMBER',
  randomMembers: 'SRANDMEMBER', distinctRandomMembers: 'SRANDMEMBER', intersect: 'SINTER', union: 'SUNION', difference: 'SDIFF',
  intersectAndStore: 'SINTERSTORE', unionAndStore: 'SUNIONSTORE', differenceAndStore: 'SDIFFSTORE', move: 'SMOVE', scan: 'SSCAN',
  ...BOUND_KEY,
};
const OPS_ZSET: Record<string, string> = {
  add: 'ZADD', range: 'ZRANGE', reverseRange: 'ZREVRANGE', rangeWithScores: 'ZRANGE', reverseRangeWithScores: 'ZREVRANGE',
  rangeByScore: 'ZRANGEBYSCORE', reverseRangeByScore: 'ZREVRANGEBYSCORE', rangeByScoreWithScores: 'ZRANGEBYSCORE', remove: 'ZREM',
  incrementScore: 'ZINCRBY', score: 'ZSCORE', rank: 'ZRANK', reverseRank: 'ZREVRANK', size: 'ZCARD', zCard: 'ZCARD', count: 'ZCOUNT',
  removeRange: 'ZREMRANGEBYRANK', removeRangeByScore: 'ZREMRANGEBYSCORE', popMin: 'ZPOPMIN', popMax: 'ZPOPMAX', scan: 'ZSCAN',
  union: 'ZUNION', intersect: 'ZINTER', difference: 'ZDIFF', unionAndStore: 'ZUNIONSTORE', intersectAndStore: 'ZINTERSTORE', differenceAndStore: 'ZDIFFSTORE',
  ...BOUND_KEY,
};
const OPS_STREAM: Record<string, string> = {
  add: 'XADD', read: 'XREAD', range: 'XRANGE', reverseRange: 'XREVRANGE', trim: 'XTRIM', acknowledge: 'XACK', delete: 'XDEL', size: 'XLEN', pending: 'XPENDING',
};
const R_MAP: Record<string, string> = {
  put: 'HSET', fastPut: 'HSET', putAll: 'HMSET', putIfAbsent: 'HSETNX', fastPutIfAbsent: 'HSETNX', get: 'HGET', getAll: 'HMGET', remove: 'HDEL',
  fastRemove: 'HDEL', readAllMap: 'HGETALL', readAllEntrySet: 'HGETALL', readAllValues: 'HVALS', readAllKeySet: 'HKEYS', containsKey: 'HEXISTS',
  addAndGet: 'HINCRBY', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE', size: 'HLEN',
};
const R_BUCKET: Record<string, string> = {
  set: 'SET', get: 'GET', trySet: 'SETNX', setIfAbsent: 'SETNX', getAndDelete: 'GETDEL', getAndSet: 'GETSET', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE',
};
const R_LIST: Record<string, string> = {
  add: 'RPUSH', addAll: 'RPUSH', get: 'LINDEX', remove: 'LREM', readAll: 'LRANGE', range: 'LRANGE', size: 'LLEN', trim: 'LTRIM', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE',
};
const R_SET: Record<string, string> = {
  add: 'SADD', addAll: 'SADD', remove: 'SREM', contains: 'SISMEMBER', readAll: 'SMEMBERS', size: 'SCARD', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE',
  readUnion: 'SUNION', readIntersection: 'SINTER', readDiff: 'SDIFF', union: 'SUNIONSTORE', intersection: 'SINTERSTORE', diff: 'SDIFFSTORE', readSort: 'SORT',
};
const R_ZSET: Record<string, string> = {
  add: 'ZADD', addAll: 'ZADD', remove: 'ZREM', readAll: 'ZRANGE', entryRange: 'ZRANGEBYSCORE', valueRange: 'ZRANGEBYSCORE', size: 'ZCARD',
  delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE', count: 'ZCOUNT', readUnion: 'ZUNION', readIntersection: 'ZINTER', union: 'ZUNIONSTORE', intersection: 'ZINTERSTORE',
  readDiff: 'ZDIFF', diff: 'ZDIFFSTORE',
};
const R_GEO: Record<string, string> = {
  add: 'GEOADD', search: 'GEOSEARCH', radius: 'GEORADIUS', pos: 'GEOPOS', dist: 'GEODIST', hash: 'GEOHASH', remove: 'ZREM', removeAll: 'ZREM',
  readAll: 'ZRANGE', size: 'ZCARD', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE',
};
const R_QUEUE: Record<string, string> = {
  offer: 'RPUSH', add: 'RPUSH', poll: 'LPOP', take: 'BLPOP', peek: 'LINDEX', remove: 'LREM', readAll: 'LRANGE', size: 'LLEN', delete: 'DEL',
};
const R_DELAYED: Record<string, string> = { offer: 'ZADD', remove: 'LREM', readAll: 'LRANGE', size: 'ZCARD', destroy: 'DEL' };
const R_KEYS: Record<string, string> = { getKeysByPattern: 'SCAN', getKeys: 'SCAN', delete: 'DEL', deleteByPattern: 'SCAN', flushdb: 'FLUSHDB', flushall: 'FLUSHALL', flushdbParallel: 'FLUSHDB', flushallParallel: 'FLUSHALL', count: 'DBSIZE' };
const R_STREAM: Record<string, string> = { add: 'XADD', addAll: 'XADD', read: 'XREAD', readGroup: 'XREADGROUP', trim: 'XTRIM', ack: 'XACK', remove: 'XDEL', size: 'XLEN' };
// An RAtomicLong is a string key like an RBucket: `counter.incrementAndGet(); counter.expire(d)` is INCR then a separate EXPIRE.
const R_ATOMIC: Record<string, string> = {
  incrementAndGet: 'INCR', decrementAndGet: 'DECR', addAndGet: 'INCRBY', getAndIncrement: 'INCR', getAndDecrement: 'DECR', getAndAdd: 'INCRBY',
  get: 'GET', set: 'SET', delete: 'DEL', unlink: 'UNLINK', expire: 'EXPIRE', expireAt: 'EXPIREAT',
};

/**
 * Helper names that project wrappers (RedisUtil, RedisService, JedisUtil...) commonly give the commands they send.
 * Anything else falls back to the command named like the method (`hset`, `lrange`).
 */
const WRAPPER: Record<string, string> = {
  set: 'SET', get: 'GET', del: 'DEL', delete: 'DEL', remove: 'DEL', keys: 'KEYS', expire: 'EXPIRE', setNx: 'SETNX', setnx: 'SETNX', setIfAbsent: 'SETNX',
  hasKey: 'EXISTS', exists: 'EXISTS', incr: 'INCRBY', decr: 'DECRBY', sGet: 'SMEMBERS', sSet: 'SADD', sAdd: 'SADD', sMembers: 'SMEMBERS',
  sPop: 'SPOP', sIsMember: 'SISMEMBER', sHasKey: 'SISMEMBER', hGetAll: 'HGETALL', hmget: 'HGETALL', hGet: 'HGET', hget: 'HGET', hSet: 'HSET', hset: 'HSET',
  hmset: 'HMSET', hSetAll: 'HMSET', hPutAll: 'HMSET', hDel: 'HDEL', hdel: 'HDEL', hPut: 'HSET', lGet: 'LRANGE', lRange: 'LRANGE', lSet: 'RPUSH',
  lPush: 'LPUSH', rPush: 'RPUSH', lRemove: 'LREM', lIndex: 'LINDEX', lGetIndex: 'LINDEX', lLen: 'LLEN', lGetListSize: 'LLEN', zAdd: 'ZADD',
  zRange: 'ZRANGE', sUnion: 'SUNION', sInter: 'SINTER', sIntersect: 'SINTER', sDiff: 'SDIFF', sDifference: 'SDIFF',
  intersect: 'SINTER', union: 'SUNION', difference: 'SDIFF', intersectAndStore: 'SINTERSTORE', unionAndStore: 'SUNIONSTORE', differenceAndStore: 'SDIFFSTORE', publish: 'PUBLISH', setEx: 'SETEX', setex: 'SETEX', flushDb: 'FLUSHDB', flushAll: 'FLUSHALL',
  // The RedisCache component of the RuoYi family of admin systems.
  setCacheObject: 'SET', setCacheList: 'RPUSH', setCacheSet: 'SADD', setCacheMap: 'HMSET', setCacheMapValue: 'HSET', deleteObject: 'DEL',
};

const BY_API: Partial<Record<JavaApi, Record<string, string>>> = {
  template: TEMPLATE, 'ops-value': OPS_VALUE, 'ops-hash': OPS_HASH, 'ops-list': OPS_LIST, 'ops-set': OPS_SET, 'ops-zset': OPS_ZSET, 'ops-stream': OPS_STREAM,
  'r-map': R_MAP, 'r-bucket': R_BUCKET, 'r-list': R_LIST, 'r-set': R_SET, 'r-zset': R_ZSET, 'r-geo': R_GEO, 'r-queue': R_QUEUE, 'r-delayed-queue': R_DELAYED,
  'r-keys': R_KEYS, 'r-stream': R_STREAM, 'r-atomic': R_ATOMIC, wrapper: WRAPPER,
};

/** The type prefixes wrappers put before Spring's operation names, and the operations they stand for. */
const PREFIXED_OPERATIONS: [RegExp, Record<string, string>][] = [
  [/^(?:s|set)([A-Z]\w*)$/, OPS_SET],
  [/^(?:h|hash)([A-Z]\w*)$/, OPS_HASH],
  [/^(?:l|list)([A-Z]\w*)$/, OPS_LIST],
  [/^(?:z|zSet)([A-Z]\w*)$/, OPS_ZSET],
];

/**
 * A project wrapper that names Spring's operations after the type they act on (`setMembers`, `sRandomMembers`,
 * `hEntries`, `lRange`, `zRangeByScore`, `sIntersectAndStore`): the operation of that type's operations class.
 */
function prefixedOperation(method: string): string | undefined {
  for (const [pattern, table] of PREFIXED_OPERATIONS) {
    const rest = pattern.exec(method)?.[1];
    if (!rest) continue;
    const operation = rest[0].toLowerCase() + rest.slice(1);
    if (Object.hasOwn(table, operation)) return table[operation];
  }
  return undefined;
}

/** Methods of command-style clients that are not `upper(name)`. */
const COMMAND_SPECIAL: Record<string, string> = {
  setNX: 'SETNX', pSetEx: 'PSETEX', hMSet: 'HMSET', flushDB: 'FLUSHDB', flushAll: 'FLUSHALL', bRPop: 'BRPOP', bLPop: 'BLPOP',
  configSet: 'CONFIG SET', setConfig: 'CONFIG SET', configRewrite: 'CONFIG REWRITE', rewriteConfig: 'CONFIG REWRITE', configResetStat: 'CONFIG RESETSTAT',
  resetConfigStats: 'CONFIG RESETSTAT', clientKill: 'CLIENT KILL', killClient: 'CLIENT KILL', scriptFlush: 'SCRIPT FLUSH', functionFlush: 'FUNCTION FLUSH',
  swapDB: 'SWAPDB', bgReWriteAof: 'BGREWRITEAOF', bgrewriteaof: 'BGREWRITEAOF', slaveof: 'SLAVEOF', replicaof: 'REPLICAOF',
};

/** The Redis command a Java method sends, or undefined when the method is not a command (close, pipelined, getResource...). */
export function javaCommandFor(api: JavaApi, method: string): string | undefined {
  if (api === 'r-lock') return method === 'forceUnlock' ? 'DEL' : undefined;
  const table = BY_API[api];
  if (table) {
    if (Object.hasOwn(table, method)) return table[method];
    // Every Redisson object method has an Async twin that sends the same command and returns a future (`getAsync`, `readAllMapAsync`).
    const sync = api.startsWith('r-') ? /^(\w+)Async$/.exec(method)?.[1] : undefined;
    if (sync && Object.hasOwn(table, sync)) return table[sync];
    if (api !== 'wrapper') return undefined;
    const prefixed = prefixedOperation(method);
    if (prefixed) return prefixed;
  }
  if (Object.hasOwn(COMMAND_SPECIAL, method)) return COMMAND_SPECIAL[method];
  const upper = method.toUpperCase();
  return isKnownCommand(upper) ? upper : undefined;
}

/** Where each `opsForX()` / `boundXOps()` of a RedisTemplate leads. */
export const TEMPLATE_OPS: Record<string, JavaApi> = {
  opsForValue: 'ops-value', opsForHash: 'ops-hash', opsForList: 'ops-list', opsForSet: 'ops-set', opsForZSet: 'ops-zset', opsForStream: 'ops-stream',
  boundValueOps: 'ops-value', boundHashOps: 'ops-hash', boundListOps: 'ops-list', boundSetOps: 'ops-set', boundZSetOps: 'ops-zset', boundStreamOps: 'ops-stream',
};

/** What each `redisson.getX(name)` returns. */
export const REDISSON_GETTERS: Record<string, JavaApi> = {
  getMap: 'r-map', getMapCache: 'r-map', getLocalCachedMap: 'r-map', getBucket: 'r-bucket', getList: 'r-list', getSet: 'r-set', getSetCache: 'r-set',
  getScoredSortedSet: 'r-zset', getSortedSet: 'r-zset', getGeo: 'r-geo', getQueue: 'r-queue', getBlockingQueue: 'r-queue', getDeque: 'r-queue', getBlockingDeque: 'r-queue',
  getDelayedQueue: 'r-delayed-queue', getLock: 'r-lock', getFairLock: 'r-lock', getReadWriteLock: 'r-lock', getSpinLock: 'r-lock', getKeys: 'r-keys', getStream: 'r-stream',
  getAtomicLong: 'r-atomic', getAtomicDouble: 'r-atomic',
};

/** Declared Java types and the API their methods belong to. */
export const TYPE_APIS: Record<string, JavaApi> = {
  Jedis: 'commands', JedisCluster: 'commands', JedisPooled: 'commands', UnifiedJedis: 'commands', ShardedJedis: 'commands', BinaryJedis: 'commands',
  JedisCommands: 'commands', Pipeline: 'commands', Transaction: 'commands', RedisCommands: 'commands', RedisAsyncCommands: 'commands',
  RedisReactiveCommands: 'commands', RedisClusterCommands: 'commands', RedisAdvancedClusterCommands: 'commands', RedisAdvancedClusterAsyncCommands: 'commands',
  RedisConnection: 'commands', StringRedisConnection: 'commands', RedisClusterConnection: 'commands', ReactiveRedisConnection: 'commands',
  RedisKeyCommands: 'commands', RedisStringCommands: 'commands', RedisHashCommands: 'commands', RedisListCommands: 'commands', RedisSetCommands: 'commands',
  RedisZSetCommands: 'commands', RedisStreamCommands: 'commands', RedisServerCommands: 'commands',
  RedisTemplate: 'template', StringRedisTemplate: 'template', RedisOperations: 'template', ReactiveRedisTemplate: 'template', ReactiveStringRedisTemplate: 'template',
  ValueOperations: 'ops-value', HashOperations: 'ops-hash', ListOperations: 'ops-list', SetOperations: 'ops-set', ZSetOperations: 'ops-zset', StreamOperations: 'ops-stream',
  BoundValueOperations: 'ops-value', BoundHashOperations: 'ops-hash', BoundListOperations: 'ops-list', BoundSetOperations: 'ops-set', BoundZSetOperations: 'ops-zset',
  RMap: 'r-map', RMapCache: 'r-map', RLocalCachedMap: 'r-map', RMapReactive: 'r-map', RMapCacheReactive: 'r-map', RBucket: 'r-bucket', RBucketReactive: 'r-bucket',
  RList: 'r-list', RListReactive: 'r-list', RSet: 'r-set', RSetCache: 'r-set', RScoredSortedSet: 'r-zset', RSortedSet: 'r-zset', RGeo: 'r-geo', RQueue: 'r-queue',
  RBlockingQueue: 'r-queue', RDeque: 'r-queue', RBlockingDeque: 'r-queue', RDelayedQueue: 'r-delayed-queue', RLock: 'r-lock', RKeys: 'r-keys',
  RStream: 'r-stream', RAtomicLong: 'r-atomic',
};

/** Which library a declared type comes from. */
export function libraryOfType(type: string): 'jedis' | 'lettuce' | 'spring-data-redis' | 'redisson' | undefined {
  if (/^(Jedis|JedisCluster|JedisPooled|UnifiedJedis|ShardedJedis|BinaryJedis|JedisCommands|Pipeline|Transaction|JedisPool|JedisSentinelPool)$/.test(type)) return 'jedis';
  if (/^(Redis(Async|Reactive|Cluster|AdvancedCluster|AdvancedClusterAsync)?Commands|RedisClient|RedisClusterClient|StatefulRedis\w*Connection)$/.test(type)) return 'lettuce';
  if (/^R[A-Z]\w*$/.test(type) && (Object.hasOwn(TYPE_APIS, type) || /^Redisson(Reactive|Rx)?Client$/.test(type))) return 'redisson';
  if (/Redis(Template|Operations|Connection)$|Operations$|^Redis(Key|String|Hash|List|Set|ZSet|Stream|Server)Commands$/.test(type)) return 'spring-data-redis';
  return undefined;
}

/**
 * Spring's `leftPush(key, pivot, value)` / `rightPush(key, pivot, value)` (on bound operations `leftPush(pivot, value)`)
 * insert next to a pivot: LINSERT, not a push.
 */
export function withPivot(command: string | undefined, method: string, argCount: number, objectText: string): string | undefined {
  if ((command !== 'LPUSH' && command !== 'RPUSH') || (method !== 'leftPush' && method !== 'rightPush')) return command;
  const bound = /\bboundListOps\s*\(/.test(objectText);
  return argCount === (bound ? 2 : 3) ? 'LINSERT' : command;
}
