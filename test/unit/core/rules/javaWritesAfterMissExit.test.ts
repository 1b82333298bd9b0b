/** cache-write-without-ttl in Java: a write after the method leaves on a miss updates an entry that exists; it does not fill a cache. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java writes after an early exit on a miss', () => {
  it('does not report a state update after a null read returns or throws, but does the fill on the miss branch', () => {
    const text = javaClassSource(
      {
        imports: ['import org.springframework.data.redis.core.StringRedisTemplate;'],
        declaration: 'public class Items',
        fields: ['    private StringRedisTemplate redisTemplate;', '    private Loader loader;'],
      },
      [
        '    public boolean advance(String room, String id, String next) {',
        '        String key = "room:" + room + ":item:" + id;',
        '        Object current = redisTemplate.opsForHash().get(key, "status");',
        '        if (current == null) {',
        '            log.warn("item {} not found in room {}", id, room);',
        '            return false;',
        '        }',
        '        redisTemplate.opsForHash().put(key, "status", next);',
        '        return true;',
        '    }',
        '',
        '    public void rename(String id, String name) {',
        '        String key = "user:" + id;',
        '        String old = redisTemplate.opsForValue().get(key);',
        '        if (null == old) throw new IllegalStateException("no user " + id);',
        '        redisTemplate.opsForValue().set(key, name);',
        '    }',
        '',
        '    public String user(String id) {',
        '        String key = "user:" + id;',
        '        String cached = redisTemplate.opsForValue().get(key);',
        '        if (cached == null) {',
        '            cached = loader.load(id);',
        '            redisTemplate.opsForValue().set(key, cached);',
        '        }',
        '        return cached;',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('cache-write-without-ttl', text)).toEqual([32]);
  });
});
