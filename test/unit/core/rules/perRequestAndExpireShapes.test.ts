/**
 * set-then-expire when the key's name is assigned another key in between, and client-per-request for a yielding
 * resource provider named as a factory and for cron job scripts. Each is paired with the shape still reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contextForPath } from '../../../../src/core/analysis/fileContext';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(ruleId: string, text: string, path: string, language: 'python' | 'javascript'): number[] {
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.span.start.line + 1);
}

const PY = 'import redis\n\nr = redis.Redis()\n\n\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n";

describe('set-then-expire and a key name assigned in between', () => {
  it('does not report when the name holds another key at the EXPIRE', () => {
    expect(lines('set-then-expire', PY + 'def mark(u):\n    key = f"seen:{u}"\n    r.set(key, 1)\n    key = f"active:{u}"\n    r.expire(key, 60)\n', 'app/marks.py', 'python')).toEqual([]);
    expect(lines('set-then-expire', TS + 'export async function mark(u: string) {\n  let key = `seen:${u}`;\n  await redis.set(key, 1);\n  key = `active:${u}`;\n  await redis.expire(key, 60);\n}\n', 'src/marks.ts', 'javascript')).toEqual([]);
  });

  it('still reports when the name is only compared in between', () => {
    expect(lines('set-then-expire', TS + "export async function mark(key: string) {\n  await redis.set(key, 1);\n  if (key === 'x') console.log(key);\n  await redis.expire(key, 60);\n}\n", 'src/marks.ts', 'javascript')).toEqual([6]);
  });
});

describe('client-per-request and yielding providers', () => {
  const provider = (fn: string, extra = '') =>
    `import redis.asyncio as aredis\nfrom fastapi import Request${extra}\n\n\nasync def ${fn}(settings):\n    client = aredis.Redis.from_url(settings.redis_url)\n    yield client\n    await client.close()\n`;

  it('does not report a generator named as a factory in a module without Depends()', () => {
    expect(lines('client-per-request', provider('create_redis'), 'api/redis.py', 'python')).toEqual([]);
  });

  it('still reports a yielding accessor, and a factory the module hands to Depends()', () => {
    expect(lines('client-per-request', provider('get_redis'), 'api/redis.py', 'python')).toEqual([6]);
    const withDepends = provider('create_redis', ', Depends') + '\n\nasync def route(r=Depends(create_redis)):\n    return await r.get("x")\n';
    expect(lines('client-per-request', withDepends, 'api/redis.py', 'python')).toEqual([6]);
  });

  it('takes cron job folders for scripts', () => {
    expect(contextForPath('cronjobs/parse_rates.py')).toBe('script');
    expect(contextForPath('app/cron/cleanup.ts')).toBe('script');
    expect(contextForPath('app/cronies.py')).toBe('app');
  });
});
