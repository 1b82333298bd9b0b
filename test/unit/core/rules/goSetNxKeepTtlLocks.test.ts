/**
 * lock-without-expiry on Go: go-redis SetNX with expiration -1 (`redis.KeepTTL`) sends SET NX KEEPTTL, and NX only
 * succeeds on a key that does not exist, so the lock is taken without any TTL. Tricky negatives: SetNX with a
 * duration, a KEEPTTL SetNX of a key that is no lock (a first-visit marker), and a plain SET with KEEPTTL that
 * updates an existing lock's value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lockLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'locks/heartbeat.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'lock-without-expiry')
    .map((f) => f.span.start.line + 1);
}

const SRC = 'package locks\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb *redis.Client\n\n'
  + 'const heartbeatLock = "lock:heartbeat:"\n\n'
  + 'func TakeHeartbeat(ctx context.Context, node string) bool {\n'
  + '\treturn rdb.SetNX(ctx, heartbeatLock+node, time.Now().Unix(), -1).Val()\n'
  + '}\n\n'
  + 'func TakeReindexLock(ctx context.Context, index string) bool {\n'
  + '\treturn rdb.SetNX(ctx, "reindex:lock:"+index, "1", redis.KeepTTL).Val()\n'
  + '}\n\n'
  + 'func TakeJobLock(ctx context.Context, job string) bool {\n'
  + '\treturn rdb.SetNX(ctx, "lock:job:"+job, "1", 30*time.Second).Val()\n'
  + '}\n\n'
  + 'func MarkFirstVisit(ctx context.Context, user string) bool {\n'
  + '\treturn rdb.SetNX(ctx, "visited:"+user, "1", -1).Val()\n'
  + '}\n\n'
  + 'func RenameLockOwner(ctx context.Context, node, owner string) error {\n'
  + '\treturn rdb.Set(ctx, heartbeatLock+node, owner, redis.KeepTTL).Err()\n'
  + '}\n';

describe('Go lock-without-expiry: SetNX with KEEPTTL', () => {
  it('reports SetNX of a lock with -1 or redis.KeepTTL, not a timed SetNX, a non-lock marker or a KEEPTTL update', () => {
    expect(lockLines(SRC)).toEqual([15, 19]);
  });
});
