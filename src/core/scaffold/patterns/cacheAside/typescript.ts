/** TypeScript (ioredis) template of cache-aside: `new CacheAside(redis, { prefix, ttlSeconds })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { cacheAsideHeader, UNLOCK_LUA } from './header';

export function cacheAsideTypescript(prefix: string): string {
  return `${typescriptHeader(cacheAsideHeader(prefix))}
${typescriptImport('{ randomBytes }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('UNLOCK', UNLOCK_LUA)}
export interface CacheAsideOptions {
  prefix?: string;
  ttlSeconds: number;
  /** TTLs are stretched by a random factor in [0, jitterRatio] so keys written together do not expire together. */
  jitterRatio?: number;
  lockTtlMs?: number;
  waitTimeoutMs?: number;
  pollIntervalMs?: number;
}

interface UnlockCommand {
  cacheAsideUnlock(key: string, token: string): Promise<number>;
}

const LOCK_RELEASED = Symbol('lock released');
const TIMED_OUT = Symbol('timed out');

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads through Redis to a loader; concurrent misses of one key share a single loader call. */
export class CacheAside {
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly jitterRatio: number;
  private readonly lockTtlMs: number;
  private readonly waitTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly commands: UnlockCommand;

  constructor(
    private readonly redis: Redis | Cluster,
    options: CacheAsideOptions,
  ) {
    if (!(options.ttlSeconds >= 1)) throw new RangeError('ttlSeconds must be at least 1');
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    this.ttlSeconds = options.ttlSeconds;
    this.jitterRatio = options.jitterRatio ?? 0.1;
    this.lockTtlMs = options.lockTtlMs ?? 5000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 5000;
    this.pollIntervalMs = options.pollIntervalMs ?? 20;
    redis.defineCommand('cacheAsideUnlock', { numberOfKeys: 1, lua: UNLOCK });
    this.commands = redis as unknown as UnlockCommand;
  }

  /** The Redis key of a cached value. */
  key(key: string): string {
    return this.prefix + ':{' + key + '}';
  }

  /** The cached value, or the loader's (JSON-serialisable) result, cached with a jittered TTL. */
  async getOrLoad<T>(key: string, loader: () => Promise<T>): Promise<T> {
    const cacheKey = this.key(key);
    const lockKey = cacheKey + ':lock';
    for (;;) {
      const cached = await this.redis.get(cacheKey);
      if (cached !== null) return JSON.parse(cached) as T;
      const token = randomBytes(16).toString('hex');
      if ((await this.redis.set(lockKey, token, 'PX', this.lockTtlMs, 'NX')) === 'OK') {
        try {
          // Another caller may have stored the value between our GET and SET NX.
          const again = await this.redis.get(cacheKey);
          if (again !== null) return JSON.parse(again) as T;
          const value = await loader();
          await this.redis.set(cacheKey, JSON.stringify(value), 'EX', this.ttlWithJitter());
          return value;
        } finally {
          await this.commands.cacheAsideUnlock(lockKey, token);
        }
      }
      const outcome = await this.waitForLoader(cacheKey, lockKey);
      if (outcome === LOCK_RELEASED) continue;
      if (outcome === TIMED_OUT) return loader();
      return JSON.parse(outcome) as T;
    }
  }

  /** Drops the cached value; the next read loads it again. */
  async invalidate(key: string): Promise<void> {
    await this.redis.unlink(this.key(key));
  }

  private ttlWithJitter(): number {
    return Math.max(1, Math.round(this.ttlSeconds * (1 + Math.random() * this.jitterRatio)));
  }

  private async waitForLoader(cacheKey: string, lockKey: string): Promise<string | typeof LOCK_RELEASED | typeof TIMED_OUT> {
    const deadline = Date.now() + this.waitTimeoutMs;
    while (Date.now() < deadline) {
      await sleep(this.pollIntervalMs * (0.5 + Math.random()));
      const replies = await this.redis.pipeline().get(cacheKey).exists(lockKey).exec();
      if (!replies) continue;
      const [[getError, cached], [existsError, locked]] = replies;
      if (getError) throw getError;
      if (existsError) throw existsError;
      if (cached !== null) return cached as string;
      if (locked === 0) return LOCK_RELEASED;
    }
    return TIMED_OUT;
  }
}
`;
}
