/**
 * cache-write-without-ttl on Java: a list cached whole (read with LRANGE, filled with a push of the loaded items when
 * the read found nothing) is a cache entry like a string; a value read after WATCH and written back inside MULTI is a
 * check-and-set of state (a token bucket, a counter), not a cache refilled on a miss.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function ttlLines(imports: string[], fields: string[], body: string): number[] {
  return findingLines('cache-write-without-ttl', javaClassSource({ imports: ['import java.util.List;', ...imports], declaration: 'public class Types', fields }, body));
}

const TEMPLATE = ['import java.util.concurrent.TimeUnit;', 'import org.springframework.data.redis.core.StringRedisTemplate;'];

function listCache(expire: string, key = 'CACHE_SHOP_TYPE_KEY'): string {
  return [
    '    public List<String> queryTypes() {',
    `        List<String> cached = template.opsForList().range(${key}, 0, -1);`,
    '        if (!cached.isEmpty()) {',
    '            return cached;',
    '        }',
    '        List<String> loaded = loadTypes();',
    `        template.opsForList().rightPushAll(${key}, loaded);`,
    expire,
    '        return loaded;',
    '    }',
  ].join('\n');
}

describe('Java lists cached whole', () => {
  const fields = ['    private static final String CACHE_SHOP_TYPE_KEY = "cache:shop:type";', '    private static final String CHAT_KEY = "chat:lobby";', '    private StringRedisTemplate template;'];

  it('are reported when the push that fills a cache-named list after an empty LRANGE gives it no TTL', () => {
    expect(ttlLines(TEMPLATE, fields, listCache(''))).toEqual([18]);
  });

  it('are not reported when the list is given an expiry, or when the list is not named as a cache', () => {
    expect(ttlLines(TEMPLATE, fields, listCache('        template.expire(CACHE_SHOP_TYPE_KEY, 30, TimeUnit.MINUTES);'))).toEqual([]);
    expect(ttlLines(TEMPLATE, fields, listCache('', 'CHAT_KEY'))).toEqual([]);
  });
});

describe('Java check-and-set inside MULTI', () => {
  const imports = ['import io.lettuce.core.api.sync.RedisCommands;'];
  const fields = ['    private RedisCommands<String, String> r;'];

  it('is not reported: the hash read after WATCH and written inside MULTI holds state', () => {
    const body = [
      '    public boolean take(String bucketKey) {',
      '        r.watch(bucketKey);',
      '        String tokens = r.hget(bucketKey, "tokens");',
      '        r.multi();',
      '        if (tokens == null) {',
      '            r.hset(bucketKey, "lastTick", Long.toString(System.currentTimeMillis()));',
      '        }',
      '        return r.exec() != null;',
      '    }',
    ].join('\n');
    expect(ttlLines(imports, fields, body)).toEqual([]);
  });

  it('is reported without MULTI, when the write fills the hash the read missed', () => {
    const body = [
      '    public String price(String productKey) {',
      '        String price = r.hget(productKey, "price");',
      '        if (price == null) {',
      '            price = loadPrice();',
      '            r.hset(productKey, "price", price);',
      '        }',
      '        return price;',
      '    }',
    ].join('\n');
    expect(ttlLines(imports, fields, body)).toEqual([13]);
  });
});
