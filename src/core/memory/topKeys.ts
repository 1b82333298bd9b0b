/**
 * Keeps the N largest items by a score while keys stream past, equal scores ordered by key name so results do not
 * depend on scan order. Most keys fail the first comparison with the smallest kept score, and `admits` answers
 * that for a key not yet turned into an item (its summary is built only when it gets in).
 */
export class TopList<T extends { key: string }> {
  private readonly items: Array<{ score: number; item: T }> = [];

  constructor(private readonly limit: number) {}

  private ranksAbove(score: number, item: T, other: { score: number; item: T }): boolean {
    if (score !== other.score) return score > other.score;
    return item.key < other.item.key;
  }

  /** Whether a key with `score` would enter the list; `candidate` compares its name without building an item. */
  admits(score: number, candidate: { keyBefore(key: string): boolean }): boolean {
    const items = this.items;
    if (items.length < this.limit) return true;
    if (this.limit <= 0) return false;
    const last = items[items.length - 1];
    if (score !== last.score) return score > last.score;
    return candidate.keyBefore(last.item.key);
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
