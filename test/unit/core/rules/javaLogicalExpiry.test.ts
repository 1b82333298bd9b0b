/** cache-write-without-ttl on Java caches with logical expiry: the value carries its own expiry time and is rebuilt after it. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function ttlLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.time.LocalDateTime;',
        'import org.springframework.data.redis.core.StringRedisTemplate;',
      ],
      declaration: 'public class Shops',
      fields: ['    private StringRedisTemplate template;'],
    },
    body,
  );
  return findingLines('cache-write-without-ttl', text);
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
