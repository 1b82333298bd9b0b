/** del-large-key in Java: a wrapper method named for deleting one collection type DELs whatever key its caller passes. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java DEL in a wrapper named for a collection type', () => {
  it('reports sdel(key) and deleteList(key), not del(key) nor a method deleting a key of its own', () => {
    const text = javaClassSource(
      {
        imports: ['import redis.clients.jedis.Jedis;', 'import redis.clients.jedis.JedisPool;'],
        declaration: 'public class JedisAdapter',
        fields: ['    private JedisPool pool;'],
      },
      [
        '    public long sdel(String key) {',
        '        try (Jedis jedis = pool.getResource()) {',
        '            return jedis.del(key);',
        '        }',
        '    }',
        '',
        '    public long deleteList(String name) {',
        '        try (Jedis jedis = pool.getResource()) {',
        '            return jedis.del(name);',
        '        }',
        '    }',
        '',
        '    public long del(String key) {',
        '        try (Jedis jedis = pool.getResource()) {',
        '            return jedis.del(key);',
        '        }',
        '    }',
        '',
        '    public long clearSet(String user) {',
        '        try (Jedis jedis = pool.getResource()) {',
        '            return jedis.del("token:" + user);',
        '        }',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('del-large-key', text)).toEqual([11, 17]);
  });
});
