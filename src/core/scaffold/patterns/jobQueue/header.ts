/** The opening comment and reclaim script of the generated job queue modules. */
import type { ModuleHeader } from '../../header';

export function jobQueueHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'job-queue',
    title: 'Job queue: a Stream with a consumer group; stuck jobs are reclaimed, poisoned ones dead-lettered.',
    why: [
      'A Stream keeps every job until it is acknowledged: XREADGROUP hands each new job to one consumer and',
      'records it in the pending entries list (PEL) with a delivery count, so a worker that dies without XACK',
      'does not lose the job. reclaim() moves jobs idle longer than the visibility timeout to a live worker',
      '(XAUTOCLAIM) and, in the same Lua script, moves jobs delivered max_deliveries times to a dead-letter list.',
      'Stream and dead-letter list share the {name} hash tag, so the script is valid on Redis Cluster.',
    ],
    complexity: [
      'enqueue: O(1) amortised (XADD with MAXLEN ~ trims whole macro-nodes).',
      'reserve: O(count); ack: O(1); dead_letters: O(count).',
      'reclaim: O(count log P) for P pending jobs; one round trip.',
    ],
    memory: [
      'About 50-100 bytes of stream overhead per job plus the JSON payload; each pending job adds ~100 bytes',
      'to the PEL until acknowledged. MAXLEN ~ caps the stream; the dead-letter list is capped at the same length.',
    ],
    keys: [`${prefix}:{<name>}:stream (stream + consumer group), ${prefix}:{<name>}:dead (list). No TTL: jobs are durable.`],
    limits: [
      'Delivery is at-least-once: make handlers idempotent (see the idempotency-keys pattern).',
      'MAXLEN trimming can drop jobs that were never acknowledged if producers outrun consumers; size max_len accordingly.',
      'reserve() blocks on a dedicated connection (ioredis: a duplicate, closed by close(); redis-py: a pooled one).',
    ],
  };
}

/**
 * KEYS[1] stream, KEYS[2] dead-letter list; ARGV group, consumer, min idle ms, count, max deliveries, dead-letter cap.
 * Returns {id, payload, deliveries} for each job handed to the consumer; dead-letters the rest.
 */
export const RECLAIM_LUA = [
  "local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])",
  'local jobs = {}',
  'for _, entry in ipairs(claimed[2]) do',
  '  if entry then',
  '    local id = entry[1]',
  "    local payload = '{}'",
  '    for i = 1, #entry[2], 2 do',
  "      if entry[2][i] == 'payload' then payload = entry[2][i + 1] end",
  '    end',
  "    local deliveries = tonumber(redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)[1][4])",
  '    if deliveries > tonumber(ARGV[5]) then',
  "      redis.call('LPUSH', KEYS[2], cjson.encode({id = id, payload = payload, deliveries = deliveries - 1}))",
  "      redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)",
  "      redis.call('XACK', KEYS[1], ARGV[1], id)",
  "      redis.call('XDEL', KEYS[1], id)",
  '    else',
  '      table.insert(jobs, {id, payload, deliveries})',
  '    end',
  '  end',
  'end',
  'return jobs',
];
