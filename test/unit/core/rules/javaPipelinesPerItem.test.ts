/** Java: a pipeline, transaction or script run once per loop item is a round trip per item, like a plain command there. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function linesOf(body: string): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import org.springframework.data.redis.connection.StringRedisConnection;',
        'import org.springframework.data.redis.core.*;',
        'import org.springframework.data.redis.core.script.RedisScript;',
        'import com.google.common.collect.Lists;',
      ],
      declaration: 'public class Tickets',
      fields: ['    private StringRedisTemplate template;', '    private RedisScript<Long> claim;'],
    },
    body,
  );
  return findingLines('command-in-loop', text);
}

describe('Java pipelines and scripts run per loop item', () => {
  it('reports executePipelined inside forEach and inside a for loop over items', () => {
    const body = [
      '    public void grant(List<String> users, long ttl) {',
      '        users.forEach(user -> {',
      '            String token = UUID.randomUUID().toString();',
      '            template.executePipelined((RedisCallback<?>) connection -> {',
      '                StringRedisConnection c = (StringRedisConnection) connection;',
      '                c.setEx("entry:" + token, ttl, user);',
      '                c.setEx("user:" + user, ttl, token);',
      '                return null;',
      '            });',
      '        });',
      '    }',
      '',
      '    public void claimAll(List<String> orders) {',
      '        for (String order : orders) {',
      '            template.execute(claim, Collections.singletonList("order:" + order), "1");',
      '        }',
      '    }',
    ].join('\n');
    expect(linesOf(body)).toEqual([16, 27]);
  });

  it('leaves alone one pipeline around the loop, a pipeline per slice of the items, and a fixed list of keys', () => {
    const body = [
      '    public void grant(List<String> users, long ttl) {',
      '        template.executePipelined((RedisCallback<?>) connection -> {',
      '            StringRedisConnection c = (StringRedisConnection) connection;',
      '            for (String user : users) {',
      '                c.setEx("user:" + user, ttl, "1");',
      '            }',
      '            return null;',
      '        });',
      '    }',
      '',
      '    public void warm(List<String> ids) {',
      '        for (List<String> batch : Lists.partition(ids, 500)) {',
      '            template.executePipelined((RedisCallback<?>) connection -> {',
      '                StringRedisConnection c = (StringRedisConnection) connection;',
      '                batch.forEach(id -> c.set("item:" + id, "1"));',
      '                return null;',
      '            });',
      '        }',
      '    }',
      '',
      '    public void drop(List<String> ids) {',
      '        List<List<String>> parts = Lists.partition(ids, 100);',
      '        parts.parallelStream().forEach(part -> template.executePipelined((RedisCallback<Object>) connection -> {',
      '            part.forEach(id -> connection.del(id.getBytes()));',
      '            return null;',
      '        }));',
      '    }',
      '',
      '    public void reset() {',
      '        for (String key : List.of("a", "b")) {',
      '            template.execute(claim, Collections.singletonList(key), "0");',
      '        }',
      '    }',
      '',
      '    public void retry(String order) {',
      '        while (true) {',
      '            Long done = template.execute(claim, Collections.singletonList("order:" + order), "1");',
      '            if (done != null && done == 1L) break;',
      '        }',
      '    }',
    ].join('\n');
    expect(linesOf(body)).toEqual([]);
  });
});
