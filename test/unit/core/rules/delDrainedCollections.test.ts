/** del-large-key on collections a function reads whole and then deletes (a drained queue or backlog). */
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

const NODE_REDIS = "const { createClient } = require('redis');\nconst client = createClient();\nclient.on('error', console.error);\n";

describe('del-large-key after a whole read', () => {
  it('reports DEL of a list the function has just read whole, though no code of the file pushes to it', () => {
    const text = `${NODE_REDIS}
async function flushOffline(io, user) {
  const queueKey = \`offline:\${user}\`;
  const messages = await client.lRange(queueKey, 0, -1);
  messages.forEach((m) => io.emit('message', JSON.parse(m)));
  await client.del(queueKey);
}
module.exports = { flushOffline };
`;
    expect(delLines('src/offline.js', text)).toEqual([9]);
  });

  it('reports a DEL of several keys when one of them is a collection read whole before', () => {
    const text = `${NODE_REDIS}
async function empty(keys) {
  const multi = client.multi();
  multi.lRange(keys.wait, 0, -1);
  multi.del(keys.wait, keys.meta);
  return multi.exec();
}
module.exports = { empty };
`;
    expect(delLines('src/queue.js', text)).toEqual([8]);
  });

  it('does not report a DEL that comes before the read, a page read, or records of one entity deleted together', () => {
    const text = `import redis

r = redis.Redis()


def reset(job):
    r.delete(f"parts:{job}")
    return r.lrange(f"parts:{job}", 0, -1)


def page(job):
    first = r.lrange(f"pending:{job}", 0, 9)
    r.delete(f"pending:{job}")
    return first


def forget(run):
    r.get(run.args_key)
    r.delete(run.args_key, run.result_key)
`;
    expect(delLines('app/jobs.py', text)).toEqual([]);
  });
});
