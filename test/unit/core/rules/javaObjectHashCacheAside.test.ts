/** cache-write-without-ttl in Java: an object hash read whole, loaded on a miss and written back whole with no TTL. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function ttlLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: ['import java.util.*;', 'import java.util.concurrent.TimeUnit;', 'import cn.hutool.core.bean.BeanUtil;', 'import org.springframework.data.redis.core.RedisTemplate;'],
      declaration: 'public class Restaurants',
      fields: ['    private RedisTemplate<String, Object> redisTemplate;', '    private RestaurantDao dao;'],
    },
    body,
  );
  return findingLines('cache-write-without-ttl', text);
}

describe('Java object hashes refilled on a miss', () => {
  it('reports putAll of the loaded object on the miss branch of an HGETALL of the same key', () => {
    const body = [
      '    public Map<Object, Object> find(Integer id) {',
      '        String key = "restaurants:" + id;',
      '        Map<Object, Object> map = redisTemplate.opsForHash().entries(key);',
      '        if (map == null || map.isEmpty()) {',
      '            Restaurant r = dao.findById(id);',
      '            if (r != null) {',
      '                redisTemplate.opsForHash().putAll(key, BeanUtil.beanToMap(r));',
      '            }',
      '        }',
      '        return map;',
      '    }',
    ].join('\n');
    expect(ttlLines(body)).toEqual([18]);
  });

  it('does not report a record read and rewritten outside a miss branch, an expiring refill, or a wrapper forwarding its caller\'s map', () => {
    const body = [
      '    public void add(Voucher v) {',
      '        String key = "vouchers:" + v.getId();',
      '        Map<Object, Object> old = redisTemplate.opsForHash().entries(key);',
      '        Check.isTrue(old.isEmpty(), "already added");',
      '        redisTemplate.opsForHash().putAll(key, BeanUtil.beanToMap(v));',
      '    }',
      '',
      '    public Map<Object, Object> find(Integer id) {',
      '        String key = "restaurants:" + id;',
      '        Map<Object, Object> map = redisTemplate.opsForHash().entries(key);',
      '        if (map.isEmpty()) {',
      '            redisTemplate.opsForHash().putAll(key, BeanUtil.beanToMap(dao.findById(id)));',
      '            redisTemplate.expire(key, 10, TimeUnit.MINUTES);',
      '        }',
      '        return map;',
      '    }',
      '',
      '    public void setCacheMap(String key, Map<String, Object> dataMap) {',
      '        redisTemplate.opsForHash().putAll(key, dataMap);',
      '    }',
    ].join('\n');
    expect(ttlLines(body)).toEqual([]);
  });
});
