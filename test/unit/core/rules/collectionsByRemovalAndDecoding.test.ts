/**
 * The collection rules on three shapes: a hash whose entity fields the file only shows through HDEL (filled by a
 * bulk HSET mapping=…), a multi-key DEL that includes a collection the file fills itself, and a store wrapper that
 * decodes its caller's reply on request (`if (json && res) res = JSON.parse(res)`).
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const PY_CLIENT = 'import redis\n\nr = redis.Redis()\n';
const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('del-large-key on hashes known by the fields removed from them', () => {
  it('reports DEL of a hash the file removes one member field from', () => {
    const text = `${PY_CLIENT}

def store_team(team_id, players):
    r.hset(str(team_id), mapping={p["id"]: p["name"] for p in players})

def drop_player(team_id, player_id):
    r.hdel(str(team_id), str(player_id))

def drop_team(team_id):
    r.delete(str(team_id))
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/teams.py', text })).toEqual([13]);
  });

  it('leaves alone DEL of an object hash whose fixed field is removed', () => {
    const text = `${PY_CLIENT}

def store_profile(uid, profile):
    r.hset(f"profile:{uid}", mapping=profile)

def clear_avatar(uid):
    r.hdel(f"profile:{uid}", "avatar")

def drop_profile(uid):
    r.delete(f"profile:{uid}")
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/profiles.py', text })).toEqual([]);
  });

  it('leaves alone an HDEL whose field is a fixed attribute name held in a variable', () => {
    const text = `${PY_CLIENT}

def store_profile(uid, profile):
    r.hset(f"profile:{uid}", mapping=profile)

def clear(uid, attribute):
    r.hdel(f"profile:{uid}", attribute)

def drop_profile(uid):
    r.delete(f"profile:{uid}")
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/profiles.py', text })).toEqual([]);
  });
});

describe('del-large-key on DELs of several keys', () => {
  it('reports a DEL of several keys when the file fills one of them as a collection', () => {
    const text = `${PY_CLIENT}

class Group:
    def __init__(self, name):
        self.name = name

    def _index(self):
        return "group:" + self.name

    def add(self, counter, now):
        r.zadd(self._index(), {counter: now})

    def drop(self, counter_keys):
        r.delete(self._index(), *counter_keys)
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/groups.py', text })).toEqual([17]);
  });

  it('leaves alone one entity\'s keys deleted together, even a list among them, when they are built from its id', () => {
    const text = `${PY_CLIENT}

def forget(name, user_id):
    state_key = name + ":state:" + user_id
    r.rpush(state_key, "forgotten")
    r.delete(name + user_id, state_key)
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/records.py', text })).toEqual([]);
  });

  it('leaves alone one record of several string keys deleted together', () => {
    const text = `${PY_CLIENT}

def save(job, args, result):
    r.set(job.args_key(), args)
    r.set(job.result_key(), result)

def forget(job):
    r.delete(job.args_key(), job.result_key())
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/jobs.py', text })).toEqual([]);
  });
});

describe('unbounded-collection-read through a store wrapper that decodes the reply', () => {
  it('leaves alone a wrapper whose only branch decodes its caller\'s reply (a family of its own is still reported)', () => {
    const text = `${TS_CLIENT}
const PREFIX = 'app';

export class Store {
  async listGet(key: string, json: boolean) {
    key = PREFIX + ':' + key;
    let res = await redis.lrange(key, 0, -1);
    if (json && res) res = res.map((r) => JSON.parse(r));
    return res;
  }
}
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/store.ts', text })).toEqual([]);
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/store.ts', text: text.replace('PREFIX + \':\' + key', "'app:' + key") })).toEqual([10]);
  });

  it('still reports a wrapper whose branch picks another key', () => {
    const text = `${TS_CLIENT}
export class Store {
  async listGet(key: string, all: boolean) {
    let res = await redis.lrange(key, 0, -1);
    if (all) res = await redis.lrange('app:everything', 0, -1);
    return res;
  }
}
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/store.ts', text })).toEqual([7, 8]);
  });
});

describe('sets kept from a record\'s list, with members flagged on and off', () => {
  const PY = `${PY_CLIENT}

def save_doc(doc_id, resolved_ids):
    pipe = r.pipeline()
    pipe.delete(f"resolved:{doc_id}")
    if resolved_ids:
        pipe.sadd(f"resolved:{doc_id}", *resolved_ids)
    pipe.execute()

def set_resolved(doc_id, comment_id, resolved):
    if resolved:
        r.sadd(f"resolved:{doc_id}", comment_id)
    else:
        r.srem(f"resolved:{doc_id}", comment_id)

def resolved(doc_id):
    return r.smembers(f"resolved:{doc_id}")
`;

  it('leaves alone the whole read and the DEL of a set toggled member by member', () => {
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/docs.py', text: PY })).toEqual([]);
    expect(findingLines.inFile('del-large-key', { path: 'app/docs.py', text: PY })).toEqual([]);
  });

  it('still reports them when members are added on their own (a member joining, not a flag)', () => {
    const text = PY.replace('    else:\n        r.srem(f"resolved:{doc_id}", comment_id)\n', '');
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/docs.py', text })).toEqual([18]);
    expect(findingLines.inFile('del-large-key', { path: 'app/docs.py', text })).toEqual([8]);
  });
});
