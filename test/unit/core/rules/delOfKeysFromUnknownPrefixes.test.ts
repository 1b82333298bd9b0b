/** del-large-key on keys whose every part is a name the file does not define (`${PREFIX}${id}`): which key is it? */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function delLines(path: string, text: string): number[] {
  const language = path.endsWith('.py') ? 'python' : 'javascript';
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

describe('del-large-key on keys built only from names of another module', () => {
  it('does not take the DEL of each listed record for a DEL of the list it was listed in', () => {
    const text = `import { Redis } from 'ioredis';
import { DEVICE_LIST_PREFIX, DEVICE_PREFIX } from './keys';

export async function forgetDevices(accountId: string, redis: Redis) {
  const deviceIds = await redis.lrange(\`\${DEVICE_LIST_PREFIX}\${accountId}\`, 0, -1);
  for (const deviceId of deviceIds) {
    await redis.del(\`\${DEVICE_PREFIX}\${deviceId}\`);
  }
}
`;
    expect(delLines('src/devices.ts', text)).toEqual([]);
  });

  it('does not match the records of a Python list read by their unknown prefixes either', () => {
    const text = `from redis import Redis

from .keys import GRANT_LIST, GRANT


def revoke_all(r: Redis, owner):
    for grant in r.lrange(f"{GRANT_LIST}{owner}", 0, -1):
        r.delete(f"{GRANT}{grant}")
`;
    expect(delLines('app/grants.py', text)).toEqual([]);
  });

  it('still reports the DEL of the very key the function has just read whole', () => {
    const text = `import { Redis } from 'ioredis';
import { DEVICE_LIST_PREFIX } from './keys';

export async function drainDevices(accountId: string, redis: Redis) {
  const deviceIds = await redis.lrange(\`\${DEVICE_LIST_PREFIX}\${accountId}\`, 0, -1);
  await redis.del(\`\${DEVICE_LIST_PREFIX}\${accountId}\`);
  return deviceIds;
}
`;
    expect(delLines('src/devices.ts', text)).toEqual([6]);
  });
});
