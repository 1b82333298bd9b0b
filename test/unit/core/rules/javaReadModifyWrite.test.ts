/** cache-write-without-ttl in Java: a key read and written back computed from what was read is state, not a cache refilled on a miss. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function cacheWrites(body: string): string[] {
  const text = `package app;\n\nimport org.springframework.data.redis.core.StringRedisTemplate;\n\npublic class Stock {\n    private StringRedisTemplate redis;\n    private Repository db;\n\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Stock.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'cache-write-without-ttl').map((f) => text.slice(f.span.startOffset, f.span.endOffset));
}

describe('Java read-then-write of the same key', () => {
  it('a decrement written back (value computed from the read) is not a cache fill', () => {
    const body = [
      '    public boolean buy(String item) {',
      '        String stock = redis.opsForValue().get("stock:" + item);',
      '        int left = stock == null ? 0 : Integer.parseInt(stock);',
      '        if (left <= 0) return false;',
      '        int after = left - 1;',
      '        redis.opsForValue().set("stock:" + item, String.valueOf(after));',
      '        return true;',
      '    }',
      '',
    ].join('\n');
    expect(cacheWrites(body)).toEqual([]);
  });

  it('a value loaded elsewhere on a miss is a cache fill, also when it reuses the local of the read', () => {
    const body = [
      '    public String name(String id) {',
      '        String name = redis.opsForValue().get("user:" + id);',
      '        if (name == null) {',
      '            name = db.loadName(id);',
      '            redis.opsForValue().set("user:" + id, name);',
      '        }',
      '        return name;',
      '    }',
      '',
    ].join('\n');
    expect(cacheWrites(body)).toEqual(['set']);
  });
});
