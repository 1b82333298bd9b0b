/** TypeScript (ioredis) template of the rate limiter: `new RateLimiter(redis, { limit, windowMs, prefix? })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { rateLimiterHeader } from './header';
import { SLIDING_WINDOW_LUA } from './lua';

export function rateLimiterTypescript(prefix: string): string {
  return `${typescriptHeader(rateLimiterHeader('typescript', prefix))}
${typescriptImport('{ randomUUID }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('SLIDING_WINDOW', SLIDING_WINDOW_LUA)}
export interface RateLimiterOptions {
  /** Requests admitted per window and identifier. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Key prefix; keys are \`<prefix>:<identifier>\`. */
  prefix?: string;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

interface SlidingWindowCommand {
  rateLimiterSlidingWindow(key: string, windowMs: number, limit: number, member: string): Promise<[number, number, number]>;
}

/** Admits at most \`limit\` requests per identifier in any window of \`windowMs\`. */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly prefix: string;
  private readonly commands: SlidingWindowCommand;

  constructor(redis: Redis | Cluster, options: RateLimiterOptions) {
    if (!(options.limit >= 1)) throw new RangeError('limit must be at least 1');
    if (!(options.windowMs >= 1)) throw new RangeError('windowMs must be at least 1');
    this.limit = Math.floor(options.limit);
    this.windowMs = Math.floor(options.windowMs);
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    // defineCommand sends EVALSHA and falls back to EVAL once per connection when the script is not cached.
    redis.defineCommand('rateLimiterSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW });
    this.commands = redis as unknown as SlidingWindowCommand;
  }

  /** The sorted set that holds the identifier's admissions. */
  key(id: string): string {
    return this.prefix + ':' + id;
  }

  /** Records the request and admits it when the window has room; denied requests are not recorded. */
  async allow(id: string): Promise<RateLimitResult> {
    const [allowed, remaining, retryAfterMs] = await this.commands.rateLimiterSlidingWindow(this.key(id), this.windowMs, this.limit, randomUUID());
    return { allowed: allowed === 1, remaining: Number(remaining), retryAfterMs: Number(retryAfterMs) };
  }
}
`;
}
