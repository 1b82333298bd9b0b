/**
 * Go hardcoded-credentials: a literal given to a name that says Redis password (`redisPassword := "…"` handed to
 * another package's constructor, `RedisPassword: "…"` in a config literal) is reported once, at the literal; values
 * read from the environment, empty strings, placeholders, commented-out lines, other services' passwords and
 * struct tags are not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function credentials(source: string): number[] {
  return reviewSource(parsers, source, { path: 'cmd/gateway/main.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'hardcoded-credentials')
    .map((f) => f.span.start.line + 1);
}

describe('Go literals named for a Redis password', () => {
  it('reports the literal a Redis-password name holds, also when only another package builds the client', () => {
    const source = [
      'package main',
      '',
      'import (',
      '\t"os"',
      '',
      '\t"example.com/gateway/limiter"',
      ')',
      '',
      'type Settings struct {',
      '\tRedisAddr     string `yaml:"redis_addr"`',
      '\tRedisPassword string `yaml:"redis_password"`',
      '}',
      '',
      'func main() {',
      '\tredisAddr := "10.0.0.7:6379"',
      '\tredisPassword := "gw-limiter-2024"',
      '\tsettings := Settings{RedisAddr: redisAddr, RedisPassword: "k8s-redis-pw"}',
      '\tdbPassword := "pg-secret"',
      '\t// redisPassword := "old-one"',
      '\tredisPass := os.Getenv("REDIS_PASSWORD")',
      '\tredisPwd := ""',
      '\tvar redisAuthPassword = "your_password"',
      '\tif redisPass == "x" {',
      '\t\treturn',
      '\t}',
      '\tlimiter.New(redisAddr, redisPassword, settings, dbPassword, redisPass, redisPwd, redisAuthPassword)',
      '}',
      '',
    ].join('\n');
    expect(credentials(source)).toEqual([16, 17]);
  });

  it('reports a password held in a Redis-password name and handed to the options of the same function once', () => {
    const source = [
      'package store',
      '',
      'import "github.com/redis/go-redis/v9"',
      '',
      'func Open() *redis.Client {',
      '\tredisPassword := "s3cr3t-pass"',
      '\treturn redis.NewClient(&redis.Options{Addr: "cache:6379", Password: redisPassword})',
      '}',
      '',
    ].join('\n');
    expect(credentials(source)).toEqual([6]);
  });
});
