/** command-in-loop in Java: start-up seeding, loops left right after the command, and hand-written iterator loops. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function loopLines(body: string, implementsClause = ''): number[] {
  const text = javaClassSource(
    {
      imports: [
        'import java.util.*;',
        'import javax.annotation.PostConstruct;',
        'import org.springframework.data.redis.core.*;',
      ],
      declaration: `public class Prizes${implementsClause}`,
      fields: ['    private RedisTemplate redisTemplate;'],
    },
    body,
  );
  return findingLines('command-in-loop', text);
}

describe('Java loops that send a command once, or once per item', () => {
  it('does not report seeding in @PostConstruct or in a CommandLineRunner, but does in a request method', () => {
    const body = [
      '    @PostConstruct',
      '    public void init() {',
      '        prizes().forEach(p -> this.redisTemplate.opsForSet().add("prizes", p));',
      '    }',
      '',
      '    @Override',
      '    public void run(String... args) {',
      '        for (Long id : ids()) {',
      '            redisTemplate.opsForValue().setBit("skus", id, true);',
      '        }',
      '    }',
      '',
      '    public void mark(List<Long> ids) {',
      '        for (Long id : ids) {',
      '            redisTemplate.opsForValue().setBit("skus", id, true);',
      '        }',
      '    }',
    ].join('\n');
    expect(loopLines(body, ' implements org.springframework.boot.CommandLineRunner')).toEqual([24]);
  });

  it('does not report a command followed in its block by a throw or break, but does when the loop goes on', () => {
    const body = [
      '    public void lockAll(List<Long> items, String lockKey) {',
      '        for (Long id : items) {',
      '            if (update(id) == 0) {',
      '                redisTemplate.delete(lockKey);',
      '                throw new IllegalStateException("failed");',
      '            }',
      '        }',
      '    }',
      '',
      '    public void dropAll(List<Long> items) {',
      '        for (Long id : items) {',
      '            if (id > 0) {',
      '                redisTemplate.delete("item:" + id);',
      '            }',
      '            log(id);',
      '        }',
      '    }',
      '',
      '    public void dropInLambda(List<Long> items) {',
      '        items.forEach(id -> {',
      '            redisTemplate.delete("item:" + id);',
      '            return;',
      '        });',
      '    }',
    ].join('\n');
    expect(loopLines(body)).toEqual([22, 30]);
  });

  it('reports a hand-written iterator loop over a collection, and a command per member a scan Cursor hands out', () => {
    const body = [
      '    public void addAll(String key, Set<Object> members) {',
      '        BoundSetOperations<String, Object> ops = redisTemplate.boundSetOps(key);',
      '        Iterator<Object> it = members.iterator();',
      '        while (it.hasNext()) {',
      '            ops.add(it.next());',
      '        }',
      '    }',
      '',
      '    public void copy(String key) {',
      '        Cursor<Object> cursor = redisTemplate.opsForSet().scan(key, ScanOptions.NONE);',
      '        while (cursor.hasNext()) {',
      '            redisTemplate.opsForSet().add("copy", cursor.next());',
      '        }',
      '    }',
    ].join('\n');
    // Spring's Cursor fetches its pages itself and hands out one member per next(): the SADD runs once per member.
    expect(loopLines(body)).toEqual([14, 21]);
  });
});
