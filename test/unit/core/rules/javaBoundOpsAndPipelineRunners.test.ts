/** Java: bound operations that expire their own key, opsForX().getOperations(), and a class's own executePipelined(callback). */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function linesOf(rule: string, body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import java.util.concurrent.TimeUnit;',
        'import org.springframework.data.redis.core.*;',
        'import org.springframework.data.redis.serializer.StringRedisSerializer;',
      ],
      declaration: 'public class Lists',
      fields: ['    private StringRedisTemplate template;'],
    },
    body,
  );
  return findingLines(rule, text);
}

describe('Java bound operations', () => {
  it('pair a push with the EXPIRE of the same bound key, not of another bound key', () => {
    const body = [
      '    public void create(String key, List<String> values, long seconds) {',
      '        BoundListOperations<String, String> ops = template.boundListOps(key);',
      '        ops.rightPushAll(values.toArray(new String[0]));',
      '        ops.expire(seconds, TimeUnit.SECONDS);',
      '    }',
      '',
      '    public void two(String a, String b, long seconds) {',
      '        BoundListOperations<String, String> first = template.boundListOps(a);',
      '        BoundListOperations<String, String> second = template.boundListOps(b);',
      '        first.rightPush("x");',
      '        second.expire(seconds, TimeUnit.SECONDS);',
      '    }',
    ].join('\n');
    expect(linesOf('set-then-expire', body)).toEqual([13]);
  });
});

describe('Java DEL through opsForX().getOperations()', () => {
  it('is a DEL of a key of that type; a field delete is not', () => {
    const body = [
      '    public void hDel(String key, String field) {',
      '        if (field != null) {',
      '            template.opsForHash().delete(key, field);',
      '        } else {',
      '            template.opsForHash().getOperations().delete(key);',
      '        }',
      '    }',
    ].join('\n');
    expect(linesOf('del-large-key', body)).toEqual([15]);
  });
});

describe("Java class's own executePipelined(callback)", () => {
  it('runs the callback on a pipelined connection: SET then PEXPIRE there is still two commands', () => {
    const body = [
      '    public void multiSet(Map<String, String> map, long ms) {',
      '        executePipelined(connection -> {',
      '            StringRedisSerializer serializer = new StringRedisSerializer();',
      '            map.forEach((k, v) -> {',
      '                connection.set(serializer.serialize(k), serializer.serialize(v));',
      '                connection.pExpire(serializer.serialize(k), ms);',
      '            });',
      '            return null;',
      '        });',
      '    }',
      '',
      '    public List<Object> executePipelined(RedisCallback<?> action) {',
      '        return template.executePipelined(action);',
      '    }',
    ].join('\n');
    expect(linesOf('set-then-expire', body)).toEqual([15]);
    expect(linesOf('command-in-loop', body)).toEqual([]);
  });
});
