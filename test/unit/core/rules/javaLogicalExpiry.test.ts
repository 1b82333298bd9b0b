/** cache-write-without-ttl on Java caches with logical expiry: the value carries its own expiry time and is rebuilt after it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ttlLines(body: string): number[] {
  const text = [
    'package app;',
    '',
    'import java.time.LocalDateTime;',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    '',
    'public class Shops {',
    '    private StringRedisTemplate template;',
    '',
    body,
    '}',
    '',
  ].join('\n');
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Shops.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'cache-write-without-ttl').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
}

describe('Java cache entries with logical expiry', () => {
  it('are not reported when the value written carries an expiry time set in the method', () => {
    const body = [
      '    public void warm(Long id, Long seconds) {',
      '        Holder holder = new Holder();',
      '        holder.setData(load(id));',
      '        holder.setExpireTime(LocalDateTime.now().plusSeconds(seconds));',
      '        String json = Json.write(holder);',
      '        template.opsForValue().set("cache:shop:" + id, json);',
      '    }',
    ].join('\n');
    expect(ttlLines(body)).toEqual([]);
  });

  it('are reported when nothing in the value says when it expires', () => {
    const body = [
      '    public void warm(Long id) {',
      '        Holder holder = new Holder();',
      '        holder.setData(load(id));',
      '        String json = Json.write(holder);',
      '        template.opsForValue().set("cache:shop:" + id, json);',
      '    }',
    ].join('\n');
    expect(ttlLines(body)).toEqual([13]);
  });
});
