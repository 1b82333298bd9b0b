/**
 * cache-write-without-ttl for `@Cacheable` / `@CachePut`: the TTL of Spring's Redis cache manager is usually set by a
 * configuration class of the module, not by the service that caches. A default TTL set there (the `cacheDefaults` of
 * the manager, or a RedisCacheConfiguration bean) covers the services of the same build module; a TTL given to named
 * caches only, one in another module or in a test does not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex } from '../../../../src/core/review';
import type { WorkspaceIndex } from '../../../../src/core/analysis/workspaceIndex';
import { loadParsers, ruleLines } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function reportedLines(path: string, text: string, workspace?: WorkspaceIndex): number[] {
  return ruleLines(parsers, 'cache-write-without-ttl', { path, text, language: 'java', workspace });
}

/** A configuration class whose cache manager bean is built by `body`. */
function cacheConfig(body: string[]): string {
  return [
    'package shop.config;',
    '',
    'import java.time.Duration;',
    'import org.springframework.context.annotation.Bean;',
    'import org.springframework.context.annotation.Configuration;',
    'import org.springframework.data.redis.cache.RedisCacheConfiguration;',
    'import org.springframework.data.redis.cache.RedisCacheManager;',
    'import org.springframework.data.redis.connection.RedisConnectionFactory;',
    '',
    '@Configuration',
    'public class CacheConfig {',
    ...body,
    '}',
    '',
  ].join('\n');
}

const SERVICE = [
  'package shop.service;',
  '',
  'import org.springframework.cache.annotation.CachePut;',
  'import org.springframework.cache.annotation.Cacheable;',
  'import org.springframework.data.redis.core.RedisTemplate;',
  '',
  'public class NoticeService {',
  '    private RedisTemplate<String, Object> redisTemplate;',
  '',
  '    @Cacheable(value = "notices", key = "#id")',
  '    public Notice find(Long id) {',
  '        return repository.findById(id);',
  '    }',
  '',
  '    @CachePut(value = "notices", key = "#result.id")',
  '    public Notice save(Notice notice) {',
  '        return repository.save(notice);',
  '    }',
  '}',
  '',
].join('\n');

const DEFAULTS_WITH_TTL = cacheConfig([
  '    @Bean',
  '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
  '        RedisCacheConfiguration config =',
  '                RedisCacheConfiguration.defaultCacheConfig()',
  '                        .entryTtl(Duration.ofMinutes(10))',
  '                        .disableCachingNullValues();',
  '        return RedisCacheManager.builder(factory).cacheDefaults(config).build();',
  '    }',
]);

describe('@Cacheable with the TTL set by a configuration class of the module', () => {
  it('leaves the annotations alone when the module gives the cache manager a default TTL, in a manager or a RedisCacheConfiguration bean', () => {
    const bean = cacheConfig([
      '    @Bean',
      '    public RedisCacheConfiguration cacheConfiguration() {',
      '        return RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofHours(1));',
      '    }',
    ]);
    for (const config of [DEFAULTS_WITH_TTL, bean]) {
      const sources = [
        { path: 'notice/src/main/java/shop/config/CacheConfig.java', text: config },
        { path: 'notice/src/main/java/shop/service/NoticeService.java', text: SERVICE },
      ];
      expect(reportedLines(sources[1].path, SERVICE, buildWorkspaceIndex(parsers, sources))).toEqual([]);
    }
    // Alone, the service shows no TTL for its caches.
    expect(reportedLines('notice/src/main/java/shop/service/NoticeService.java', SERVICE)).toEqual([10, 15]);
  });

  it('reports them when the TTL is given to named caches only, set in another module, or only in a test', () => {
    const namedOnly = cacheConfig([
      '    @Bean',
      '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
      '        return RedisCacheManager.builder(factory)',
      '                .withCacheConfiguration("users", RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofMinutes(5)))',
      '                .build();',
      '    }',
    ]);
    const cases = [
      [{ path: 'notice/src/main/java/shop/config/CacheConfig.java', text: namedOnly }],
      [{ path: 'order/src/main/java/shop/config/CacheConfig.java', text: DEFAULTS_WITH_TTL }],
      [{ path: 'notice/src/test/java/shop/config/CacheConfig.java', text: DEFAULTS_WITH_TTL }],
    ];
    for (const others of cases) {
      const sources = [...others, { path: 'notice/src/main/java/shop/service/NoticeService.java', text: SERVICE }];
      expect(reportedLines(sources[sources.length - 1].path, SERVICE, buildWorkspaceIndex(parsers, sources))).toEqual([10, 15]);
    }
  });
});
