/** unbounded-collection-read in Java: an HGETALL read straight back into one object is a fixed-field object hash. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function readLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.Map;',
        'import org.springframework.data.redis.core.StringRedisTemplate;',
      ],
      declaration: 'public class Sessions',
      fields: ['    private StringRedisTemplate template;'],
    },
    body,
  );
  return findingLines('unbounded-collection-read', text);
}

describe('Java HGETALL of an object hash', () => {
  it('is not reported when the map is filled into a bean, and is when its entries are iterated', () => {
    const body = [
      '    public UserDto user(String token) {',
      '        Map<Object, Object> userMap = template.opsForHash().entries("login:token:" + token);',
      '        return BeanUtil.fillBeanWithMap(userMap, new UserDto(), false);',
      '    }',
      '',
      '    public int items(String cartId) {',
      '        Map<Object, Object> items = template.opsForHash().entries("cart:" + cartId);',
      '        int total = 0;',
      '        for (Object amount : items.values()) total += Integer.parseInt(amount.toString());',
      '        return total;',
      '    }',
    ].join('\n');
    expect(readLines(body)).toEqual([15]);
  });
});
