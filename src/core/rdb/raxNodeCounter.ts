/**
 * Counts the nodes of a Redis radix tree (rax) built by inserting fixed-length keys in ascending order, as a
 * stream's index of listpacks and its PELs are built: MEMORY USAGE charges each node, and the RDB holds the keys
 * in that order. Only the path of the last key is kept (keys in order only ever branch off it).
 */
export class RaxNodeCounter {
  private readonly previous: Uint8Array;
  /** onPath[d]: the position at depth d along the last key is a node of its own. */
  private readonly onPath: Uint8Array;
  private count = 0;
  private keys = 0;

  constructor(private readonly keyLength = 16) {
    this.previous = new Uint8Array(keyLength);
    this.onPath = new Uint8Array(keyLength + 1);
  }

  /** Add the next key (bytes [start, start + keyLength) of `bytes`), not smaller than the last one. */
  add(bytes: Uint8Array, start: number): void {
    const n = this.keyLength;
    if (this.keys === 0) {
      // Root (a compressed node holding the whole key) and the leaf.
      this.count = n > 0 ? 2 : 1;
      this.onPath.fill(0);
      this.onPath[0] = 1;
      this.onPath[n] = 1;
    } else {
      let common = 0;
      while (common < n && bytes[start + common] === this.previous[common]) common++;
      if (common === n) return; // a duplicate adds nothing
      // The branch point becomes a (branching) node, and so does the old path's next position.
      if (!this.onPath[common]) this.count++;
      if (!this.onPath[common + 1]) this.count++;
      // The new path: the child after the branch character, a compressed chain, and the leaf.
      this.count += common + 1 < n ? 2 : 1;
      this.onPath[common] = 1;
      this.onPath[common + 1] = 1;
      for (let d = common + 2; d < n; d++) this.onPath[d] = 0;
      this.onPath[n] = 1;
    }
    for (let i = 0; i < n; i++) this.previous[i] = bytes[start + i];
    this.keys++;
  }

  get nodes(): number {
    return this.count;
  }

  get size(): number {
    return this.keys;
  }

  reset(): void {
    this.count = 0;
    this.keys = 0;
  }
}
