/**
 * Builds the namespace tree while keys stream past: every prefix level of a key ("user:*", "user:*:*") and its
 * non-identifier leaf ("user:*:profile") is a node with keys, memory, TTL share and its biggest keys.
 *
 * A key of weight 1 and whole bytes (a full scan, an RDB) is counted only in the deepest node on its path, and the
 * levels above add up their subtrees when the tree is read (settle): one node update per key instead of one per
 * level. Whole numbers add up exactly in any order, so the figures are the ones a per-level count gives; a
 * fractional weight or size (a sampled scan) is counted on every level as it arrives, since floating-point sums
 * depend on their order.
 */
import { KeyInput } from './keyInput';
import { KeyByteSplitter, SegmentNames } from './keyNameBytes';
import { leafPattern, namespacePattern, sortDelimiters, splitKey } from './keyNamePattern';
import { TopList } from './topKeys';
import { SubtreeAdditions } from './namespaceSubtree';
import { DeepestNodes } from './namespacePaths';
import type { KeyRecord, KeySummary, NamespaceNode } from './types';

/** '*': a segment with this text is the identifiers' node. */
const STAR = 42;

export interface NamespaceTreeOptions {
  delimiters: string[];
  /** Prefix levels kept in the tree (deeper segments fold into the last level). */
  maxDepth: number;
  /** Distinct children per node before new ones fold into the '*' child, so unique key names cannot explode the tree. */
  maxChildren: number;
  topKeysPerNamespace: number;
}

export const DEFAULT_NAMESPACE_OPTIONS: NamespaceTreeOptions = {
  delimiters: [':'],
  maxDepth: 4,
  maxChildren: 200,
  topKeysPerNamespace: 5,
};

/** A tree node as plain data (for a resumable snapshot). */
export interface NamespaceNodeSnapshot {
  pattern: string;
  depth: number;
  keys: number;
  memoryBytes: number;
  keysWithTtl: number;
  memoryWithTtl: number;
  types: Record<string, number>;
  top: Array<{ score: number; item: KeySummary }>;
  children: Array<[string, NamespaceNodeSnapshot]>;
}

interface MutableNode {
  /** The key of this node in its parent's children. */
  name: string;
  pattern: string;
  depth: number;
  keys: number;
  memoryBytes: number;
  keysWithTtl: number;
  memoryWithTtl: number;
  /** Weighted keys per type id (see typeId), and the ids in the order this node first saw them: an array
   *  update per level of every key instead of a keyed one on a record (the record is built at the end). */
  typeKeys: number[];
  typeOrder: number[];
  top: TopList<KeySummary>;
  children: Map<string, MutableNode>;
  /** Keys counted here alone (this is their deepest node) since the last settle; the fields above hold the rest. */
  own: SubtreeAdditions | undefined;
}

export class NamespaceTreeBuilder {
  private readonly root: MutableNode;

  private readonly delimiters: string[];
  private readonly splitter: KeyByteSplitter;
  private readonly segmentNames = new SegmentNames();
  /** Per-key scratch: the normalized prefix segments (up to maxDepth), the delimiter after each, the path walked. */
  private readonly segments: string[] = [];
  private readonly separators: string[] = [];
  private readonly path: string[] = [];
  private readonly recordInput = new KeyInput();
  /** The deepest node of each path of plain names seen (see DeepestNodes). */
  private readonly deepestNodes = new DeepestNodes<MutableNode>();
  /** Type name → id, and the names by id; the last type looked up, which is usually the next key's too. */
  private readonly typeIds = new Map<string, number>();
  private readonly typeNames: string[] = [];
  private lastType = '';
  private lastTypeId = -1;
  /** Keys counted in their deepest node only, numbered in arrival order (ties in top lists go to the earlier key). */
  private arrivals = 0;
  /** Whether some node has keys of its own not yet added to the levels above. */
  private unsettled = false;
  /** Set by the first key of a fractional weight or size (or a restored tree with fractional figures): from then on
   *  every key is counted on every level of its path. */
  private everyLevel = false;

  /** `countEveryLevel`: count each key on every level as it arrives (the way the deepest-node counting is checked against). */
  constructor(private readonly options: NamespaceTreeOptions = DEFAULT_NAMESPACE_OPTIONS, countEveryLevel = false) {
    this.everyLevel = countEveryLevel;
    this.root = this.node('', 0, '');
    this.delimiters = sortDelimiters(options.delimiters);
    this.splitter = new KeyByteSplitter(this.delimiters, Math.max(0, options.maxDepth));
  }

  /** Count `record` (standing for `weight` keys) in every namespace on its path; `summary` is what top lists keep. */
  add(record: KeyRecord, weight: number, summary: KeySummary): void {
    const input = this.recordInput.setName(record.key, record.keyBase64).withSummary(summary);
    input.type = record.type;
    input.memoryBytes = record.memoryBytes;
    input.ttlMs = record.ttlMs;
    this.addKey(input, weight);
  }

  /** Count the key of `input` (standing for `weight` keys) in every namespace on its path. */
  addKey(input: KeyInput, weight: number): void {
    const maxDepth = this.options.maxDepth;
    const segments = this.segments;
    const separators = this.separators;
    let prefixCount: number;
    let depth: number;
    let leaf: string | undefined;
    if (!this.everyLevel && (weight !== 1 || !Number.isInteger(input.memoryBytes))) this.countEveryLevelFromNow();
    const everyLevel = this.everyLevel;
    const bytes = input.plainBytes;
    /** Whether the walk below is for a path the table of deepest nodes does not know yet. */
    let unknownPath = false;
    if (bytes !== undefined) {
      // Printable ASCII: cut and classify the bytes; only names that stay in a pattern become (interned) strings.
      const splitter = this.splitter;
      if (input.cutBy !== this) splitter.split(bytes);
      prefixCount = splitter.prefixCount;
      depth = Math.min(prefixCount, maxDepth);
      if (!everyLevel) {
        const leafStart = splitter.leafStart;
        const leafIsStar = splitter.leafIsIdentifier || (bytes.length - leafStart === 1 && bytes[leafStart] === STAR);
        const known = this.deepestNodes.find(bytes, splitter, depth, depth === 0 || (prefixCount <= maxDepth && !leafIsStar));
        if (known !== undefined) {
          this.countOwn(known, input, input.type === this.lastType ? this.lastTypeId : this.typeId(input.type));
          return;
        }
        unknownPath = true;
      }
      for (let level = 0; level < depth; level++) {
        const start = splitter.starts[level];
        const end = splitter.ends[level];
        segments[level] = splitter.identifier[level] === 1 ? '*' : this.segmentNames.name(bytes, start, end);
        separators[level] = splitter.delimiters[splitter.delimiterAfter[level]];
      }
      if (prefixCount <= maxDepth || depth === 0) {
        leaf = splitter.leafIsIdentifier ? '*' : this.segmentNames.name(bytes, splitter.leafStart, bytes.length);
      }
    } else {
      const split = splitKey(input.key, this.delimiters, true);
      prefixCount = split.prefix.length;
      depth = Math.min(prefixCount, maxDepth);
      for (let level = 0; level < depth; level++) {
        segments[level] = split.prefix[level];
        separators[level] = split.delimiters[level];
      }
      leaf = split.leaf;
    }
    // Each level's name as the tree holds it ('*' once a parent is full) is in `path` for the patterns of new nodes.
    const path = this.path;
    const typeId = input.type === this.lastType ? this.lastTypeId : this.typeId(input.type);
    let current = this.root;
    for (let level = 0; level < depth; level++) {
      current = this.child(current, segments[level], path, level, separators, false);
      path[level] = current.name;
      if (everyLevel) this.count(current, input, weight, typeId);
    }
    // The leaf is a namespace of its own only when it names a kind of key ("profile"), not an entity ("42");
    // keys without any delimiter that are identifiers share one '*' node.
    let names = depth;
    if (leaf !== undefined && ((leaf !== '*' && prefixCount <= maxDepth) || depth === 0)) {
      current = this.child(current, leaf, path, depth, separators, true);
      if (everyLevel) this.count(current, input, weight, typeId);
      segments[names++] = leaf;
    }
    if (unknownPath) this.deepestNodes.remember(depth, segments, names, current);
    if (!everyLevel) this.countOwn(current, input, typeId);
  }

  /**
   * Cut a key name's raw bytes as addKey does and say whether they are a plain name (isPlainAsciiName), from the
   * same pass over them; a plain name given to addKey next with `input.cutBy` set to this tree is not cut again.
   */
  cutPlainName(bytes: Uint8Array): boolean {
    this.splitter.split(bytes);
    return this.splitter.plain;
  }

  /** Count a key of weight 1 in its deepest node alone; settle() adds it to the levels above. */
  private countOwn(node: MutableNode, input: KeyInput, typeId: number): void {
    let own = node.own;
    if (own === undefined) {
      own = node.own = new SubtreeAdditions(this.options.topKeysPerNamespace);
      this.unsettled = true;
    }
    own.add(input, typeId, this.arrivals++);
  }

  /** Add what every deepest node counted alone to each level above it, as counting every level would have. */
  private settle(): void {
    if (!this.unsettled) return;
    const settleNode = (node: MutableNode): SubtreeAdditions | undefined => {
      let sum = node.own;
      node.own = undefined;
      for (const child of node.children.values()) {
        const added = settleNode(child);
        if (added) sum = sum ? sum.absorb(added) : added;
      }
      // The root counts no keys (it is no namespace).
      if (sum && node !== this.root) this.addSettled(node, sum);
      return sum;
    };
    settleNode(this.root);
    this.unsettled = false;
  }

  /** Add `sum` (keys of this node's subtree since the last settle, all later than those already counted) to `node`. */
  private addSettled(node: MutableNode, sum: SubtreeAdditions): void {
    node.keys += sum.keys;
    node.memoryBytes += sum.memoryBytes;
    node.keysWithTtl += sum.keysWithTtl;
    node.memoryWithTtl += sum.memoryWithTtl;
    for (const typeId of sum.typesInArrivalOrder()) this.addTypeKeys(node, typeId, sum.typeKeys[typeId]);
    for (const entry of sum.topInArrivalOrder()) node.top.offer(entry.score, entry.item.summary);
  }

  /** A key of fractional weight or size: settle what was counted in deepest nodes, then count every level. */
  private countEveryLevelFromNow(): void {
    this.settle();
    this.everyLevel = true;
  }

  private typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeIds.set(type, id);
      this.typeNames.push(type);
    }
    this.lastType = type;
    this.lastTypeId = id;
    return id;
  }

  /** A node's weighted keys per type name, in the order it first saw each type. */
  private typesOf(node: MutableNode): Record<string, number> {
    const types: Record<string, number> = {};
    for (const id of node.typeOrder) types[this.typeNames[id]] = node.typeKeys[id];
    return types;
  }

  /** The tree so far with unrounded counts, as plain data. */
  snapshot(): NamespaceNodeSnapshot {
    this.settle();
    const dump = (node: MutableNode): NamespaceNodeSnapshot => ({
      pattern: node.pattern, depth: node.depth, keys: node.keys, memoryBytes: node.memoryBytes, keysWithTtl: node.keysWithTtl,
      memoryWithTtl: node.memoryWithTtl, types: this.typesOf(node), top: node.top.entries(),
      children: [...node.children.entries()].map(([name, child]) => [name, dump(child)]),
    });
    return dump(this.root);
  }

  /** Continue from snapshot() of a builder with the same options. */
  restore(snapshot: NamespaceNodeSnapshot): this {
    this.settle();
    const load = (data: NamespaceNodeSnapshot, node: MutableNode) => {
      const figures = [data.keys, data.memoryBytes, data.keysWithTtl, data.memoryWithTtl, ...Object.values(data.types)];
      // Fractional figures (a sampled scan) are not added to in another order than the per-level one.
      if (!figures.every(Number.isInteger)) this.everyLevel = true;
      Object.assign(node, { keys: data.keys, memoryBytes: data.memoryBytes, keysWithTtl: data.keysWithTtl, memoryWithTtl: data.memoryWithTtl });
      for (const [type, keys] of Object.entries(data.types)) this.addTypeKeys(node, this.typeId(type), keys);
      node.top.restore(data.top);
      for (const [name, childData] of data.children) {
        const child = this.node(childData.pattern, childData.depth, name);
        node.children.set(name, child);
        load(childData, child);
      }
    };
    load(snapshot, this.root);
    return this;
  }

  /** The finished tree, biggest namespaces first; counts rounded to whole keys. */
  build(): NamespaceNode[] {
    this.settle();
    return this.freeze(this.root).children;
  }

  /**
   * The child `name` of `parent` (its '*' child once the parent holds maxChildren others), created the first time
   * with its pattern: the namespace glob of path[0..level) and the child, or the leaf's own pattern. Takes the
   * pattern's parts rather than a function making it: a closure per level of every key cost more than the lookup.
   */
  private child(parent: MutableNode, name: string, path: string[], level: number, delimiters: string[], leaf: boolean): MutableNode {
    const children = parent.children;
    let node = children.get(name);
    if (node) return node;
    if (children.size >= this.options.maxChildren && name !== '*') {
      name = '*';
      node = children.get(name);
      if (node) return node;
    }
    const parts = path.slice(0, level);
    const pattern = leaf && name !== '*' ? leafPattern(parts, delimiters, name) : namespacePattern(leaf ? parts : [...parts, name], delimiters);
    node = this.node(pattern, parent.depth + 1, name);
    children.set(name, node);
    return node;
  }

  private node(pattern: string, depth: number, name: string): MutableNode {
    return {
      name, pattern, depth, keys: 0, memoryBytes: 0, keysWithTtl: 0, memoryWithTtl: 0, typeKeys: [], typeOrder: [],
      top: new TopList<KeySummary>(this.options.topKeysPerNamespace), children: new Map(), own: undefined,
    };
  }

  private count(node: MutableNode, input: KeyInput, weight: number, typeId: number): void {
    node.keys += weight;
    node.memoryBytes += weight * input.memoryBytes;
    if (input.ttlMs >= 0) {
      node.keysWithTtl += weight;
      node.memoryWithTtl += weight * input.memoryBytes;
    }
    if (typeId < node.typeKeys.length && node.typeKeys[typeId] >= 0) node.typeKeys[typeId] += weight;
    else this.addTypeKeys(node, typeId, weight);
    if (node.top.admits(input.memoryBytes, input)) node.top.offer(input.memoryBytes, input.summary());
  }

  /** Add `keys` of type `typeId` to `node`, the first of them or not. */
  private addTypeKeys(node: MutableNode, typeId: number, keys: number): void {
    const counts = node.typeKeys;
    // -1: a type this node has not seen (an array without holes stays in V8's fast double elements).
    while (counts.length <= typeId) counts.push(-1);
    if (counts[typeId] < 0) {
      counts[typeId] = 0;
      node.typeOrder.push(typeId);
    }
    counts[typeId] += keys;
  }

  private freeze(node: MutableNode): NamespaceNode {
    const keys = Math.round(node.keys);
    const types: Record<string, number> = {};
    for (const id of node.typeOrder) types[this.typeNames[id]] = Math.round(node.typeKeys[id]);
    return {
      pattern: node.pattern,
      depth: node.depth,
      keys,
      memoryBytes: Math.round(node.memoryBytes),
      averageBytes: node.keys > 0 ? Math.round(node.memoryBytes / node.keys) : 0,
      keysWithTtl: Math.round(node.keysWithTtl),
      memoryWithTtl: Math.round(node.memoryWithTtl),
      ttlShare: node.keys > 0 ? node.keysWithTtl / node.keys : 0,
      types,
      topKeys: node.top.values(),
      children: [...node.children.values()].map((child) => this.freeze(child)).sort((a, b) => b.memoryBytes - a.memoryBytes || (a.pattern < b.pattern ? -1 : 1)),
    };
  }
}

/** Every node of a tree, depth-first. */
export function flattenNamespaces(nodes: NamespaceNode[]): NamespaceNode[] {
  return nodes.flatMap((node) => [node, ...flattenNamespaces(node.children)]);
}
