/**
 * cross-slot-multi-key on RedisJSON's multi-key commands: JSON.MGET (`key [key ...] path`, every argument but the
 * path is a key) and JSON.MSET (`key path value [key path value ...]`) fail with CROSSSLOT in Cluster like MGET
 * and MSET. Tricky negatives: hash-tagged keys, a plain client, a one-key JSON.MGET, the path that closes JSON.MGET
 * (never a key, even when named like a list).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function crossSlot(path: string, text: string): string[] {
  return reviewSource(parsers, text, { path, language: languageForPath(path)! })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => `${f.span.start.line + 1} ${f.message.split(' ')[0]}`);
}

const PY_CLUSTER = 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cluster")\n';

describe('cross-slot-multi-key: RedisJSON multi-key commands', () => {
  it('reports json().mget and json().mset of keys in different slots on a redis-py Cluster client', () => {
    const text = PY_CLUSTER + [
      '',
      'def profiles(a, b):',
      '    return rc.json().mget([f"profile:{a}", f"profile:{b}"], "$")',
      '',
      'def save_both(a, b, doc_a, doc_b):',
      '    rc.json().mset([(f"profile:{a}", "$", doc_a), (f"profile:{b}", "$", doc_b)])',
      '',
      'def names(user_ids):',
      '    return rc.json().mget([f"user:{uid}" for uid in user_ids], "$.name")',
      '',
    ].join('\n');
    expect(crossSlot('app/profiles.py', text)).toEqual(['6 JSON.MGET', '9 JSON.MSET', '12 JSON.MGET']);
  });

  it('leaves hash-tagged keys, a one-key mget, a path named like a list and single-key JSON commands alone', () => {
    const text = PY_CLUSTER + [
      '',
      'def both(uid):',
      '    return rc.json().mget([f"{{user:{uid}}}:profile", f"{{user:{uid}}}:prefs"], "$")',
      '',
      'def save(uid, profile, prefs):',
      '    rc.json().mset([(f"{{user:{uid}}}:profile", "$", profile), (f"{{user:{uid}}}:prefs", "$", prefs)])',
      '',
      'def one(key):',
      '    return rc.json().mget([key], "$")',
      '',
      'def fields(key, paths):',
      '    return rc.json().mget([key], paths)',
      '',
      'def literal_same_slot():',
      '    return rc.json().mget(["{users}:1", "{users}:2"], "$")',
      '',
      'def single(uid, doc):',
      '    rc.json().set(f"profile:{uid}", "$", doc)',
      '    return rc.json().get(f"profile:{uid}", "$.name", "$.email")',
      '',
      'def tagged_batch(ids):',
      '    return rc.json().mget([f"doc:{{batch}}:{i}" for i in ids], "$")',
      '',
    ].join('\n');
    expect(crossSlot('app/profiles.py', text)).toEqual([]);
  });

  it('does not judge a plain redis-py client', () => {
    const text = [
      'import redis',
      '',
      'r = redis.Redis()',
      '',
      'def profiles(a, b):',
      '    return r.json().mget([f"profile:{a}", f"profile:{b}"], "$")',
      '',
      'def save_both(a, b, doc_a, doc_b):',
      '    r.json().mset([(f"profile:{a}", "$", doc_a), (f"profile:{b}", "$", doc_b)])',
      '',
    ].join('\n');
    expect(crossSlot('app/profiles.py', text)).toEqual([]);
  });

  it('reports node-redis json.mGet and json.mSet on a cluster client, not with a shared tag or on createClient', () => {
    const text = [
      "import { createClient, createCluster } from 'redis';",
      "const cluster = createCluster({ rootNodes: [{ url: 'redis://cluster:6379' }] });",
      "cluster.on('error', console.error);",
      "const client = createClient();",
      "client.on('error', console.error);",
      '',
      'export async function profiles(a: string, b: string) {',
      "  return cluster.json.mGet([`profile:${a}`, `profile:${b}`], '$');",
      '}',
      '',
      'export async function saveBoth(a: string, b: string, docA: object, docB: object) {',
      "  await cluster.json.mSet([{ key: `profile:${a}`, path: '$', value: docA }, { key: `profile:${b}`, path: '$', value: docB }]);",
      '}',
      '',
      'export async function tagged(uid: string) {',
      "  await cluster.json.mSet([{ key: `{user:${uid}}:profile`, path: '$', value: {} }, { key: `{user:${uid}}:prefs`, path: '$', value: {} }]);",
      "  return cluster.json.mGet([`{user:${uid}}:profile`, `{user:${uid}}:prefs`], '$');",
      '}',
      '',
      'export async function one(key: string) {',
      "  return cluster.json.mGet([key], '$');",
      '}',
      '',
      'export async function plain(a: string, b: string) {',
      "  return client.json.mGet([`profile:${a}`, `profile:${b}`], '$');",
      '}',
      '',
    ].join('\n');
    expect(crossSlot('src/profiles.ts', text)).toEqual(['8 JSON.MGET', '12 JSON.MSET']);
  });
});
