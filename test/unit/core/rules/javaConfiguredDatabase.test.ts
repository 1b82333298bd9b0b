/** select-db in Java: a client configured with a numbered database (Spring, Redisson, Lettuce), not one read from configuration. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function selects(body: string): string[] {
  const text = `package app;\n\nimport org.redisson.config.Config;\nimport io.lettuce.core.RedisURI;\nimport org.springframework.data.redis.connection.RedisStandaloneConfiguration;\n\npublic class Clients {\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Clients.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'select-db').map((f) => text.slice(f.span.startOffset, f.span.endOffset) + '@' + text.slice(0, f.span.startOffset).split('\n').length);
}

describe('Java clients configured with a database', () => {
  it('a literal or a constant of the file, in Spring, Redisson and Lettuce configuration', () => {
    const body = [
      '    private static final int REPORTS_DB = 4;',
      '',
      '    RedisStandaloneConfiguration spring() {',
      '        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("cache", 6379);',
      '        config.setDatabase(2);',
      '        return config;',
      '    }',
      '',
      '    Config redisson() {',
      '        Config config = new Config();',
      '        config.useSingleServer().setAddress("redis://cache:6379").setDatabase(REPORTS_DB);',
      '        return config;',
      '    }',
      '',
      '    RedisURI lettuce() {',
      '        return RedisURI.builder().withHost("cache").withDatabase(5).build();',
      '    }',
      '',
    ].join('\n');
    expect(selects(body)).toEqual(['setDatabase@12', 'setDatabase@18', 'withDatabase@23']);
  });

  it('not database 0, nor a number read from configuration', () => {
    const body = [
      '    RedisStandaloneConfiguration spring(int database, String configured) {',
      '        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("cache", 6379);',
      '        config.setDatabase(0);',
      '        config.setDatabase(database);',
      '        config.setDatabase(Integer.parseInt(configured));',
      '        return config;',
      '    }',
      '',
    ].join('\n');
    expect(selects(body)).toEqual([]);
  });

  it('the calls of a builder that passes its database parameter to setDatabase, not a helper also given the address', () => {
    const body = [
      '    private String host;',
      '',
      '    private LettuceConnectionFactory factory(int namespace) {',
      '        LettuceConnectionFactory f = new LettuceConnectionFactory(host, 6379);',
      '        f.setDatabase(namespace);',
      '        return f;',
      '    }',
      '',
      '    LettuceConnectionFactory users() { return factory(0); }',
      '    LettuceConnectionFactory follows() { return factory(1); }',
      '    LettuceConnectionFactory feeds() { return this.factory(2); }',
      '',
      '    private RedisStandaloneConfiguration at(String host, int db) {',
      '        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(host, 6379);',
      '        config.setDatabase(db);',
      '        return config;',
      '    }',
      '',
      '    RedisStandaloneConfiguration reports() { return at("reports", 3); }',
      '',
    ].join('\n');
    expect(selects(body)).toEqual(['factory@17', 'factory@18']);
  });
});
