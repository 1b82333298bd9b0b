/**
 * unsafe-deserializer in Spring configurations: the JDK serializer under its factory name (RedisSerializer.java()),
 * default typing left on the mapper's own validator (a fresh ObjectMapper's is laissez-faire), one finding for a
 * default-typing serializer that a method builds for both the template and the cache manager, and @EnableCaching in a
 * module whose cache manager another configuration class declares.
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
  return ruleLines(parsers, 'unsafe-deserializer', { path, text, language: 'java', workspace });
}

const IMPORTS = [
  'package shop.config;',
  '',
  'import com.fasterxml.jackson.annotation.JsonAutoDetect;',
  'import com.fasterxml.jackson.annotation.PropertyAccessor;',
  'import com.fasterxml.jackson.databind.ObjectMapper;',
  'import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;',
  'import java.time.Duration;',
  'import org.springframework.cache.annotation.EnableCaching;',
  'import org.springframework.context.annotation.Bean;',
  'import org.springframework.context.annotation.Configuration;',
  'import org.springframework.data.redis.cache.RedisCacheConfiguration;',
  'import org.springframework.data.redis.cache.RedisCacheManager;',
  'import org.springframework.data.redis.connection.RedisConnectionFactory;',
  'import org.springframework.data.redis.core.RedisTemplate;',
  'import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;',
  'import org.springframework.data.redis.serializer.RedisSerializationContext;',
  'import org.springframework.data.redis.serializer.RedisSerializer;',
  '',
];

function config(body: string[], annotations = ['@Configuration'], imports = IMPORTS): string {
  return [...imports, ...annotations, 'public class RedisConfig {', ...body, '}', ''].join('\n');
}

const PATH = 'shop/src/main/java/shop/config/RedisConfig.java';

describe('Java serializers that let the stored data choose the class', () => {
  it('reports RedisSerializer.java() installed on a template or a cache configuration, not RedisSerializer.string() or json()', () => {
    const text = config([
      '    @Bean',
      '    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {',
      '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
      '        template.setKeySerializer(RedisSerializer.string());',
      '        template.setValueSerializer(RedisSerializer.java());',
      '        template.setHashValueSerializer(RedisSerializer.java());',
      '        template.setConnectionFactory(factory);',
      '        return template;',
      '    }',
      '',
      '    @Bean',
      '    public RedisTemplate<String, Object> jsonTemplate(RedisConnectionFactory factory) {',
      '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
      '        template.setKeySerializer(RedisSerializer.string());',
      '        template.setValueSerializer(RedisSerializer.json());',
      '        template.setConnectionFactory(factory);',
      '        return template;',
      '    }',
      '',
      '    @Bean',
      '    public RedisCacheConfiguration cacheConfiguration() {',
      '        return RedisCacheConfiguration.defaultCacheConfig()',
      '            .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(RedisSerializer.java()));',
      '    }',
    ]);
    expect(reportedLines(PATH, text)).toEqual([25, 43]);
  });

  it('reports default typing on the mapper\'s own validator, not once the file replaces it or passes an allow-list', () => {
    const serializer = (validator: string, extra: string[] = []) => config([
      '    @Bean',
      '    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {',
      '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
      '        Jackson2JsonRedisSerializer<Object> serializer = new Jackson2JsonRedisSerializer<>(Object.class);',
      '        ObjectMapper mapper = new ObjectMapper();',
      ...extra,
      `        mapper.activateDefaultTyping(${validator}, ObjectMapper.DefaultTyping.NON_FINAL);`,
      '        serializer.setObjectMapper(mapper);',
      '        template.setValueSerializer(serializer);',
      '        template.setConnectionFactory(factory);',
      '        return template;',
      '    }',
    ]);
    expect(reportedLines(PATH, serializer('mapper.getPolymorphicTypeValidator()'))).toEqual([26]);
    const allowList = 'BasicPolymorphicTypeValidator.builder().allowIfSubType("shop.").build()';
    expect(reportedLines(PATH, serializer('mapper.getPolymorphicTypeValidator()', [`        mapper.setPolymorphicTypeValidator(${allowList});`]))).toEqual([]);
    expect(reportedLines(PATH, serializer(allowList))).toEqual([]);
  });

  it('reports a default-typing serializer built by a method once, where its mapper is set up, however many installs share it', () => {
    const text = (typing: string) => config([
      '    @Bean',
      '    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {',
      '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
      '        template.setValueSerializer(redisSerializer());',
      '        template.setConnectionFactory(factory);',
      '        return template;',
      '    }',
      '',
      '    @Bean',
      '    public RedisSerializer<Object> redisSerializer() {',
      '        Jackson2JsonRedisSerializer<Object> serializer = new Jackson2JsonRedisSerializer<>(Object.class);',
      '        ObjectMapper objectMapper = new ObjectMapper();',
      '        objectMapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.ANY);',
      typing,
      '        serializer.setObjectMapper(objectMapper);',
      '        return serializer;',
      '    }',
      '',
      '    @Bean',
      '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
      '        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()',
      '            .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(redisSerializer())).entryTtl(Duration.ofDays(1));',
      '        return RedisCacheManager.builder(factory).cacheDefaults(configuration).build();',
      '    }',
    ]);
    expect(reportedLines(PATH, text('        objectMapper.enableDefaultTyping(ObjectMapper.DefaultTyping.NON_FINAL);'))).toEqual([34]);
    expect(reportedLines(PATH, text('        objectMapper.findAndRegisterModules();'))).toEqual([]);
  });

  it('leaves @EnableCaching alone when another configuration class of the module declares the cache manager', () => {
    const enabling = config([
      '    @Bean',
      '    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {',
      '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
      '        template.setValueSerializer(RedisSerializer.json());',
      '        template.setConnectionFactory(factory);',
      '        return template;',
      '    }',
    ], ['@EnableCaching', '@Configuration'], IMPORTS.filter((line) => !/\.cache\.Redis/.test(line)));
    const manager = config([
      '    @Bean',
      '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
      '        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()',
      '            .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(RedisSerializer.json()));',
      '        return RedisCacheManager.builder(factory).cacheDefaults(configuration).build();',
      '    }',
    ]).replace('class RedisConfig', 'class CacheConfig');
    const sameModule = [
      { path: 'shop/src/main/java/shop/config/CacheConfig.java', text: manager },
      { path: PATH, text: enabling },
    ];
    expect(reportedLines(PATH, enabling, buildWorkspaceIndex(parsers, sameModule))).toEqual([]);
    // A manager declared in another module, or only in a test, leaves this module on Spring Boot's JDK-serializing one.
    for (const elsewhere of ['billing/src/main/java/shop/config/CacheConfig.java', 'shop/src/test/java/shop/config/CacheConfig.java']) {
      const sources = [{ path: elsewhere, text: manager }, { path: PATH, text: enabling }];
      expect(reportedLines(PATH, enabling, buildWorkspaceIndex(parsers, sources))).toEqual([17]);
    }
    expect(reportedLines(PATH, enabling)).toEqual([17]);
  });
});
