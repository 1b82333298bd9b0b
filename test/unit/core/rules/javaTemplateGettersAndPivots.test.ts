/** Java shapes of unseen services: a template handed out by a project object's getter, LINSERT through Spring's pivot pushes, lock helpers that DEL their parameter. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(body: string, fields: string): [string, number][] {
  const text = `package app;\n\nimport java.util.Map;\nimport java.util.concurrent.TimeUnit;\nimport org.springframework.data.redis.core.StringRedisTemplate;\n\npublic class Queue {\n${fields}\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Queue.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.map((f) => [f.ruleId, text.slice(0, f.span.startOffset).split('\n').length] as [string, number]).sort();
}

describe('a Spring template returned by a project object', () => {
  it('is the receiver of the operations called on it', () => {
    const body = [
      '    public Object produce(String queue, Map<String, String> message) {',
      '        return this.engine.redisTemplate().opsForStream().add(queue, message);',
      '    }',
      '',
      '    public Object peek(String queue) {',
      '        return engine.getStringRedisTemplate().opsForList().range(queue + ":log", 0, -1);',
      '    }',
      '',
    ].join('\n');
    expect(findings(body, '    private Engine engine;\n')).toEqual([['stream-without-maxlen', 11], ['unbounded-collection-read', 15]]);
  });

  it('not a getter with arguments or of another name', () => {
    const body = [
      '    public Object produce(String queue, Map<String, String> message) {',
      '        engine.redisTemplate(queue).opsForStream().add(queue, message);',
      '        return engine.template().opsForStream().add(queue, message);',
      '    }',
      '',
    ].join('\n');
    expect(findings(body, '    private Engine engine;\n')).toEqual([]);
  });
});

describe('Spring pivot pushes', () => {
  it('leftPush/rightPush with a pivot are LINSERT; plain pushes are not', () => {
    const body = [
      '    public void place(String key, String pivot, String value) {',
      '        template.opsForList().leftPush(key, pivot, value);',
      '        template.opsForList().rightPush(key, pivot, value);',
      '        template.boundListOps(key).leftPush(pivot, value);',
      '        template.opsForList().leftPush(key, value);',
      '        template.boundListOps(key).rightPush(value);',
      '    }',
      '',
    ].join('\n');
    expect(findings(body, '    private StringRedisTemplate template;\n')).toEqual([
      ['expensive-linear-list-ops', 11],
      ['expensive-linear-list-ops', 12],
      ['expensive-linear-list-ops', 13],
    ]);
  });
});

describe('lock helpers that DEL their parameter', () => {
  it('a method named for a lock releases it: a plain DEL is reported', () => {
    const body = [
      '    private boolean getLock(String key) {',
      '        return Boolean.TRUE.equals(template.opsForValue().setIfAbsent(key, "1", 10, TimeUnit.SECONDS));',
      '    }',
      '',
      '    private void dropLock(String key) {',
      '        template.delete(key);',
      '    }',
      '',
      '    private void evict(String key) {',
      '        template.delete(key);',
      '    }',
      '',
    ].join('\n');
    expect(findings(body, '    private StringRedisTemplate template;\n')).toEqual([['lock-release-without-ownership', 15]]);
  });
});
