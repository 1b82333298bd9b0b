/** Keeps the N largest items by a score while keys stream past (most keys fail the cheap minimum check). */
export class TopList<T> {
  private readonly items: Array<{ score: number; item: T }> = [];

  constructor(private readonly limit: number) {}

  /** The smallest score that would still enter the list. */
  threshold(): number {
    return this.items.length < this.limit ? -Infinity : this.items[this.items.length - 1].score;
  }

  offer(score: number, item: T): void {
    if (this.limit <= 0 || score <= this.threshold()) return;
    let index = this.items.length;
    while (index > 0 && this.items[index - 1].score < score) index--;
    this.items.splice(index, 0, { score, item });
    if (this.items.length > this.limit) this.items.pop();
  }

  /** Largest first. */
  values(): T[] {
    return this.items.map((entry) => entry.item);
  }
}
