/** unsafe-deserializer in Java: a RedisTemplate bean left on the JDK serializer, and a project utility's untyped decode of a reply. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java RedisTemplate beans without a value serializer', () => {
  it('reports a template that keeps the default serializer, not one given a JSON serializer here or by a helper', () => {
    const text = javaClassSource(
      {
        imports: ['import org.springframework.context.annotation.*;', 'import org.springframework.data.redis.core.*;', 'import org.springframework.data.redis.serializer.*;'],
        declaration: '@Configuration\npublic class RedisConfiguration',
        fields: [],
      },
      [
        '    @Bean',
        '    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {',
        '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
        '        template.setConnectionFactory(factory);',
        '        return template;',
        '    }',
        '',
        '    @Bean',
        '    public RedisTemplate<String, Object> jsonTemplate(RedisConnectionFactory factory) {',
        '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
        '        template.setConnectionFactory(factory);',
        '        template.setKeySerializer(new StringRedisSerializer());',
        '        template.setValueSerializer(new GenericJackson2JsonRedisSerializer());',
        '        return template;',
        '    }',
        '',
        '    @Bean',
        '    public RedisTemplate<String, Object> helperTemplate(RedisConnectionFactory factory) {',
        '        RedisTemplate<String, Object> template = new RedisTemplate<>();',
        '        template.setConnectionFactory(factory);',
        '        serializers(template);',
        '        return template;',
        '    }',
        '',
        '    private void serializers(RedisTemplate<String, Object> template) {',
        '        template.setValueSerializer(new GenericJackson2JsonRedisSerializer());',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unsafe-deserializer', text)).toEqual([12]);
  });
});

describe('Java project utilities that decode replies', () => {
  it('reports a one-argument decode of bytes read from Redis, not a decode given the target class', () => {
    const text = javaClassSource(
      {
        imports: ['import java.io.Serializable;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class LowLevelRedis',
        fields: ['    private RedisTemplate<Serializable, Serializable> redisTemplate;'],
      },
      [
        '    public Serializable get(final byte[] key) {',
        '        return redisTemplate.execute((RedisCallback<Serializable>) conn -> {',
        '            byte[] value = conn.get(key);',
        '            return (Serializable) RedisUtil.deserialize(value);',
        '        });',
        '    }',
        '',
        '    public Object typed(final byte[] key) {',
        '        return redisTemplate.execute((RedisCallback<Object>) conn -> {',
        '            byte[] value = conn.get(key);',
        '            return ProtoUtil.deserialize(value, User.class);',
        '        });',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unsafe-deserializer', text)).toEqual([12]);
  });
});
