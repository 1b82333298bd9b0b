/** Java loops whose rounds each take a lock, and SETs of lock or counter keys that are not cache entries. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function sellerSource(body: string): string {
  return javaClassSource(
    {
      imports: ['import java.util.*;', 'import java.util.concurrent.TimeUnit;', 'import org.redisson.api.*;', 'import org.springframework.data.redis.core.*;'],
      declaration: 'public class Seller',
      fields: ['    private RedisTemplate<String, Object> redisTemplate;', '    private RedissonClient redisson;'],
    },
    body,
  );
}

describe('Java loops that take a lock in every round', () => {
  it('does not report rounds that lock and unlock around their commands, but does a plain loop', () => {
    const body = [
      '    public void sell() {',
      '        for (int i = 0; i < 50; i++) {',
      '            RLock lock = redisson.getLock("locks");',
      '            lock.lock(60, TimeUnit.SECONDS);',
      '            int stock = Integer.parseInt(String.valueOf(redisTemplate.opsForValue().get("stock")));',
      '            lock.unlock();',
      '        }',
      '    }',
      '',
      '    public void order(List<String> ids) {',
      '        for (String id : ids) {',
      '            if (lock(id, "1")) {',
      '                unLock(id, "1");',
      '            }',
      '        }',
      '    }',
      '',
      '    public boolean lock(String key, String value) {',
      '        return Boolean.TRUE.equals(redisTemplate.opsForValue().setIfAbsent(key, value, 30, TimeUnit.SECONDS));',
      '    }',
      '',
      '    public void unLock(String key, String value) {',
      '        redisTemplate.delete(key);',
      '    }',
      '',
      '    public void read(List<String> ids) {',
      '        for (String id : ids) {',
      '            redisTemplate.opsForValue().get(id);',
      '        }',
      '    }',
    ].join('\n');
    expect(findingLines('command-in-loop', sellerSource(body))).toEqual([39]);
  });
});

describe('Java SETs of keys the method claimed or counts', () => {
  it('does not report a take-over SET after SETNX of the key, nor a converted read written back, but does a refill on a miss', () => {
    const body = [
      '    public boolean lock(String key, String value) {',
      '        String current = String.valueOf(redisTemplate.opsForValue().get(key));',
      '        if (!redisTemplate.opsForValue().setIfAbsent(key, value)) {',
      '            redisTemplate.opsForValue().set(key, value);',
      '        }',
      '        return true;',
      '    }',
      '',
      '    public void deduct() {',
      '        int stock = Integer.parseInt(String.valueOf(redisTemplate.opsForValue().get("stock")));',
      '        if (stock > 0) {',
      '            int rest = stock - 1;',
      '            redisTemplate.opsForValue().set("stock", rest + "");',
      '        }',
      '    }',
      '',
      '    public Object product(String id) {',
      '        Object product = redisTemplate.opsForValue().get("product:" + id);',
      '        if (product == null) {',
      '            product = load(id);',
      '            redisTemplate.opsForValue().set("product:" + id, product);',
      '        }',
      '        return product;',
      '    }',
      '',
      '    private Object load(String id) {',
      '        return id;',
      '    }',
    ].join('\n');
    expect(findingLines('cache-write-without-ttl', sellerSource(body))).toEqual([32]);
  });
});
