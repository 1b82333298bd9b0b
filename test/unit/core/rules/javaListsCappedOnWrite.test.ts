/**
 * Java whole reads of a list or sorted set the file caps on write are bounded by construction, as the rule's
 * definition leaves out: trimmed under the same key after each push (`trim(key, 0, 99)`, `removeRange(key, 0, -501)`),
 * or popped when a size check finds it at its limit (`if (size("recent") == 500L) rightPop("recent")`). Tricky
 * negatives, still reported: a trim of another key, a sorted set pruned by score (a time window, not a size), a size
 * check that only logs, and a generic wrapper whose trim and read both take the caller's key.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const javaLines = javaFindingLines();

function linesOf(text: string, needles: string[]): number[] {
  return needles.map((needle) => text.slice(0, text.indexOf(needle)).split('\n').length);
}

const templateShape = {
  imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;'],
  declaration: 'public class LobbyStats',
  fields: ['    private static final String SCORES = "lobby:scores";', '    private final RedisTemplate<String, Object> redisTemplate;'],
};

describe('unbounded-collection-read of Java lists and sorted sets capped on write', () => {
  it('leaves out a list popped at its size limit, a list trimmed after each push and a sorted set trimmed by rank', () => {
    const text = javaClassSource(templateShape, [
      '    void visit(Object v) {',
      '        if (redisTemplate.opsForList().size("recent:visitors") == 500L) {',
      '            redisTemplate.opsForList().rightPop("recent:visitors");',
      '        }',
      '        redisTemplate.opsForList().leftPush("recent:visitors", v);',
      '    }',
      '',
      '    List<Object> visitors() {',
      '        return redisTemplate.opsForList().range("recent:visitors", 0, -1);',
      '    }',
      '',
      '    void note(Object v) {',
      '        redisTemplate.opsForList().leftPush("lobby:notes", v);',
      '        redisTemplate.opsForList().trim("lobby:notes", 0, 49);',
      '    }',
      '',
      '    List<Object> notes() {',
      '        return redisTemplate.opsForList().range("lobby:notes", 0, -1);',
      '    }',
      '',
      '    void score(String player, double points) {',
      '        redisTemplate.opsForZSet().incrementScore(SCORES, player, points);',
      '        redisTemplate.opsForZSet().removeRange(SCORES, 0, -201);',
      '    }',
      '',
      '    Set<Object> board() {',
      '        return redisTemplate.opsForZSet().reverseRange(SCORES, 0, -1);',
      '    }',
    ].join('\n'));
    expect(javaLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('still reports a trim of another key, a score window, a size check that only logs and a wrapper\'s parameter key', () => {
    const text = javaClassSource(templateShape, [
      '    void chat(Object m) {',
      '        redisTemplate.opsForList().leftPush("lobby:chat", m);',
      '        redisTemplate.opsForList().trim("lobby:chat:archive", 0, 49);',
      '    }',
      '',
      '    List<Object> chat() {',
      '        return redisTemplate.opsForList().range("lobby:chat", 0, -1);',
      '    }',
      '',
      '    void seen(String player, long now) {',
      '        redisTemplate.opsForZSet().add("lobby:seen", player, now);',
      '        redisTemplate.opsForZSet().removeRangeByScore("lobby:seen", 0, now - 3600);',
      '    }',
      '',
      '    Set<Object> seen() {',
      '        return redisTemplate.opsForZSet().range("lobby:seen", 0, -1);',
      '    }',
      '',
      '    void joined(Object p) {',
      '        if (redisTemplate.opsForList().size("lobby:joined") > 1000) {',
      '            System.out.println("busy lobby");',
      '        }',
      '        redisTemplate.opsForList().rightPush("lobby:joined", p);',
      '    }',
      '',
      '    List<Object> joined() {',
      '        return redisTemplate.opsForList().range("lobby:joined", 0, -1);',
      '    }',
      '',
      '    void lTrim(String key, long start, long end) {',
      '        redisTemplate.opsForList().trim(key, start, end);',
      '    }',
      '',
      '    List<Object> lGetAll(String key) {',
      '        return redisTemplate.opsForList().range(key, 0, -1);',
      '    }',
    ].join('\n'));
    expect(javaLines('unbounded-collection-read', text)).toEqual(
      linesOf(text, ['range("lobby:chat"', 'range("lobby:seen"', 'range("lobby:joined"', 'range(key, 0, -1)']),
    );
  });
});
