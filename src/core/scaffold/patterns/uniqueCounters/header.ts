/** The opening comment and Lua script of the generated unique-counters modules. */
import type { ModuleHeader } from '../../header';

export function uniqueCountersHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'unique-counters',
    title: 'Unique counters: HyperLogLog for unique visitors, bitmaps for daily active users.',
    why: [
      'A HyperLogLog counts distinct visitors per page and day in at most 12 KB with ~0.81 % standard error,',
      'however many visitors there are; PFCOUNT over several days gives the union without double counting.',
      'A bitmap per day spends one bit per user id, so "active today?" is GETBIT and cohort questions',
      '("active on all of these days") are BITOP over days, computed in one script into a temporary key that',
      'is deleted before it returns. Days of one page (and all DAU days) share a hash tag so these multi-key',
      'commands are valid on Redis Cluster. Every key expires after the retention period.',
    ],
    complexity: [
      'record_visit / recordVisit: O(1); unique_visitors / uniqueVisitors: O(D) for D days (cached per key).',
      'mark_active / markActive, is_active / isActive: O(1); daily_active / dailyActive: O(max id / 8) bytes scanned.',
      'active_on_all / active_on_any: O(D x max id / 8).',
    ],
    memory: [
      'HyperLogLog: sparse (a few hundred bytes) for small counts, at most 12 KB per page and day.',
      'Bitmap: max user id / 8 bytes per day (10 M users = 1.25 MB), whatever the number of active users.',
    ],
    keys: [
      `${prefix}:{uv:<page>}:<YYYY-MM-DD> (HyperLogLog), ${prefix}:{dau}:<YYYY-MM-DD> (bitmap); TTL = retention.`,
    ],
    limits: [
      'Bitmaps need dense integer user ids below max_user_id; sparse or huge ids waste memory (use a HyperLogLog or a set).',
      'All DAU days share one slot ({dau}); shard by month in the tag if that slot grows too hot.',
    ],
  };
}

/** KEYS[1] temporary destination, KEYS[2..] day bitmaps; ARGV[1] AND or OR. Returns the count of set bits. */
export const COHORT_LUA = [
  'local sources = {}',
  'for i = 2, #KEYS do sources[#sources + 1] = KEYS[i] end',
  "redis.call('BITOP', ARGV[1], KEYS[1], unpack(sources))",
  "local count = redis.call('BITCOUNT', KEYS[1])",
  "redis.call('DEL', KEYS[1])",
  'return count',
];
