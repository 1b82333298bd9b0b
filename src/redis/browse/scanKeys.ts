/**
 * Incremental SCAN over one server or every Cluster master in parallel, merged and de-duplicated.
 * Each `step` stops after `want` new keys or a small time budget, so the caller can show progress, cancel
 * between steps, or keep stepping for "scan all" without blocking anything for long.
 */
import type { Redis } from 'ioredis';

export interface ScanOptions {
  pattern: string;
  /** SCAN TYPE filter, "" for any. */
  type: string;
  /** SCAN COUNT hint per call: larger means fewer round trips but longer server work per call. */
  countPerCall?: number;
  /** Wall-clock budget of one step in ms. */
  stepBudgetMs?: number;
}

export interface ScanStep {
  keys: Buffer[];
  done: boolean;
  scanned: number;
  total: number;
}

/** Keys remembered for de-duplication; the browser stops loading at a similar count (LIMITS.maxLoadedKeys). */
const MAX_DEDUPLICATED = 5_000_000;

interface NodeCursor {
  node: Redis;
  cursor: string;
  done: boolean;
}

export class KeyScan {
  private readonly cursors: NodeCursor[];
  private readonly seen = new Set<string>();
  private total = -1;
  private scanned = 0;
  private readonly countPerCall: number;
  private readonly stepBudgetMs: number;

  constructor(
    nodes: Redis[],
    private readonly options: ScanOptions,
  ) {
    this.cursors = nodes.map((node) => ({ node, cursor: '0', done: false }));
    // TYPE filtering makes the server look up every examined key's type: keep each call shorter.
    this.countPerCall = options.countPerCall ?? (options.type ? 500 : 1000);
    this.stepBudgetMs = options.stepBudgetMs ?? 200;
  }

  get done(): boolean {
    return this.cursors.every((entry) => entry.done);
  }

  /** Scan until `want` new keys were found, every cursor returned 0, or the step budget ran out. */
  async step(want: number): Promise<ScanStep> {
    if (this.total < 0) this.total = await this.countKeys();
    const started = Date.now();
    const found: Buffer[] = [];
    while (!this.done && found.length < want && Date.now() - started < this.stepBudgetMs) {
      const pending = this.cursors.filter((entry) => !entry.done);
      const replies = await Promise.all(pending.map((entry) => this.scanOnce(entry)));
      for (const keys of replies) {
        for (const key of keys) {
          // SCAN may return a key twice while the table rehashes; latin1 maps bytes 1:1 to a string.
          // Past MAX_DEDUPLICATED keys the set would cost the host more than the rare duplicate costs the user.
          if (this.seen.size < MAX_DEDUPLICATED) {
            const identity = key.toString('latin1');
            if (this.seen.has(identity)) continue;
            this.seen.add(identity);
          }
          found.push(key);
        }
      }
    }
    if (this.done) this.scanned = this.total;
    return { keys: found, done: this.done, scanned: Math.min(this.scanned, this.total), total: this.total };
  }

  private async scanOnce(entry: NodeCursor): Promise<Buffer[]> {
    const args: Array<string | number> = [entry.cursor];
    if (this.options.pattern && this.options.pattern !== '*') args.push('MATCH', this.options.pattern);
    args.push('COUNT', this.countPerCall);
    if (this.options.type) args.push('TYPE', this.options.type);
    const [cursor, keys] = (await entry.node.callBuffer('SCAN', ...args)) as [Buffer, Buffer[]];
    entry.cursor = cursor.toString();
    entry.done = entry.cursor === '0';
    this.scanned += Math.max(this.countPerCall, keys.length);
    return keys;
  }

  private async countKeys(): Promise<number> {
    const sizes = await Promise.all(this.cursors.map((entry) => entry.node.dbsize()));
    return sizes.reduce((sum, size) => sum + size, 0);
  }
}
