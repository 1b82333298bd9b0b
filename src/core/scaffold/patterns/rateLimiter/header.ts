/** The opening comment of the generated rate limiter modules. */
import type { ModuleHeader } from '../../header';
import type { ScaffoldLanguage } from '../../types';

export function rateLimiterHeader(language: ScaffoldLanguage, prefix: string): ModuleHeader {
  const allow = 'allow';
  return {
    patternId: 'rate-limiter',
    title: 'Rate limiter: a sliding-window log in one sorted set per identifier, checked and updated by one Lua script.',
    why: [
      'A sorted set scored by admission time (milliseconds, from the Redis server clock) holds the requests admitted',
      'in the current window, so the limit holds for every window of the configured length, not just for fixed',
      'buckets (fixed INCR windows admit up to 2x the limit across a bucket edge). Trimming, counting and',
      'admitting happen in one script, so concurrent callers cannot race between the check and the write',
      '(no INCR + EXPIRE gap). The key always carries a PEXPIRE of one window, so idle identifiers vanish.',
    ],
    complexity: [
      `${allow}(): O(log N + M) where N <= limit entries in the window and M entries expired since the last call; one round trip.`,
    ],
    memory: [
      'About 60-80 bytes per admitted request in the window (listpack encoding up to 128 entries, skiplist above),',
      'so an identifier at its limit of 100 costs roughly 8 KB; denied requests are not stored.',
    ],
    keys: [`${prefix}:<identifier> (sorted set, TTL = window). One key per call: no hash tag needed.`],
    limits: [
      'Memory grows with the limit; for limits in the thousands per identifier prefer GCRA (one string per identifier).',
      language === 'python' ? 'Scripts run through register_script: EVALSHA with an automatic EVAL fallback.' : 'The script is registered with defineCommand: EVALSHA with an automatic EVAL fallback.',
    ],
  };
}
