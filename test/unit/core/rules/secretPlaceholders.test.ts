/** hardcoded-credentials leaves placeholder passwords alone in every language, and still reports real ones. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import type { SourceLanguage as Language } from '../../../../src/core/parsing/languages';
import { reviewSource } from '../../../../src/core/review';
import { isSecretPlaceholder } from '../../../../src/core/rules/support/secretPlaceholders';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function credentialLines(text: string, path: string, language: Language): number[] {
  const result = reviewSource(parsers, text, { path, language });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'hardcoded-credentials').map((f) => f.span.start.line);
}

describe('placeholder passwords', () => {
  it('names the word, template holes and masks as placeholders, and nothing that looks like a secret', () => {
    for (const value of ['password', '"password"', 'your_password', 'YOUR-REDIS-PASSWORD', 'redis_password', 'changeme', 'pass', '${REDIS_PASSWORD}', '<password>', '%s', '***', 'xxxx', '...', '{password}']) {
      expect(isSecretPlaceholder(value), value).toBe(true);
    }
    for (const value of ['s3cr3t!', 'foobared', 'passw0rd-prod', 'Tr0ub4dor&3', '123456', 'redis123']) {
      expect(isSecretPlaceholder(value), value).toBe(false);
    }
  });

  it('Java: setPassword("password") on a sample config is not reported, setPassword("Kx9-prod") is', () => {
    const text = [
      'package app;',
      'import org.redisson.Redisson;',
      'import org.redisson.config.Config;',
      'public class Clients {',
      '    Object sample() {',
      '        Config config = new Config();',
      '        config.useSingleServer().setAddress("redis://10.0.0.5:6379").setPassword("password");',
      '        Config real = new Config();',
      '        real.useSingleServer().setAddress("redis://10.0.0.5:6379").setPassword("Kx9-prod");',
      '        return Redisson.create(real);',
      '    }',
      '}',
      '',
    ].join('\n');
    expect(credentialLines(text, 'src/main/java/app/Clients.java', 'java')).toEqual([8]);
  });

  it('Python and TypeScript: the word itself is a placeholder, a real-looking literal is reported', () => {
    const py = 'import redis\n\nsample = redis.Redis(host="cache", password="your_password")\nreal = redis.Redis(host="cache", password="h7Gq2-live")\n';
    expect(credentialLines(py, 'app/store.py', 'python')).toEqual([3]);
    const ts = "import Redis from 'ioredis';\nconst sample = new Redis({ host: 'cache', password: 'changeme' });\nconst real = new Redis({ host: 'cache', password: 'h7Gq2-live' });\nsample.on('error', console.error);\nreal.on('error', console.error);\n";
    expect(credentialLines(ts, 'src/store.ts', 'typescript')).toEqual([2]);
  });

  it('Go: Password: "password" is a placeholder, Password: "h7Gq2-live" is not', () => {
    const go = 'package main\n\nimport "github.com/redis/go-redis/v9"\n\nvar sample = redis.NewClient(&redis.Options{Addr: "cache:6379", Password: "password"})\nvar real = redis.NewClient(&redis.Options{Addr: "cache:6379", Password: "h7Gq2-live"})\n';
    expect(credentialLines(go, 'cmd/app/main.go', 'go')).toEqual([5]);
  });
});
