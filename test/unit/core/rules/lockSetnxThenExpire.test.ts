/**
 * lock-release-without-ownership of a key a function takes with SETNX, gives a TTL with a separate EXPIRE, and then
 * deletes (the Celery "one task at a time" recipe written with SETNX + EXPIRE): a lock with a TTL, released blindly.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function releaseLines(text: string, path: string): number[] {
  return findingLines.inFile('lock-release-without-ownership', { path, text });
}

describe('SETNX then EXPIRE then DEL of the same key in one function', () => {
  it('reports the DEL of a redis-py key taken with setnx and expired separately, named like nothing', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef nightly(day):\n    key = f"report:{day}"\n    if r.setnx(key, 1):\n        r.expire(key, 600)\n        try:\n            build(day)\n        finally:\n            r.delete(key)\n';
    expect(releaseLines(text, 'app/report.py')).toEqual([13]);
  });

  it('reports it in a context manager that sets the TTL unconditionally after SETNX', () => {
    const text = 'from contextlib import contextmanager\n\nimport redis\n\nclient = redis.Redis()\n\n\n@contextmanager\ndef single_run(task_id, oid):\n    acquired = client.setnx(task_id, oid)\n    client.expire(task_id, 300)\n    try:\n        yield acquired\n    finally:\n        if acquired:\n            client.delete(task_id)\n';
    expect(releaseLines(text, 'app/tasks.py')).toEqual([16]);
  });

  it('reports ioredis setnx + expire + del of one key', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nexport async function sync(shop: string) {\n  const marker = `sync:${shop}`;\n  if (!(await redis.setnx(marker, '1'))) return;\n  await redis.expire(marker, 30);\n  try {\n    await pull(shop);\n  } finally {\n    await redis.del(marker);\n  }\n}\n";
    expect(releaseLines(text, 'src/sync.ts')).toEqual([12]);
  });

  it('leaves SETNX without any TTL, and an EXPIRE of another key, alone', () => {
    const noTtl = 'import redis\n\nr = redis.Redis()\n\n\ndef once(order_id):\n    seen = f"order:{order_id}:seen"\n    if r.setnx(seen, 1):\n        handle(order_id)\n        r.delete(seen)\n';
    expect(releaseLines(noTtl, 'app/orders.py')).toEqual([]);
    const otherKey = 'import redis\n\nr = redis.Redis()\n\n\ndef once(order_id):\n    seen = f"order:{order_id}:seen"\n    if r.setnx(seen, 1):\n        r.expire(f"order:{order_id}:log", 60)\n        handle(order_id)\n        r.delete(seen)\n';
    expect(releaseLines(otherKey, 'app/orders.py')).toEqual([]);
  });
});
