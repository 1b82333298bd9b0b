/**
 * unbounded-list-growth on Java: a list one method of the file pushes to and another method reads back with LRANGE
 * under the same key expression (a local built the same way in both) is kept for reading, as a history or a feed is,
 * whatever its name says; if nothing of the file trims, pops, expires or deletes it, it grows without bound. A list
 * read and filled in one method is a cache, one popped is a queue, and a list only pushed to is someone else's to read.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const TEMPLATE = ['import java.util.List;', 'import org.springframework.data.redis.core.StringRedisTemplate;'];
const FIELDS = ['    private StringRedisTemplate template;', '    private final String root = "shop";'];

function growthLines(body: string, fields = FIELDS): number[] {
  return findingLines('unbounded-list-growth', javaClassSource({ imports: TEMPLATE, declaration: 'public class Conversations', fields }, body));
}

const READER = [
  '    public List<String> between(String from, String to) {',
  '        String key = new StringBuilder(root).append(":").append(from).append(":").append(to).toString();',
  '        return template.opsForList().range(key, 0, -1);',
  '    }',
].join('\n');

function writer(extra = ''): string {
  return [
    '    public void say(String from, String to, String text) {',
    '        String fromKey = new StringBuilder(root).append(":").append(from).append(":").append(to).toString();',
    '        String toKey = new StringBuilder(root).append(":").append(to).append(":").append(from).toString();',
    '        template.opsForList().rightPush(fromKey, text);',
    '        template.opsForList().rightPush(toKey, text);',
    extra,
    '    }',
  ].join('\n');
}

describe('Java lists pushed by one method and read back by another', () => {
  it('are reported at each push whose key another method of the file builds the same way and reads with LRANGE', () => {
    // fromKey is built exactly as the reader's key; toKey swaps the parts, which the reader also asks for.
    expect(growthLines(`${READER}\n\n${writer()}`)).toEqual([18, 19]);
  });

  it('are reported through a key constant shared by the writer and the reader', () => {
    const body = [
      '    public void review(String shop, String text) {',
      '        String key = REVIEWS + shop;',
      '        template.opsForList().leftPush(key, text);',
      '    }',
      '',
      '    public List<String> newest(String shop) {',
      '        String key = REVIEWS + shop;',
      '        return template.opsForList().range(key, 0, 9);',
      '    }',
    ].join('\n');
    expect(growthLines(body, [...FIELDS, '    private static final String REVIEWS = "shop_new_reviews:";'])).toEqual([13]);
  });

  it('are reported when the push runs in a transaction callback that uses its outer method\'s key', () => {
    const body = [
      '    public void review(String shop, String text) {',
      '        String key = REVIEWS + shop;',
      '        template.execute(new SessionCallback<Object>() {',
      '            @Override',
      '            public Object execute(RedisOperations operations) {',
      '                operations.multi();',
      '                operations.opsForList().leftPush(key, text);',
      '                return operations.exec();',
      '            }',
      '        });',
      '    }',
      '',
      '    public List<String> newest(String shop) {',
      '        String key = REVIEWS + shop;',
      '        return template.opsForList().range(key, 0, 9);',
      '    }',
    ].join('\n');
    const imports = ['import org.springframework.data.redis.core.RedisOperations;', 'import org.springframework.data.redis.core.SessionCallback;'];
    const source = javaClassSource({ imports: [...TEMPLATE, ...imports], declaration: 'public class Reviews', fields: [...FIELDS, '    private static final String REVIEWS = "shop_new_reviews:";'] }, body);
    expect(findingLines('unbounded-list-growth', source)).toEqual([19]);
  });

  it('are still reported when the file expires or deletes only keys built another way', () => {
    const other = '    public void close(String from) {\n        template.expire(root + ":open:" + from, java.time.Duration.ofMinutes(5));\n    }';
    expect(growthLines(`${READER}\n\n${writer()}\n\n${other}`)).toEqual([18, 19]);
    const anyKey = '    public void drop(String key) {\n        template.delete(key);\n    }';
    expect(growthLines(`${READER}\n\n${writer()}\n\n${anyKey}`)).toEqual([]);
  });

  it('are not reported when the file trims, pops or expires the list, or when nothing reads it back', () => {
    expect(growthLines(`${READER}\n\n${writer('        template.opsForList().trim(fromKey, -100, -1);')}`)).toEqual([]);
    expect(growthLines(`${READER}\n\n${writer('        template.opsForList().leftPop(toKey);')}`)).toEqual([]);
    expect(growthLines(writer())).toEqual([]);
  });

  it('are not reported when the reader builds another key, or when one method reads the list and fills it on a miss', () => {
    const other = READER.replace('append(":").append(from)', 'append(":inbox:").append(from)');
    expect(growthLines(`${other}\n\n${writer()}`)).toEqual([]);
    const cacheFill = [
      '    public List<String> types() {',
      '        String key = root + ":types";',
      '        List<String> cached = template.opsForList().range(key, 0, -1);',
      '        if (!cached.isEmpty()) return cached;',
      '        template.opsForList().rightPush(key, "all");',
      '        return cached;',
      '    }',
    ].join('\n');
    expect(growthLines(cacheFill)).toEqual([]);
  });

  it('are not reported when the list is filled item by item in a loop over loaded rows, as a catalogue is', () => {
    const load = [
      '    public void load(List<String> ids) {',
      '        for (String id : ids) {',
      '            template.opsForList().rightPush(ALL_IDS, id);',
      '        }',
      '    }',
      '',
      '    public List<String> all() {',
      '        return template.opsForList().range(ALL_IDS, 0, -1);',
      '    }',
    ].join('\n');
    expect(growthLines(load, [...FIELDS, '    private static final String ALL_IDS = "all_ids";'])).toEqual([]);
  });

  it('are not reported for a list named as a queue, which a consumer elsewhere pops', () => {
    const body = [
      '    public void enqueue(String job) {',
      '        template.opsForList().leftPush(JOB_QUEUE, job);',
      '    }',
      '',
      '    public List<String> pending() {',
      '        return template.opsForList().range(JOB_QUEUE, 0, -1);',
      '    }',
    ].join('\n');
    expect(growthLines(body, [...FIELDS, '    private static final String JOB_QUEUE = "jobs:queue";'])).toEqual([]);
  });
});
