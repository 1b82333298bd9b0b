/** command-not-on-target: the message names the servers that have the command, and the target decides. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TargetServer } from '../../../../src/core/config';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CODE = `import redis

r = redis.Redis()


def remember(sid):
    r.hexpire(f"session:{sid}", 900, "token")
`;

function messages(server: TargetServer): string[] {
  const result = reviewSource(parsers, CODE, { path: 'app/sessions.py', language: 'python', config: { ...DEFAULT_CONFIG, server } });
  return result.findings.filter((finding) => finding.ruleId === 'command-not-on-target').map((finding) => finding.message);
}

describe('command-not-on-target', () => {
  it('reports HEXPIRE on a Redis 7.0 target, naming where it exists and how to declare a newer server', () => {
    expect(messages('redis-7.0')).toEqual([
      'HEXPIRE is not available on Redis 7.0, the target server: it is on Redis 7.4+ · not in Valkey 8.0. Redis 7.0 replies with an unknown-command error; if the project runs a newer server, set "server" in .redis-review.json.',
    ]);
  });

  it('reports it on Valkey 8 too, and not on Redis 7.4', () => {
    expect(messages('valkey-8')).toHaveLength(1);
    expect(messages('valkey-8')[0]).toMatch(/^HEXPIRE is not available on Valkey 8\.0/);
    expect(messages('redis-7.4')).toEqual([]);
  });
});
