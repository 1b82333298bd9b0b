/**
 * Decides which commands a read-only connection refuses, from command flags (the shipped table or the
 * server's own COMMAND INFO). Pure, so the same rule is unit-tested and enforced in src/redis.
 */

export interface CommandFlags {
  flags: string[];
  aclCategories: string[];
  /** Set for module commands (see CommandSpec.module). */
  module?: string;
}

/** Why a command is refused, or undefined when it may run on a read-only connection. */
export type ReadOnlyVerdict = { refused: false } | { refused: true; reason: string };

/**
 * Commands in the @dangerous ACL category that only inspect the server. Redis puts INFO, CONFIG GET,
 * SLOWLOG GET and friends in @dangerous because they reveal configuration, not because they change data;
 * a read-only browser needs them. Everything else in @dangerous (FLUSHALL, DEBUG, SHUTDOWN, KEYS,
 * MONITOR, CLIENT KILL, ...) stays refused.
 */
const INSPECTION_ALLOWED = new Set([
  'info', 'role', 'lastsave', 'dbsize', 'time',
  'config|get', 'config|help',
  'slowlog|get', 'slowlog|len', 'slowlog|help',
  'latency|latest', 'latency|history', 'latency|doctor', 'latency|graph', 'latency|histogram', 'latency|help',
  'memory|usage', 'memory|stats', 'memory|doctor', 'memory|malloc-stats', 'memory|help',
  'client|list', 'client|info', 'client|getname', 'client|id', 'client|help',
  'acl|whoami', 'acl|cat', 'acl|users', 'acl|getuser', 'acl|help',
  'cluster|info', 'cluster|nodes', 'cluster|slots', 'cluster|shards', 'cluster|myid', 'cluster|help',
  'cluster|countkeysinslot', 'cluster|getkeysinslot', 'cluster|keyslot', 'cluster|links', 'cluster|replicas', 'cluster|slaves',
  'module|list', 'module|help', 'command', 'command|info', 'command|docs', 'command|count', 'command|list',
  'command|getkeys', 'command|getkeysandflags', 'object|encoding', 'object|freq', 'object|idletime', 'object|refcount',
  // Scripting commands that cannot write (the _RO variants refuse write commands inside the script).
  'eval_ro', 'evalsha_ro', 'fcall_ro', 'script|exists', 'script|help', 'function|list', 'function|dump',
  'function|stats', 'function|help',
  // SORT_RO is in @dangerous only because BY/GET patterns may read any key; it cannot write (unlike SORT ... STORE).
  'sort_ro',
]);

/**
 * Side effects the flags do not show: in Redis 7.0 EVAL/FCALL carry no write flag (the script decides),
 * PUBLISH reaches subscribers, MEMORY PURGE and SCRIPT FLUSH change server state, and CLIENT REPLY OFF would
 * desynchronise our own connection.
 */
const SIDE_EFFECTS = new Map([
  ['publish', 'publishes a message to subscribers'],
  ['spublish', 'publishes a message to subscribers'],
  ['memory|purge', 'changes allocator state'],
  ['client|reply', 'would desynchronise this connection'],
]);

/**
 * `name` is the table name ("set", "config|set"); `spec` its flags from the shipped command table, or undefined
 * when the table does not know it. Flags a server reports for a command the table does not know (a module's,
 * say) are never enough: a module command can declare "readonly" and still write, so it is refused.
 */
export function readOnlyVerdict(name: string, spec: CommandFlags | undefined): ReadOnlyVerdict {
  const display = name.replace('|', ' ').toUpperCase();
  if (!spec) return { refused: true, reason: `${display} is not in the command table, so it cannot be proven read-only` };
  // The table's flags of a module command come from the module's reference, not from the server that runs it.
  if (spec.module) return { refused: true, reason: `${display} is a ${spec.module} module command, so it cannot be proven read-only` };
  if (spec.flags.includes('write')) return { refused: true, reason: `${display} writes data` };
  // EVAL/FCALL may write through the script; their _RO variants may not.
  if (spec.flags.includes('may_replicate')) return { refused: true, reason: `${display} may modify data` };
  const sideEffect = SIDE_EFFECTS.get(name);
  if (sideEffect) return { refused: true, reason: `${display} ${sideEffect}` };
  if (spec.aclCategories.includes('scripting') && !INSPECTION_ALLOWED.has(name)) {
    return { refused: true, reason: `${display} runs or changes server-side scripts, which may write (use the _RO variant)` };
  }
  const dangerous = spec.aclCategories.includes('dangerous') || spec.flags.includes('admin');
  if (dangerous && !INSPECTION_ALLOWED.has(name)) return { refused: true, reason: `${display} is an administrative or dangerous command` };
  return { refused: false };
}
