/** Decides what a Java expression is as a Redis receiver: a typed client, a Spring template's ops, a Redisson object, a project wrapper. */
import type { ClientLibrary, Confidence, ReceiverKind } from '../model';
import { REDISSON_GETTERS, TEMPLATE_OPS, TYPE_APIS, libraryOfType, type JavaApi } from './javaCommands';

/** A resolved receiver. `api` is absent for holders of connections (pools, Lettuce clients and connections, Redisson clients). */
export interface JavaReceiver {
  api?: JavaApi;
  role?: 'pool' | 'lettuce-client' | 'lettuce-connection' | 'lettuce-pubsub' | 'redisson-client' | 'template' | 'connection-factory';
  library: ClientLibrary;
  kind: ReceiverKind;
  confidence: Confidence;
  evidence?: string;
  /** Commands are queued (Jedis Pipeline, executePipelined) rather than sent one by one. */
  batched?: boolean;
  transaction?: boolean;
}

/** `List<String>` → `List`, `redis.clients.jedis.Jedis` → `Jedis`, `Map.Entry<K,V>[]` → `Entry`. */
export function simpleType(typeText: string): string {
  const base = typeText.replace(/<[\s\S]*>/g, '').replace(/\[\]/g, '').trim();
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? base.slice(dot + 1) : base;
}

/** Project classes that wrap Redis (RedisUtil, RedisService, JedisUtils, RedisCacheClient...). */
const WRAPPER_TYPE = /^(?:[A-Z]\w*)?(?:Redis|Jedis|Redisson)\w*(?:Util|Utils|Helper|Service|ServiceImpl|Manager|Adapter|Client|Cache|Dao|Repository|Component|Operator|Handler|Tool|Tools|Template|Support|Store|Operations|Ops)$/;
/** Spring and client types whose names mention Redis but that send no commands of their own. */
const NOT_A_WRAPPER = /^(RedisConnectionFactory|LettuceConnectionFactory|JedisConnectionFactory|RedisProperties|RedisSerializer|RedisCacheManager|RedisCacheConfiguration|RedisStandaloneConfiguration|RedisClusterConfiguration|RedisURI|RedisMessageListenerContainer|RedissonSpringCacheManager|RedisClient|RedisClusterClient|RedissonClient|Redisson|JedisPool|JedisPoolConfig|JedisSentinelPool|JedisClientConfig|RedisScript|DefaultRedisScript|RedisCallback|RedisOperations)$/;

export function isWrapperType(type: string): boolean {
  return WRAPPER_TYPE.test(type) && !NOT_A_WRAPPER.test(type) && !Object.hasOwn(TYPE_APIS, type);
}

/** Spring connection factories: `getConnection()` hands out a connection (a pooled Jedis, a Lettuce one) the caller must release. */
const CONNECTION_FACTORY_TYPE = /^(RedisConnectionFactory|JedisConnectionFactory|LettuceConnectionFactory)$/;

/** The receiver a declared type makes, or undefined for types that are not Redis. */
export function receiverForType(typeText: string): JavaReceiver | undefined {
  const type = simpleType(typeText);
  if (Object.hasOwn(TYPE_APIS, type)) {
    const api = TYPE_APIS[type];
    const library = (libraryOfType(type) ?? 'spring-data-redis') as ClientLibrary;
    const kind: ReceiverKind = type === 'Pipeline' ? 'pipeline' : type === 'Transaction' ? 'transaction' : /Cluster/.test(type) ? 'cluster' : 'client';
    return { api, library, kind, confidence: 'proven', batched: kind === 'pipeline' || kind === 'transaction', transaction: kind === 'transaction', ...(api === 'template' ? { role: 'template' as const } : {}) };
  }
  if (/^(JedisPool|JedisSentinelPool|JedisPoolAbstract|Pool)$/.test(type) && type !== 'Pool') return { role: 'pool', library: 'jedis' as ClientLibrary, kind: 'pool', confidence: 'proven' };
  if (/^(RedisClient|RedisClusterClient)$/.test(type)) return { role: 'lettuce-client', library: 'lettuce' as ClientLibrary, kind: type === 'RedisClusterClient' ? 'cluster' : 'client', confidence: 'proven' };
  if (/^StatefulRedisPubSubConnection$/.test(type)) return { role: 'lettuce-pubsub', library: 'lettuce' as ClientLibrary, kind: 'pubsub', confidence: 'proven' };
  if (/^StatefulRedis(Cluster)?Connection$/.test(type)) return { role: 'lettuce-connection', library: 'lettuce' as ClientLibrary, kind: 'client', confidence: 'proven' };
  if (/^(RedissonClient|Redisson|RedissonReactiveClient|RedissonRxClient)$/.test(type)) return { role: 'redisson-client', library: 'redisson' as ClientLibrary, kind: 'client', confidence: 'proven' };
  if (CONNECTION_FACTORY_TYPE.test(type)) return { role: 'connection-factory', library: 'spring-data-redis' as ClientLibrary, kind: 'pool', confidence: 'proven' };
  if (isWrapperType(type)) return { api: 'wrapper', library: guessLibrary(type), kind: 'client', confidence: 'likely', evidence: `its type ${type} is a project class named after Redis` };
  const outer = wrapperOfNestedType(typeText);
  if (outer) return { api: 'wrapper', library: guessLibrary(outer), kind: 'client', confidence: 'likely', evidence: `its type ${type} is a class nested in ${outer}, a project class named after Redis` };
  return undefined;
}

/** Nested classes that configure or build rather than send commands. */
const NESTED_NOT_SENDING = /(?:Builder|Config|Configuration|Properties|Options|Settings|Pair|Entry|Exception|Listener|Callback)$/;

/**
 * The Redis wrapper a nested type belongs to (`JedisUtil.Keys`, `RedisUtil.Strings`): wrappers that group their
 * commands into one inner class per data type, each borrowing from the outer class's pool, send them like the
 * wrapper itself.
 */
function wrapperOfNestedType(typeText: string): string | undefined {
  const parts = typeText.replace(/<[\s\S]*>/g, '').replace(/\[\]/g, '').trim().split('.');
  if (parts.length < 2) return undefined;
  const [outer, inner] = parts.slice(-2);
  return /^[A-Z]/.test(inner) && !NESTED_NOT_SENDING.test(inner) && isWrapperType(outer) ? outer : undefined;
}

function guessLibrary(type: string): ClientLibrary {
  if (/Jedis/.test(type)) return 'jedis' as ClientLibrary;
  if (/Redisson/.test(type)) return 'redisson' as ClientLibrary;
  return 'spring-data-redis' as ClientLibrary;
}

/** A static helper class called by name (`JedisUtil.set(k, v)`, `RedisUtils.hset(...)`). */
export function receiverForStaticClass(name: string): JavaReceiver | undefined {
  if (!isWrapperType(name)) return undefined;
  return { api: 'wrapper', library: guessLibrary(name), kind: 'client', confidence: 'likely', evidence: `${name} is a project class named after Redis` };
}

const SPRING_COMMAND_FAMILIES = /^(key|string|hash|list|set|zSet|stream|server|geo|hyperLogLog|scripting)Commands$/;

/** What a method called on a resolved receiver hands back, when that is itself a receiver. */
export function receiverFromCall(object: JavaReceiver, method: string): JavaReceiver | undefined {
  const base = { library: object.library, kind: object.kind, confidence: object.confidence, evidence: object.evidence };
  if (object.api === 'template' && Object.hasOwn(TEMPLATE_OPS, method)) return { ...base, api: TEMPLATE_OPS[method], batched: object.batched, transaction: object.transaction };
  // `opsForHash().getOperations()` hands back the template itself (`...getOperations().delete(key)` deletes the whole key).
  if (object.api?.startsWith('ops-') && method === 'getOperations') return { ...base, api: 'template', batched: object.batched, transaction: object.transaction };
  if (object.role === 'redisson-client' && Object.hasOwn(REDISSON_GETTERS, method)) return { ...base, api: REDISSON_GETTERS[method] };
  if (object.role === 'pool' && method === 'getResource') return { ...base, api: 'commands', kind: 'client' };
  if (object.role === 'lettuce-client' && method === 'connect') return { ...base, role: 'lettuce-connection' };
  if (object.role === 'lettuce-client' && method === 'connectPubSub') return { ...base, role: 'lettuce-pubsub', kind: 'pubsub' };
  if ((object.role === 'lettuce-connection' || object.role === 'lettuce-pubsub') && /^(sync|async|reactive)$/.test(method)) return { ...base, api: 'commands' };
  if (object.role === 'template' && method === 'getConnectionFactory') return { library: 'spring-data-redis' as ClientLibrary, kind: 'pool', confidence: object.confidence, evidence: object.evidence, role: 'connection-factory' };
  if (object.role === 'connection-factory' && method === 'getConnection') return { ...base, api: 'commands', kind: 'client' };
  // Spring Data Redis 2+/3: `connection.keyCommands().del(k)`, `connection.setCommands().sInter(...)` (the direct
  // RedisConnection methods are deprecated in 3.x): the same connection, one command family at a time.
  if (object.api === 'commands' && object.library === ('spring-data-redis' as ClientLibrary) && SPRING_COMMAND_FAMILIES.test(method)) return { ...base, api: 'commands', batched: object.batched, transaction: object.transaction };
  if (object.api === 'commands' && object.library === ('jedis' as ClientLibrary) && (method === 'pipelined' || method === 'multi')) {
    return { ...base, api: 'commands', kind: method === 'multi' ? 'transaction' : 'pipeline', batched: true, transaction: method === 'multi' };
  }
  if (object.api === 'wrapper' && /^get(Jedis|Resource|Connection|Client)$/.test(method)) return { ...base, api: 'commands', library: 'jedis' as ClientLibrary };
  if (object.api === 'wrapper' && /^get(RedisTemplate|Template)$/.test(method)) return { ...base, api: 'template', role: 'template' };
  return undefined;
}

/** Variables with no usable declared type, judged from their name. */
export function receiverForName(name: string): JavaReceiver | undefined {
  if (/^(jedis|jedisCluster)$/i.test(name)) return { api: 'commands', library: 'jedis' as ClientLibrary, kind: /cluster/i.test(name) ? 'cluster' : 'client', confidence: 'likely', evidence: `it is named ${name}` };
  if (/^(redisTemplate|stringRedisTemplate)$/.test(name)) return { api: 'template', role: 'template', library: 'spring-data-redis' as ClientLibrary, kind: 'client', confidence: 'likely', evidence: `it is named ${name}` };
  return undefined;
}

/** A no-argument getter of another object named after the Spring template it returns (`redisTemplate()`, `getStringRedisTemplate()`). */
export function receiverForGetter(method: string): JavaReceiver | undefined {
  if (!method.endsWith('edisTemplate') || !/^(?:get)?(?:[Ss]tring)?[Rr]edisTemplate$/.test(method)) return undefined;
  return { api: 'template', role: 'template', library: 'spring-data-redis' as ClientLibrary, kind: 'client', confidence: 'likely', evidence: `it is what ${method}() returns` };
}
