/**
 * Writes whose key is their receiver, in each client's idiom: a Redisson RBucket, RMap or RAtomicLong, and Spring's
 * bound operations. set-then-expire pairs them with an expire() of the same object; cache-write-without-ttl sees the
 * cache-aside read and write of the same object.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: [
    'import java.time.Duration;',
    'import java.util.List;',
    'import org.redisson.api.RAtomicLong;',
    'import org.redisson.api.RBucket;',
    'import org.redisson.api.RMap;',
    'import org.redisson.api.RedissonClient;',
    'import org.springframework.data.redis.core.RedisTemplate;',
  ],
  declaration: 'public class Catalog',
  fields: ['    private RedisTemplate redisTemplate;', '    private RedissonClient redisson;', '    private ItemDao itemDao;'],
};

describe('Java writes keyed by their receiver', () => {
  it('reports an RAtomicLong increment followed by its own expire()', () => {
    const body = [
      '    public long hit(String id) {',
      '        RAtomicLong counter = redisson.getAtomicLong("hits:" + id);',
      '        long n = counter.incrementAndGet();',
      '        counter.expire(Duration.ofMinutes(5));',
      '        return n;',
      '    }',
    ].join('\n');
    expect(findingLines('set-then-expire', javaClassSource(shape, body))).toEqual([18]);
  });

  it('reports cache-aside writes through bound hash operations, an RBucket and a cache RMap, not those with a TTL', () => {
    const body = [
      '    public List<Item> byCategory(Long categoryId) {',
      '        List<Item> items = (List<Item>) redisTemplate.boundHashOps("items").get(categoryId);',
      '        if (items == null) {',
      '            items = itemDao.findByCategory(categoryId);',
      '            redisTemplate.boundHashOps("items").put(categoryId, items);',
      '        }',
      '        return items;',
      '    }',
      '',
      '    public Item one(Long id) {',
      '        RBucket<Item> bucket = redisson.getBucket("item:" + id);',
      '        Item item = bucket.get();',
      '        if (item == null) {',
      '            item = itemDao.find(id);',
      '            bucket.set(item);',
      '        }',
      '        return item;',
      '    }',
      '',
      '    public Item viaMap(Long id) {',
      '        RMap<Long, Item> cache = redisson.getMap("itemCache");',
      '        Item item = cache.get(id);',
      '        if (item == null) {',
      '            item = itemDao.find(id);',
      '            cache.put(id, item);',
      '        }',
      '        return item;',
      '    }',
      '',
      '    public Item withTtl(Long id) {',
      '        RBucket<Item> bucket = redisson.getBucket("item:" + id);',
      '        Item item = bucket.get();',
      '        if (item == null) {',
      '            item = itemDao.find(id);',
      '            bucket.set(item, Duration.ofMinutes(10));',
      '        }',
      '        return item;',
      '    }',
    ].join('\n');
    expect(findingLines('cache-write-without-ttl', javaClassSource(shape, body))).toEqual([20, 30, 40]);
  });

  it('leaves state kept in a Redisson map or bound hash: an update after a found entry, a cart entry added after HEXISTS', () => {
    const body = [
      '    public void toggle(Long contentId, String user) {',
      '        RMap<String, Integer> likes = redisson.getMap("likes:" + contentId);',
      '        Integer status = likes.get(user);',
      '        if (status == null) {',
      '            status = 0;',
      '        }',
      '        likes.put(user, status == 1 ? 0 : 1);',
      '    }',
      '',
      '    public void add(String userId, String skuId, Item item) {',
      '        if (redisTemplate.boundHashOps("cart:" + userId).hasKey(skuId)) {',
      '            return;',
      '        }',
      '        redisTemplate.boundHashOps("cart:" + userId).put(skuId, item);',
      '    }',
    ].join('\n');
    expect(findingLines('cache-write-without-ttl', javaClassSource(shape, body))).toEqual([]);
  });
});
