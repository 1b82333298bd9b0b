/** command-in-loop in Java: Iterator/Cursor.forEachRemaining runs its lambda once per element, like forEach. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java commands in a forEachRemaining lambda', () => {
  it('reports a DEL per scanned key, not keys only collected nor DELs queued in a pipeline', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class Evictions',
        fields: ['    private StringRedisTemplate redisTemplate;'],
      },
      [
        '    public void evict(String prefix) {',
        '        redisTemplate.execute((RedisCallback<Void>) connection -> {',
        '            try (Cursor<byte[]> cursor = connection.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {',
        '                cursor.forEachRemaining(key -> connection.del(key));',
        '            }',
        '            return null;',
        '        });',
        '    }',
        '',
        '    public Set<byte[]> list(String prefix) {',
        '        Set<byte[]> keys = new HashSet<>();',
        '        redisTemplate.execute((RedisCallback<Void>) connection -> {',
        '            try (Cursor<byte[]> cursor = connection.scan(ScanOptions.scanOptions().match(prefix + "*").build())) {',
        '                cursor.forEachRemaining(keys::add);',
        '            }',
        '            return null;',
        '        });',
        '        return keys;',
        '    }',
        '',
        '    public void evictQueued(List<byte[]> keys) {',
        '        redisTemplate.executePipelined((RedisCallback<Object>) connection -> {',
        '            keys.iterator().forEachRemaining(key -> connection.del(key));',
        '            return null;',
        '        });',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('command-in-loop', text)).toEqual([12]);
  });
});
