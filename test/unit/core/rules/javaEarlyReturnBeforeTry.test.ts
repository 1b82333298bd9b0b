/** connection-not-returned in Java: a path that leaves between taking a pooled Jedis and the try whose finally gives it back. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java early exits before the try that returns the connection', () => {
  it('reports a return or throw before the try, not a null guard, a released exit or a connection taken inside the try', () => {
    const text = javaClassSource(
      {
        imports: ['import redis.clients.jedis.Jedis;', 'import redis.clients.jedis.JedisPool;'],
        declaration: 'public class Counters',
        fields: ['    private JedisPool pool;'],
      },
      [
        '    public boolean limited() {',
        '        Jedis jedis = pool.getResource();',
        '        if (jedis.incr("requests") > 30) {',
        '            return false;',
        '        }',
        '        try {',
        '            jedis.incr("accepted");',
        '        } finally {',
        '            jedis.close();',
        '        }',
        '        return true;',
        '    }',
        '',
        '    public long guarded() {',
        '        Jedis jedis = pool.getResource();',
        '        if (jedis == null) return 0;',
        '        // return early when the pool is closed',
        '        if (jedis.incr("requests") > 30) {',
        '            jedis.close();',
        '            return -1;',
        '        }',
        '        try {',
        '            return jedis.incr("accepted");',
        '        } finally {',
        '            jedis.close();',
        '        }',
        '    }',
        '',
        '    public long inside() {',
        '        Jedis jedis = null;',
        '        try {',
        '            jedis = pool.getResource();',
        '            if (jedis.exists("off")) return 0;',
        '            return jedis.incr("accepted");',
        '        } finally {',
        '            if (jedis != null) jedis.close();',
        '        }',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([10]);
  });
});
