/** client-per-request in Java: a client an ordinary method builds, uses and drops, next to the shapes that keep theirs. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

/** Lines of the findings, and the lines marked `// new client` that should be reported. */
function lines(body: string, imports: string[]): { found: number[]; marked: number[] } {
  const text = `package app;\n\n${imports.map((i) => `import ${i};\n`).join('')}\npublic class Locks {\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Locks.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  const found = result.findings.filter((f) => f.ruleId === 'client-per-request').map((f) => text.slice(0, f.span.startOffset).split('\n').length);
  const marked = text.split('\n').flatMap((line, index) => (line.includes('// new client') ? [index + 1] : []));
  return { found, marked };
}

const REDISSON = ['org.redisson.Redisson', 'org.redisson.api.RLock', 'org.redisson.api.RedissonClient', 'org.redisson.config.Config'];

describe('Java clients built per call', () => {
  it('Redisson.create into a local that the method uses and drops', () => {
    const body = [
      '    public boolean lock(String key) {',
      '        Config config = new Config();',
      '        config.useSingleServer().setAddress("redis://cache:6379");',
      '        RedissonClient client = Redisson.create(config); // new client',
      '        RLock lock = client.getLock(key);',
      '        return lock.tryLock();',
      '    }',
      '',
    ].join('\n');
    const { found, marked } = lines(body, REDISSON);
    expect(found).toEqual(marked);
    expect(marked).toHaveLength(1);
  });

  it('a JedisPool or Lettuce RedisClient made per call, also when closed at the end', () => {
    const body = [
      '    public String read(String key) {',
      '        JedisPool pool = new JedisPool("cache", 6379); // new client',
      '        try (Jedis jedis = pool.getResource()) {',
      '            return jedis.get(key);',
      '        } finally {',
      '            pool.close();',
      '        }',
      '    }',
      '',
      '    public String other(String key) {',
      '        RedisClient client = RedisClient.create("redis://cache"); // new client',
      '        try {',
      '            return client.connect().sync().get(key);',
      '        } finally {',
      '            client.shutdown();',
      '        }',
      '    }',
      '',
    ].join('\n');
    const { found, marked } = lines(body, ['redis.clients.jedis.Jedis', 'redis.clients.jedis.JedisPool', 'io.lettuce.core.RedisClient']);
    expect(found).toEqual(marked);
    expect(marked).toHaveLength(2);
  });

  it('not a client that is returned, stored, handed on, or built by wiring and one-shot code', () => {
    const body = [
      '    private RedissonClient shared;',
      '',
      '    public RedissonClient redisson(Config config) {',
      '        RedissonClient client = Redisson.create(config);',
      '        return client;',
      '    }',
      '',
      '    public void connect(Config config) {',
      '        RedissonClient client = Redisson.create(config);',
      '        shared = client;',
      '    }',
      '',
      '    public void register(Config config, java.util.Map<String, RedissonClient> clients) {',
      '        RedissonClient client = Redisson.create(config);',
      '        clients.put("main", client);',
      '    }',
      '',
      '    @org.springframework.context.annotation.Bean',
      '    public RLock beanLock(Config config) {',
      '        RedissonClient client = Redisson.create(config);',
      '        return client.getLock("jobs");',
      '    }',
      '',
      '    public void init() {',
      '        RedissonClient client = Redisson.create();',
      '        client.getLock("warmup").forceUnlock();',
      '    }',
      '',
      '    public static void main(String[] args) {',
      '        RedissonClient client = Redisson.create();',
      '        client.getLock("demo").lock();',
      '        client.shutdown();',
      '    }',
      '',
      '    void main() {',
      '        RedissonClient client = Redisson.create();',
      '        client.getLock("demo").lock();',
      '    }',
      '',
    ].join('\n');
    expect(lines(body, REDISSON).found).toEqual([]);
  });
});
