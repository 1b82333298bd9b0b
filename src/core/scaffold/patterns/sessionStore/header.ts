/** The opening comment and Lua scripts of the generated session store modules. */
import type { ModuleHeader } from '../../header';

export function sessionStoreHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'session-store',
    title: 'Session store: one hash per session with sliding expiry, bounded in fields and value size.',
    why: [
      'A hash holds a session as named fields, so one field can change without rewriting the whole session, and',
      'small hashes use the compact listpack encoding. Reads renew the TTL (sliding expiry) in the same script',
      'that reads the hash, and writes check the field cap and set the TTL in one script: a session can never',
      'exist without an expiry, nor be resurrected by a write after it expired.',
    ],
    complexity: ['create, update: O(F) for F fields written; get: O(F) fields returned; touch, destroy: O(1).'],
    memory: ['About 100 bytes per session plus ~20 bytes + length per field while the hash stays listpack-encoded (<= 128 fields, values <= 64 bytes).'],
    keys: [`${prefix}:<session id> (hash, TTL = idle timeout). One key per call: no hash tag needed.`],
    limits: ['Values are strings; serialise structured data yourself. Session ids are 32 random URL-safe characters.'],
  };
}

/** KEYS[1] session; ARGV[1] ttl s, ARGV[2] max fields, ARGV[3] 'new' or 'existing', then field, value pairs. */
export const WRITE_LUA = [
  "local exists = redis.call('EXISTS', KEYS[1]) == 1",
  "if ARGV[3] == 'new' and exists then return -1 end",
  "if ARGV[3] == 'existing' and not exists then return 0 end",
  'local added = 0',
  'for i = 4, #ARGV, 2 do',
  "  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 0 then added = added + 1 end",
  'end',
  "if redis.call('HLEN', KEYS[1]) + added > tonumber(ARGV[2]) then return -2 end",
  "if #ARGV >= 5 then redis.call('HSET', KEYS[1], unpack(ARGV, 4)) end",
  "redis.call('EXPIRE', KEYS[1], ARGV[1])",
  'return 1',
];

/** KEYS[1] session; ARGV[1] ttl s. Returns the fields and renews the TTL, or nil when the session is gone. */
export const READ_LUA = [
  "local fields = redis.call('HGETALL', KEYS[1])",
  'if #fields == 0 then return nil end',
  "redis.call('EXPIRE', KEYS[1], ARGV[1])",
  'return fields',
];
