/**
 * set-then-expire in Java when one call binds the key (`boundValueOps(k).set(v)`, or operations bound to it earlier)
 * and the other names it, and through the write methods of a RuoYi-style RedisCache component.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java writes and EXPIREs that reach one key two ways', () => {
  it('reports a bound write expired by name and a named write expired through bound operations, not another key', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.concurrent.TimeUnit;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class TokenStore',
        fields: ['    private RedisTemplate<String, Object> redisTemplate;'],
      },
      [
        '    public void save(String id, Object v) {',
        '        redisTemplate.boundValueOps("token:" + id).set(v);',
        '        redisTemplate.expire("token:" + id, 60, TimeUnit.SECONDS);',
        '    }',
        '',
        '    public void rank(String id, Object member) {',
        '        redisTemplate.opsForZSet().add("rank:" + id, member, 1);',
        '        redisTemplate.boundZSetOps("rank:" + id).expire(1, TimeUnit.HOURS);',
        '    }',
        '',
        '    public void other(String id, Object v) {',
        '        redisTemplate.boundValueOps("token:" + id).set(v);',
        '        redisTemplate.expire("session:" + id, 60, TimeUnit.SECONDS);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('set-then-expire', text)).toEqual([10, 15]);
  });

  it('reports operations bound to a key earlier and expired by name, and RedisCache writes followed by its expire', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import java.util.concurrent.TimeUnit;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class CaptchaService',
        fields: ['    private RedisTemplate<String, Object> redisTemplate;', '    private RedisCache redisCache;'],
      },
      [
        '    public void save(String key, Object code) {',
        '        BoundValueOperations<String, Object> ops = redisTemplate.boundValueOps(key);',
        '        ops.set(code);',
        '        redisTemplate.expire(key, 2, TimeUnit.MINUTES);',
        '    }',
        '',
        '    public void cacheDicts(String key, List<Object> dicts, Map<String, Object> labels) {',
        '        redisCache.setCacheList(key, dicts);',
        '        redisCache.expire(key, 30, TimeUnit.MINUTES);',
        '        redisCache.setCacheMap(key + ":labels", labels);',
        '        redisCache.expire(key + ":labels", 30, TimeUnit.MINUTES);',
        '    }',
        '',
        '    public void cacheWithTtl(String key, Object value) {',
        '        redisCache.setCacheObject(key, value, 30, TimeUnit.MINUTES);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('set-then-expire', text)).toEqual([13, 18, 20]);
  });
});
