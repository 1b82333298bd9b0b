/** big-set-algebra on Java methods that only forward their caller's keys: reported at a wrapper's own line unless the file calls them itself. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function algebraLines(text: string): number[] {
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Sets.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'big-set-algebra').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
}

const wrapper = [
  'package app;',
  '',
  'import java.util.Collection;',
  'import java.util.Set;',
  'import org.springframework.data.redis.core.StringRedisTemplate;',
  '',
  'public class SetStore {',
  '    private StringRedisTemplate template;',
  '',
  '    public Set<String> intersect(String key, String otherKey) {',
  '        return template.opsForSet().intersect(key, otherKey);',
  '    }',
  '',
  '    public Long unionInto(String key, Collection<String> otherKeys, String destKey) {',
  '        return template.opsForSet().unionAndStore(key, otherKeys, destKey);',
  '    }',
  '}',
  '',
].join('\n');

describe('Java big-set-algebra in methods that forward their keys', () => {
  it('reports the public methods of a wrapper class that nothing in its file calls', () => {
    expect(algebraLines(wrapper)).toEqual([11, 15]);
  });

  it('leaves a helper to the file that calls it with the keys it builds, and reports that call site and a wrapper\'s set operations', () => {
    const text = [
      'package app;',
      '',
      'import java.util.Set;',
      'import app.util.RedisUtil;',
      'import org.springframework.data.redis.core.StringRedisTemplate;',
      '',
      'public class Follows {',
      '    private StringRedisTemplate template;',
      '    private RedisUtil redisUtil;',
      '',
      '    public Set<String> common(String a, String b) {',
      '        return inter("follows:" + a, "follows:" + b);',
      '    }',
      '',
      '    private Set<String> inter(String key, String otherKey) {',
      '        return template.opsForSet().intersect(key, otherKey);',
      '    }',
      '',
      '    public Set<String> mutual(String a, String b) {',
      '        return redisUtil.sIntersect("fans:" + a, "fans:" + b);',
      '    }',
      '',
      '    public Set<String> reach(String a, String b) {',
      '        return redisUtil.union("fans:" + a, "fans:" + b);',
      '    }',
      '}',
      '',
    ].join('\n');
    expect(algebraLines(text)).toEqual([12, 20, 24]);
  });
});
