/**
 * cache-write-without-ttl for a Java hash whose key says cache: entries put one by one (HSET of a computed field) are
 * reported only when nothing in the file evicts fields of that hash, deletes it or expires it; a hash kept in step
 * with its source by HDEL on every change is not left to grow. A refill on a read miss is judged as before.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const IMPORTS = ['import org.springframework.data.redis.core.RedisTemplate;'];

function serviceLines(methods: string[]): number[] {
  const fields = [
    '    private static final String CACHE_CLIENT_KEY = "client_details";',
    '    private static final String CACHE_ROUTE_KEY = "route_details";',
    '    private RedisTemplate<String, Object> redisTemplate;',
  ];
  return findingLines('cache-write-without-ttl', javaClassSource({ imports: IMPORTS, declaration: 'public class ClientCacheService', fields }, methods.join('\n')));
}

const PUT = [
  '    public void cacheClient(String clientId, String json) {',
  '        redisTemplate.opsForHash().put(CACHE_CLIENT_KEY, clientId, json);',
  '    }',
];

describe('Java cache hashes evicted field by field', () => {
  it('leaves an HSET alone when the file evicts fields of the same hash, deletes it or expires it', () => {
    for (const eviction of [
      '        redisTemplate.opsForHash().delete(CACHE_CLIENT_KEY, clientId);',
      '        redisTemplate.delete(CACHE_CLIENT_KEY);',
      '        redisTemplate.expire(CACHE_CLIENT_KEY, 1, java.util.concurrent.TimeUnit.HOURS);',
    ]) {
      expect(serviceLines([...PUT, '', '    public void evict(String clientId) {', eviction, '    }'])).toEqual([]);
    }
  });

  it('reports it when nothing prunes that hash, or only another hash is evicted', () => {
    expect(serviceLines(PUT)).toEqual([11]);
    expect(serviceLines([...PUT, '', '    public void evict(String id) {', '        redisTemplate.opsForHash().delete(CACHE_ROUTE_KEY, id);', '    }'])).toEqual([11]);
  });
});
