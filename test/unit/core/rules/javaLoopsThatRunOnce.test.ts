/** command-in-loop in Java: start-up seeding, loops left right after the command, and hand-written iterator loops. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(body: string, implementsClause = ''): number[] {
  const text = [
    'package app;',
    '',
    'import java.util.*;',
    'import javax.annotation.PostConstruct;',
    'import org.springframework.data.redis.core.*;',
    '',
    `public class Prizes${implementsClause} {`,
    '    private RedisTemplate redisTemplate;',
    '',
    body,
    '}',
    '',
  ].join('\n');
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Prizes.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'command-in-loop').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
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

  it('reports a hand-written iterator loop over a collection, not a cursor loop', () => {
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
    expect(loopLines(body)).toEqual([14]);
  });
});
