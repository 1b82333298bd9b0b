/** Shapes of the redis.conf directive catalogue (the JSON files in ./data). */
import type { TargetServer } from '../servers/targetServers';

export type DirectiveType =
  | 'bool'
  | 'integer'
  | 'memory'
  | 'enum'
  | 'string'
  /** Parsed by Redis with its own grammar (save, bind, client-output-buffer-limit, user, sentinel ...). */
  | 'special';

/** One row of the generated baseline (scripts/gen-conf-catalogue.ts). */
export interface ProbedDirective {
  name: string;
  type: DirectiveType;
  /** As CONFIG GET prints it on a server started without a config file. */
  default: string;
  min?: number;
  max?: number;
  /** Memory directives that also accept a percentage of maxmemory (maxmemory-clients 10%). */
  percent?: boolean;
  /** Allowed values of an enum. */
  values?: string[];
  /** False when CONFIG SET refuses it ("can't set immutable config"): only the file or the command line sets it. */
  mutable: boolean;
  /** Canonical name when this one is an alias (slaveof → replicaof, *-ziplist-* → *-listpack-*). */
  aliasOf?: string;
  /** Number of arguments on a config line: [min, max]; max -1 = unbounded. */
  args: [number, number];
  /** Accepted only on a config line (include, user, rename-command ...), not via CONFIG GET/SET. */
  fileOnly?: boolean;
  /** Accepted but ignored by this version (kept for old config files). */
  ignored?: boolean;
}

/** One server's generated catalogue (src/core/conf/data/<server>.json). */
export interface ServerCatalogue {
  /** Target server id: redis-7.0, redis-7.4, valkey-8. */
  server: string;
  product: 'redis' | 'valkey';
  /** Exact version of the binary it was read from. */
  version: string;
  generatedBy: string;
  directives: ProbedDirective[];
}

/** An enum value added by a release newer than every tested build (kept to name the release that accepts it). */
export interface LaterEnumValue {
  directive: string;
  value: string;
  since: string;
}

export interface SentinelSubcommand {
  name: string;
  /** Arguments after `sentinel <name>`, including the master name where there is one. */
  args: [number, number];
  /** Whether the first argument is a master name. */
  perMaster: boolean;
  default?: string;
  description: string;
  /** Written by Sentinel itself into its config (state, not settings). */
  state?: boolean;
  /** Only these servers' Sentinels accept it (absent = all). */
  servers?: TargetServer[];
  /** The name other servers use for the same setting. */
  aliasOf?: string;
}

/** Everything known about one directive, as the linter, hover and completion see it. */
export interface DirectiveInfo extends ProbedDirective {
  description: string;
  /** The tested servers that accept this name. */
  servers: TargetServer[];
  /** Enum values accepted only by releases newer than every tested build, with the release. */
  laterValues?: Record<string, string>;
}
