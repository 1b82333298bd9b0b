/** Server-side facts the recommendations read besides the keys: INFO, CONFIG, ACL and probes, per node. */
import { infoNumber, type InfoSection } from '../info/parseInfo';

export interface NodeFacts {
  /** "127.0.0.1:6379". */
  node: string;
  /** All INFO fields of the node, flattened (INFO everything, read at the start of the analysis). */
  info: InfoSection;
  /** CONFIG GET replies by parameter name (only the parameters the analysis asks for). */
  config: Record<string, string>;
  /** ACL LIST lines; undefined when the command is denied or unknown. */
  aclUsers?: string[];
  /** Replication stream bytes per second measured over the analysis (master_repl_offset delta / time). */
  writeRateBytesPerSecond?: number;
  /** Hashtable-encoded sets whose sampled members were all integers (could be intsets). */
  integerSets?: Array<{ key: string; length: number }>;
}

export interface ServerFacts {
  cluster: boolean;
  /** Masters analysed (or replicas, when the user chose them). First is the node one-node checks use. */
  nodes: NodeFacts[];
}

/** CONFIG GET parameters the recommendations need (legacy ziplist names are aliases the server also answers). */
export const CONFIG_PARAMETERS = [
  'maxmemory', 'maxmemory-policy', 'save', 'appendonly', 'repl-backlog-size', 'list-compress-depth',
  'list-max-listpack-size', 'list-max-ziplist-size', 'hash-max-listpack-entries', 'hash-max-ziplist-entries',
  'hash-max-listpack-value', 'hash-max-ziplist-value', 'zset-max-listpack-entries', 'zset-max-ziplist-entries',
  'zset-max-listpack-value', 'zset-max-ziplist-value', 'set-max-intset-entries', 'set-max-listpack-entries',
  'activedefrag', 'lfu-log-factor', 'maxclients',
];

/** A numeric INFO field of a node. */
export function nodeInfo(node: NodeFacts, field: string): number | undefined {
  return infoNumber(node.info, field);
}

/** A numeric config value, trying the listpack name first and the legacy ziplist alias second. */
export function configNumber(node: NodeFacts, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = node.config[name];
    if (raw !== undefined && raw !== '' && Number.isFinite(Number(raw))) return Number(raw);
  }
  return undefined;
}

/** Sum of an INFO field over the analysed nodes. */
export function sumInfo(facts: ServerFacts, field: string): number {
  return facts.nodes.reduce((sum, node) => sum + (nodeInfo(node, field) ?? 0), 0);
}

/** Major.minor.patch of the first node's redis_version (valkey reports a Redis-compatible version too). */
export function serverVersion(facts: ServerFacts): [number, number, number] | undefined {
  const raw = facts.nodes[0]?.info.redis_version;
  const match = raw ? /^(\d+)\.(\d+)\.(\d+)/.exec(raw) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}
