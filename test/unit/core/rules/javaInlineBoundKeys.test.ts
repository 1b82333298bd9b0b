/** set-then-expire in Java when one call binds the key inline (`boundValueOps(k).set(v)`) and the other names it. */
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
});
