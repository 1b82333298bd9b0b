/** The opening comment and Lua scripts of the generated delayed-jobs modules. */
import type { ModuleHeader } from '../../header';

export function delayedJobsHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'delayed-jobs',
    title: 'Delayed jobs: a sorted set scored by due time plus a hash of payloads; due jobs are claimed atomically.',
    why: [
      'The sorted set orders job ids by due time (Redis server clock, ms), so "what is due now" is a range read',
      'from the low end. Claiming reads, removes and returns due jobs in one script, so two workers can never',
      'claim the same job. Payloads live in a hash next to the schedule (both under the {name} hash tag, so the',
      'scripts are valid on Redis Cluster) which keeps the sorted set small and lets cancel() work by id.',
    ],
    complexity: [
      'schedule, cancel: O(log N). claim_due / claimDue: O(log N + M) for M claimed jobs. pending: O(1).',
    ],
    memory: ['About 100 bytes per scheduled job in the sorted set plus ~50 bytes + payload size in the hash.'],
    keys: [`${prefix}:{<name>}:due (sorted set), ${prefix}:{<name>}:jobs (hash). No TTL: scheduled jobs are durable.`],
    limits: [
      'A claimed job is removed: if the worker dies before running it, it is lost. For at-least-once, push the',
      'claimed job into the job-queue pattern (same worker, right after claiming) and run it from there.',
    ],
  };
}

/** KEYS[1] due set, KEYS[2] payloads; ARGV[1] id, ARGV[2] delay ms, ARGV[3] payload. */
export const SCHEDULE_LUA = [
  "local now = redis.call('TIME')",
  'local due = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[2])',
  "redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])",
  "redis.call('ZADD', KEYS[1], due, ARGV[1])",
  'return due',
];

/** KEYS[1] due set, KEYS[2] payloads; ARGV[1] max jobs. Returns {id, payload, due, ...} of the claimed jobs. */
export const CLAIM_LUA = [
  "local now = redis.call('TIME')",
  'local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)',
  "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[1]))",
  'local claimed = {}',
  'for i = 1, #due, 2 do',
  "  redis.call('ZREM', KEYS[1], due[i])",
  "  local payload = redis.call('HGET', KEYS[2], due[i])",
  "  redis.call('HDEL', KEYS[2], due[i])",
  "  table.insert(claimed, due[i])",
  "  table.insert(claimed, payload or '{}')",
  '  table.insert(claimed, due[i + 1])',
  'end',
  'return claimed',
];

/** KEYS[1] due set, KEYS[2] payloads; ARGV[1] id. */
export const CANCEL_LUA = ["local removed = redis.call('ZREM', KEYS[1], ARGV[1])", "redis.call('HDEL', KEYS[2], ARGV[1])", 'return removed'];
