/**
 * command-in-loop over a local name holding a literal list or tuple written one item per line (as formatters lay
 * them out), also when a nested helper is defined between the literal and the loop.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(path: string, text: string): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const ASYNC_HEADER = 'import asyncio\n\nimport redis.asyncio as redis\n\nr = redis.Redis()\n\n';
const SYNC_HEADER = 'import redis\n\nr = redis.Redis()\n\n';

describe('command-in-loop over multi-line literal lists', () => {
  it('leaves out a gathered comprehension over a one-item tuple written over three lines, past a nested helper', () => {
    const text = `${ASYNC_HEADER}
async def setup_acl(token):
    topics = (
        "devices/+/state",
    )

    async def grant(topic):
        await r.hset(f"acl:{token}", topic, "all")

    await asyncio.gather(*[grant(topic) for topic in topics])
`;
    expect(loopLines('app/acl.py', text)).toEqual([]);
  });

  it('leaves out the same comprehension when the gather call is laid out over lines', () => {
    const text = `${ASYNC_HEADER}
async def setup_acl(redis_client, token):
    topics = (
        f"devices/+/{token}/state",
    )

    async def grant(client, topic):
        await client.hset(f"acl:{token}", topic, "all")

    await asyncio.gather(
        *[grant(redis_client, topic) for topic in topics]
    )
`;
    expect(loopLines('app/acl.py', text)).toEqual([]);
  });

  it('leaves out a for-loop over a three-item list written one item per line', () => {
    const text = `${SYNC_HEADER}
def clear_caches():
    names = [
        "menu",
        "prices",
        "banners",
    ]
    for name in names:
        r.delete(f"cache:{name}")
`;
    expect(loopLines('app/caches.py', text)).toEqual([]);
  });

  it('still reports a multi-line literal of more than three items', () => {
    const text = `${SYNC_HEADER}
def clear_caches():
    names = [
        "menu",
        "prices",
        "banners",
        "footer",
        "header",
    ]
    for name in names:
        r.delete(f"cache:{name}")
`;
    expect(loopLines('app/caches.py', text)).toEqual([15]);
  });

  it('still reports a multi-line literal the function adds to before the loop', () => {
    const text = `${SYNC_HEADER}
def clear_caches(extra):
    names = [
        "menu",
    ]
    names.extend(extra)
    for name in names:
        r.delete(f"cache:{name}")
`;
    expect(loopLines('app/caches.py', text)).toEqual([12]);
  });

  it('still reports the gathered comprehension over a parameter of the outer function', () => {
    const text = `${ASYNC_HEADER}
async def setup_acl(token, topics):
    async def grant(topic):
        await r.hset(f"acl:{token}", topic, "all")

    await asyncio.gather(*[grant(topic) for topic in topics])
`;
    expect(loopLines('app/acl.py', text)).toEqual([12]);
  });

  it('leaves out an awaited TypeScript loop over a two-item array written one item per line', () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);

export async function clearCaches() {
  const names = [
    'menu',
    'prices',
  ];
  for (const name of names) {
    await redis.del(\`cache:\${name}\`);
  }
}
`;
    expect(loopLines('src/caches.ts', text)).toEqual([]);
  });
});
