/** The sliding-window Lua script shared by both languages' rate limiter modules. */

/** KEYS[1] the window log; ARGV[1] window ms, ARGV[2] limit, ARGV[3] a unique member suffix. Returns {allowed, remaining, retryAfterMs}. */
export const SLIDING_WINDOW_LUA = [
  "local now = redis.call('TIME')",
  'local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)',
  'local window = tonumber(ARGV[1])',
  'local limit = tonumber(ARGV[2])',
  "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window)",
  "local count = redis.call('ZCARD', KEYS[1])",
  'if count < limit then',
  "  redis.call('ZADD', KEYS[1], now_ms, now_ms .. '-' .. ARGV[3])",
  "  redis.call('PEXPIRE', KEYS[1], window)",
  '  return {1, limit - count - 1, 0}',
  'end',
  "local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')",
  'local retry = tonumber(oldest[2]) + window - now_ms',
  'if retry < 1 then retry = 1 end',
  'return {0, 0, retry}',
];
