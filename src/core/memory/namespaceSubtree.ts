/**
 * What the keys of one namespace subtree add to each level above them, gathered before it is added: the tree
 * counts a key of weight 1 in its deepest node only (NamespaceTreeBuilder), and a node's additions absorb its
 * children's when the tree is read. Every key carries its arrival number, so the merged top list and the order in
 * which a node first saw each type are the ones that counting every level as keys arrived would have given.
 */
import type { KeyInput } from './keyInput';
import { TopList } from './topKeys';
import type { KeySummary } from './types';

/** A top-list entry with the arrival number of its key (equal sizes and names rank in arrival order). */
export interface ArrivedKey {
  key: string;
  summary: KeySummary;
  arrival: number;
}

export class SubtreeAdditions {
  keys = 0;
  memoryBytes = 0;
  keysWithTtl = 0;
  memoryWithTtl = 0;
  /** Keys per type id, and the arrival of the first key of each type (-1: none). */
  readonly typeKeys: number[] = [];
  readonly typeFirstArrival: number[] = [];
  private top: TopList<ArrivedKey>;

  constructor(private readonly topKeys: number) {
    this.top = new TopList(topKeys);
  }

  /** Count one key (weight 1, whole bytes) of type `typeId` that arrived as number `arrival`. */
  add(input: KeyInput, typeId: number, arrival: number): void {
    const memoryBytes = input.memoryBytes;
    this.keys++;
    this.memoryBytes += memoryBytes;
    if (input.ttlMs >= 0) {
      this.keysWithTtl++;
      this.memoryWithTtl += memoryBytes;
    }
    const counts = this.typeKeys;
    if (typeId < counts.length && this.typeFirstArrival[typeId] >= 0) counts[typeId]++;
    else this.firstOfType(typeId, 1, arrival);
    if (this.top.admits(memoryBytes, input)) {
      const summary = input.summary();
      this.top.offer(memoryBytes, { key: summary.key, summary, arrival });
    }
  }

  /** Add `other` (a disjoint set of keys) to these; returns this. */
  absorb(other: SubtreeAdditions): this {
    this.keys += other.keys;
    this.memoryBytes += other.memoryBytes;
    this.keysWithTtl += other.keysWithTtl;
    this.memoryWithTtl += other.memoryWithTtl;
    for (let typeId = 0; typeId < other.typeKeys.length; typeId++) {
      const first = other.typeFirstArrival[typeId];
      if (first < 0) continue;
      if (typeId < this.typeKeys.length && this.typeFirstArrival[typeId] >= 0) {
        this.typeKeys[typeId] += other.typeKeys[typeId];
        this.typeFirstArrival[typeId] = Math.min(this.typeFirstArrival[typeId], first);
      } else this.firstOfType(typeId, other.typeKeys[typeId], first);
    }
    // Offered in arrival order, equal entries keep the order they would have had as keys arrived.
    const merged = new TopList<ArrivedKey>(this.topKeys);
    for (const entry of [...this.top.entries(), ...other.top.entries()].sort((a, b) => a.item.arrival - b.item.arrival)) merged.offer(entry.score, entry.item);
    this.top = merged;
    return this;
  }

  /** Type ids by the arrival of their first key. */
  typesInArrivalOrder(): number[] {
    const ids: number[] = [];
    for (let typeId = 0; typeId < this.typeKeys.length; typeId++) if (this.typeFirstArrival[typeId] >= 0) ids.push(typeId);
    return ids.sort((a, b) => this.typeFirstArrival[a] - this.typeFirstArrival[b]);
  }

  /** The top entries by the arrival of their keys. */
  topInArrivalOrder(): Array<{ score: number; item: ArrivedKey }> {
    return this.top.entries().sort((a, b) => a.item.arrival - b.item.arrival);
  }

  private firstOfType(typeId: number, keys: number, arrival: number): void {
    // -1 / 0 for types not seen: arrays without holes stay in V8's fast elements.
    while (this.typeKeys.length <= typeId) {
      this.typeKeys.push(0);
      this.typeFirstArrival.push(-1);
    }
    this.typeKeys[typeId] = keys;
    this.typeFirstArrival[typeId] = arrival;
  }
}
