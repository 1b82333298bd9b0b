/**
 * Debounces work per key (one document = one key): a new request for a key replaces the pending one,
 * so only the last keystroke of a burst triggers a review. Shared by the editor and the latency bench
 * so the bench measures the same scheduling the user gets.
 */
export class KeyedDebouncer<Key> {
  private readonly pending = new Map<Key, ReturnType<typeof setTimeout>>();

  constructor(private delayMs: number) {}

  /** Changes the delay for requests made from now on. */
  setDelay(delayMs: number): void {
    this.delayMs = Math.max(0, delayMs);
  }

  /** Runs `work` after the delay unless another request for the same key arrives first. */
  schedule(key: Key, work: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      work();
    }, this.delayMs);
    this.pending.set(key, timer);
  }

  cancel(key: Key): void {
    const timer = this.pending.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.pending.delete(key);
    }
  }

  isPending(key: Key): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
