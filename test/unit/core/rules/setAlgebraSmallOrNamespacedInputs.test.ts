/** big-set-algebra on a store's namespaced pass-through operations and on sets the same file shows to be small. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function algebraLines(path: string, text: string): number[] {
  return findingLines.inFile('big-set-algebra', { path, text });
}

const PY = 'import redis\n\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('big-set-algebra and a store that prefixes its caller\'s keys', () => {
  it('leaves out operations that map every caller key through the store\'s namespace', () => {
    const text = `${PY}

class Namespace:
    def __init__(self, prefix):
        self.prefix = prefix

    def key(self, name):
        return f"{self.prefix}:{name}"

    def inter(self, *names):
        return r.sinter(*[self.key(n) for n in names])

    def union_into(self, destination, names):
        keys = [self.key(n) for n in names]
        return r.sunionstore(self.key(destination), keys)
`;
    expect(algebraLines('app/namespace.py', text)).toEqual([]);
  });

  it('leaves out the same shape in TypeScript', () => {
    const text = `${TS}
export class Store {
  constructor(private readonly prefix: string) {}
  private k(name: string) { return this.prefix + name; }
  inter(...names: string[]) { return redis.sinter(...names.map((name) => this.k(name))); }
}
`;
    expect(algebraLines('src/store.ts', text)).toEqual([]);
  });

  it('still reports a mapping that names the sets itself (every tag set of the caller\'s tags)', () => {
    const text = `${PY}

def posts_with_all(tags):
    return r.sinter(*[f"tag:{t}:posts" for t in tags])
`;
    expect(algebraLines('app/tags.py', text)).toEqual([7]);
  });
});

describe('big-set-algebra and sets this file shows to be small', () => {
  it('leaves out sets filled only with fixed members, and one record\'s tags written in one SADD', () => {
    const text = `${PY}

def seed_roles():
    r.sadd("perms:admin", "read", "write", "delete")
    r.sadd("perms:viewer", "read")

def viewer_lacks():
    return r.sdiff("perms:admin", "perms:viewer")

def tag_post(post_id, tags):
    r.sadd(f"post:{post_id}:tags", *tags)

def shared_tags(a, b):
    return r.sinter(f"post:{a}:tags", f"post:{b}:tags")
`;
    expect(algebraLines('app/perms.py', text)).toEqual([]);
  });

  it('still reports when one input grows per event (followers added one by one)', () => {
    const text = `${PY}

def seed():
    r.sadd("perms:viewer", "read")

def follow(user, other):
    r.sadd(f"followers:{other}", user)

def mutual(a, b):
    return r.sinter(f"followers:{a}", f"followers:{b}")

def odd(a):
    return r.sinter("perms:viewer", f"followers:{a}")
`;
    expect(algebraLines('app/social.py', text)).toEqual([13, 16]);
  });
});
