/** unbounded-collection-read on loops over a key list that a helper of the same file builds with its key builder. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function readLines(path: string, text: string): number[] {
  return findingLines.inFile('unbounded-collection-read', { path, text });
}

const PY = 'import redis\n\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

function pyLists(push: string): string {
  return `${PY}
class Recent:
    limit = 50

    def key_for(self, name):
        return f"recent:{self.owner}:{name}"

    def keys_for(self, names):
        return [self.key_for(n) for n in names]

    def add(self, name, value):
        key = self.key_for(name)
        ${push}

    def read(self, *names):
        keys = self.keys_for(names)
        pipe = r.pipeline()
        for key in keys:
            pipe.lrange(key, 0, -1)
        return pipe.execute()
`;
}

describe('unbounded-collection-read and key lists built by the file\'s key builder', () => {
  it('leaves out lists read through the helper when every push of the builder\'s keys is trimmed', () => {
    expect(readLines('app/recent.py', pyLists('r.rpush(key, value)\n        r.ltrim(key, -self.limit, -1)'))).toEqual([]);
  });

  it('still reports them when nothing trims the builder\'s keys', () => {
    expect(readLines('app/recent.py', pyLists('r.rpush(key, value)'))).toEqual([22]);
  });

  it('still reports a loop over a list made by a helper that maps another builder', () => {
    const text = `${PY}
class Feeds:
    def feed_key(self, uid):
        return f"feed:{uid}"

    def inbox_key(self, uid):
        return f"inbox:{uid}"

    def inbox_keys(self, uids):
        return [self.inbox_key(u) for u in uids]

    def post(self, uid, item):
        r.lpush(self.feed_key(uid), item)
        r.ltrim(self.feed_key(uid), 0, 99)
        r.lpush(self.inbox_key(uid), item)

    def inboxes(self, uids):
        for key in self.inbox_keys(uids):
            r.lrange(key, 0, -1)
`;
    expect(readLines('app/feeds.py', text)).toEqual([22]);
  });

  it('leaves out the same shape in TypeScript', () => {
    const text = `${TS}
export class Recent {
  constructor(private readonly owner: string) {}
  keyFor(name: string) { return \`recent:\${this.owner}:\${name}\`; }
  keysFor(names: string[]) {
    return names.map((n) => this.keyFor(n));
  }
  async add(name: string, value: string) {
    await redis.rpush(this.keyFor(name), value);
    await redis.ltrim(this.keyFor(name), -50, -1);
  }
  async read(names: string[]) {
    const keys = this.keysFor(names);
    const pipe = redis.pipeline();
    for (const key of keys) pipe.lrange(key, 0, -1);
    return pipe.exec();
  }
}
`;
    expect(readLines('src/recent.ts', text)).toEqual([]);
  });
});
