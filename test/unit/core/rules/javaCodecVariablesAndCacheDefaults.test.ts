/**
 * unsafe-deserializer in Java configurations: a project codec held in a variable typed as an unsafe Redisson codec,
 * and a RedisCacheConfiguration left on its default (JDK) value serializer.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function configLines(imports: string[], body: string): number[] {
  return findingLines('unsafe-deserializer', javaClassSource({ imports, declaration: 'public class RedisConfig', fields: [] }, body));
}

const redisson = ['import org.redisson.Redisson;', 'import org.redisson.api.RedissonClient;', 'import org.redisson.codec.KryoCodec;', 'import org.redisson.client.codec.Codec;', 'import org.redisson.config.Config;'];
const cache = ['import java.time.Duration;', 'import org.springframework.data.redis.cache.RedisCacheConfiguration;', 'import org.springframework.data.redis.cache.RedisCacheManager;', 'import org.springframework.data.redis.connection.RedisConnectionFactory;', 'import org.springframework.data.redis.serializer.RedisSerializationContext;', 'import org.springframework.data.redis.serializer.StringRedisSerializer;'];

describe('Java codecs and cache configurations that decode class names from the data', () => {
  it('reports a project subclass created into a variable typed as KryoCodec, not one typed as a plain Codec', () => {
    const body = [
      '    public RedissonClient client() {',
      '        Config config = new Config();',
      '        KryoCodec kryoCodec = new KryoCodecWithDefaultSerializer();',
      '        config.setCodec(kryoCodec);',
      '        return Redisson.create(config);',
      '    }',
      '',
      '    public RedissonClient other() {',
      '        Config config = new Config();',
      '        Codec codec = new OrderCodec();',
      '        config.setCodec(codec);',
      '        return Redisson.create(config);',
      '    }',
    ].join('\n');
    expect(configLines(redisson, body)).toEqual([13]);
  });

  it('reports defaultCacheConfig() when nothing in the file replaces the value serializer', () => {
    const body = [
      '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
      '        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(60));',
      '        return RedisCacheManager.builder(factory).cacheDefaults(configuration).build();',
      '    }',
    ].join('\n');
    expect(configLines(cache, body)).toEqual([13]);
  });

  it('leaves defaultCacheConfig() alone when serializeValuesWith sets a String serializer, in the chain or later', () => {
    const body = [
      '    public RedisCacheManager cacheManager(RedisConnectionFactory factory) {',
      '        RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofMinutes(5));',
      '        configuration = configuration.serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(new StringRedisSerializer()));',
      '        return RedisCacheManager.builder(factory).cacheDefaults(configuration).build();',
      '    }',
    ].join('\n');
    expect(configLines(cache, body)).toEqual([]);
  });
});
