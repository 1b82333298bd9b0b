/**
 * connection-not-returned in Java: a pool the file does not declare (a static field of another class) whose
 * getResource() result the code declares a Jedis is followed like a known pool's.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java Jedis borrowed from a pool kept in another class', () => {
  it('reports a borrow not given back on every path, not try-with-resources, a finally, nor another getResource', () => {
    const text = javaClassSource(
      {
        imports: ['import java.io.InputStream;', 'import java.util.Map;', 'import redis.clients.jedis.Jedis;'],
        declaration: 'public class Carts',
        fields: [],
      },
      [
        '    public Map<String, String> items(String cartId) {',
        '        Jedis redis = Settings.jedisPool.getResource();',
        '        Map<String, String> items = redis.hgetAll(cartId);',
        '        redis.close();',
        '        return items;',
        '    }',
        '',
        '    public String owner(String cartId) {',
        '        Jedis redis = null;',
        '        redis = Settings.jedisPool.getResource();',
        '        return redis.get(cartId + ":owner");',
        '    }',
        '',
        '    public boolean exists(String cartId) {',
        '        try (Jedis redis = Settings.jedisPool.getResource()) {',
        '            return redis.exists(cartId);',
        '        }',
        '    }',
        '',
        '    public long size(String cartId) {',
        '        Jedis redis = null;',
        '        try {',
        '            redis = Settings.jedisPool.getResource();',
        '            return redis.hlen(cartId);',
        '        } finally {',
        '            if (redis != null) redis.close();',
        '        }',
        '    }',
        '',
        '    public InputStream template() {',
        '        InputStream in = Carts.class.getClassLoader().getResource("cart.txt").openStream();',
        '        return in;',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([10, 18]);
  });
});
