/** lock-release-without-ownership: a lock taken through another module's acquiring helper and deleted by the caller. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CLIENT = { path: 'src/config/redis.js', text: "import Redis from 'ioredis';\nconst client = new Redis();\nclient.on('error', console.error);\nexport default client;\n" };
const ACQUIRE = {
  path: 'src/utils/lock.js',
  text: "import client from '../config/redis.js';\n\nexport const acquireLock = async (lockKey, seconds) => {\n  const result = await client.set(lockKey, '1', 'PX', seconds * 1000, 'NX');\n  return result === 'OK';\n};\n",
};

function releaseLines(text: string, acquire = ACQUIRE): number[] {
  const path = 'src/middlewares/cache.js';
  const workspace = buildWorkspaceIndex(parsers, [CLIENT, acquire, { path, text }]);
  return reviewSource(parsers, text, { path, language: 'javascript', workspace })
    .findings.filter((f) => f.ruleId === 'lock-release-without-ownership')
    .map((f) => f.span.start.line + 1);
}

const MIDDLEWARE = (release: string) =>
  "import client from '../config/redis.js';\nimport { acquireLock } from '../utils/lock.js';\n\n" +
  'export const cached = (key) => async (req, res, next) => {\n' +
  '  const lockKey = `lock:${key}`;\n' +
  '  const held = await acquireLock(lockKey, 30);\n' +
  '  try {\n    await next();\n  } finally {\n' +
  `    ${release}\n` +
  '  }\n};\n';

describe('a lock taken through a helper of another module', () => {
  it('reports the DEL of the key expression the file passed to the acquiring helper', () => {
    expect(releaseLines(MIDDLEWARE('if (held) await client.del(lockKey);'))).toEqual([10]);
  });

  it('does not report a DEL of another key of the file', () => {
    expect(releaseLines(MIDDLEWARE('await client.del(`stats:${key}`);'))).toEqual([]);
  });

  it('does not report it when the helper of that name only reads', () => {
    const reads = { path: ACQUIRE.path, text: "import client from '../config/redis.js';\n\nexport const acquireLock = async (lockKey) => {\n  return (await client.exists(lockKey)) === 0;\n};\n" };
    expect(releaseLines(MIDDLEWARE('if (held) await client.del(lockKey);'), reads)).toEqual([]);
  });
});
