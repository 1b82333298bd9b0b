/**
 * Whether Java code gives Spring's Redis cache manager an expiry. `@Cacheable` entries expire only when the cache
 * manager's defaults (or Spring Boot's `spring.cache.redis.time-to-live`) carry a TTL; the configuration class that
 * sets one is usually another file of the build module than the services that cache.
 */

/** A TTL written in a cache configuration, a Redisson cache config, or a property naming one. */
export const CACHE_TTL_IN_FILE = /entryTtl|setTTL|time-to-live|timeToLive|expireAfter|\bttl\s*=/i;

/**
 * The code (comments blanked) sets the default TTL of the cache manager: an `entryTtl(...)` in a configuration that
 * becomes the manager's defaults (`cacheDefaults(config)`), or in a `RedisCacheConfiguration` bean, which Spring
 * Boot's auto-configured manager takes as its defaults. A TTL given only to caches named one by one
 * (`withCacheConfiguration("users", ...)`) leaves the other caches without one, so it is no such evidence.
 */
export function setsCacheDefaultTtl(code: string): boolean {
  if (!/\.\s*entryTtl\s*\(/.test(code)) return false;
  return /\.\s*cacheDefaults\s*\(/.test(code) || /\bRedisCacheConfiguration\s+\w+\s*\([^()]*\)\s*\{/.test(code);
}

/**
 * The code (comments blanked) builds a Spring cache manager or the Redis cache configuration Spring Boot's manager
 * takes as its defaults: `RedisCacheConfiguration.defaultCacheConfig()`, `RedisCacheManager.builder(...)`, `new
 * ...CacheManager(...)` (a project subclass too), or a `@Bean` method returning a `CacheManager`. Spring Boot then does
 * not auto-configure its own RedisCacheManager (with the JDK serializer) for the module; what the declared one
 * serializes with is judged in the file that declares it.
 */
export function declaresCacheManager(code: string): boolean {
  return /\bRedisCacheConfiguration\s*\.\s*defaultCacheConfig\s*\(|\bRedisCacheManager\s*\.\s*(?:builder|create|RedisCacheManagerBuilder)\b|\bnew\s+\w*CacheManager\s*\(|@Bean\b[^;{}]*?\b(?:Redis)?CacheManager\s+\w+\s*\(/.test(code);
}
