/** unbounded-collection-read in Java: RedisConnection.zRangeByLex(key) without a Range reads every member of the sorted set. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java ZRANGEBYLEX reads', () => {
  it('reports zRangeByLex with the key alone, not with a Range and a Limit', () => {
    const text = javaClassSource(
      {
        imports: [
          'import java.util.Set;',
          'import org.springframework.data.redis.connection.RedisZSetCommands;',
          'import org.springframework.data.redis.core.RedisCallback;',
          'import org.springframework.data.redis.core.RedisTemplate;',
        ],
        declaration: 'public class Names',
        fields: ['    private RedisTemplate<String, String> redisTemplate;'],
      },
      [
        '    public Set<byte[]> all(String key) {',
        '        return redisTemplate.execute((RedisCallback<Set<byte[]>>) connection -> connection.zRangeByLex(key.getBytes()));',
        '    }',
        '',
        '    public Set<byte[]> page(String key, String min, String max) {',
        '        return redisTemplate.execute((RedisCallback<Set<byte[]>>) connection -> connection.zRangeByLex(key.getBytes(), RedisZSetCommands.Range.range().gte(min).lte(max), RedisZSetCommands.Limit.limit().count(100)));',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([12]);
  });
});
