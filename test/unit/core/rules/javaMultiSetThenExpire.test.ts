/** set-then-expire in Java: MSET of a map, then an EXPIRE of each of its keys in a loop. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: ['import java.util.*;', 'import java.util.concurrent.TimeUnit;', 'import org.springframework.data.redis.core.*;'],
  declaration: 'public class Batches',
  fields: ['    private RedisTemplate<String, Object> redisTemplate;'],
};

describe('Java MSET followed by an EXPIRE per key', () => {
  it('reports multiSet(map) followed by an EXPIRE of every key of the map, through keySet() or entrySet()', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void mset(Map<String, String> values, long seconds) {',
        '        redisTemplate.opsForValue().multiSet(values);',
        '        if (seconds > 0) {',
        '            for (String key : values.keySet()) {',
        '                redisTemplate.boundValueOps(key).expire(seconds, TimeUnit.SECONDS);',
        '            }',
        '        }',
        '    }',
        '',
        '    public void msetEntries(Map<String, String> values, long seconds) {',
        '        redisTemplate.opsForValue().multiSet(values);',
        '        for (Map.Entry<String, String> e : values.entrySet()) {',
        '            redisTemplate.expire(e.getKey(), seconds, TimeUnit.SECONDS);',
        '        }',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('set-then-expire', text)).toEqual([11, 20]);
  });

  it('does not report an EXPIRE of keys of another map, or of one fixed key', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void mset(Map<String, String> values, Map<String, String> old, long seconds) {',
        '        redisTemplate.opsForValue().multiSet(values);',
        '        for (String key : old.keySet()) {',
        '            redisTemplate.expire(key, seconds, TimeUnit.SECONDS);',
        '        }',
        '        redisTemplate.expire("batch:marker", seconds, TimeUnit.SECONDS);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('set-then-expire', text)).toEqual([]);
  });
});
