/** set-then-expire in Java when the write and the EXPIRE sit in different branches of one `if`. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function reportedLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.concurrent.TimeUnit;',
        'import org.springframework.data.redis.core.RedisTemplate;',
      ],
      declaration: 'public class Baskets',
      fields: ['    private RedisTemplate redisTemplate;'],
    },
    body,
  );
  return findingLines('set-then-expire', text);
}

describe('Java set-then-expire across branches', () => {
  it('reports the write of the else branch that the EXPIRE follows, not the write of the other branch', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (redisTemplate.hasKey(key)) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '            redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '        }',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([13]);
  });

  it('still reports a write in a branch that an EXPIRE after the whole if/else follows', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (amount > 0) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            amount = 0;',
      '        }',
      '        redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([11]);
  });

  it('does not pair a write with an EXPIRE that only the other branch sends', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (amount > 0) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '        }',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([]);
  });
});
