/**
 * Reads type, encoding, TTL, memory, length (and LFU frequency) for batches of keys on one node connection:
 * one EVALSHA of the inspect script per batch, or — where scripting is denied (ACL, renamed commands) — two
 * ioredis pipelines per batch (TYPE/PTTL/MEMORY USAGE/OBJECT ENCODING, then the length command per type).
 */
import type Redis from 'ioredis';
import { INSPECT_SCRIPT, parseInspectValues, type InspectedFields } from './inspectScript';

export type InspectionStrategy = 'script' | 'pipeline';

export interface InspectorOptions {
  /** MEMORY USAGE ... SAMPLES 0 (exact, O(elements) per key) instead of the server default of 5 samples. */
  exact: boolean;
  /** Exact mode sizes only keys of at most this many elements exactly (bigger ones: default sampling), bounding each call. */
  exactMaxElements?: number;
  /** Exact mode: elements walked by SAMPLES 0 per server call at most; a batch over it is split (size-aware batches). */
  exactElementsPerCall?: number;
  /** False when MEMORY USAGE is refused: sizes come back as -1 for the caller to estimate. */
  memoryReadable?: boolean;
  /** Read OBJECT FREQ (only valid under an LFU maxmemory-policy). */
  readFrequency: boolean;
  /** 'auto' uses the script and falls back to pipelines when the server refuses it. */
  strategy: InspectionStrategy | 'auto';
}

/**
 * Exact sizing walks every element (about 0.25 µs each on a 2-core machine): up to 1,000 elements a key costs
 * ~0.25 ms, so a batch stays in the millisecond range; bigger keys are sized by sampling.
 */
export const DEFAULT_EXACT_MAX_ELEMENTS = 1000;

/** Elements exact sizing may walk in one server call (~1 ms); the rest of a batch goes in further calls. */
export const DEFAULT_EXACT_ELEMENTS_PER_CALL = 4000;

/** SAMPLES 0 walks the elements of these encodings; the others know their size from a header. */
const WALKED_ENCODINGS = new Set(['hashtable', 'skiplist', 'quicklist', 'stream']);

const LENGTH_COMMAND: Record<string, string> = { string: 'strlen', hash: 'hlen', list: 'llen', set: 'scard', zset: 'zcard', stream: 'xlen' };

type PipelineReplies = Array<[Error | null, unknown]>;

/** Replies that say this user or server cannot run a command at all, as opposed to a per-key answer (WRONGTYPE). */
const REFUSED = /^(NOPERM|ERR unknown command|ERR unknown subcommand)/;

/**
 * A pipeline's replies, or the first failure that is not a per-key answer: a lost connection or a refused
 * command must stop the scan (and be reported), not read as "this key vanished" — that turned a user without
 * OBJECT into an empty report, and let the cursor move past keys never inspected.
 */
function repliesOrThrow(replies: PipelineReplies | null): PipelineReplies {
  const failure = (replies ?? []).find(([error]) => error && (error.name !== 'ReplyError' || REFUSED.test(error.message)))?.[0];
  if (failure) throw failure;
  return replies ?? [];
}

export class KeyInspector {
  private sha?: string;
  private active: InspectionStrategy = 'pipeline';

  constructor(private readonly connection: Redis, private readonly options: InspectorOptions) {}

  /** Load the script (once per connection); returns the strategy that will be used. */
  async prepare(): Promise<InspectionStrategy> {
    if (this.options.strategy === 'pipeline') return (this.active = 'pipeline');
    try {
      this.sha = String(await this.connection.script('LOAD', INSPECT_SCRIPT));
      this.active = 'script';
    } catch (error) {
      if (this.options.strategy === 'script') throw error;
      this.active = 'pipeline';
    }
    return this.active;
  }

  strategy(): InspectionStrategy {
    return this.active;
  }

  /** The script's sizing argument (see INSPECT_SCRIPT). */
  private sizing(): string {
    if (this.options.memoryReadable === false) return 'none';
    return this.options.exact ? `exact:${this.exactLimit()}:${this.exactBudget()}` : '';
  }

  private exactBudget(): number {
    return this.options.exactElementsPerCall ?? DEFAULT_EXACT_ELEMENTS_PER_CALL;
  }

  private exactLimit(): number {
    return this.options.exactMaxElements ?? DEFAULT_EXACT_MAX_ELEMENTS;
  }

  /** Fields per key, in order; undefined for keys that no longer exist. */
  async inspect(keys: Buffer[]): Promise<Array<InspectedFields | undefined>> {
    if (keys.length === 0) return [];
    return this.active === 'script' ? this.inspectWithScript(keys) : this.inspectWithPipeline(keys);
  }

  /**
   * Script strategy only: one SCAN step and the inspection of the keys it returned, in a single server call.
   * COUNT bounds the call's work (about COUNT keys).
   */
  async scanAndInspect(cursor: string, count: number, chain = { bits: 0, index: 0 }, retried = false): Promise<{ cursor: string; keys: Buffer[]; fields: Array<InspectedFields | undefined> }> {
    const samples = this.sizing();
    const frequency = this.options.readFrequency ? '1' : '0';
    try {
      const [next, keys, values] = (await this.connection.callBuffer('EVALSHA', this.sha!, 0, samples, frequency, 'scan', cursor, count, chain.bits, chain.index)) as unknown as [Buffer, Buffer[], unknown[]];
      const fields = parseInspectValues(values, this.options.readFrequency);
      // An exact-sizing budget ended the call early: the keys it did not reach go in further calls.
      if (fields.length < keys.length) fields.push(...(await this.inspectWithScript(keys.slice(fields.length))));
      return { cursor: next.toString(), keys, fields };
    } catch (error) {
      if (!retried && /NOSCRIPT/.test(String((error as Error).message))) {
        this.sha = String(await this.connection.script('LOAD', INSPECT_SCRIPT));
        return this.scanAndInspect(cursor, count, chain, true);
      }
      throw error;
    }
  }

  private async inspectWithScript(keys: Buffer[], retried = false): Promise<Array<InspectedFields | undefined>> {
    const samples = this.sizing();
    const frequency = this.options.readFrequency ? '1' : '0';
    try {
      const fields: Array<InspectedFields | undefined> = [];
      // Each call answers at least one key, so this ends; more than one call only when exact sizing hit its budget.
      while (fields.length < keys.length) {
        const reply = (await this.connection.callBuffer('EVALSHA', this.sha!, 0, samples, frequency, 'keys', ...keys.slice(fields.length))) as unknown[];
        const answered = parseInspectValues(reply, this.options.readFrequency);
        if (answered.length === 0) throw new Error('The inspect script answered no key (unexpected reply).');
        fields.push(...answered);
      }
      return fields;
    } catch (error) {
      // SCRIPT FLUSH (or a failover to a node without the script) between batches: load it again once.
      if (!retried && /NOSCRIPT/.test(String((error as Error).message))) {
        this.sha = String(await this.connection.script('LOAD', INSPECT_SCRIPT));
        return this.inspectWithScript(keys, true);
      }
      throw error;
    }
  }

  private async inspectWithPipeline(keys: Buffer[]): Promise<Array<InspectedFields | undefined>> {
    const first = this.connection.pipeline();
    for (const key of keys) {
      first.type(key);
      first.object('ENCODING', key);
      first.pttl(key);
    }
    const replies = repliesOrThrow(await first.exec());
    const fields: Array<InspectedFields | undefined> = keys.map((_, i) => {
      const [type, encoding, ttl] = replies.slice(i * 3, i * 3 + 3).map(([error, value]) => (error ? undefined : value));
      if (type === undefined || type === 'none' || encoding === null || encoding === undefined) return undefined;
      return { type: String(type), encoding: String(encoding), ttlMs: Number(ttl) < 0 ? -1 : Number(ttl), memoryBytes: -1, length: 0 };
    });
    const second = this.connection.pipeline();
    const pending: Array<{ index: number; what: 'length' | 'frequency' | 'memory' }> = [];
    const readMemory = this.options.memoryReadable !== false;
    fields.forEach((field, index) => {
      if (!field) return;
      const command = LENGTH_COMMAND[field.type];
      if (command) {
        second.call(command, keys[index]);
        pending.push({ index, what: 'length' });
      }
      if (this.options.readFrequency) {
        second.object('FREQ', keys[index]);
        pending.push({ index, what: 'frequency' });
      }
      // Exact sizing waits for the length (third round trip); sampled sizing needs nothing else.
      if (readMemory && !this.options.exact) {
        second.memory('USAGE', keys[index]);
        pending.push({ index, what: 'memory' });
      }
    });
    if (pending.length > 0) {
      const more = repliesOrThrow(await second.exec());
      pending.forEach(({ index, what }, i) => {
        const [error, value] = more[i];
        if (error || !fields[index]) return;
        if (what === 'length') fields[index]!.length = Number(value);
        else if (what === 'frequency') fields[index]!.lfuFrequency = Number(value);
        else fields[index]!.memoryBytes = Number(value ?? 0);
      });
    }
    if (readMemory && this.options.exact) await this.sizeExactly(keys, fields);
    return fields;
  }

  /**
   * Pipeline strategy, exact mode: MEMORY USAGE per key, SAMPLES 0 up to the element limit. A pipeline's commands
   * run back to back, so they are sent in rounds of at most the per-call element budget.
   */
  private async sizeExactly(keys: Buffer[], fields: Array<InspectedFields | undefined>): Promise<void> {
    const present = fields.flatMap((field, index) => (field ? [index] : []));
    while (present.length > 0) {
      const round = this.connection.pipeline();
      const sized: number[] = [];
      let spent = 0;
      while (present.length > 0) {
        const field = fields[present[0]]!;
        const exact = field.type === 'string' || field.length <= this.exactLimit();
        const cost = exact && WALKED_ENCODINGS.has(field.encoding) ? field.length : 1;
        if (sized.length > 0 && spent + cost > this.exactBudget()) break;
        spent += cost;
        const index = present.shift()!;
        if (exact) round.memory('USAGE', keys[index], 'SAMPLES', 0);
        else round.memory('USAGE', keys[index]);
        sized.push(index);
      }
      const sizes = repliesOrThrow(await round.exec());
      sized.forEach((index, i) => {
        const [error, value] = sizes[i] ?? [];
        if (!error) fields[index]!.memoryBytes = Number(value ?? 0);
      });
    }
  }
}
