/** unbounded-collection-read in Java: an HGETALL read straight back into one object is a fixed-field object hash. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function readLines(body: string): number[] {
  const text = [
    'package app;',
    '',
    'import java.util.Map;',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    '',
    'public class Sessions {',
    '    private StringRedisTemplate template;',
    '',
    body,
    '}',
    '',
  ].join('\n');
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Sessions.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'unbounded-collection-read').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
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
