/** command-in-loop in Java: a loop calling another overload of the method it is written in, which sends commands. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function loopLines(body: string): number[] {
  const text = javaClassSource(
    {
      imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;'],
      declaration: 'public class Sessions',
      fields: ['    private RedisTemplate<String, Object> redisTemplate;'],
    },
    body,
  );
  return findingLines('command-in-loop', text);
}

describe('Java loops calling an overload of their own method', () => {
  it('reports the loop of drop(user) calling drop(system, user), which sends commands', () => {
    const body = [
      '    public void drop(String user) {',
      '        for (String system : systems(user)) {',
      '            drop(system, user);',
      '        }',
      '    }',
      '',
      '    public void drop(String system, String user) {',
      '        redisTemplate.delete(system + ":session:" + user);',
      '    }',
    ].join('\n');
    expect(loopLines(body)).toEqual([11]);
  });

  it('does not report a recursive call with the same arguments count, nor an overload that sends nothing', () => {
    const body = [
      '    public void walk(String node) {',
      '        redisTemplate.opsForValue().get(node);',
      '        for (String child : children(node)) {',
      '            walk(child);',
      '        }',
      '    }',
      '',
      '    public void mark(String user) {',
      '        redisTemplate.opsForValue().set("seen:" + user, "1");',
      '        for (String system : systems(user)) {',
      '            mark(system, user);',
      '        }',
      '    }',
      '',
      '    public void mark(String system, String user) {',
      '        audit.add(system + user);',
      '    }',
    ].join('\n');
    expect(loopLines(body)).toEqual([]);
  });
});
