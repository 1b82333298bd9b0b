/** A key taken with SET NX and a TTL and deleted by the same function is a lock, whatever its name. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function releaseLines(text: string, path: string, language: 'python' | 'typescript'): number[] {
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'lock-release-without-ownership')
    .map((f) => f.span.start.line + 1);
}

describe('lock-release-without-ownership of a key used as a lock', () => {
  it('reports the DEL in finally of a key the same function took with SET NX EX, named like nothing', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef start_round(round_id):\n    guard = f"round:{round_id}:busy"\n    if r.set(guard, 1, nx=True, ex=10):\n        try:\n            run(round_id)\n        finally:\n            r.delete(guard)\n';
    expect(releaseLines(text, 'app/rounds.py', 'python')).toEqual([12]);
  });

  it('reports it at module level with the key written out again', () => {
    const text = 'import redis\n\nr = redis.Redis()\nname = "report"\nif r.set(name, 1, ex=600, nx=True):\n    try:\n        build()\n    finally:\n        r.delete("report")\n';
    expect(releaseLines(text, 'jobs/report.py', 'python')).toEqual([9]);
  });

  it('reports an ioredis SET NX PX followed by DEL of the same key', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\nexport async function sync(shop: string) {\n  const marker = `sync:${shop}`;\n  if ((await redis.set(marker, '1', 'PX', 5000, 'NX')) !== 'OK') return;\n  try {\n    await pull(shop);\n  } finally {\n    await redis.del(marker);\n  }\n}\n";
    expect(releaseLines(text, 'src/sync.ts', 'typescript')).toEqual([11]);
  });

  it('leaves a key set with NX but no TTL, and a DEL in another function, alone', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef remember(order_id):\n    seen = f"order:{order_id}:seen"\n    if r.set(seen, 1, nx=True):\n        handle(order_id)\n        r.delete(seen)\n\n\ndef mark(order_id):\n    r.set(f"order:{order_id}:mark", 1, nx=True, ex=60)\n\n\ndef unmark(order_id):\n    r.delete(f"order:{order_id}:mark")\n';
    expect(releaseLines(text, 'app/orders.py', 'python')).toEqual([]);
  });
});
