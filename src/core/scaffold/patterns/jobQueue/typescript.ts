/** TypeScript (ioredis) template of the job queue: `new JobQueue(redis, name, { group, maxLen, visibilityTimeoutMs, maxDeliveries })`. */
import { typescriptImport, typescriptLua, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { jobQueueHeader, RECLAIM_LUA } from './header';

export function jobQueueTypescript(prefix: string): string {
  return `${typescriptHeader(jobQueueHeader(prefix))}
${typescriptImport('type { EventEmitter }', 'node:events')}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

${typescriptLua('RECLAIM', RECLAIM_LUA)}
export type JobPayload = Record<string, unknown>;

/** A job as handed to a consumer; \`deliveries\` counts this delivery too. */
export interface Job {
  id: string;
  payload: JobPayload;
  deliveries: number;
}

export interface JobQueueOptions {
  group?: string;
  /** Approximate cap of the stream (XADD MAXLEN ~) and exact cap of the dead-letter list. */
  maxLen?: number;
  /** A reserved job not acknowledged within this time may be reclaimed by another consumer. */
  visibilityTimeoutMs?: number;
  /** Deliveries after which reclaim() dead-letters a job instead of handing it out again. */
  maxDeliveries?: number;
  prefix?: string;
  /** Errors of the dedicated connection reserve() blocks on (it reconnects by itself). */
  onError?: (error: Error) => void;
}

interface ReclaimCommand {
  jobQueueReclaim(stream: string, dead: string, group: string, consumer: string, minIdleMs: number, count: number, maxDeliveries: number, deadCap: number): Promise<Array<[string, string, number]>>;
}

type StreamEntry = [id: string, fields: string[] | null];

/** Accepts the RESP2 shape ([[key, entries]]) and the RESP3 map shape ({ key: entries }) of XREADGROUP. */
function entriesOf(reply: unknown): StreamEntry[] {
  if (!reply) return [];
  const streams: Array<[string, StreamEntry[]]> = Array.isArray(reply) ? (reply as Array<[string, StreamEntry[]]>) : Object.entries(reply as Record<string, StreamEntry[]>);
  return streams.flatMap(([, entries]) => entries);
}

function payloadOf(fields: string[] | null): string {
  if (!fields) return '{}';
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === 'payload') return fields[i + 1];
  return '{}';
}

/** At-least-once job queue on one Stream and consumer group. */
export class JobQueue {
  readonly streamKey: string;
  readonly deadLetterKey: string;
  private readonly group: string;
  private readonly maxLen: number;
  private readonly visibilityTimeoutMs: number;
  private readonly maxDeliveries: number;
  private readonly commands: ReclaimCommand;
  private readonly onError: (error: Error) => void;
  private groupReady: Promise<void> | undefined;
  private blockingConnection: Redis | Cluster | undefined;

  constructor(
    private readonly redis: Redis | Cluster,
    name: string,
    options: JobQueueOptions = {},
  ) {
    const prefix = options.prefix ?? ${typescriptString(prefix)};
    this.streamKey = prefix + ':{' + name + '}:stream';
    this.deadLetterKey = prefix + ':{' + name + '}:dead';
    this.group = options.group ?? 'workers';
    this.maxLen = options.maxLen ?? 100000;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30000;
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.onError = options.onError ?? (() => undefined);
    redis.defineCommand('jobQueueReclaim', { numberOfKeys: 2, lua: RECLAIM });
    this.commands = redis as unknown as ReclaimCommand;
  }

  /** Creates the consumer group once (from the start of the stream, so earlier jobs are not skipped). */
  ready(): Promise<void> {
    this.groupReady ??= this.redis.xgroup('CREATE', this.streamKey, this.group, '0', 'MKSTREAM').then(
      () => undefined,
      (error: unknown) => {
        if (!String(error).includes('BUSYGROUP')) {
          this.groupReady = undefined;
          throw error;
        }
      },
    );
    return this.groupReady;
  }

  /** Adds a job; the stream is trimmed to about maxLen entries. */
  async enqueue(payload: JobPayload): Promise<string> {
    await this.ready();
    const id = await this.redis.xadd(this.streamKey, 'MAXLEN', '~', this.maxLen, '*', 'payload', JSON.stringify(payload));
    if (id === null) throw new Error('XADD returned no id');
    return id;
  }

  /** New jobs for \`consumer\`, waiting up to blockMs on a dedicated connection (call close() when done). */
  async reserve(consumer: string, count = 1, blockMs = 1000): Promise<Job[]> {
    await this.ready();
    const reply: unknown = await this.blocking().xreadgroup('GROUP', this.group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.streamKey, '>');
    return entriesOf(reply).map(([id, fields]) => ({ id, payload: JSON.parse(payloadOf(fields)) as JobPayload, deliveries: 1 }));
  }

  /** Closes the dedicated blocking connection, if reserve() opened one. */
  async close(): Promise<void> {
    const connection = this.blockingConnection;
    this.blockingConnection = undefined;
    if (connection) await connection.quit();
  }

  /** XREADGROUP BLOCK parks its connection: it gets its own duplicate so other commands never wait behind it. */
  private blocking(): Redis | Cluster {
    if (!this.blockingConnection) {
      const connection = (this.redis as { duplicate(): unknown }).duplicate() as Redis | Cluster;
      (connection as EventEmitter).on('error', (error: Error) => this.onError(error));
      this.blockingConnection = connection;
    }
    return this.blockingConnection;
  }

  /** Marks the job done; it is never delivered again. */
  async ack(jobId: string): Promise<void> {
    await this.redis.xack(this.streamKey, this.group, jobId);
  }

  /** Takes over jobs idle longer than the visibility timeout; dead-letters those delivered maxDeliveries times. */
  async reclaim(consumer: string, count = 10): Promise<Job[]> {
    await this.ready();
    const rows = await this.commands.jobQueueReclaim(this.streamKey, this.deadLetterKey, this.group, consumer, this.visibilityTimeoutMs, count, this.maxDeliveries, this.maxLen);
    return rows.map(([id, payload, deliveries]) => ({ id, payload: JSON.parse(payload) as JobPayload, deliveries: Number(deliveries) }));
  }

  /** The most recent dead-lettered jobs, newest first. */
  async deadLetters(count = 100): Promise<Job[]> {
    const rows = await this.redis.lrange(this.deadLetterKey, 0, count - 1);
    return rows.map((raw) => {
      const record = JSON.parse(raw) as { id: string; payload: string; deliveries: number };
      return { id: record.id, payload: JSON.parse(record.payload) as JobPayload, deliveries: Number(record.deliveries) };
    });
  }
}
`;
}
