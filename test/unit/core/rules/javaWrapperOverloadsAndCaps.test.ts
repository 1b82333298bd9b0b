/** Java wrappers that offer a TTL overload, thin HSET wrappers, and collections the code caps at a fixed size. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function linesOf(rule: string, body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import java.util.concurrent.TimeUnit;',
        'import org.springframework.data.redis.core.*;',
      ],
      declaration: 'public class Store',
      fields: ['    private RedisTemplate redisTemplate;'],
    },
    body,
  );
  return findingLines(rule, text);
}

describe('Java cache wrappers', () => {
  it('leave the TTL to the caller when an overload takes a timeout, and a thin HSET wrapper writes the caller hash', () => {
    const body = [
      '    public <T> void setCacheObject(final String key, final T value) {',
      '        redisTemplate.opsForValue().set(key, value);',
      '    }',
      '',
      '    public <T> void setCacheObject(final String key, final T value, final Long timeout, final TimeUnit unit) {',
      '        redisTemplate.opsForValue().set(key, value, timeout, unit);',
      '    }',
      '',
      '    public <T> void setCacheMapValue(final String key, final String hKey, final T value) {',
      '        redisTemplate.opsForHash().put(key, hKey, value);',
      '    }',
    ].join('\n');
    expect(linesOf('cache-write-without-ttl', body)).toEqual([]);
  });

  it('still report a cache write with no TTL variant, and an HSET that builds the value it caches', () => {
    const body = [
      '    public void cacheUser(String key, String json) {',
      '        redisTemplate.opsForValue().set(key, json);',
      '    }',
      '',
      '    public void putCache(String className, String key, Object value) {',
      '        String json = String.valueOf(value);',
      '        redisTemplate.opsForHash().put(className, key, json);',
      '    }',
    ].join('\n');
    expect(linesOf('cache-write-without-ttl', body)).toEqual([11, 16]);
  });
});

describe('Java whole reads of capped collections', () => {
  it('are not reported for the collection type the file caps with a size check, and are for the others', () => {
    const body = [
      '    public void add(Long userId, Long skuId, Object item) {',
      '        BoundHashOperations ops = redisTemplate.boundHashOps("user:cart:" + userId);',
      '        if (ops.size() >= 50) {',
      '            throw new IllegalStateException("cart is full");',
      '        }',
      '        ops.put(skuId.toString(), item);',
      '    }',
      '',
      '    public List<Object> list(Long userId) {',
      '        return redisTemplate.opsForHash().values("user:cart:" + userId);',
      '    }',
      '',
      '    public Set<Object> likes(Long userId) {',
      '        return redisTemplate.opsForSet().members("likes:" + userId);',
      '    }',
    ].join('\n');
    expect(linesOf('unbounded-collection-read', body)).toEqual([23]);
  });

  it('are reported when the size is only logged, not enforced', () => {
    const body = [
      '    public List<Object> list(String sessionId) {',
      '        long size = redisTemplate.opsForHash().size("guest:cart:" + sessionId);',
      '        System.out.println(size);',
      '        return redisTemplate.opsForHash().values("guest:cart:" + sessionId);',
      '    }',
    ].join('\n');
    expect(linesOf('unbounded-collection-read', body)).toEqual([13]);
  });
});
