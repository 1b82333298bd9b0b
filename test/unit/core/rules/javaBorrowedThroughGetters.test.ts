/** connection-not-returned in Java: a Jedis connection borrowed through a project wrapper's getter, whatever it is named. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java connections borrowed through a wrapper getter', () => {
  it('reports the getter call whose ShardedJedis is never given back, not those returned in finally', () => {
    const text = javaClassSource(
      {
        imports: ['import redis.clients.jedis.ShardedJedis;'],
        declaration: 'public class CacheClient',
        fields: ['    private RedisServiceImpl redisService;'],
      },
      [
        '    public void disconnect() {',
        '        ShardedJedis shardedJedis = redisService.getRedisClient();',
        '        shardedJedis.disconnect();',
        '    }',
        '',
        '    public String get(String key) {',
        '        ShardedJedis shardedJedis = redisService.getRedisClient();',
        '        boolean broken = false;',
        '        try {',
        '            return shardedJedis.get(key);',
        '        } catch (Exception e) {',
        '            broken = true;',
        '            return null;',
        '        } finally {',
        '            redisService.returnResource(shardedJedis, broken);',
        '        }',
        '    }',
        '',
        '    public String name() {',
        '        String name = redisService.getName();',
        '        return name;',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('connection-not-returned', text)).toEqual([9]);
  });
});
