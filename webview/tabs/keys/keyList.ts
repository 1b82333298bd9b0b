/**
 * The scanned keys and their lazily fetched metadata. Keys are kept as their wire strings only (one string per
 * row); metadata exists just for rows that were on screen, and is trimmed when it grows, so a million rows
 * stay well inside the webview's memory budget.
 */
import type { KeyMeta, WireBytes } from '../../../src/shared/protocol';
import type { HostBridge } from '../../host';

const MAX_CACHED_META = 20_000;

/** Metadata with the moment it was read, so a TTL can count down instead of freezing at its first value. */
export type TimedKeyMeta = KeyMeta & { readAt: number };

/** The TTL left now (ms), from metadata read earlier; -1 / -2 pass through. */
export function ttlLeft(meta: TimedKeyMeta, now = Date.now()): number {
  return meta.ttlMs < 0 ? meta.ttlMs : Math.max(0, meta.ttlMs - (now - meta.readAt));
}
const META_BATCH = 200;

export class KeyList {
  keys: WireBytes[] = [];
  private meta = new Map<number, TimedKeyMeta>();
  private requested = new Set<number>();
  private generation = 0;
  private timer: number | undefined;
  private wantedRange: [number, number] = [0, -1];

  constructor(
    private readonly host: HostBridge,
    private readonly onMeta: () => void,
  ) {}

  reset(): void {
    this.keys = [];
    this.meta = new Map();
    this.requested = new Set();
    this.generation++;
  }

  append(keys: WireBytes[]): void {
    // push in chunks: spreading 100k arguments at once can overflow the call stack.
    for (let index = 0; index < keys.length; index += 10_000) this.keys.push(...keys.slice(index, index + 10_000));
  }

  metaOf(row: number): TimedKeyMeta | undefined {
    return this.meta.get(row);
  }

  /** Replace one row's metadata (after an edit) or drop a deleted row. */
  setMeta(row: number, meta: KeyMeta): void {
    this.meta.set(row, { ...meta, readAt: Date.now() });
  }

  removeRow(row: number): void {
    this.keys.splice(row, 1);
    const shifted = new Map<number, TimedKeyMeta>();
    for (const [index, value] of this.meta) if (index !== row) shifted.set(index > row ? index - 1 : index, value);
    this.meta = shifted;
    this.requested.clear();
  }

  /** The table rendered these rows: fetch what is missing, a little later, for what is still on screen. */
  visible(first: number, last: number): void {
    this.wantedRange = [first, last];
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.fetchMissing();
    }, 40);
  }

  private async fetchMissing(): Promise<void> {
    const [first, last] = this.wantedRange;
    const rows: number[] = [];
    for (let row = first; row <= last && rows.length < META_BATCH; row++) {
      if (row < this.keys.length && !this.meta.has(row) && !this.requested.has(row)) rows.push(row);
    }
    if (rows.length === 0) return;
    for (const row of rows) this.requested.add(row);
    const generation = this.generation;
    try {
      const result = await this.host.request('keyMeta', { keys: rows.map((row) => this.keys[row]) });
      if (generation !== this.generation) return;
      if (this.meta.size > MAX_CACHED_META) this.trim(first, last);
      const readAt = Date.now();
      rows.forEach((row, index) => this.meta.set(row, { ...result[index], readAt }));
      this.onMeta();
    } catch {
      // Not connected any more or the server refused: the cells stay empty.
    } finally {
      if (generation === this.generation) for (const row of rows) this.requested.delete(row);
    }
  }

  private trim(first: number, last: number): void {
    for (const row of this.meta.keys()) if (row < first - 1000 || row > last + 1000) this.meta.delete(row);
  }
}
