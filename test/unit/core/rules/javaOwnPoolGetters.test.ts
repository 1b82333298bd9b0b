/** Java receivers reached through the file's own getter: `getJedisPool().getResource()` borrows from the pool the getter returns. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: ['import java.util.*;', 'import redis.clients.jedis.Jedis;', 'import redis.clients.jedis.JedisPool;', 'import redis.clients.jedis.JedisPoolConfig;'],
  declaration: 'public class Counters',
  fields: ['    private JedisPool jedisPool;', '    private final JedisPoolConfig config = new JedisPoolConfig();'],
};

describe('Java pools reached through the class own getter', () => {
  it('reports a Jedis borrowed through a lazily-creating getter and closed only on the success path', () => {
    const text = javaClassSource(
      shape,
      [
        '    private JedisPool getJedisPool() {',
        '        if (jedisPool == null) {',
        '            synchronized (Counters.class) {',
        '                if (jedisPool == null) jedisPool = new JedisPool(config, "localhost", 6379);',
        '            }',
        '        }',
        '        return jedisPool;',
        '    }',
        '',
        '    public Long hit(String key) {',
        '        Jedis jedis = getJedisPool().getResource();',
        '        Long n = jedis.incr(key);',
        '        jedis.close();',
        '        return n;',
        '    }',
        '',
        '    public String read(String key) {',
        '        try (Jedis jedis = getJedisPool().getResource()) {',
        '            return jedis.get(key);',
        '        }',
        '    }',
        '',
        '    public void drop(String key) {',
        '        Jedis jedis = this.getJedisPool().getResource();',
        '        try {',
        '            jedis.del(key);',
        '        } finally {',
        '            jedis.close();',
        '        }',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([22]);
  });

  it('does not take getters of other types, overloaded getters or getters with arguments for a pool', () => {
    const text = javaClassSource(
      {
        imports: ['import java.net.URL;', 'import redis.clients.jedis.Jedis;', 'import redis.clients.jedis.JedisPool;'],
        declaration: 'public class Resources',
        fields: ['    private JedisPool pool = new JedisPool("localhost", 6379);', '    private final ClassLoader loader = Resources.class.getClassLoader();'],
      },
      [
        '    private ClassLoader getLoader() {',
        '        return loader;',
        '    }',
        '',
        '    private JedisPool getPool(String name) {',
        '        return pool;',
        '    }',
        '',
        '    private JedisPool shared() {',
        '        return pool;',
        '    }',
        '',
        '    private JedisPool shared(int db) {',
        '        return pool;',
        '    }',
        '',
        '    public URL template() {',
        '        return getLoader().getResource("template.txt");',
        '    }',
        '',
        '    public Jedis lend(String name) {',
        '        return getPool(name).getResource();',
        '    }',
        '',
        '    public void touch(String key) {',
        '        Jedis jedis = shared().getResource();',
        '        jedis.expire(key, 60);',
        '        jedis.close();',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([]);
  });
});
