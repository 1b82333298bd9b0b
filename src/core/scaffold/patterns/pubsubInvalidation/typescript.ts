/** TypeScript (ioredis) template of Pub/Sub invalidation: `new InvalidatingCache(redis, { prefix, ttlSeconds, ... })`. */
import { typescriptImport, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { pubsubInvalidationHeader } from './header';

export function pubsubInvalidationTypescript(prefix: string): string {
  return `${typescriptHeader(pubsubInvalidationHeader(prefix))}
${typescriptImport('{ randomUUID }', 'node:crypto')}
${typescriptImport('type { EventEmitter }', 'node:events')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

export interface InvalidatingCacheOptions {
  prefix?: string;
  ttlSeconds?: number;
  localMaxItems?: number;
  localTtlMs?: number;
  /** Errors of the subscriber connection (it reconnects by itself). */
  onError?: (error: Error) => void;
}

/** What the cache needs of its subscriber connection (a Redis or Cluster duplicate). */
interface Subscriber extends EventEmitter {
  subscribe(...channels: string[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

/** Local cache + Redis; await start() before use and close() on shutdown. */
export class InvalidatingCache {
  readonly channel: string;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly localMaxItems: number;
  private readonly localTtlMs: number;
  private readonly local = new Map<string, { expires: number; value: unknown }>();
  private readonly subscriber: Subscriber;
  /** Messages carry the sender's id so an instance does not drop the copy it just wrote. */
  private readonly instanceId = randomUUID();
  private generation = 0;

  constructor(
    private readonly redis: Redis | Cluster,
    options: InvalidatingCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.localMaxItems = options.localMaxItems ?? 10000;
    this.localTtlMs = options.localTtlMs ?? 60000;
    this.channel = this.prefix + ':invalidations';
    // A subscribed connection cannot run other commands: the subscriber is a dedicated duplicate.
    this.subscriber = (redis as { duplicate(): unknown }).duplicate() as Subscriber;
    this.subscriber.on('error', (error: Error) => options.onError?.(error));
    this.subscriber.on('message', (_channel: string, message: string) => {
      const separator = message.indexOf(':');
      if (message.slice(0, separator) !== this.instanceId) this.invalidateLocally(message.slice(separator + 1));
    });
    // After a reconnect, messages sent meanwhile are lost: forget everything (ioredis resubscribes by itself).
    this.subscriber.on('ready', () => this.invalidateLocally(undefined));
  }

  /** Subscribes; resolves once invalidations are being received. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
  }

  key(key: string): string {
    return this.prefix + ':' + key;
  }

  /** The value from local memory, else from Redis (then kept locally); null when absent. */
  async get<T>(key: string): Promise<T | null> {
    const entry = this.local.get(key);
    if (entry && entry.expires > Date.now()) {
      this.local.delete(key);
      this.local.set(key, entry);
      return entry.value as T;
    }
    const generation = this.generation;
    const raw = await this.redis.get(this.key(key));
    const value = raw === null ? null : (JSON.parse(raw) as T);
    // An invalidation arrived while we read: our value may be stale, do not keep it.
    if (value !== null && generation === this.generation) {
      this.local.set(key, { expires: Date.now() + this.localTtlMs, value });
      while (this.local.size > this.localMaxItems) this.local.delete(this.local.keys().next().value as string);
    }
    return value;
  }

  /** Writes to Redis, then tells every instance (including this one) to drop its copy. */
  async set(key: string, value: unknown): Promise<void> {
    await this.redis.set(this.key(key), JSON.stringify(value), 'EX', this.ttlSeconds);
    this.invalidateLocally(key);
    await this.redis.publish(this.channel, this.instanceId + ':' + key);
  }

  async delete(key: string): Promise<void> {
    await this.redis.unlink(this.key(key));
    this.invalidateLocally(key);
    await this.redis.publish(this.channel, this.instanceId + ':' + key);
  }

  localSize(): number {
    return this.local.size;
  }

  async close(): Promise<void> {
    await this.subscriber.quit();
  }

  private invalidateLocally(key: string | undefined): void {
    this.generation++;
    if (key === undefined) this.local.clear();
    else this.local.delete(key);
  }
}
`;
}
