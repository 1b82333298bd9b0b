/** del-large-key and unbounded-collection-read on store wrappers that put their caller's key under a namespace, and on HyperLogLogs. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function lines(path: string, text: string, rule: string): number[] {
  return findingLines.inFile(rule, { path, text });
}

const JS = "const Redis = require('ioredis');\nconst client = new Redis();\nclient.on('error', console.error);\nconst NS = { PREFIX: 'app' };\n";

const STORE = `${JS}
class Store {
  listAppend(key, value) {
    key = NS.PREFIX + ':' + key;
    return client.rpush(key, value);
  }

  listGet(key) {
    key = NS.PREFIX + ':' + key;
    return client.lrange(key, 0, -1);
  }

  remove(key) {
    key = NS.PREFIX + ':' + key;
    return client.del(key);
  }
}
module.exports = new Store();
`;

describe('a store wrapper that only namespaces its caller\'s key', () => {
  it('leaves its whole read and its DEL to the callers, as for an untouched key', () => {
    expect(lines('src/store.js', STORE, 'unbounded-collection-read')).toEqual([]);
    expect(lines('src/store.js', STORE, 'del-large-key')).toEqual([]);
  });

  it('does the same for a Python f-string namespace', () => {
    const text = `import redis

r = redis.Redis()


class Store:
    def __init__(self, prefix):
        self.prefix = prefix

    def push(self, key, value):
        return r.rpush(f"{self.prefix}:{key}", value)

    def members(self, key):
        return r.lrange(f"{self.prefix}:{key}", 0, -1)
`;
    expect(lines('app/store.py', text, 'unbounded-collection-read')).toEqual([]);
  });

  it('still reports a key family the function names itself, and a wrapper its own file calls', () => {
    const text = `${JS}
function follow(uid, other) {
  return client.rpush('feed:' + uid, other);
}

function feed(uid) {
  return client.lrange('feed:' + uid, 0, -1);
}

function listGet(key) {
  key = NS.PREFIX + ':' + key;
  return client.lrange(key, 0, -1);
}

function everyone() {
  return listGet('members');
}
module.exports = { follow, feed, everyone };
`;
    expect(lines('src/feed.js', text, 'unbounded-collection-read')).toEqual([11, 16]);
  });
});

describe('del-large-key and HyperLogLogs', () => {
  it('leaves out the DEL of a HyperLogLog (at most 12 KB, freed at once) and still reports a set of the same family', () => {
    const text = `${JS}
function visit(page, visitor) {
  return client.pfadd('uniques:' + page, visitor);
}

function resetUniques(page) {
  return client.del('uniques:' + page);
}

function follow(page, visitor) {
  return client.sadd('followers:' + page, visitor);
}

function resetFollowers(page) {
  return client.del('followers:' + page);
}
module.exports = { visit, resetUniques, follow, resetFollowers };
`;
    expect(lines('src/pages.js', text, 'del-large-key')).toEqual([19]);
  });
});

describe('a thin wrapper whose only call in its file is commented out', () => {
  it('is still uncalled: commented-out code calls nothing', () => {
    const text = `${JS}
function members(key) {
  key = NS.PREFIX + ':' + key;
  return client.lrange(key, 0, -1);
}

function add(key, value) {
  key = NS.PREFIX + ':' + key;
  return client.rpush(key, value);
}

// function everyone() {
//   return members('all');
// }
module.exports = { members, add };
`;
    expect(lines('src/lists.js', text, 'unbounded-collection-read')).toEqual([]);
  });
});
