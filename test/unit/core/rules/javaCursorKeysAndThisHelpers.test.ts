/** command-in-loop in Java: a command per key of a Spring scan Cursor, and the file's own helper called as `this.helper(x)`. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function loopLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;', 'import org.springframework.data.redis.connection.*;'],
      declaration: 'public class KeyAdmin',
      fields: ['    private RedisTemplate<String, Object> redisTemplate;'],
    },
    body,
  );
  return findingLines('command-in-loop', text);
}

describe('Java loops over scanned keys and through this.helper()', () => {
  it('reports a TTL per key of a scan Cursor, not a cursor loop that only collects keys', () => {
    const body = [
      '    public Map<String, Long> ttls(String pattern) {',
      '        return redisTemplate.execute((RedisCallback<Map<String, Long>>) connection -> {',
      '            Map<String, Long> out = new HashMap<>();',
      '            try (Cursor<byte[]> cursor = connection.scan(ScanOptions.scanOptions().match(pattern).count(500).build())) {',
      '                while (cursor.hasNext()) {',
      '                    String key = new String(cursor.next());',
      '                    out.put(key, redisTemplate.getExpire(key));',
      '                }',
      '            }',
      '            return out;',
      '        });',
      '    }',
      '',
      '    public List<String> keys(String pattern) {',
      '        List<String> keys = new ArrayList<>();',
      '        try (Cursor<String> cursor = redisTemplate.scan(ScanOptions.scanOptions().match(pattern).build())) {',
      '            while (cursor.hasNext()) {',
      '                keys.add(cursor.next());',
      '            }',
      '        }',
      '        return keys;',
      '    }',
    ].join('\n');
    expect(loopLines(body)).toEqual([16]);
  });

  it('reports a loop calling a helper of the file through this', () => {
    const body = [
      '    public void removeAll(List<String> prefixes) {',
      '        for (String prefix : prefixes) {',
      '            this.removePrefix(prefix);',
      '        }',
      '    }',
      '',
      '    private void removePrefix(String prefix) {',
      '        redisTemplate.delete(redisTemplate.keys(prefix + "*"));',
      '    }',
    ].join('\n');
    expect(loopLines(body)).toEqual([12]);
  });
});
