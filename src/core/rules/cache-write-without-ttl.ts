/** cache-write-without-ttl: cache entries written without a TTL never refresh and grow until maxmemory. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { Arg } from '../analysis/model';
import type { RedisCallSite, Rule, RuleContext } from './rule';
import { expiredInThenCallback } from './support/thenExpiry';
import { fieldTtlFix, managedHashPatterns, passesArgumentsThrough, writesComputedField } from './support/cacheHashWrites';
import { CACHE_KEY, namedCacheEntry, readIntoCacheVariable } from './support/cacheEntryNames';
import { offByDefaultTtl, ttlOffByDefault } from './support/offByDefaultTtl';
import { shownKey } from './support/clients';
import { fix } from './support/edits';
import { hasOption, setSetsTtl } from './support/options';
import { functionStartOf } from './support/sites';
import { siteKey } from './support/collectionKeys';
import { setWithTtlEdit } from './support/ttl';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const SETS = new Set(['SET', 'SETEX', 'PSETEX']);
const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

function isLiteral(arg: Arg): boolean {
  const value = arg.value;
  if (arg.spread || arg.text.startsWith('*') || arg.text.startsWith('...')) return false;
  if (value.kind === 'object') return Object.values(value.entries).every(isLiteral);
  if (value.kind === 'array') return value.items.every(isLiteral);
  return value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null';
}

/** A node-redis v3 callback (`(err) => …`, `function (err) {…}`): not an option. */
function isCallback(arg: Arg): boolean {
  return /^(async\s+)?(function\b|\(?[\w\s,]*\)?\s*=>)/.test(arg.text);
}

/** The key a call names: its literal or pattern, else its expression. */
function keyIdentity(site: RedisCallSite): string {
  return keyPatternOf(site.args[0]) ?? `=${site.args[0]?.text}`;
}

/**
 * Another SET of the same key expression sets a TTL: in the same function this write is a deliberate branch
 * (`timeout=None`); for a computed key in another function, the module offers a TTL variant of the same
 * write (`setCacheObject` next to `setCacheObjectWithTimeout`) and the caller chooses.
 */
function ttlElsewhereInFunction(site: RedisCallSite, withTtl: ReadonlyMap<string, RedisCallSite[]>): boolean {
  const start = functionStartOf(site);
  const name = site.enclosingFunction?.name ?? '';
  const computed = keyPatternOf(site.args[0]) === undefined;
  // A variant is named longer (`…WithTimeout`): a function of the same name elsewhere (two decorators' inner
  // `_do`) is another function, not a variant of this one.
  const variant = (other: RedisCallSite) => {
    const otherName = other.enclosingFunction?.name ?? '';
    return functionStartOf(other) === start || (computed && name.length > 2 && otherName.length > name.length && otherName.startsWith(name));
  };
  return (withTtl.get(site.args[0].text) ?? []).some((other) => other !== site && variant(other));
}

/**
 * HSET of one computed field (an entry per user, per id) into a hash whose literal key says cache
 * (`cache:profiles`), in a file that neither expires, deletes nor prunes that hash anywhere. Hash caches are
 * mostly invalidated by DEL/HDEL from the code that fills them, and a wrapper's key parameter (`cacheKey`) is its
 * callers' choice, so only this narrow shape is reported. The fix expires the written field, on targets that
 * have HEXPIRE.
 */
function reportCacheHashes(context: RuleContext): void {
  const managed = managedHashPatterns(context.model.callSites);
  const ttl = String(context.config.defaultTtlSeconds);
  for (const site of context.model.callSites) {
    if ((site.command !== 'HSET' && site.command !== 'HSETNX') || !site.args[0] || passesArgumentsThrough(site) || !writesComputedField(site)) continue;
    const key = keyPatternOf(site.args[0]);
    if (key === undefined || !/[A-Za-z0-9]/.test(key.replace(/\*/g, '')) || !CACHE_KEY.test(key) || managed.has(key)) continue;
    const perField = fieldTtlFix(context, site, ttl);
    context.report({ messageId: 'hashWrite', data: { command: site.command, key: shownKey(site) }, span: site.span, fixes: perField ? [perField] : undefined });
  }
}

export const cacheWriteWithoutTtl: Rule = {
  meta: {
    id: 'cache-write-without-ttl',
    code: 'RR302',
    category: 'memory',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      write: '{{command}} {{key}} writes a cache entry with no TTL: it never refreshes and stays until memory runs out; add an expiry ({{spelling}}).',
      hashWrite: '{{command}} {{key}} writes a field of a cache hash that nothing expires: its fields never refresh and the hash grows until memory runs out. Give the hash a TTL in the same MULTI/transaction, or each field its own with HEXPIRE (Redis 7.4+).',
    },
    docs: {
      summary: 'Cache keys written without TTL grow forever and serve stale data.',
      what: 'Reports SET/SETNX (and RedisJSON\'s JSON.SET, `r.json().set(k, \'$\', v)` / `client.json.set(k, \'$\', v)`, which takes no TTL of its own) of keys whose name marks them as cache entries (`cache:…`, `…:cached:…`, a camel-case segment ending in Cache: `llmCache:…`) with no EX/PX/KEEPTTL and no EXPIRE of the same key in the same function (or in a then() callback chained on the write, `set(k, v).then(() => expire(k, ttl))`, or in the write\'s completion callback, `set(k, v, (err) => expire(k, ttl, done))`, which set-then-expire reports instead). A key that is computed entirely from variables counts as a cache entry when its expression (`cacheKey`) or the writing function (`putInCache(name, value)`, `cache_set`) says cache, or when it is a parameter of a method of a class named for a cache (`class RedisCache: def set(self, key, value)`, `class CacheService { set(key, value) }`). Keys whose reply the code reads into a variable named cache (`const cached = await redis.get(key)`, then a SET of that key on a miss) are cache entries whatever their name, and so is every entry written through the Django cache API with `timeout=None` in a project that uses Redis (django-redis). A TTL-less SET next to a SET of the same key with a TTL in the same function (an optional-timeout branch), or for a computed key in a function named as its variant (`setCacheObject` next to `setCacheObjectWithTimeout`: the wrapper offers both), is not reported, nor is a computed-key write in a function that sets TTLs elsewhere (a wrapper taking an optional timeout). A TTL taken from a parameter that is off by default (`ex=None`, `ttl?: number`) counts as no TTL when a call in the file leaves it out, or when nothing in the file calls the function (a decorator whose users are elsewhere get the default); a wrapper that branches on that parameter (`if ttl:`) leaves the choice to its callers and is not reported. HSET of a computed field (an entry per user or id) into a hash whose literal key says cache (`cache:profiles`) is reported when nothing in the file expires, deletes or prunes that hash. In Go three more shapes count: a cache-aside fill of a whole hash (HSET of the key with one slice or map of field/value pairs, in a function whose name or key says cache) with no EXPIRE, DEL or HDEL of that key; a read-through fill of any key, a GET and then, where the reply says the key is missing (`if len(data) == 0 {`, `if err == redis.Nil {`, or after `if err == nil { return ... }`), a SET of the same key to a value the function built (a counter set to a literal on a miss is no fill); and a SET with KEEPTTL (`redis.KeepTTL`) inside the branch that handles a missing key: the key did not exist, so there is no TTL to keep.',
      why: 'Without a TTL, cache entries pile up until maxmemory; then either every write fails (noeviction) or eviction picks victims across the whole dataset. Stale entries are never refreshed.',
      examples: [
        { client: 'redis-py', file: 'app/products.py', bad: 'import json\nimport redis\n\nr = redis.Redis()\n\ndef cache_product(pid, product):\n    r.set(f"cache:product:{pid}", json.dumps(product))\n', good: 'import json\nimport redis\n\nr = redis.Redis()\n\ndef cache_product(pid, product):\n    r.set(f"cache:product:{pid}", json.dumps(product), ex=3600)\n' },
        { client: 'ioredis', file: 'src/products.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function cacheProduct(id: string, body: string) {\n  await redis.set(`cache:product:${id}`, body);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function cacheProduct(id: string, body: string) {\n  await redis.set(`cache:product:${id}`, body, 'EX', 3600);\n}\n" },
        { client: 'node-redis', file: 'src/products.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function cacheProduct(id: string, body: string) {\n  await client.set(`cache:product:${id}`, body);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function cacheProduct(id: string, body: string) {\n  await client.set(`cache:product:${id}`, body, { EX: 3600 });\n}\n" },
        {
          client: 'go-redis',
          file: 'catalog/cache.go',
          bad: goFile('catalog', ['"context"', '', GO_REDIS], `
func CacheProduct(ctx context.Context, rdb *redis.Client, id string, body []byte) error {
    return rdb.Set(ctx, "cache:product:"+id, body, 0).Err()
}
`),
          good: goFile('catalog', ['"context"', '"time"', '', GO_REDIS], `
func CacheProduct(ctx context.Context, rdb *redis.Client, id string, body []byte) error {
    return rdb.Set(ctx, "cache:product:"+id, body, 10*time.Minute).Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'catalog/cache.go',
          bad: goFile('catalog', ['"context"', '', RUEIDIS], `
func CacheProduct(ctx context.Context, client rueidis.Client, id string, body string) error {
    return client.Do(ctx, client.B().Set().Key("cache:product:"+id).Value(body).Build()).Error()
}
`),
          good: goFile('catalog', ['"context"', '"time"', '', RUEIDIS], `
func CacheProduct(ctx context.Context, client rueidis.Client, id string, body string) error {
    return client.Do(ctx, client.B().Set().Key("cache:product:"+id).Value(body).Ex(10*time.Minute).Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'catalog/cache.go',
          bad: goFile('catalog', [REDIGO], `
func CacheProduct(conn redis.Conn, id string, body []byte) error {
    _, err := conn.Do("SET", "cache:product:"+id, body)
    return err
}
`),
          good: goFile('catalog', [REDIGO], `
func CacheProduct(conn redis.Conn, id string, body []byte) error {
    _, err := conn.Do("SET", "cache:product:"+id, body, "EX", 600)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/ProductCache.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class ProductCache {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void cacheProduct(String id, String json) {
        jedis.set("cache:product:" + id, json);
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
public class ProductCache {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void cacheProduct(String id, String json) {
        jedis.setex("cache:product:" + id, 600, json);
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/ProductCache.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class ProductCache {
    private final RedisCommands<String, String> commands;

    public ProductCache(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void cacheProduct(String id, String json) {
        commands.set("cache:product:" + id, json);
    }
}
`),
          good: javaFile(['io.lettuce.core.SetArgs', 'io.lettuce.core.api.sync.RedisCommands'], `
public class ProductCache {
    private final RedisCommands<String, String> commands;

    public ProductCache(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void cacheProduct(String id, String json) {
        commands.set("cache:product:" + id, json, SetArgs.Builder.ex(600));
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          variant: 'RedisTemplate',
          file: 'src/main/java/app/ProductCache.java',
          bad: javaFile(['org.springframework.data.redis.core.StringRedisTemplate'], `
public class ProductCache {
    private final StringRedisTemplate redisTemplate;

    public ProductCache(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void cacheProduct(String id, String json) {
        redisTemplate.opsForValue().set("cache:product:" + id, json);
    }
}
`),
          good: javaFile(['java.time.Duration', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class ProductCache {
    private final StringRedisTemplate redisTemplate;

    public ProductCache(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void cacheProduct(String id, String json) {
        redisTemplate.opsForValue().set("cache:product:" + id, json, Duration.ofMinutes(10));
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          variant: '@Cacheable',
          file: 'src/main/java/app/ProductService.java',
          bad: javaFile(['org.springframework.cache.annotation.Cacheable', 'org.springframework.stereotype.Service'], `
/** Product lookups, cached in Redis by Spring Cache (spring-boot-starter-data-redis). */
@Service
public class ProductService {
    private final ProductRepository repository;

    public ProductService(ProductRepository repository) {
        this.repository = repository;
    }

    @Cacheable("products")
    public Product product(String id) {
        return repository.findById(id).orElseThrow();
    }
}
`),
          good: javaFile(['java.time.Duration', 'org.springframework.cache.annotation.Cacheable', 'org.springframework.cache.annotation.EnableCaching', 'org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration', 'org.springframework.data.redis.cache.RedisCacheConfiguration', 'org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair', 'org.springframework.data.redis.serializer.RedisSerializer', 'org.springframework.stereotype.Service'], `
/** Product lookups, cached in Redis by Spring Cache (spring-boot-starter-data-redis). */
@Configuration
@EnableCaching
class CacheConfig {
    @Bean
    RedisCacheConfiguration cacheConfiguration() {
        return RedisCacheConfiguration.defaultCacheConfig()
            .entryTtl(Duration.ofMinutes(10))
            .serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.json()));
    }
}

@Service
public class ProductService {
    private final ProductRepository repository;

    public ProductService(ProductRepository repository) {
        this.repository = repository;
    }

    @Cacheable("products")
    public Product product(String id) {
        return repository.findById(id).orElseThrow();
    }
}
`),
        },
      ],
      fix: 'The quick fix adds a TTL of `defaultTtlSeconds` (default 3600) to the SET. For an HSET of one field it adds an HEXPIRE of that field after the write, only when the project targets a server with per-field TTLs (`"server": "redis-7.4"` in `.redis-review.json`; Redis 7.0 and Valkey 8.0 lack HEXPIRE): elsewhere give the hash a TTL with EXPIRE in the same MULTI, or store each entry as its own key with SET … EX. It is unsafe: choose a TTL that fits the data, ideally with a little random jitter so entries do not expire together.',
      falsePositives: 'Keys meant to be permanent are not named cache; instances dedicated to caching with allkeys-lru may omit TTLs on purpose — turn the rule off for such projects.',
      references: [
        { title: 'SET', url: 'https://redis.io/docs/latest/commands/set/' },
        { title: 'Key eviction', url: 'https://redis.io/docs/latest/develop/reference/eviction/' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    // Keys given a TTL by a separate EXPIRE in the same function.
    // Compared by expression text and by the key the expression denotes (`key` held in a local, `this.key(id)`).
    const expireSites = sites.filter((other) => EXPIRES.has(other.command));
    const expired = new Set(expireSites.flatMap((other) => [`${functionStartOf(other)}|${other.args[0]?.text}`, `${functionStartOf(other)}#${siteKey(context.model, other)?.identity}`]));
    // Keys read into a variable named cache before they are written (`const cached = await r.get(k)`: cache-aside).
    const cacheAside = new Set(sites.filter((other) => (other.command === 'GET' || other.command === 'JSON.GET') && other.args[0] && readIntoCacheVariable(context.model.text, other)).map(keyIdentity));
    // Functions that give some key a TTL (SET EX, SETEX, EXPIRE, …).
    // A TTL taken from a parameter that is off by default (`ex=None`) gives no TTL unless the caller passes one.
    const givesTtl = (other: RedisCallSite) => setSetsTtl(other) && !ttlOffByDefault(context.model, other);
    const ttlFunctions = new Set(sites.filter((other) => EXPIRES.has(other.command) || ((SETS.has(other.command) || other.command === 'SETEX' || other.command === 'PSETEX') && givesTtl(other))).map(functionStartOf));
    // SETs that give their key a TTL, by key expression.
    const withTtl = new Map<string, RedisCallSite[]>();
    for (const other of sites) {
      if (!other.args[0] || !SETS.has(other.command) || !givesTtl(other) || hasOption(other, ['keepttl', 'KEEPTTL'], 2)) continue;
      const list = withTtl.get(other.args[0].text);
      if (list) list.push(other);
      else withTtl.set(other.args[0].text, [other]);
    }
    for (const site of sites) {
      // RedisJSON's JSON.SET takes no TTL at all (its options are NX/XX): only a separate EXPIRE can give one.
      const jsonSet = site.command === 'JSON.SET';
      if (site.command !== 'SET' && site.command !== 'SETNX' && !jsonSet) continue;
      if (!site.args[0] || (!jsonSet && (givesTtl(site) || hasOption(site, ['keepttl', 'KEEPTTL', 'get'], 2)))) continue;
      // Django's cache API is a cache whatever its keys are called; timeout=None keeps the entry forever.
      const djangoCache = site.receiver.facade === 'django-cache';
      if (!djangoCache && !namedCacheEntry(context.model, site) && !cacheAside.has(keyIdentity(site))) continue;
      // Options passed through (`set(key, value, options)`, `**kwargs`, `...args`) may well carry the TTL, unless
      // they come from a parameter whose default is no TTL.
      const passedOn = (arg: Arg) => !isLiteral(arg) && !offByDefaultTtl(context.model, site, arg);
      if (!jsonSet && (site.args.slice(2).some((arg) => passedOn(arg) && !isCallback(arg)) || Object.values(site.keywords).some(passedOn))) continue;
      const identity = siteKey(context.model, site)?.identity;
      if (expired.has(`${functionStartOf(site)}|${site.args[0].text}`) || (identity !== undefined && expired.has(`${functionStartOf(site)}#${identity}`)) || ttlElsewhereInFunction(site, withTtl)) continue;
      if (expiredInThenCallback(context.model.text, site, expireSites)) continue;
      // A wrapper that writes a computed key and also knows TTLs (`setex` when given a timeout, `set` when not):
      // the TTL-less write is the caller's choice.
      if (keyPatternOf(site.args[0]) === undefined && site.enclosingFunction && ttlFunctions.has(functionStartOf(site))) continue;
      const ttl = String(context.config.defaultTtlSeconds);
      const spelling = jsonSet ? `an EXPIRE of the key, ${ttl} s, in the same MULTI/transaction: JSON.SET takes no TTL` : djangoCache ? `timeout=${ttl}` : site.receiver.library === 'redis-py' ? `ex=${ttl}` : site.receiver.library === 'ioredis' ? `'EX', ${ttl}` : `{ EX: ${ttl} }`;
      const edit = djangoCache || jsonSet ? undefined : setWithTtlEdit(context.model, site, 'EX', ttl);
      context.report({
        messageId: 'write',
        data: { command: site.command, key: shownKey(site), spelling },
        span: site.span,
        fixes: edit ? [fix(`Expire the entry after ${ttl} s`, false, [edit])] : undefined,
      });
    }
    reportCacheHashes(context);
  },
};
