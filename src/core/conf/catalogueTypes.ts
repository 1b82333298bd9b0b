/** Shapes of the redis.conf directive catalogue (the JSON files in ./data). */

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

export interface ProbedCatalogue {
  redisVersion: string;
  generatedBy: string;
  directives: ProbedDirective[];
}

/** A directive added after the probed baseline (from release notes), or an enum value added later. */
export interface LaterDirective {
  name: string;
  since: string;
  type: DirectiveType;
  default: string;
  values?: string[];
  min?: number;
  max?: number;
  args: [number, number];
  description: string;
}

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
}

/** Everything known about one directive, as the linter, hover and completion see it. */
export interface DirectiveInfo extends ProbedDirective {
  description: string;
  /** First version accepting it; undefined = present in the 7.0 baseline. */
  since?: string;
  /** Enum values accepted only from a later version. */
  laterValues?: Record<string, string>;
}
