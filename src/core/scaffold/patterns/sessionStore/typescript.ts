/** TypeScript (ioredis) template of the session store: `new SessionStore(redis, { prefix, ttlSeconds, maxFields, maxValueBytes })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { READ_LUA, sessionStoreHeader, WRITE_LUA } from './header';

export function sessionStoreTypescript(prefix: string): string {
  return `${typescriptHeader(sessionStoreHeader(prefix))}
${typescriptImport('{ randomBytes }', 'node:crypto')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('WRITE', WRITE_LUA)}
${typescriptLua('READ', READ_LUA)}
export interface SessionStoreOptions {
  prefix?: string;
  /** Idle timeout: the session expires this long after its last use. */
  ttlSeconds?: number;
  maxFields?: number;
  maxValueBytes?: number;
}

export type SessionData = Record<string, string>;

/** Thrown when a write would exceed maxFields or maxValueBytes. */
export class SessionTooLarge extends Error {}

interface SessionCommands {
  sessionStoreWrite(key: string, ttlSeconds: number, maxFields: number, mode: string, ...fieldsAndValues: string[]): Promise<number>;
  sessionStoreRead(key: string, ttlSeconds: number): Promise<string[] | null>;
}

/** Sessions as hashes that expire after \`ttlSeconds\` without use. */
export class SessionStore {
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly maxFields: number;
  private readonly maxValueBytes: number;
  private readonly commands: SessionCommands;

  constructor(
    private readonly redis: Redis | Cluster,
    options: SessionStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    this.ttlSeconds = options.ttlSeconds ?? 1800;
    this.maxFields = options.maxFields ?? 64;
    this.maxValueBytes = options.maxValueBytes ?? 4096;
    redis.defineCommand('sessionStoreWrite', { numberOfKeys: 1, lua: WRITE });
    redis.defineCommand('sessionStoreRead', { numberOfKeys: 1, lua: READ });
    this.commands = redis as unknown as SessionCommands;
  }

  key(sessionId: string): string {
    return this.prefix + ':' + sessionId;
  }

  /** Stores a new session and returns its id. */
  async create(data: SessionData): Promise<string> {
    for (;;) {
      const sessionId = randomBytes(24).toString('base64url');
      if ((await this.store(sessionId, data, 'new')) === 1) return sessionId;
    }
  }

  /** The session's fields (renewing its expiry), or null when it expired or never existed. */
  async get(sessionId: string): Promise<SessionData | null> {
    const fields = await this.commands.sessionStoreRead(this.key(sessionId), this.ttlSeconds);
    if (!fields || fields.length === 0) return null;
    const data: SessionData = {};
    for (let i = 0; i < fields.length; i += 2) data[fields[i]] = fields[i + 1];
    return data;
  }

  /** Sets fields of a live session (renewing its expiry); false when the session is gone. */
  async update(sessionId: string, data: SessionData): Promise<boolean> {
    return (await this.store(sessionId, data, 'existing')) === 1;
  }

  /** Renews the expiry without reading; false when the session is gone. */
  async touch(sessionId: string): Promise<boolean> {
    return (await this.redis.expire(this.key(sessionId), this.ttlSeconds)) === 1;
  }

  /** Deletes the session (logout). */
  async destroy(sessionId: string): Promise<boolean> {
    return (await this.redis.unlink(this.key(sessionId))) === 1;
  }

  private async store(sessionId: string, data: SessionData, mode: 'new' | 'existing'): Promise<number> {
    const pairs: string[] = [];
    for (const [field, value] of Object.entries(data)) {
      if (Buffer.byteLength(value) > this.maxValueBytes) throw new SessionTooLarge('field ' + field + ' is larger than ' + this.maxValueBytes + ' bytes');
      pairs.push(field, value);
    }
    const result = Number(await this.commands.sessionStoreWrite(this.key(sessionId), this.ttlSeconds, this.maxFields, mode, ...pairs));
    if (result === -2) throw new SessionTooLarge('a session holds at most ' + this.maxFields + ' fields');
    return result;
  }
}
`;
}
