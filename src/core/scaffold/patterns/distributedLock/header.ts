/** The opening comment and Lua scripts of the generated distributed lock modules. */
import type { ModuleHeader } from '../../header';

export function distributedLockHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'distributed-lock',
    title: 'Distributed lock: SET NX PX with a random token; release and extend compare the token in one Lua script.',
    why: [
      'A plain string with a millisecond TTL is the smallest structure that can express "owned by X until T".',
      'SET NX PX creates it atomically with its expiry, so a crashed holder never leaves a lock behind.',
      'The random token identifies the holder: release and extend only act when the key still holds our token,',
      'so a holder whose lease expired can never delete or prolong a lock someone else has taken since.',
    ],
    complexity: ['acquire: O(1) per attempt (one SET NX PX round trip, retried with jitter while blocking).', 'release, extend: O(1), one EVALSHA.'],
    memory: ['About 100 bytes per held lock (key, 32-character token, expiry entry); nothing when free.'],
    keys: [`${prefix}:<name> (string, TTL = lease). One key per lock: no hash tag needed.`],
    limits: [
      'This is a single-instance lock, not Redlock: after a failover the replica may not have the lock yet, and a',
      'paused holder (GC, swap) can outlive its lease. Use it for efficiency (avoid duplicate work), not for',
      'correctness; for correctness pass a fencing token (e.g. INCR on a counter) to the protected resource.',
      'Keep the work shorter than the lease or call extend() before it runs out.',
    ],
  };
}

/** KEYS[1] lock; ARGV[1] token. Deletes only our own lock. */
export const RELEASE_LUA = ["if redis.call('GET', KEYS[1]) == ARGV[1] then", "  return redis.call('DEL', KEYS[1])", 'end', 'return 0'];

/** KEYS[1] lock; ARGV[1] token, ARGV[2] new lease in ms. Prolongs only our own lock. */
export const EXTEND_LUA = ["if redis.call('GET', KEYS[1]) == ARGV[1] then", "  return redis.call('PEXPIRE', KEYS[1], ARGV[2])", 'end', 'return 0'];
