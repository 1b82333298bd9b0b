/**
 * Builds the namespace tree while keys stream past: every prefix level of a key ("user:*", "user:*:*") and its
 * non-identifier leaf ("user:*:profile") is a node with keys, memory, TTL share and its biggest keys.
 */
import { leafPattern, namespacePattern, sortDelimiters, splitKey } from './keyNamePattern';
import { byKeyName, TopList } from './topKeys';
import type { KeyRecord, KeySummary, NamespaceNode } from './types';

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
  pattern: string;
  depth: number;
  keys: number;
  memoryBytes: number;
  keysWithTtl: number;
  memoryWithTtl: number;
  types: Record<string, number>;
  top: TopList<KeySummary>;
  children: Map<string, MutableNode>;
}

export class NamespaceTreeBuilder {
  private readonly root: MutableNode;

  private readonly delimiters: string[];

  constructor(private readonly options: NamespaceTreeOptions = DEFAULT_NAMESPACE_OPTIONS) {
    this.root = this.node('', 0);
    this.delimiters = sortDelimiters(options.delimiters);
  }

  /** Count `record` (standing for `weight` keys) in every namespace on its path. */
  add(record: KeyRecord, weight: number, summary: KeySummary): void {
    const { prefix, delimiters, leaf } = splitKey(record.key, this.delimiters, true);
    const depth = Math.min(prefix.length, this.options.maxDepth);
    let current = this.root;
    const path: string[] = [];
    for (let level = 0; level < depth; level++) {
      const name = this.childName(current, prefix[level]);
      path.push(name);
      current = this.child(current, name, path, delimiters, undefined);
      this.count(current, record, weight, summary);
    }
    // The leaf is a namespace of its own only when it names a kind of key ("profile"), not an entity ("42");
    // keys without any delimiter that are identifiers share one '*' node.
    if ((leaf !== '*' && prefix.length <= this.options.maxDepth) || depth === 0) {
      const name = this.childName(current, leaf);
      const node = this.child(current, name, path, delimiters, name === '*' ? undefined : name);
      this.count(node, record, weight, summary);
    }
  }

  /** The tree so far with unrounded counts, as plain data. */
  snapshot(): NamespaceNodeSnapshot {
    const dump = (node: MutableNode): NamespaceNodeSnapshot => ({
      pattern: node.pattern, depth: node.depth, keys: node.keys, memoryBytes: node.memoryBytes, keysWithTtl: node.keysWithTtl,
      memoryWithTtl: node.memoryWithTtl, types: { ...node.types }, top: node.top.entries(),
      children: [...node.children.entries()].map(([name, child]) => [name, dump(child)]),
    });
    return dump(this.root);
  }

  /** Continue from snapshot() of a builder with the same options. */
  restore(snapshot: NamespaceNodeSnapshot): this {
    const load = (data: NamespaceNodeSnapshot, node: MutableNode) => {
      Object.assign(node, { keys: data.keys, memoryBytes: data.memoryBytes, keysWithTtl: data.keysWithTtl, memoryWithTtl: data.memoryWithTtl, types: { ...data.types } });
      node.top.restore(data.top);
      for (const [name, childData] of data.children) {
        const child = this.node(childData.pattern, childData.depth);
        node.children.set(name, child);
        load(childData, child);
      }
    };
    load(snapshot, this.root);
    return this;
  }

  /** The finished tree, biggest namespaces first; counts rounded to whole keys. */
  build(): NamespaceNode[] {
    return this.freeze(this.root).children;
  }

  /** `name`, or '*' once the parent holds maxChildren distinct children. */
  private childName(parent: MutableNode, name: string): string {
    return parent.children.has(name) || parent.children.size < this.options.maxChildren ? name : '*';
  }

  /** The child `name` of `parent`, created with its pattern (a leaf's when `leaf` is given) the first time. Takes the
   *  pattern's parts rather than a function making it: a closure per level of every key cost more than the lookup. */
  private child(parent: MutableNode, name: string, path: string[], delimiters: string[], leaf: string | undefined): MutableNode {
    let node = parent.children.get(name);
    if (!node) {
      node = this.node(leaf === undefined ? namespacePattern(path, delimiters) : leafPattern(path, delimiters, leaf), parent.depth + 1);
      parent.children.set(name, node);
    }
    return node;
  }

  private node(pattern: string, depth: number): MutableNode {
    return {
      pattern, depth, keys: 0, memoryBytes: 0, keysWithTtl: 0, memoryWithTtl: 0, types: {},
      top: new TopList<KeySummary>(this.options.topKeysPerNamespace, byKeyName), children: new Map(),
    };
  }

  private count(node: MutableNode, record: KeyRecord, weight: number, summary: KeySummary): void {
    node.keys += weight;
    node.memoryBytes += weight * record.memoryBytes;
    if (record.ttlMs >= 0) {
      node.keysWithTtl += weight;
      node.memoryWithTtl += weight * record.memoryBytes;
    }
    node.types[record.type] = (node.types[record.type] ?? 0) + weight;
    node.top.offer(record.memoryBytes, summary);
  }

  private freeze(node: MutableNode): NamespaceNode {
    const keys = Math.round(node.keys);
    const types: Record<string, number> = {};
    for (const [type, count] of Object.entries(node.types)) types[type] = Math.round(count);
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
