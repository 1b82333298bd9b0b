/**
 * cache-write-without-ttl on cache hashes: an HSET that nothing expires is reported on every target, and its
 * per-field fix (HEXPIRE) is offered only where the target server has HEXPIRE (Redis 7.4; not Redis 7.0 nor
 * Valkey 8.0). The fixed code no longer gets the finding, and the fix is not taken for a command-not-on-target.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TargetServer } from '../../../../src/core/config';
import { applyTextEdits } from '../../../../src/core/editor/fixAll';
import type { Finding, Fix } from '../../../../src/core/findings';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { fixesOnTarget } from '../../../../src/core/commands/fixesOnTarget';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const PYTHON = `import redis

r = redis.Redis()


def cache_profile(user_id, payload):
    r.hset("cache:profiles", user_id, payload)
`;

const IOREDIS = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);

export async function cacheProfile(userId: string, payload: string) {
  await redis.hset('cache:profiles', userId, payload);
}
`;

const NODE_REDIS = `import { createClient } from 'redis';
const client = createClient();
client.on('error', console.error);

export async function cacheProfile(userId: string, payload: string) {
  await client.hSet('cache:profiles', userId, payload);
}
`;

function review(text: string, path: string, server: TargetServer): Finding[] {
  const language = path.endsWith('.py') ? 'python' : 'typescript';
  return reviewSource(parsers, text, { path, language, config: { ...DEFAULT_CONFIG, server } }).findings.filter((finding) => finding.ruleId === 'cache-write-without-ttl' || finding.ruleId === 'command-not-on-target');
}

describe('cache hashes written without a TTL', () => {
  it('are reported on every target, with the HEXPIRE fix only for Redis 7.4', () => {
    for (const server of ['redis-7.0', 'valkey-8'] as const) {
      const [finding] = review(PYTHON, 'app/cache.py', server);
      expect(finding.message).toContain("HSET 'cache:profiles' writes a field of a cache hash that nothing expires");
      expect(finding.fixes).toBeUndefined();
    }
    const [finding] = review(PYTHON, 'app/cache.py', 'redis-7.4');
    expect(finding.fixes?.map((candidate) => candidate.description)).toEqual(['Expire the field user_id after 3600 s (HEXPIRE, Redis 7.4+)']);
    expect(finding.fixes?.[0].safe).toBe(false);
  });

  it('writes HEXPIRE in each client\'s spelling, after the write, and the fixed code is clean on Redis 7.4', () => {
    const cases: [string, string, string][] = [
      [PYTHON, 'app/cache.py', '    r.hset("cache:profiles", user_id, payload)\n    r.hexpire("cache:profiles", 3600, user_id)\n'],
      [IOREDIS, 'src/cache.ts', "  await redis.hset('cache:profiles', userId, payload);\n  await redis.hexpire('cache:profiles', 3600, 'FIELDS', 1, userId);\n"],
      [NODE_REDIS, 'src/cache.ts', "  await client.hSet('cache:profiles', userId, payload);\n  await client.hExpire('cache:profiles', userId, 3600);\n"],
    ];
    for (const [text, path, expected] of cases) {
      const [finding] = review(text, path, 'redis-7.4');
      const fixed = applyTextEdits(text, finding.fixes![0].edits);
      expect(fixed).toContain(expected);
      expect(review(fixed, path, 'redis-7.4')).toEqual([]);
      // On Redis 7.0 the same code would be wrong: HEXPIRE is reported there.
      expect(review(fixed, path, 'redis-7.0').map((other) => other.ruleId)).toEqual(['command-not-on-target']);
    }
  });

  it('are not reported when the hash or its field gets a TTL in the same function, or the key is no cache', () => {
    const expired = PYTHON.replace('payload)\n', 'payload)\n    r.expire("cache:profiles", 600)\n');
    const fieldTtl = PYTHON.replace('payload)\n', 'payload)\n    r.hexpire("cache:profiles", 600, user_id)\n');
    const notCache = PYTHON.replace('cache:profiles', 'profiles').replace('cache_profile', 'save_profile');
    // A wrapper whose callers pass the key: its name says cache, the hash it writes is the caller's choice.
    const wrapper = PYTHON.replace('def cache_profile(user_id, payload):\n    r.hset("cache:profiles", user_id, payload)', 'def set_cache_map_value(cache_key, field, value):\n    r.hset(cache_key, field, value)');
    expect(wrapper).toContain('set_cache_map_value');
    for (const text of [expired, fieldTtl, notCache, wrapper]) expect(review(text, 'app/cache.py', 'redis-7.4').filter((finding) => finding.ruleId === 'cache-write-without-ttl')).toEqual([]);
  });

  it('offer no fix for a write that is not a statement of its own', () => {
    const assigned = PYTHON.replace('    r.hset(', '    added = r.hset(');
    const [finding] = review(assigned, 'app/cache.py', 'redis-7.4');
    expect(finding.ruleId).toBe('cache-write-without-ttl');
    expect(finding.fixes).toBeUndefined();
  });

  it('are not reported when the file manages the hash elsewhere, or the write is no per-entry field', () => {
    // Invalidated by the code that fills it: a DEL or HDEL of the hash in another function of the file.
    const deleted = PYTHON + '\n\ndef invalidate_profiles():\n    r.delete("cache:profiles")\n';
    const pruned = PYTHON + '\n\ndef forget_profile(user_id):\n    r.hdel("cache:profiles", user_id)\n';
    // One fixed field, or several at once: not an entry per value.
    const fixedField = PYTHON.replace('r.hset("cache:profiles", user_id, payload)', 'r.hset("cache:profiles", "latest", payload)');
    const mapping = PYTHON.replace('r.hset("cache:profiles", user_id, payload)', 'r.hset("cache:profiles", mapping={user_id: payload})');
    for (const text of [deleted, pruned, fixedField, mapping]) expect(review(text, 'app/cache.py', 'redis-7.4')).toEqual([]);
  });
});

describe('fixesOnTarget', () => {
  const plain: Fix = { description: 'plain', safe: true, edits: [] };
  const perField: Fix = { description: 'per field', safe: false, edits: [], needs: ['HEXPIRE'] };
  const noTouch: Fix = { description: 'no touch', safe: false, edits: [], needs: ['CLIENT NO-TOUCH'] };
  const moduleCommand: Fix = { description: 'module', safe: false, edits: [], needs: ['JSON.SET'] };

  it('keeps a fix only when the target has every command it sends', () => {
    expect(fixesOnTarget([plain, perField, noTouch], 'redis-7.0')).toEqual([plain]);
    expect(fixesOnTarget([plain, perField, noTouch], 'redis-7.4')).toEqual([plain, perField, noTouch]);
    expect(fixesOnTarget([perField, noTouch], 'valkey-8')).toEqual([noTouch]);
    expect(fixesOnTarget([perField], 'redis-7.0')).toBeUndefined();
  });

  it('does not judge commands the table does not know', () => {
    expect(fixesOnTarget([moduleCommand], 'redis-7.0')).toEqual([moduleCommand]);
  });
});
