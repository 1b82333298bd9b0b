/** TypeScript (ioredis) template of idempotency keys: `new IdempotencyKeys(redis, { prefix, ttlSeconds, lockTtlMs })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { ABANDON_LUA, COMPLETE_LUA, idempotencyKeysHeader } from './header';

export function idempotencyKeysTypescript(prefix: string): string {
  return `${typescriptHeader(idempotencyKeysHeader(prefix))}
${typescriptImport('{ randomBytes }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('COMPLETE', COMPLETE_LUA)}
${typescriptLua('ABANDON', ABANDON_LUA)}
/** Another call with the same key is still running (answer 409 / retry later). */
export class RequestInProgress extends Error {}

/** The key was first used with a different request fingerprint (answer 422). */
export class KeyReusedForDifferentRequest extends Error {}

export interface IdempotencyKeysOptions {
  prefix?: string;
  /** How long a completed result is replayed. */
  ttlSeconds?: number;
  /** Lease of a pending claim: a crashed claimant frees the key after this long. */
  lockTtlMs?: number;
}

interface IdempotencyCommands {
  idempotencyComplete(key: string, token: string, record: string, ttlSeconds: number): Promise<number>;
  idempotencyAbandon(key: string, token: string): Promise<number>;
}

interface StoredRecord {
  state: 'pending' | 'done';
  fingerprint?: string;
  result?: unknown;
}

/** Runs a handler at most once per idempotency key and replays its stored result. */
export class IdempotencyKeys {
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly lockTtlMs: number;
  private readonly commands: IdempotencyCommands;

  constructor(
    private readonly redis: Redis | Cluster,
    options: IdempotencyKeysOptions = {},
  ) {
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    this.ttlSeconds = options.ttlSeconds ?? 86400;
    this.lockTtlMs = options.lockTtlMs ?? 30000;
    redis.defineCommand('idempotencyComplete', { numberOfKeys: 1, lua: COMPLETE });
    redis.defineCommand('idempotencyAbandon', { numberOfKeys: 1, lua: ABANDON });
    this.commands = redis as unknown as IdempotencyCommands;
  }

  key(idempotencyKey: string): string {
    return this.prefix + ':' + idempotencyKey;
  }

  /** The handler's result, computed once; concurrent duplicates wait up to waitMs, then throw RequestInProgress. */
  async run<T>(idempotencyKey: string, handler: () => Promise<T>, options: { fingerprint?: string; waitMs?: number } = {}): Promise<T> {
    const recordKey = this.key(idempotencyKey);
    const fingerprint = options.fingerprint ?? '';
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      const token = randomBytes(16).toString('hex');
      const pending = JSON.stringify({ state: 'pending', token, fingerprint });
      if ((await this.redis.set(recordKey, pending, 'PX', this.lockTtlMs, 'NX')) === 'OK') return this.execute(recordKey, token, fingerprint, handler);
      const raw = await this.redis.get(recordKey);
      if (raw === null) continue; // the claim expired or was abandoned in between: try to claim it ourselves
      const record = JSON.parse(raw) as StoredRecord;
      if ((record.fingerprint ?? '') !== fingerprint) throw new KeyReusedForDifferentRequest(idempotencyKey);
      if (record.state === 'done') return record.result as T;
      if (Date.now() >= deadline) throw new RequestInProgress(idempotencyKey);
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }

  private async execute<T>(recordKey: string, token: string, fingerprint: string, handler: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await handler();
    } catch (error) {
      await this.commands.idempotencyAbandon(recordKey, token);
      throw error;
    }
    const done = JSON.stringify({ state: 'done', fingerprint, result });
    await this.commands.idempotencyComplete(recordKey, token, done, this.ttlSeconds);
    return result;
  }
}
`;
}
