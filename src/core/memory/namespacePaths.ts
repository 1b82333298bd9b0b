/**
 * The deepest namespace node of a plain key name found with one table probe instead of a lookup per level: the
 * node a key reaches depends only on its path's names ('*' for identifiers, the segment's text otherwise, and the
 * leaf when it counts), and never changes once reached (a full parent folds a new name into '*' for good). The
 * table maps a hash of those names to the node reached the first time, and every hit is checked name by name
 * against the bytes, so a collision only costs the walk. It stops taking paths at `capacity` (unique words in
 * key names would only fill it).
 */
import type { KeyByteSplitter } from './keyNameBytes';

/** What a segment that is an identifier hashes as: the '*' node's name. */
const STAR_HASH = fnv(Uint8Array.of(42), 0, 1);

interface PathEntry<N> {
  depth: number;
  /** The names of the path's levels, then the leaf's when it counts. */
  names: string[];
  node: N;
}

export class DeepestNodes<N> {
  private hashes = new Int32Array(1024);
  private entries: Array<PathEntry<N> | undefined> = new Array(1024);
  private size = 0;
  /** The hash of the path last looked up (remember() files the node under it). */
  private lastHash = 0;

  constructor(private readonly capacity = 1 << 14) {}

  /** The node of the path `splitter` last cut from `b` (its first `depth` levels, and the leaf when `leafCounts`), if known. */
  find(b: Uint8Array, splitter: KeyByteSplitter, depth: number, leafCounts: boolean): N | undefined {
    let hash = depth + (leafCounts ? 0x100 : 0);
    for (let level = 0; level < depth; level++) {
      hash = mix(hash, splitter.identifier[level] === 1 ? STAR_HASH : fnv(b, splitter.starts[level], splitter.ends[level]));
    }
    if (leafCounts) hash = mix(hash, splitter.leafIsIdentifier ? STAR_HASH : fnv(b, splitter.leafStart, b.length));
    this.lastHash = hash;
    const mask = this.hashes.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.entries[slot];
      if (entry === undefined) return undefined;
      if (this.hashes[slot] === hash && entry.depth === depth && entry.names.length === depth + (leafCounts ? 1 : 0) && samePath(entry.names, b, splitter, depth, leafCounts)) {
        return entry.node;
      }
    }
  }

  /** File `node` as the one the path of the last find() reaches; `names`: its levels' names and the leaf's (copied). */
  remember(depth: number, names: readonly string[], count: number, node: N): void {
    if (this.size >= this.capacity) return;
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    this.insert(this.lastHash, { depth, names: names.slice(0, count), node });
  }

  private insert(hash: number, entry: PathEntry<N>): void {
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.entries[slot] !== undefined) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.entries[slot] = entry;
    this.size++;
  }

  private grow(): void {
    const hashes = this.hashes;
    const entries = this.entries;
    this.hashes = new Int32Array(hashes.length * 2);
    this.entries = new Array(hashes.length * 2);
    this.size = 0;
    for (let i = 0; i < entries.length; i++) if (entries[i] !== undefined) this.insert(hashes[i], entries[i]!);
  }
}

/** Whether the names are those of the cut bytes: '*' for an identifier, the segment's text otherwise. */
function samePath(names: string[], b: Uint8Array, splitter: KeyByteSplitter, depth: number, leafCounts: boolean): boolean {
  for (let level = 0; level < depth; level++) {
    if (!sameName(names[level], b, splitter.starts[level], splitter.ends[level], splitter.identifier[level] === 1)) return false;
  }
  return !leafCounts || sameName(names[depth], b, splitter.leafStart, b.length, splitter.leafIsIdentifier);
}

function sameName(name: string, b: Uint8Array, start: number, end: number, identifier: boolean): boolean {
  if (identifier) return name === '*';
  if (name.length !== end - start) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

function fnv(b: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i], 16777619);
  return hash;
}

function mix(hash: number, part: number): number {
  const h = Math.imul(hash ^ part, 0x9e3779b1);
  return h ^ (h >>> 15);
}
