/** Java: DEL of a hash read whole just before, DELs of data beside a lock, and Jackson validators that allow everything. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function linesOf(rule: string, body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import java.util.concurrent.TimeUnit;',
        'import com.fasterxml.jackson.databind.ObjectMapper;',
        'import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;',
        'import org.springframework.data.redis.core.*;',
        'import org.springframework.data.redis.serializer.GenericJackson2JsonRedisSerializer;',
      ],
      declaration: 'public class Orders',
      fields: ['    private RedisTemplate redisTemplate;'],
    },
    body,
  );
  return findingLines(rule, text);
}

describe('Java DEL of a hash the method has just read whole', () => {
  it('is reported; a DEL of a string read before is not', () => {
    const body = [
      '    public void merge(String cartId, Long userId) {',
      '        String guestKey = "cart:guest:" + cartId;',
      '        Map<Object, Object> items = redisTemplate.opsForHash().entries(guestKey);',
      '        redisTemplate.opsForHash().putAll("cart:user:" + userId, items);',
      '        redisTemplate.delete(guestKey);',
      '    }',
      '',
      '    public Object take(String token) {',
      '        Object value = redisTemplate.opsForValue().get("token:" + token);',
      '        redisTemplate.delete("token:" + token);',
      '        return value;',
      '    }',
    ].join('\n');
    expect(linesOf('del-large-key', body)).toEqual([17]);
  });
});

describe('Java lock release beside data', () => {
  it('reports the DEL of the lock key in an unlock method, not the DEL of the data it guards', () => {
    const body = [
      '    public void unlock(String orderNo) {',
      '        String lockKey = "stock:unlock:" + orderNo;',
      '        String dataKey = "stock:data:" + orderNo;',
      '        if (!redisTemplate.opsForValue().setIfAbsent(lockKey, "", 1, TimeUnit.HOURS)) return;',
      '        redisTemplate.delete(dataKey);',
      '        redisTemplate.delete(lockKey);',
      '    }',
    ].join('\n');
    expect(linesOf('lock-release-without-ownership', body)).toEqual([18]);
  });
});

describe('Java Jackson default typing on a Redis serializer', () => {
  it('is reported with a validator that allows every subtype of Object, not with one limited to a package', () => {
    const body = [
      '    public GenericJackson2JsonRedisSerializer open() {',
      '        ObjectMapper mapper = new ObjectMapper();',
      '        mapper.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(), ObjectMapper.DefaultTyping.NON_FINAL);',
      '        return new GenericJackson2JsonRedisSerializer(mapper);',
      '    }',
      '',
      '    public GenericJackson2JsonRedisSerializer limited() {',
      '        ObjectMapper typed = new ObjectMapper();',
      '        typed.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType("com.example.").build(), ObjectMapper.DefaultTyping.NON_FINAL);',
      '        return new GenericJackson2JsonRedisSerializer(typed);',
      '    }',
    ].join('\n');
    expect(linesOf('unsafe-deserializer', body)).toEqual([15]);
  });
});
