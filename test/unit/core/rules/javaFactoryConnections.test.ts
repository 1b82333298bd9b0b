/** connection-not-returned in Java: a RedisConnection taken from a Spring connection factory, released on some paths only. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function leakLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import org.springframework.data.redis.connection.*;',
        'import org.springframework.data.redis.core.*;',
      ],
      declaration: 'public class PingService',
      fields: ['    private StringRedisTemplate redisTemplate;', '    private RedisConnectionFactory factory;'],
    },
    body,
  );
  return findingLines('connection-not-returned', text);
}

describe('Java connections taken from a Spring connection factory', () => {
  it('reports a connection released only in one branch, and one never released, not those closed in finally', () => {
    const body = [
      '    public void save(Map<String, String> values, boolean fast) {',
      '        RedisConnection connection = Objects.requireNonNull(redisTemplate.getConnectionFactory()).getConnection();',
      '        if (fast) {',
      '            redisTemplate.opsForValue().multiSet(values);',
      '        } else {',
      '            try {',
      '                connection.ping();',
      '            } finally {',
      '                RedisConnectionUtils.releaseConnection(connection, redisTemplate.getConnectionFactory());',
      '            }',
      '        }',
      '    }',
      '',
      '    public String info() {',
      '        RedisConnection connection = factory.getConnection();',
      '        return connection.info().toString();',
      '    }',
      '',
      '    public String ping() {',
      '        RedisConnection connection = redisTemplate.getConnectionFactory().getConnection();',
      '        try {',
      '            return connection.ping();',
      '        } finally {',
      '            if (connection != null) {',
      '                connection.close();',
      '            }',
      '        }',
      '    }',
      '',
      '    public String pingReleased() {',
      '        RedisConnection connection = factory.getConnection();',
      '        try {',
      '            return connection.ping();',
      '        } finally {',
      '            RedisConnectionUtils.releaseConnection(connection, factory);',
      '        }',
      '    }',
    ].join('\n');
    expect(leakLines(body)).toEqual([12, 25]);
  });

  it('does not report a connection handed to the caller', () => {
    const body = ['    public RedisConnection open() {', '        return factory.getConnection();', '    }'].join('\n');
    expect(leakLines(body)).toEqual([]);
  });
});
