/** hardcoded-credentials reads the literal an environment lookup falls back to, and only a real secret in it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import type { SourceLanguage as Language } from '../../../../src/core/parsing/languages';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function credentialFindings(text: string, path: string, language: Language) {
  const result = reviewSource(parsers, text, { path, language });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'hardcoded-credentials');
}

const lines = (text: string, path: string, language: Language) => credentialFindings(text, path, language).map((f) => f.span.start.line + 1);

describe('credentials in the default of an environment lookup', () => {
  it('TypeScript: a password in the URL or option an env variable falls back to is reported, at the literal', () => {
    const ts = [
      "import Redis from 'ioredis';",
      "export const cache = new Redis(process.env.REDIS_URL || 'rediss://default:Af9xQ2live@eu1-hosted-cat.upstash.io:6379');",
      "export const queue = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD ?? 'h7Gq2-live' });",
      "cache.on('error', console.error);",
      "queue.on('error', console.error);",
      '',
    ].join('\n');
    const findings = credentialFindings(ts, 'src/redis.ts', 'typescript');
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([2, 3]);
    expect(ts.slice(findings[0].span.startOffset, findings[0].span.endOffset)).toBe("'rediss://default:Af9xQ2live@eu1-hosted-cat.upstash.io:6379'");
    // The lookup already reads the environment: replacing the default with it would only repeat it.
    expect(findings.every((f) => !f.fixes?.length)).toBe(true);
  });

  it('TypeScript: fallbacks without a password, with a placeholder, built from a variable or passed through a call are not reported', () => {
    const ts = [
      "import Redis from 'ioredis';",
      "const pw = process.env.PW;",
      "export const a = new Redis(process.env.REDIS_URL || 'redis://localhost:6379');",
      "export const b = new Redis(process.env.REDIS_URL ?? 'redis://:password@localhost:6379');",
      "export const c = new Redis(process.env.REDIS_URL || `redis://:${pw}@cache:6379`);",
      "export const d = new Redis(process.env.REDIS_URL || withDefaults('redis://:h7Gq2-live@cache:6379'));",
      "export const e = new Redis({ host: 'cache', password: process.env.REDIS_PASSWORD || '' });",
      "for (const c of [a, b, c, d, e]) c.on('error', console.error);",
      '',
    ].join('\n');
    expect(lines(ts, 'src/redis.ts', 'typescript')).toEqual([]);
  });

  it('Python: os.getenv / os.environ.get defaults and `or` fallbacks holding a secret are reported', () => {
    const py = [
      'import os',
      'import redis',
      '',
      'a = redis.from_url(os.getenv("REDIS_URL", "redis://:h7Gq2live@cache.example.com:6379/0"))',
      'b = redis.Redis(host="cache", password=os.environ.get("REDIS_PASSWORD", "h7Gq2-live"))',
      'c = redis.Redis(host="cache", password=os.environ.get("REDIS_PASSWORD") or "Kx9-prod")',
      '',
    ].join('\n');
    expect(lines(py, 'app/store.py', 'python')).toEqual([4, 5, 6]);
  });

  it('Python: defaults without a secret and lookups that are not the environment are not reported', () => {
    const py = [
      'import os',
      'import redis',
      'from app import settings',
      '',
      'a = redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"))',
      'b = redis.Redis(host="cache", password=os.environ.get("REDIS_PASSWORD", ""))',
      'c = redis.Redis(host="cache", password=os.environ.get("REDIS_PASSWORD", "your_password"))',
      'd = redis.Redis(host="cache", password=settings.get("redis_password", "h7Gq2-live"))',
      'e = redis.from_url(os.getenv("REDIS_URL", default_url("redis://:h7Gq2-live@cache:6379")))',
      '',
    ].join('\n');
    expect(lines(py, 'app/store.py', 'python')).toEqual([]);
  });
});
