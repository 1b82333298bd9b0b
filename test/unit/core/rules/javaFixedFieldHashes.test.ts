/** unbounded-collection-read in Java: a hash whose every write in the file names its fields is one object, not a growing map. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java whole reads of fixed-field hashes', () => {
  it('does not report HGETALL of hashes written with literal fields only, but does one filled with computed fields', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import org.springframework.data.redis.connection.RedisConnection;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class Profiles',
        fields: ['    private RedisTemplate<String, String> redisTemplate;'],
      },
      [
        '    public Map<String, String> user() {',
        '        Map<String, String> fields = new HashMap<>();',
        '        fields.put("name", "cz");',
        '        fields.put("age", "12");',
        '        HashOperations<String, String, String> ops = redisTemplate.opsForHash();',
        '        ops.putAll("user:1", fields);',
        '        return ops.entries("user:1");',
        '    }',
        '',
        '    public void settings() {',
        '        redisTemplate.opsForHash().put("settings", "a", "1");',
        '        redisTemplate.opsForHash().put("settings", "b", "2");',
        '        redisTemplate.execute((RedisConnection rc) -> {',
        '            String key = "settings";',
        '            return rc.hGetAll(key.getBytes());',
        '        });',
        '    }',
        '',
        '    public Map<Object, Object> visits(String page) {',
        '        redisTemplate.opsForHash().put("visits", page, "1");',
        '        return redisTemplate.opsForHash().entries("visits");',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([30]);
  });
});
