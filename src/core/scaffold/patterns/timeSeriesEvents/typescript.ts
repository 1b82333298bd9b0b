/** TypeScript (ioredis) template of time-series events: `new EventSeries(redis, { prefix, retentionMs, maxLen })`. */
import { typescriptImport, typescriptString } from '../../embed';
import { typescriptHeader } from '../../header';
import { timeSeriesEventsHeader } from './header';

export function timeSeriesEventsTypescript(prefix: string): string {
  return `${typescriptHeader(timeSeriesEventsHeader(prefix))}
${typescriptImport('type { Cluster, Redis }', 'ioredis')}

export interface Event {
  id: string;
  timestampMs: number;
  fields: Record<string, string>;
}

export interface EventSeriesOptions {
  prefix?: string;
  /** Events older than this are trimmed (XADD MINID ~); null to use maxLen only. */
  retentionMs?: number | null;
  /** Approximate cap on events per series (XADD MAXLEN ~) when retentionMs is null. */
  maxLen?: number;
}

function toEvent([id, flat]: [string, string[]]): Event {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return { id, timestampMs: Number(id.split('-')[0]), fields };
}

/** Append-only event series with time-based retention. */
export class EventSeries {
  private readonly prefix: string;
  private readonly retentionMs: number | null;
  private readonly maxLen: number | undefined;

  constructor(
    private readonly redis: Redis | Cluster,
    options: EventSeriesOptions = {},
  ) {
    this.prefix = options.prefix ?? ${typescriptString(prefix)};
    this.retentionMs = options.retentionMs === undefined ? 7 * 86400 * 1000 : options.retentionMs;
    this.maxLen = options.maxLen;
    if (this.retentionMs === null && this.maxLen === undefined) throw new RangeError('give retentionMs or maxLen: an unbounded stream grows forever');
  }

  key(series: string): string {
    return this.prefix + ':' + series;
  }

  /** Appends an event (now, or at timestampMs) and trims what fell out of retention. */
  async add(series: string, fields: Record<string, string | number>, timestampMs?: number): Promise<string> {
    const key = this.key(series);
    const id = timestampMs === undefined ? '*' : timestampMs + '-*';
    const flat = Object.entries(fields).flatMap(([field, value]) => [field, String(value)]);
    // MULTI: the entry and its key's expiry are applied together (a plain pipeline could stop between them).
    const pipeline = this.redis.multi();
    if (this.retentionMs !== null) {
      pipeline.xadd(key, 'MINID', '~', Date.now() - this.retentionMs, id, ...flat).pexpire(key, this.retentionMs);
    } else {
      pipeline.xadd(key, 'MAXLEN', '~', this.maxLen ?? 0, id, ...flat);
    }
    const replies = await pipeline.exec();
    const [error, added] = replies?.[0] ?? [new Error('pipeline returned nothing'), null];
    if (error) throw error;
    return String(added);
  }

  /** Up to \`count\` events with startMs <= timestamp <= endMs, oldest first. */
  async range(series: string, startMs: number, endMs: number, count = 1000): Promise<Event[]> {
    return (await this.redis.xrange(this.key(series), startMs, endMs, 'COUNT', count)).map(toEvent);
  }

  /** Every event in the range, fetched page by page. */
  async *iterate(series: string, startMs: number, endMs: number, pageSize = 500): AsyncGenerator<Event> {
    let start = String(startMs);
    for (;;) {
      const page = await this.redis.xrange(this.key(series), start, endMs, 'COUNT', pageSize);
      for (const entry of page) yield toEvent(entry);
      if (page.length < pageSize) return;
      start = '(' + page[page.length - 1][0];
    }
  }

  /** The newest events, newest first. */
  async latest(series: string, count = 10): Promise<Event[]> {
    return (await this.redis.xrevrange(this.key(series), '+', '-', 'COUNT', count)).map(toEvent);
  }
}
`;
}
