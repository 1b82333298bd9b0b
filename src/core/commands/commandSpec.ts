/** The shape of one Redis command's metadata, as generated from COMMAND DOCS + COMMAND INFO of real servers. */

/** One key specification (see https://redis.io/docs/reference/key-specs/), trimmed to what tools use. */
export interface KeySpec {
  /** Access flags such as RW, RO, OW, RM, access, update, insert, delete. */
  flags: string[];
  /** "index" (position) or "keyword" (after a token); with its parameters. */
  beginSearch: { type: string; index?: number; keyword?: string; startFrom?: number };
  /** "range" or "keynum"; with its parameters. */
  findKeys: { type: string; lastKey?: number; keyStep?: number; limit?: number; keyNumIndex?: number; firstKey?: number };
}

export interface CommandSpec {
  /** Lower-case name; subcommands are "container|sub", e.g. "config|set". */
  name: string;
  summary: string;
  /** Redis version that introduced the command, e.g. "2.6.12" (Valkey's for commands only Valkey has). */
  since: string;
  /** Documentation group: string, hash, generic, server, connection, ... */
  group: string;
  complexity?: string;
  /** Positive: exact argument count including the name; negative: at least -arity. */
  arity: number;
  /** COMMAND INFO flags: write, readonly, denyoom, admin, noscript, may_replicate, ... */
  flags: string[];
  /** ACL categories without the "@": write, read, dangerous, slow, ... */
  aclCategories: string[];
  /** Command tips (request_policy:..., nondeterministic_output, ...). */
  tips: string[];
  keySpecs: KeySpec[];
  /** Documentation flags such as "deprecated" or "syscmd". */
  docFlags: string[];
  deprecatedSince?: string;
  replacedBy?: string;
  /** Usage line in the style of the Redis docs: "SET key value [NX | XX] ...". */
  syntax: string;
  /** Names of subcommands ("config|get", ...), for container commands (on any tested server). */
  subcommands: string[];
  /**
   * `since` as each tested server reports it, in the order of the table's `servers`; "" where the server lacks
   * the command. Absent when every tested server has it since `since` (most commands: keeps the table small).
   */
  on?: string[];
  /** The Redis version whose documentation lists the command, for Redis versions newer than any tested build. */
  documented?: string;
  /**
   * The module that provides the command ("RedisJSON"), for commands no tested server has without it; `since`
   * is then the module's version. Which servers have it depends on the modules they load, so it is not judged.
   */
  module?: string;
}

/** One real server the table was read from. */
export interface TestedServer {
  /** The target id a project names in `.redis-review.json` ("redis-7.4"). */
  id: string;
  product: 'redis' | 'valkey';
  /** The product's own version ("8.0.1" for Valkey, not the Redis version it claims compatibility with). */
  version: string;
}

/** A whole generated table with where it came from. */
export interface CommandTableData {
  /** Oldest first; `CommandSpec.on` is aligned with this list. */
  servers: TestedServer[];
  generatedBy: string;
  /** Where the `documented` entries come from (not tested on any server). */
  documentedFrom: string;
  /** Where the `module` entries come from. */
  moduleFrom?: string;
  commands: Record<string, CommandSpec>;
}
