/**
 * unbounded-collection-read in Java: per-entity record hashes whose writes name their fields, lists the file gives a
 * TTL, and lists every push replaces whole (a rebuilt snapshot) are not growing collections; del-large-key reads the
 * rebuilt snapshot's DEL the same way.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: ['import java.util.*;', 'import java.util.concurrent.TimeUnit;', 'import org.springframework.data.redis.core.RedisTemplate;'],
  declaration: 'public class Playlists',
  fields: ['    private RedisTemplate<String, Object> redisTemplate;'],
};

describe('Java record hashes of computed keys', () => {
  it('does not report HGETALL of an entity hash written with literal fields, but does one given computed fields', () => {
    const text = javaClassSource(
      shape,
      [
        '    private String itemKey(String room, String id) {',
        '        return "room:" + room + ":item:" + id;',
        '    }',
        '',
        '    public void add(String room, String id, Map<String, String> data) {',
        '        String key = itemKey(room, id);',
        '        data.put("status", "QUEUED");',
        '        data.put("id", id);',
        '        redisTemplate.opsForHash().putAll(key, data);',
        '    }',
        '',
        '    public void play(String room, String id) {',
        '        String key = itemKey(room, id);',
        '        redisTemplate.opsForHash().put(key, "status", "PLAYING");',
        '    }',
        '',
        '    public Map<Object, Object> item(String room, String id) {',
        '        String key = itemKey(room, id);',
        '        return redisTemplate.opsForHash().entries(key);',
        '    }',
        '',
        '    public void vote(String room, String user) {',
        '        String key = "room:" + room + ":votes";',
        '        redisTemplate.opsForHash().put(key, user, "1");',
        '    }',
        '',
        '    public Map<Object, Object> votes(String room) {',
        '        String key = "room:" + room + ":votes";',
        '        return redisTemplate.opsForHash().entries(key);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([38]);
  });
});

describe('Java lists bounded by their writes', () => {
  it('does not report a list the file expires, but does a never-expired list, an expired set and an expired list named for messages', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void queue(String room, String track) {',
        '        String key = "room:" + room + ":playlist";',
        '        redisTemplate.opsForList().rightPush(key, track);',
        '    }',
        '',
        '    public void close(String room) {',
        '        String key = "room:" + room + ":playlist";',
        '        redisTemplate.expire(key, 3600, TimeUnit.SECONDS);',
        '        redisTemplate.expire("room:" + room + ":voters", 3600, TimeUnit.SECONDS);',
        '        redisTemplate.expire("room:" + room + ":messages", 3600, TimeUnit.SECONDS);',
        '    }',
        '',
        '    public List<Object> playlist(String room) {',
        '        String key = "room:" + room + ":playlist";',
        '        return redisTemplate.opsForList().range(key, 0, -1);',
        '    }',
        '',
        '    public List<Object> history(String room) {',
        '        return redisTemplate.opsForList().range("room:" + room + ":history", 0, -1);',
        '    }',
        '',
        '    public Set<Object> voters(String room) {',
        '        return redisTemplate.opsForSet().members("room:" + room + ":voters");',
        '    }',
        '',
        '    public List<Object> messages(String room) {',
        '        return redisTemplate.opsForList().range("room:" + room + ":messages", 0, -1);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([28, 32, 36]);
  });

  it('does not report a list every push of which replaces it whole, but does one also appended to, appended in batches, or a wrapper list of its caller key', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void rebuild(Board board, List<String> ranked) {',
        '        redisTemplate.delete(board.name());',
        '        redisTemplate.opsForList().leftPushAll(board.name(), ranked);',
        '    }',
        '',
        '    public List<Object> ranked(Board board) {',
        '        return redisTemplate.opsForList().range(board.name(), 0, -1);',
        '    }',
        '',
        '    public void setList(String key, List<String> values) {',
        '        redisTemplate.delete(key);',
        '        redisTemplate.opsForList().rightPushAll(key, values);',
        '    }',
        '',
        '    public List<Object> getList(String key) {',
        '        return redisTemplate.opsForList().range(key, 0, -1);',
        '    }',
        '',
        '    public void refresh(List<String> spots) {',
        '        redisTemplate.delete("spots");',
        '        redisTemplate.opsForList().rightPushAll("spots", spots);',
        '    }',
        '',
        '    public void visit(String spot) {',
        '        redisTemplate.opsForList().rightPush("spots", spot);',
        '    }',
        '',
        '    public List<Object> spots() {',
        '        return redisTemplate.opsForList().range("spots", 0, -1);',
        '    }',
        '',
        '    public void log(List<String> lines) {',
        '        redisTemplate.opsForList().rightPushAll("log", lines);',
        '    }',
        '',
        '    public List<Object> lines() {',
        '        return redisTemplate.opsForList().range("log", 0, -1);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([25, 38, 46]);
  });

  it('does not report the DEL of a ranking every push of which refills it whole, but does that of a refilled catalogue, a list also appended to, refilled in batches, or a wrapper list of its caller key', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void rebuild(Board board, List<String> ranked) {',
        '        redisTemplate.delete(board.name());',
        '        redisTemplate.opsForList().leftPushAll(board.name(), ranked);',
        '    }',
        '',
        '    public void clearBoard(Board board) {',
        '        redisTemplate.delete(board.name());',
        '    }',
        '',
        '    public void setList(String key, List<String> values) {',
        '        redisTemplate.delete(key);',
        '        redisTemplate.opsForList().rightPushAll(key, values);',
        '    }',
        '',
        '    public void refresh(List<String> spots) {',
        '        redisTemplate.delete("spots");',
        '        redisTemplate.opsForList().rightPushAll("spots", spots);',
        '    }',
        '',
        '    public void visit(String spot) {',
        '        redisTemplate.opsForList().rightPush("spots", spot);',
        '    }',
        '',
        '    public void reload(List<String> lines) {',
        '        redisTemplate.delete("log");',
        '        redisTemplate.opsForList().rightPushAll("log", lines);',
        '    }',
        '',
        '    public void more(List<String> lines) {',
        '        redisTemplate.opsForList().rightPushAll("log", lines);',
        '    }',
        '',
        '    public void refreshDeals(List<String> products) {',
        '        redisTemplate.delete("deals");',
        '        redisTemplate.opsForList().leftPushAll("deals", products);',
        '    }',
        '',
        '    public void refreshTop(List<String> top10) {',
        '        redisTemplate.delete("top");',
        '        redisTemplate.opsForList().leftPushAll("top", top10);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('del-large-key', text)).toEqual([20, 25, 34, 43]);
  });
});
