import { beforeAll, describe, expect, it } from 'vitest';
import { sharedParsers, type Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';
import { callSiteAt, hoverAt } from '../../../../src/core/editor/hoverContent';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await sharedParsers(diskGrammarSource);
});

const PYTHON = `import redis

r = redis.Redis()


def profile(user_id):
    return r.hgetall(f"profile:{user_id}")


def everything():
    return r.keys("session:*")


def raw(user_id):
    return r.execute_command("HGETALL", f"profile:{user_id}")


def settings():
    return {"a": 1}.keys()
`;

const TS = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);
export async function get(id: string) {
  return redis.call('CONFIG', 'SET', 'maxmemory', '1gb');
}
`;

const explain = (ruleId: string) => `explanation of ${ruleId}`;

describe('hoverAt', () => {
  it('shows the command card on the method name of a tracked client call', () => {
    const review = reviewSource(parsers, PYTHON, { path: 'app/users.py', language: 'python' });
    const hover = hoverAt(review.callSites, review.findings, PYTHON.indexOf('hgetall') + 2, explain)!;
    expect(hover.blocks[0]).toContain('**HGETALL**');
    expect(hover.blocks[0]).toContain('O(N) where N is the size of the hash.');
    expect(PYTHON.slice(hover.startOffset, hover.endOffset)).toBe('hgetall');
  });

  it('shows the card on the command name inside execute_command(...) and call(...)', () => {
    const review = reviewSource(parsers, PYTHON, { path: 'app/users.py', language: 'python' });
    const onLiteral = hoverAt(review.callSites, review.findings, PYTHON.indexOf('"HGETALL"') + 3, explain)!;
    expect(onLiteral.blocks[0]).toContain('**HGETALL**');
    const ts = reviewSource(parsers, TS, { path: 'src/cache.ts', language: 'typescript' });
    const config = hoverAt(ts.callSites, ts.findings, TS.indexOf("'CONFIG'") + 2, explain)!;
    expect(config.blocks[0]).toContain('**CONFIG SET**');
    expect(config.blocks[0]).toContain('`admin`');
  });

  it('adds the rule explanation when a finding is under the cursor', () => {
    const review = reviewSource(parsers, PYTHON, { path: 'app/users.py', language: 'python' });
    const hover = hoverAt(review.callSites, review.findings, PYTHON.indexOf('keys("session') + 1, explain)!;
    expect(hover.blocks).toHaveLength(2);
    expect(hover.blocks[0]).toContain('**KEYS**');
    expect(hover.blocks[1]).toMatch(/^\*\*Redis Review · keys-command\*\* \(RR\d+\)\n\nexplanation of keys-command$/);
  });

  it('stays silent on arguments, on non-Redis calls and on dict.keys()', () => {
    const review = reviewSource(parsers, PYTHON, { path: 'app/users.py', language: 'python' });
    expect(hoverAt(review.callSites, review.findings, PYTHON.indexOf('f"profile') + 4, explain)).toBeUndefined();
    expect(hoverAt(review.callSites, review.findings, PYTHON.indexOf('.keys()') + 2, explain)).toBeUndefined();
    expect(callSiteAt(review.callSites, PYTHON.indexOf('redis.Redis') + 7)).toBeUndefined();
  });
});

describe('hover on a command newer than the target', () => {
  const FIELDS = `import redis

r = redis.Redis()


def remember(sid):
    r.hexpire(f"session:{sid}", 900, "token")
`;

  it('says HEXPIRE is Redis 7.4+ and not in Valkey 8.0, with the finding for a 7.0 target under it', () => {
    const review = reviewSource(parsers, FIELDS, { path: 'app/sessions.py', language: 'python' });
    const hover = hoverAt(review.callSites, review.findings, FIELDS.indexOf('hexpire') + 2, explain)!;
    expect(hover.blocks[0]).toContain('**HEXPIRE**');
    expect(hover.blocks[0]).toContain('**Available:** Redis 7.4+ · not in Valkey 8.0');
    expect(hover.blocks[1]).toContain('Redis Review · command-not-on-target');
  });
});

describe('hover on RedisJSON calls', () => {
  it('shows the JSON.MGET card on r.json().mget(...) and the JSON.SET card on client.json.set(...)', () => {
    const python = 'import redis\n\nr = redis.Redis()\n\ndef names(a, b):\n    return r.json().mget([a, b], "$.name")\n';
    const py = reviewSource(parsers, python, { path: 'app/names.py', language: 'python' });
    const mget = hoverAt(py.callSites, py.findings, python.indexOf('mget') + 1, explain)!;
    expect(mget.blocks[0]).toContain('**JSON.MGET** — Return the JSON value at a path from several keys');
    expect(mget.blocks[0]).toContain('```\nJSON.MGET key [key ...] path\n```');
    expect(mget.blocks[0]).toContain('**Time complexity:** O(M\\*N) where M is the number of keys');
    expect(mget.blocks[0]).toContain('**Available:** RedisJSON 1.0+ (module');
    const ts = "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nexport async function save(id: string, doc: object) {\n  await client.json.set(`doc:${id}`, '$', doc);\n}\n";
    const node = reviewSource(parsers, ts, { path: 'src/docs.ts', language: 'typescript' });
    const set = hoverAt(node.callSites, node.findings, ts.indexOf('json.set') + 6, explain)!;
    expect(set.blocks[0]).toContain('**JSON.SET** — Set the JSON value at a path in a key');
    expect(set.blocks[0]).toContain('**Time complexity:** O(M+N)');
    expect(set.blocks[0]).toContain('**Flags:** `write`');
  });

  it('shows JSON.DEBUG MEMORY as the subcommand, and no card on a parsed HTTP response', () => {
    const ts = "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nexport async function size(id: string) {\n  return client.json.debugMemory(`doc:${id}`);\n}\n";
    const node = reviewSource(parsers, ts, { path: 'src/size.ts', language: 'typescript' });
    expect(hoverAt(node.callSites, node.findings, ts.indexOf('debugMemory') + 2, explain)!.blocks[0]).toContain('**JSON.DEBUG MEMORY** — The memory used by the JSON values');
    const python = 'import requests\n\ndef fetch(url):\n    return requests.get(url).json().get("name")\n';
    const py = reviewSource(parsers, python, { path: 'app/fetch.py', language: 'python' });
    expect(hoverAt(py.callSites, py.findings, python.indexOf('.get("name")') + 2, explain)).toBeUndefined();
  });
});
