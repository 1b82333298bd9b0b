/** TypeScript (ioredis) template of the lock: `new RedisLock(redis, name, { ttlMs, prefix? })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { distributedLockHeader, EXTEND_LUA, RELEASE_LUA } from './header';

export function distributedLockTypescript(prefix: string): string {
  return `${typescriptHeader(distributedLockHeader(prefix))}
${typescriptImport('{ randomBytes }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('RELEASE', RELEASE_LUA)}
${typescriptLua('EXTEND', EXTEND_LUA)}
export interface RedisLockOptions {
  /** Lease in milliseconds: the lock frees itself this long after the last acquire/extend. */
  ttlMs: number;
  /** Key prefix; the key is \`<prefix>:<name>\`. */
  prefix?: string;
  /** Pause between attempts while waiting (jittered by +/-50 %). */
  retryIntervalMs?: number;
}

interface LockCommands {
  redisLockRelease(key: string, token: string): Promise<number>;
  redisLockExtend(key: string, token: string, ttlMs: number): Promise<number>;
}

/** A lease on \`name\` held for \`ttlMs\` unless released or extended first. */
export class RedisLock {
  readonly key: string;
  private readonly ttlMs: number;
  private readonly retryIntervalMs: number;
  private readonly commands: LockCommands;
  private ownToken: string | undefined;

  constructor(
    private readonly redis: Redis | Cluster,
    name: string,
    options: RedisLockOptions,
  ) {
    if (!(options.ttlMs >= 1)) throw new RangeError('ttlMs must be at least 1');
    this.key = (options.prefix ?? ${typescriptString(prefix)}) + ':' + name;
    this.ttlMs = Math.floor(options.ttlMs);
    this.retryIntervalMs = options.retryIntervalMs ?? 50;
    redis.defineCommand('redisLockRelease', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('redisLockExtend', { numberOfKeys: 1, lua: EXTEND });
    this.commands = redis as unknown as LockCommands;
  }

  /** Our token while we believe we hold the lock. */
  get token(): string | undefined {
    return this.ownToken;
  }

  /** Takes the lock, retrying until \`timeoutMs\` (0: a single attempt; omitted: wait indefinitely). */
  async acquire(options: { timeoutMs?: number } = {}): Promise<boolean> {
    const token = randomBytes(16).toString('hex');
    const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
    for (;;) {
      if ((await this.redis.set(this.key, token, 'PX', this.ttlMs, 'NX')) === 'OK') {
        this.ownToken = token;
        return true;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      const pause = Math.min(remaining, this.retryIntervalMs * (0.5 + Math.random()));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** Releases the lock; false when it had expired and is no longer ours (someone else may hold it). */
  async release(): Promise<boolean> {
    const token = this.ownToken;
    if (token === undefined) return false;
    this.ownToken = undefined;
    return (await this.commands.redisLockRelease(this.key, token)) === 1;
  }

  /** Sets the remaining lease to \`ttlMs\`; false when the lock is no longer ours. */
  async extend(ttlMs: number): Promise<boolean> {
    if (this.ownToken === undefined) return false;
    return (await this.commands.redisLockExtend(this.key, this.ownToken, ttlMs)) === 1;
  }

  /** Runs \`work\` while holding the lock and always releases it; throws when the lock is not acquired in time. */
  async withLock<T>(work: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    if (!(await this.acquire(options))) throw new Error('lock not acquired: ' + this.key);
    try {
      return await work();
    } finally {
      await this.release();
    }
  }
}
`;
}
