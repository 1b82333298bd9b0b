/**
 * unbounded-collection-read in Java: the hash an object keeps under a key held in one of its fields, written field by
 * field by its other methods, is one record; a Redisson map a wrapper opens with whatever name its caller passes is
 * the caller's collection, read whole like the command-style wrappers' HGETALL.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java whole reads of a hash kept under a field of the object', () => {
  it('does not report HGETALL of the field key whose every write names its fields, but does when a write is computed', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import redis.clients.jedis.Jedis;'],
        declaration: 'public class Visitor',
        fields: ['    private Jedis jedis;', '    private String stateKey;', '    private String seenKey;', '    private String agent;'],
      },
      [
        '    public void touch(String agent) {',
        '        jedis.hset(stateKey, "agent", agent);',
        '    }',
        '',
        '    public void save() {',
        '        Map<String, String> values = new HashMap<>();',
        '        values.put("agent", agent);',
        '        values.put("created", "now");',
        '        jedis.hmset(stateKey, values);',
        '    }',
        '',
        '    public void load() {',
        '        Map<String, String> values = jedis.hgetAll(stateKey);',
        '        agent = values.get("agent");',
        '    }',
        '',
        '    public void see(String page) {',
        '        jedis.hset(seenKey, page, "1");',
        '    }',
        '',
        '    public Map<String, String> seen() {',
        '        return jedis.hgetAll(seenKey);',
        '    }',
        '',
        '    public Map<String, String> read(String stateKey) {',
        '        return jedis.hgetAll(stateKey);',
        '    }',
      ].join('\n'),
    );
    // seen(): a page per field; read(String stateKey): the parameter shadows the field, whichever hash the caller names.
    expect(findingLines('unbounded-collection-read', text)).toEqual([33, 37]);
  });
});

describe('Java Redisson readAllMap in wrappers', () => {
  it('reports readAllMap of a map opened with a parameter as given, not of named or id-built maps', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import org.redisson.api.RMap;', 'import org.redisson.api.RedissonClient;'],
        declaration: 'public class Store',
        fields: ['    private RedissonClient redisson;'],
      },
      [
        '    public Map<String, Object> hGetAll(String key) {',
        '        RMap<String, Object> map = redisson.getMap(key);',
        '        return map.readAllMap();',
        '    }',
        '',
        '    public Map<String, Object> entries(String name) {',
        '        return redisson.<String, Object>getMap(name).readAllMap();',
        '    }',
        '',
        '    public Map<String, Long> stats(Long contentId) {',
        '        RMap<String, Long> stats = redisson.getMap("content:stats:" + contentId);',
        '        return stats.readAllMap();',
        '    }',
        '',
        '    public Map<String, String> status() {',
        '        RMap<String, String> map = redisson.getMap("feed-status");',
        '        return map.readAllMap();',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([12, 16]);
  });
});
