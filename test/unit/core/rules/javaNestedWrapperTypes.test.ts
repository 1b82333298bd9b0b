/**
 * Java fields typed as a class nested in a project Redis wrapper (`JedisUtil.Keys`, `JedisUtil.Strings`: one inner
 * class per command family, each borrowing from the outer class's pool) send commands like the wrapper itself.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function source(fields: string[], body: string): string {
  return javaClassSource({ imports: ['import java.util.Set;', 'import o2o.cache.JedisUtil;'], declaration: 'public class CacheServiceImpl', fields }, body);
}

const WRAPPER_FIELDS = ['    private JedisUtil.Keys jedisKeys;', '    private JedisUtil.Strings jedisStrings;'];

describe('Java fields typed as a class nested in a Redis wrapper', () => {
  it('report KEYS, DEL per key and a TTL-less cache fill sent through them', () => {
    const body = [
      '    public void removeFromCache(String keyPrefix) {',
      '        Set<String> keySet = jedisKeys.keys(keyPrefix + "*");',
      '        for (String key : keySet) {',
      '            jedisKeys.del(key);',
      '        }',
      '    }',
      '',
      '    public String areaList(String key) {',
      '        if (!jedisKeys.exists(key)) {',
      '            String json = loadAreas();',
      '            jedisStrings.set(key, json);',
      '            return json;',
      '        }',
      '        return jedisStrings.get(key);',
      '    }',
    ].join('\n');
    const text = source(WRAPPER_FIELDS, body);
    expect(findingLines('keys-command', text)).toEqual([11]);
    expect(findingLines('command-in-loop', text)).toEqual([13]);
    expect(findingLines('cache-write-without-ttl', text)).toEqual([20]);
  });

  it('leave nested classes of other classes, and a Redis wrapper\'s nested configuration, alone', () => {
    const body = [
      '    public void removeFromCache(String keyPrefix) {',
      '        Set<String> keySet = localKeys.keys(keyPrefix + "*");',
      '        for (String key : keySet) {',
      '            localKeys.del(key);',
      '        }',
      '        Set<String> names = settings.keys("pool.*");',
      '    }',
    ].join('\n');
    const text = source(['    private LocalIndex.Keys localKeys;', '    private JedisUtil.Config settings;'], body);
    expect(findingLines('keys-command', text)).toEqual([]);
    expect(findingLines('command-in-loop', text)).toEqual([]);
  });
});
