/** connection-not-returned in Java: a Jedis lent by a project class called by name, given back with its own return method. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java connections lent by a project class', () => {
  it('follows a Jedis from JedisPoolMulti.get(name) to the lender\'s return method', () => {
    const text = javaClassSource(
      {
        imports: ['import redis.clients.jedis.Jedis;'],
        declaration: 'public class Stock',
        fields: ['    private static final String POOL = "local";'],
      },
      [
        '    public long leaked() {',
        '        Jedis jedis = JedisPoolMulti.get(POOL);',
        '        return jedis.incr("hits");',
        '    }',
        '',
        '    public long returned() {',
        '        Jedis jedis = JedisPoolMulti.get(POOL);',
        '        try {',
        '            return jedis.incr("hits");',
        '        } finally {',
        '            JedisPoolMulti.returnSource(POOL, jedis);',
        '        }',
        '    }',
        '',
        '    public String notAConnection() {',
        '        String value = RedisKeys.get("hits");',
        '        return value;',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([9]);
  });
});
