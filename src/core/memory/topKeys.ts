/** Keeps the N largest items by a score while keys stream past (most keys fail the cheap minimum check). */
export class TopList<T> {
  private readonly items: Array<{ score: number; item: T }> = [];

  /** `tieBreak` orders equal scores (negative = first argument ranks higher), so results do not depend on scan order. */
  constructor(private readonly limit: number, private readonly tieBreak?: (a: T, b: T) => number) {}

  private ranksAbove(score: number, item: T, other: { score: number; item: T }): boolean {
    if (score !== other.score) return score > other.score;
    return this.tieBreak ? this.tieBreak(item, other.item) < 0 : false;
  }

  offer(score: number, item: T): void {
    if (this.limit <= 0) return;
    if (this.items.length >= this.limit && !this.ranksAbove(score, item, this.items[this.items.length - 1])) return;
    let index = this.items.length;
    while (index > 0 && this.ranksAbove(score, item, this.items[index - 1])) index--;
    this.items.splice(index, 0, { score, item });
    if (this.items.length > this.limit) this.items.pop();
  }

  /** Scores and items, largest first (plain data, for a resumable snapshot). */
  entries(): Array<{ score: number; item: T }> {
    return this.items.map((entry) => ({ ...entry }));
  }

  /** Refill from entries() of an earlier list. */
  restore(entries: Array<{ score: number; item: T }>): this {
    for (const { score, item } of entries) this.offer(score, item);
    return this;
  }

  /** Largest first. */
  values(): T[] {
    return this.items.map((entry) => entry.item);
  }
}

/** Tie-break for key summaries: by key name. */
export function byKeyName<T extends { key: string }>(a: T, b: T): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
