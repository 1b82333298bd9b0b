/** set-then-expire in Java when the write and the EXPIRE sit in different branches of one `if`. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function reportedLines(body: string): number[] {
  const text = [
    'package app;',
    '',
    'import java.util.concurrent.TimeUnit;',
    'import org.springframework.data.redis.core.RedisTemplate;',
    '',
    'public class Baskets {',
    '    private RedisTemplate redisTemplate;',
    '',
    body,
    '}',
    '',
  ].join('\n');
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Baskets.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'set-then-expire').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
}

describe('Java set-then-expire across branches', () => {
  it('reports the write of the else branch that the EXPIRE follows, not the write of the other branch', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (redisTemplate.hasKey(key)) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '            redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '        }',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([13]);
  });

  it('still reports a write in a branch that an EXPIRE after the whole if/else follows', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (amount > 0) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            amount = 0;',
      '        }',
      '        redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([11]);
  });

  it('does not pair a write with an EXPIRE that only the other branch sends', () => {
    const body = [
      '    public void add(String key, String field, int amount) {',
      '        if (amount > 0) {',
      '            redisTemplate.opsForHash().put(key, field, amount);',
      '        } else {',
      '            redisTemplate.expire(key, 90, TimeUnit.DAYS);',
      '        }',
      '    }',
    ].join('\n');
    expect(reportedLines(body)).toEqual([]);
  });
});
