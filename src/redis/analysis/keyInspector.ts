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
  /** Read OBJECT FREQ (only valid under an LFU maxmemory-policy). */
  readFrequency: boolean;
  /** 'auto' uses the script and falls back to pipelines when the server refuses it. */
  strategy: InspectionStrategy | 'auto';
}

const LENGTH_COMMAND: Record<string, string> = { string: 'strlen', hash: 'hlen', list: 'llen', set: 'scard', zset: 'zcard', stream: 'xlen' };

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
    const samples = this.options.exact ? '0' : '';
    const frequency = this.options.readFrequency ? '1' : '0';
    try {
      const [next, keys, values] = (await this.connection.callBuffer('EVALSHA', this.sha!, 0, samples, frequency, 'scan', cursor, count, chain.bits, chain.index)) as unknown as [Buffer, Buffer[], unknown[]];
      const fields = parseInspectValues(values, this.options.readFrequency);
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
    const samples = this.options.exact ? '0' : '';
    const frequency = this.options.readFrequency ? '1' : '0';
    try {
      const reply = (await this.connection.callBuffer('EVALSHA', this.sha!, 0, samples, frequency, 'keys', ...keys)) as unknown[];
      return parseInspectValues(reply, this.options.readFrequency);
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
      if (this.options.exact) first.memory('USAGE', key, 'SAMPLES', 0);
      else first.memory('USAGE', key);
    }
    const replies = (await first.exec()) ?? [];
    const fields: Array<InspectedFields | undefined> = keys.map((_, i) => {
      const [type, encoding, ttl, memory] = replies.slice(i * 4, i * 4 + 4).map(([error, value]) => (error ? undefined : value));
      if (type === undefined || type === 'none' || encoding === null || encoding === undefined) return undefined;
      return { type: String(type), encoding: String(encoding), ttlMs: Number(ttl) < 0 ? -1 : Number(ttl), memoryBytes: Number(memory ?? 0), length: 0 };
    });
    const second = this.connection.pipeline();
    const pending: Array<{ index: number; what: 'length' | 'frequency' }> = [];
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
    });
    if (pending.length > 0) {
      const more = (await second.exec()) ?? [];
      pending.forEach(({ index, what }, i) => {
        const [error, value] = more[i];
        if (error || !fields[index]) return;
        if (what === 'length') fields[index]!.length = Number(value);
        else fields[index]!.lfuFrequency = Number(value);
      });
    }
    return fields;
  }
}
