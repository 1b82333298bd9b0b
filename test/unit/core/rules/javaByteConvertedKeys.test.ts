/** Keys converted to bytes with a charset constant (`key.getBytes(CHARSET)`) are the key, not the charset, when Java rules compare keys. */
import { describe, expect, it } from 'vitest';
import { javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function delLargeLines(del: string, push: string): number[] {
  const text = [
    'package app;',
    '',
    'import org.springframework.data.redis.core.RedisCallback;',
    'import org.springframework.data.redis.core.RedisTemplate;',
    '',
    'public class ByteStore {',
    '    private static final String CHARSET = "UTF-8";',
    '    private static final String QUEUE = "jobs";',
    '    private RedisTemplate<String, Object> template;',
    '',
    '    public boolean del(final String key) {',
    `        return template.execute((RedisCallback<Boolean>) connection -> { connection.del(${del}); return true; });`,
    '    }',
    '',
    '    public Long push(final String key, String value) {',
    `        return template.execute((RedisCallback<Long>) connection -> connection.lPush(${push}, value.getBytes(CHARSET)));`,
    '    }',
    '}',
    '',
  ].join('\n');
  return findingLines('del-large-key', text);
}

describe('Java keys converted with getBytes(CHARSET)', () => {
  it('are each method\'s own parameter: a wrapper\'s DEL is not the list another method pushes to', () => {
    expect(delLargeLines('key.getBytes(CHARSET)', 'key.getBytes(CHARSET)')).toEqual([]);
  });

  it('are the same constant key in both methods: the DEL of the pushed list is reported', () => {
    expect(delLargeLines('QUEUE.getBytes(CHARSET)', 'QUEUE.getBytes(CHARSET)')).toEqual([12]);
  });
});
