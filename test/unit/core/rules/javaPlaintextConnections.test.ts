/** plaintext-remote-connection in Java: redis:// literals and host-and-port constructors that leave the machine without TLS. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function hosts(body: string): string[] {
  const text = `package app;\n\nimport org.redisson.config.Config;\nimport redis.clients.jedis.JedisPool;\nimport io.lettuce.core.RedisClient;\n\npublic class Clients {\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Clients.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'plaintext-remote-connection').map((f) => text.slice(f.span.startOffset, f.span.endOffset));
}

describe('Java connections in clear text', () => {
  it('a redis:// URL or a literal host that is not local', () => {
    const body = [
      '    void clients(Config config) {',
      '        config.useSingleServer().setAddress("redis://cache.prod.example.com:6379");',
      '        JedisPool pool = new JedisPool("203.0.113.7", 6379);',
      '        RedisClient client = RedisClient.create("redis://:secret@redis.example.net:6379/0");',
      '    }',
      '',
    ].join('\n');
    expect(hosts(body)).toEqual(['redis://cache.prod.example.com:6379', '203.0.113.7', 'redis://:secret@redis.example.net:6379/0']);
  });

  it('not loopback, private addresses, service names, commented-out code, nor a file that turns TLS on', () => {
    const local = [
      '    void clients(Config config) {',
      '        config.useClusterServers().addNodeAddress("redis://10.10.1.68:6370", "redis://redis:6379", "redis://127.0.0.1:6379");',
      '        JedisPool pool = new JedisPool("cache.internal", 6379);',
      '        // RedisClient old = RedisClient.create("redis://cache.prod.example.com");',
      '    }',
      '',
    ].join('\n');
    expect(hosts(local)).toEqual([]);
    const tls = [
      '    void clients() {',
      '        JedisPool pool = new JedisPool(new redis.clients.jedis.JedisPoolConfig(), "cache.prod.example.com", 6380, 2000, null, true);',
      '        RedisClient client = RedisClient.create(io.lettuce.core.RedisURI.builder().withHost("cache.prod.example.com").withSsl(true).build());',
      '    }',
      '',
    ].join('\n');
    expect(hosts(tls)).toEqual([]);
  });
});
