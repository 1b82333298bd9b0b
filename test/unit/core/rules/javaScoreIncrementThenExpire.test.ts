/** set-then-expire in Java: a score or float increment that creates the key, then a separate EXPIRE of it. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java increments by score or float followed by a separate EXPIRE', () => {
  it('reports ZINCRBY, INCRBYFLOAT and HINCRBYFLOAT before an EXPIRE of the same key, not of another key nor in a transaction', () => {
    const text = javaClassSource(
      {
        imports: ['import java.time.Duration;', 'import java.util.List;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class Rankings',
        fields: ['    private StringRedisTemplate redisTemplate;'],
      },
      [
        '    public void score(String key, String member, double delta, Duration ttl) {',
        '        redisTemplate.opsForZSet().incrementScore(key, member, delta);',
        '        redisTemplate.expire(key, ttl);',
        '    }',
        '',
        '    public void spend(String key, double amount) {',
        '        redisTemplate.opsForValue().increment(key, amount);',
        '        redisTemplate.expire(key, Duration.ofDays(1));',
        '    }',
        '',
        '    public void weigh(String key, String field, double amount) {',
        '        redisTemplate.opsForHash().increment(key, field, amount);',
        '        redisTemplate.expire(key, Duration.ofDays(1));',
        '    }',
        '',
        '    public void other(String key, String member, String marker) {',
        '        redisTemplate.opsForZSet().incrementScore(key, member, 1);',
        '        redisTemplate.expire(marker, Duration.ofDays(1));',
        '    }',
        '',
        '    public List<Object> atomic(String key, String member) {',
        '        return redisTemplate.execute(new SessionCallback<List<Object>>() {',
        '            public List<Object> execute(RedisOperations operations) {',
        '                operations.multi();',
        '                operations.opsForZSet().incrementScore(key, member, 1);',
        '                operations.expire(key, Duration.ofDays(1));',
        '                return operations.exec();',
        '            }',
        '        });',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('set-then-expire', text)).toEqual([11, 16, 21]);
  });
});
