/** Maps client method names (redis-py snake_case, ioredis lowercase, node-redis camelCase) to Redis commands. */

const KNOWN = new Set(
  `APPEND AUTH BGREWRITEAOF BGSAVE BITCOUNT BITFIELD BITOP BITPOS BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX
  BZPOPMIN COPY DBSIZE DECR DECRBY DEL DISCARD DUMP ECHO EVAL EVALSHA EVAL_RO EVALSHA_RO EXEC EXISTS EXPIRE EXPIREAT
  EXPIRETIME FCALL FLUSHALL FLUSHDB GEOADD GEODIST GEOHASH GEOPOS GEORADIUS GEOSEARCH GEOSEARCHSTORE GET GETBIT GETDEL GETEX
  GETRANGE GETSET HDEL HEXISTS HGET HGETALL HINCRBY HINCRBYFLOAT HKEYS HLEN HMGET HMSET HRANDFIELD HSCAN HSET HSETNX
  HSTRLEN HVALS INCR INCRBY INCRBYFLOAT INFO KEYS LASTSAVE LCS LINDEX LINSERT LLEN LMOVE LMPOP LPOP LPOS LPUSH LPUSHX
  LRANGE LREM LSET LTRIM MGET MIGRATE MONITOR MOVE MSET MSETNX MULTI OBJECT PERSIST PEXPIRE PEXPIREAT PEXPIRETIME PFADD
  PFCOUNT PFMERGE PING PSETEX PSUBSCRIBE PTTL PUBLISH PUNSUBSCRIBE QUIT RANDOMKEY RENAME RENAMENX REPLICAOF RESTORE ROLE RPOP
  RPOPLPUSH RPUSH RPUSHX SADD SAVE SCAN SCARD SDIFF SDIFFSTORE SELECT SET SETBIT SETEX SETNX SETRANGE SHUTDOWN SINTER
  SINTERCARD SINTERSTORE SISMEMBER SLAVEOF SMEMBERS SMISMEMBER SMOVE SORT SORT_RO SPOP SPUBLISH SRANDMEMBER SREM SSCAN
  SSUBSCRIBE STRLEN SUBSCRIBE SUNION SUNIONSTORE SWAPDB TIME TOUCH TTL TYPE UNLINK UNSUBSCRIBE UNWATCH WAIT WATCH XACK
  XADD XAUTOCLAIM XCLAIM XDEL XGROUP XINFO XLEN XPENDING XRANGE XREAD XREADGROUP XREVRANGE XTRIM ZADD ZCARD ZCOUNT ZDIFF
  ZDIFFSTORE ZINCRBY ZINTER ZINTERCARD ZINTERSTORE ZLEXCOUNT ZMPOP ZMSCORE ZPOPMAX ZPOPMIN ZRANDMEMBER ZRANGE ZRANGEBYLEX
  ZRANGEBYSCORE ZRANGESTORE ZRANK ZREM ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREVRANGE ZREVRANGEBYLEX
  ZREVRANGEBYSCORE ZREVRANK ZSCAN ZSCORE ZUNION ZUNIONSTORE CONFIG CLIENT CLUSTER DEBUG MODULE ACL SCRIPT FUNCTION SLOWLOG
  MEMORY LATENCY COMMAND FAILOVER
  WAITAOF HEXPIRE HPEXPIRE HEXPIREAT HPEXPIREAT HPERSIST HTTL HPTTL HEXPIRETIME HPEXPIRETIME HGETDEL HGETEX HSETEX`.split(/\s+/),
);

/** Container commands whose first argument names the subcommand. */
export const CONTAINER_COMMANDS = new Set(['CONFIG', 'CLIENT', 'CLUSTER', 'DEBUG', 'MODULE', 'ACL', 'SCRIPT', 'FUNCTION', 'SLOWLOG', 'MEMORY', 'LATENCY', 'OBJECT', 'XGROUP', 'XINFO', 'COMMAND']);

/** Method names that are not `upper(name)` once underscores are dropped. */
const SPECIAL: Record<string, string> = {
  delete: 'DEL',
  // aioredis 1.x: HMSET with a dict of fields.
  hmset_dict: 'HMSET',
  scan_iter: 'SCAN',
  hscan_iter: 'HSCAN',
  sscan_iter: 'SSCAN',
  zscan_iter: 'ZSCAN',
  scanstream: 'SCAN',
  hscanstream: 'HSCAN',
  sscanstream: 'SSCAN',
  zscanstream: 'ZSCAN',
  scaniterator: 'SCAN',
  hscaniterator: 'HSCAN',
  sscaniterator: 'SSCAN',
  zscaniterator: 'ZSCAN',
  slave_of: 'SLAVEOF',
  debug_object: 'DEBUG OBJECT',
  debug_segfault: 'DEBUG SEGFAULT',
  debug_sleep: 'DEBUG SLEEP',
  module_load: 'MODULE LOAD',
  acl_setuser: 'ACL SETUSER',
  cluster_reset: 'CLUSTER RESET',
  client_kill: 'CLIENT KILL',
  client_list: 'CLIENT LIST',
  script_flush: 'SCRIPT FLUSH',
  script_load: 'SCRIPT LOAD',
  function_flush: 'FUNCTION FLUSH',
  slowlog_get: 'SLOWLOG GET',
  memory_usage: 'MEMORY USAGE',
  config_set: 'CONFIG SET',
  config_get: 'CONFIG GET',
  config_rewrite: 'CONFIG REWRITE',
  config_resetstat: 'CONFIG RESETSTAT',
  client_no_touch: 'CLIENT NO-TOUCH',
  client_setinfo: 'CLIENT SETINFO',
  // node-redis names the WITHSCORES variants as their own methods.
  zrangewithscores: 'ZRANGE',
  zrangebyscorewithscores: 'ZRANGEBYSCORE',
  zunionwithscores: 'ZUNION',
  zinterwithscores: 'ZINTER',
  zdiffwithscores: 'ZDIFF',
};

/** Generic "send this command" methods whose first argument is the command name. */
export const GENERIC_COMMAND_METHODS = new Set(['execute_command', 'call', 'send_command', 'sendCommand', 'callBuffer']);

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

const commandByMethod = new Map<string, string | undefined>();

/** Redis command for a client method name, or undefined when the method is not a Redis command. */
export function commandForMethod(method: string): string | undefined {
  // Called for every method call in a file: memoised, as the set of method names in a project is small.
  if (commandByMethod.has(method)) return commandByMethod.get(method);
  const command = computeCommandForMethod(method);
  if (commandByMethod.size < 50_000) commandByMethod.set(method, command);
  return command;
}

function ownValue<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function computeCommandForMethod(method: string): string | undefined {
  // ioredis' binary-reply variants: `xreadBuffer`, `hgetallBuffer`, `brpopBuffer` run the command of their prefix.
  const binary = /^([a-z]+)Buffer$/.exec(method);
  if (binary && binary[1] !== 'call') return computeCommandForMethod(binary[1]);
  // bluebird's promisifyAll gives every node-redis v3 method a promise-returning twin: `keysAsync` sends KEYS.
  const promisified = /^([a-z]+)Async$/.exec(method);
  if (promisified) return computeCommandForMethod(promisified[1]);
  const snakeName = snake(method);
  // Own properties only: a method named `constructor` or `toString` must not find Object.prototype's functions.
  // node-redis' capitalised names spell the WITHSCORES variants with an underscore: `ZRANGE_WITHSCORES`.
  const special = ownValue(SPECIAL, snakeName) ?? ownValue(SPECIAL, method.toLowerCase()) ?? ownValue(SPECIAL, method.toLowerCase().replace(/_/g, ''));
  if (special) return special;
  const flat = snakeName.replace(/_/g, '').toUpperCase();
  return KNOWN.has(flat) ? flat : undefined;
}

/**
 * RedisJSON commands by the method name of redis-py's `json()` sub-object and node-redis' `json` namespace
 * (`arrappend`/`arrAppend`, `numincrby`/`numIncrBy`), lowercased with underscores dropped. `set_file`/`set_path`
 * are left out: they read files on the client and send one JSON.SET per file, not a command of their own name.
 */
const JSON_METHODS: Record<string, string> = {
  get: 'JSON.GET', set: 'JSON.SET', mget: 'JSON.MGET', mset: 'JSON.MSET', merge: 'JSON.MERGE', del: 'JSON.DEL', delete: 'JSON.DEL',
  forget: 'JSON.FORGET', clear: 'JSON.CLEAR', toggle: 'JSON.TOGGLE', type: 'JSON.TYPE', resp: 'JSON.RESP', arrappend: 'JSON.ARRAPPEND',
  arrindex: 'JSON.ARRINDEX', arrinsert: 'JSON.ARRINSERT', arrlen: 'JSON.ARRLEN', arrpop: 'JSON.ARRPOP', arrtrim: 'JSON.ARRTRIM',
  numincrby: 'JSON.NUMINCRBY', nummultby: 'JSON.NUMMULTBY', objkeys: 'JSON.OBJKEYS', objlen: 'JSON.OBJLEN', strappend: 'JSON.STRAPPEND',
  strlen: 'JSON.STRLEN', debugmemory: 'JSON.DEBUG MEMORY',
};

/** The RedisJSON command a method of a client's JSON namespace sends, or undefined. */
export function jsonCommandForMethod(method: string): string | undefined {
  return ownValue(JSON_METHODS, method.replace(/_/g, '').toLowerCase());
}

/** Command from the text of a generic call's first argument ("HGETALL", "config set"). */
export function commandFromName(name: string, subcommand?: string): string | undefined {
  const words = name.trim().toUpperCase().split(/\s+/);
  const base = words[0];
  if (!KNOWN.has(base)) return undefined;
  const sub = words[1] ?? subcommand?.toUpperCase();
  return CONTAINER_COMMANDS.has(base) && sub && /^[A-Z-]+$/.test(sub) ? `${base} ${sub}` : base;
}

export function isKnownCommand(name: string): boolean {
  return KNOWN.has(name.toUpperCase());
}

export const BLOCKING_COMMANDS = new Set(['BLPOP', 'BRPOP', 'BLMOVE', 'BLMPOP', 'BRPOPLPUSH', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP']);
export const STREAM_BLOCKING_COMMANDS = new Set(['XREAD', 'XREADGROUP']);
export const SUBSCRIBE_COMMANDS = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE']);
export const CURSOR_COMMANDS = new Set(['SCAN', 'HSCAN', 'SSCAN', 'ZSCAN']);
// Server-wide commands (flush, info, config, scripts, cluster state) are not per-item work a batch would merge.
export const SERVER_WIDE_COMMANDS = /^(?:FLUSHDB|FLUSHALL|INFO|DBSIZE|SAVE|BGSAVE|BGREWRITEAOF|LASTSAVE|TIME|ROLE|SHUTDOWN|AUTH|HELLO|RESET|(?:CONFIG|CLIENT|CLUSTER|DEBUG|MODULE|ACL|SCRIPT|FUNCTION|SLOWLOG|LATENCY|COMMAND)(?: .*)?|MEMORY (?:STATS|DOCTOR|PURGE|MALLOC-STATS))$/;

/** Commands that only append/write data and take the key first (for write sites). */
export const WRITE_COMMANDS = new Set(
  `SET SETEX PSETEX SETNX GETSET APPEND INCR INCRBY INCRBYFLOAT DECR DECRBY HSET HSETNX HMSET HINCRBY HINCRBYFLOAT LPUSH
  RPUSH LPUSHX RPUSHX LINSERT LSET SADD ZADD ZINCRBY XADD PFADD SETBIT SETRANGE GEOADD MSET JSON.SET`.split(/\s+/),
);

/** Commands that set a TTL on their key as part of the write. */
export const TTL_WRITE_COMMANDS = new Set(['SETEX', 'PSETEX']);
