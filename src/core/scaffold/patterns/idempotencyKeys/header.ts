/** The opening comment and Lua scripts of the generated idempotency-keys modules. */
import type { ModuleHeader } from '../../header';

export function idempotencyKeysHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'idempotency-keys',
    title: 'Idempotency keys: SET NX records a request once; replays get the stored result instead of a second run.',
    why: [
      'One string per idempotency key holds a small JSON record: "pending" with the claimant\'s token while the',
      'handler runs (SET NX PX, so a crashed claimant frees the key after the lock lease), then "done" with the',
      'result for ttl_seconds. Completing and abandoning compare the token in a Lua script, so a claimant whose',
      'lease ran out cannot overwrite the outcome of the request that took over. A request fingerprint guards',
      'against a client reusing a key for a different request.',
    ],
    complexity: ['run: O(1) commands; a replay is one SET NX + one GET.'],
    memory: ['About 100 bytes per key plus the JSON size of the stored result, for ttl_seconds (e.g. 24 h).'],
    keys: [`${prefix}:<idempotency key> (string, TTL = lock lease while pending, ttl_seconds once done). One key per call.`],
    limits: ['Results must be JSON-serialisable. A handler that outlives the lock lease may run twice; size the lease generously.'],
  };
}

/** KEYS[1] record; ARGV[1] token, ARGV[2] done record, ARGV[3] ttl s. Stores the result only if we still own the claim. */
export const COMPLETE_LUA = [
  "local current = redis.call('GET', KEYS[1])",
  'if not current then return 0 end',
  'local record = cjson.decode(current)',
  "if record.state ~= 'pending' or record.token ~= ARGV[1] then return 0 end",
  "redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])",
  'return 1',
];

/** KEYS[1] record; ARGV[1] token. Frees our pending claim so a retry can run the handler. */
export const ABANDON_LUA = [
  "local current = redis.call('GET', KEYS[1])",
  'if not current then return 0 end',
  'local record = cjson.decode(current)',
  "if record.state ~= 'pending' or record.token ~= ARGV[1] then return 0 end",
  "return redis.call('DEL', KEYS[1])",
];
