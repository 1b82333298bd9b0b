/** unbounded-collection-read in Java: a per-entity hash whose every write stores one object's fields (a bean turned into a map). */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: ['import java.util.*;', 'import cn.hutool.core.bean.BeanUtil;', 'import org.springframework.data.redis.core.*;'],
  declaration: 'public class Shops',
  fields: ['    private RedisTemplate<String, Object> redisTemplate;', '    private ShopDao shopDao;', '    private static final String SHOP = "shop:";'],
};

describe('Java whole reads of hashes written from one object', () => {
  it('does not report HGETALL of a per-entity hash written only with putAll of a bean converted to a map', () => {
    const text = javaClassSource(
      shape,
      [
        '    public Map<Object, Object> find(Integer id) {',
        '        String key = SHOP + id;',
        '        Map<Object, Object> map = redisTemplate.opsForHash().entries(key);',
        '        if (map.isEmpty()) {',
        '            redisTemplate.opsForHash().putAll(key, BeanUtil.beanToMap(shopDao.findById(id)));',
        '        }',
        '        return map;',
        '    }',
        '',
        '    public void add(Shop shop) {',
        '        String key = SHOP + shop.getId();',
        '        Map<Object, Object> old = redisTemplate.opsForHash().entries(key);',
        '        Map<String, Object> fields = BeanUtil.beanToMap(shop);',
        '        fields.put("createdAt", new Date());',
        '        redisTemplate.opsForHash().putAll(key, fields);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('still reports the hash when a write adds a computed field, or when the key is the caller\'s', () => {
    const text = javaClassSource(
      shape,
      [
        '    public Map<Object, Object> visitors(Integer id, String user) {',
        '        String key = SHOP + id;',
        '        Map<String, Object> fields = BeanUtil.beanToMap(shopDao.findById(id));',
        '        fields.put(user, 1);',
        '        redisTemplate.opsForHash().putAll(key, fields);',
        '        return redisTemplate.opsForHash().entries(key);',
        '    }',
        '',
        '    public Map<Object, Object> read(String key, Object bean) {',
        '        redisTemplate.opsForHash().putAll(key, BeanUtil.beanToMap(bean));',
        '        return redisTemplate.opsForHash().entries(key);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([17, 22]);
  });
});
