/**
 * RedisJSON commands, hand-written from the RedisJSON command reference (redis.io/docs/latest/commands/json.*):
 * no tested build loads the module, so COMMAND INFO cannot supply them. scripts/gen-command-table.ts merges them
 * into the table marked `module`, so hovers show their card and rules read their key positions, while
 * command-not-on-target leaves them alone (whether a server has them depends on the module it loads, not on its
 * version). `since` is the module's version; complexities and summaries are paraphrases of the reference.
 */
import type { CommandSpec, KeySpec } from './commandSpec';

/** The module the entries of this file belong to, as hovers name it. */
export const REDIS_JSON_MODULE = 'RedisJSON';

interface ModuleCommand {
  name: string;
  since: string;
  summary: string;
  complexity: string;
  /** "write" or "readonly", plus extra COMMAND INFO flags. */
  flags: string[];
  aclCategories: string[];
  /** Usage line; the key positions follow from `keys`. */
  syntax: string;
  /** Where the keys are: one key first (the default), every argument but the path (JSON.MGET), or each triplet's first (JSON.MSET). */
  keys?: 'all-but-last' | 'every-third';
  arity: number;
}

const READ = { flags: ['readonly'], aclCategories: ['json', 'read', 'slow'] };
const READ_FAST = { flags: ['readonly', 'fast'], aclCategories: ['json', 'read', 'fast'] };
const WRITE = { flags: ['write', 'denyoom'], aclCategories: ['json', 'write', 'slow'] };
const WRITE_FAST = { flags: ['write', 'denyoom', 'fast'], aclCategories: ['json', 'write', 'fast'] };
const DELETE = { flags: ['write'], aclCategories: ['json', 'write', 'slow'] };

const JSON_COMMANDS: ModuleCommand[] = [
  { name: 'json.set', since: '1.0.0', ...WRITE, arity: -4, summary: 'Set the JSON value at a path in a key', syntax: 'JSON.SET key path value [NX | XX]', complexity: 'O(M+N) where M is the size of the original value (if any) and N the size of the new value; for a path matching several values, M is the size of the key and N the size of the new value times the number of matches' },
  { name: 'json.get', since: '1.0.0', ...READ, arity: -2, summary: 'Return the JSON value at one or more paths of a key', syntax: 'JSON.GET key [INDENT indent] [NEWLINE newline] [SPACE space] [path [path ...]]', complexity: 'O(N) where N is the size of the value; for several paths, the sum of the sizes of the values' },
  { name: 'json.mget', since: '1.0.0', ...READ, arity: -3, keys: 'all-but-last', summary: 'Return the JSON value at a path from several keys', syntax: 'JSON.MGET key [key ...] path', complexity: 'O(M*N) where M is the number of keys and N the size of the value; for a path matching several values, the sum of the sizes of the keys' },
  { name: 'json.mset', since: '2.6.0', ...WRITE, arity: -4, keys: 'every-third', summary: 'Set JSON values at paths of several keys atomically', syntax: 'JSON.MSET key path value [key path value ...]', complexity: 'O(K*(M+N)) where K is the number of keys, M the size of the original value and N the size of the new value' },
  { name: 'json.merge', since: '2.6.0', ...WRITE, arity: 4, summary: 'Merge a JSON value into the value at a path of a key (RFC 7396 merge patch)', syntax: 'JSON.MERGE key path value', complexity: 'O(M+N) where M is the size of the original value and N the size of the merged value' },
  { name: 'json.del', since: '1.0.0', ...DELETE, arity: -2, summary: 'Delete the values at a path of a key', syntax: 'JSON.DEL key [path]', complexity: 'O(N) where N is the size of the deleted value; for a path matching several values, the size of the key' },
  { name: 'json.forget', since: '1.0.0', ...DELETE, arity: -2, summary: 'Delete the values at a path of a key (alias of JSON.DEL)', syntax: 'JSON.FORGET key [path]', complexity: 'O(N) where N is the size of the deleted value; for a path matching several values, the size of the key' },
  { name: 'json.clear', since: '2.0.0', ...DELETE, arity: -2, summary: 'Empty the arrays and objects and zero the numbers at a path of a key', syntax: 'JSON.CLEAR key [path]', complexity: 'O(N) where N is the number of values cleared' },
  { name: 'json.toggle', since: '2.0.0', ...WRITE_FAST, arity: 3, summary: 'Toggle the boolean values at a path of a key', syntax: 'JSON.TOGGLE key path', complexity: 'O(1) per matching value' },
  { name: 'json.type', since: '1.0.0', ...READ_FAST, arity: -2, summary: 'The type of the JSON values at a path of a key', syntax: 'JSON.TYPE key [path]', complexity: 'O(1) per matching value' },
  { name: 'json.strlen', since: '1.0.0', ...READ_FAST, arity: -2, summary: 'The length of the JSON strings at a path of a key', syntax: 'JSON.STRLEN key [path]', complexity: 'O(1) per matching value' },
  { name: 'json.strappend', since: '1.0.0', ...WRITE_FAST, arity: -3, summary: 'Append a string to the JSON strings at a path of a key', syntax: 'JSON.STRAPPEND key [path] value', complexity: 'O(1) per matching value' },
  { name: 'json.numincrby', since: '1.0.0', ...WRITE_FAST, arity: 4, summary: 'Increment the numbers at a path of a key', syntax: 'JSON.NUMINCRBY key path value', complexity: 'O(1) per matching value' },
  { name: 'json.nummultby', since: '1.0.0', ...WRITE_FAST, arity: 4, summary: 'Multiply the numbers at a path of a key (deprecated in RedisJSON 2.0)', syntax: 'JSON.NUMMULTBY key path value', complexity: 'O(1) per matching value' },
  { name: 'json.arrappend', since: '1.0.0', ...WRITE, arity: -4, summary: 'Append values to the arrays at a path of a key', syntax: 'JSON.ARRAPPEND key path value [value ...]', complexity: 'O(1) per value added, for each matching array' },
  { name: 'json.arrinsert', since: '1.0.0', ...WRITE, arity: -5, summary: 'Insert values before an index of the arrays at a path of a key', syntax: 'JSON.ARRINSERT key path index value [value ...]', complexity: 'O(N) where N is the length of the array, for each matching array' },
  { name: 'json.arrlen', since: '1.0.0', ...READ_FAST, arity: -2, summary: 'The length of the arrays at a path of a key', syntax: 'JSON.ARRLEN key [path]', complexity: 'O(1) per matching array' },
  { name: 'json.arrpop', since: '1.0.0', ...{ flags: ['write'], aclCategories: ['json', 'write', 'slow'] }, arity: -2, summary: 'Remove and return an element at an index of the arrays at a path of a key', syntax: 'JSON.ARRPOP key [path [index]]', complexity: 'O(N) where N is the length of the array (O(1) for the last element), for each matching array' },
  { name: 'json.arrtrim', since: '1.0.0', ...{ flags: ['write'], aclCategories: ['json', 'write', 'slow'] }, arity: 5, summary: 'Trim the arrays at a path of a key to an inclusive range', syntax: 'JSON.ARRTRIM key path start stop', complexity: 'O(N) where N is the length of the array, for each matching array' },
  { name: 'json.arrindex', since: '1.0.0', ...READ, arity: -4, summary: 'The index of the first occurrence of a value in the arrays at a path of a key', syntax: 'JSON.ARRINDEX key path value [start [stop]]', complexity: 'O(N) where N is the length of the array, for each matching array' },
  { name: 'json.objkeys', since: '1.0.0', ...READ, arity: -2, summary: 'The keys of the objects at a path of a key', syntax: 'JSON.OBJKEYS key [path]', complexity: 'O(N) where N is the number of keys in the object, for each matching object' },
  { name: 'json.objlen', since: '1.0.0', ...READ_FAST, arity: -2, summary: 'The number of keys of the objects at a path of a key', syntax: 'JSON.OBJLEN key [path]', complexity: 'O(1) per matching object' },
  { name: 'json.resp', since: '1.0.0', ...READ, arity: -2, summary: 'The JSON value at a path of a key in RESP form (deprecated)', syntax: 'JSON.RESP key [path]', complexity: 'O(N) where N is the size of the value' },
  { name: 'json.debug|memory', since: '1.0.0', ...READ, arity: -3, summary: 'The memory used by the JSON values at a path of a key, in bytes', syntax: 'JSON.DEBUG MEMORY key [path]', complexity: 'O(N) where N is the size of the value' },
];

/** A key spec in the shape COMMAND INFO gives: the first key at `index`, then every `keyStep`-th up to `lastKey`. */
function rangeKeys(flags: string[], index: number, lastKey: number, keyStep: number): KeySpec {
  return { flags, beginSearch: { type: 'index', index }, findKeys: { type: 'range', lastKey, keyStep, limit: 0 } };
}

function keySpecOf(command: ModuleCommand): KeySpec {
  const access = command.flags.includes('write') ? ['RW', 'update'] : ['RO', 'access'];
  // JSON.DEBUG MEMORY counts "MEMORY" as an argument, so its key is the second.
  const first = command.name.includes('|') ? 2 : 1;
  if (command.keys === 'all-but-last') return rangeKeys(access, first, -2, 1);
  if (command.keys === 'every-third') return rangeKeys(access, first, -1, 3);
  return rangeKeys(access, first, 0, 1);
}

/** The module's entries in the table's shape, `json.debug` as the container of its MEMORY subcommand. */
export const MODULE_COMMANDS: CommandSpec[] = [
  ...JSON_COMMANDS.map((command): CommandSpec => {
    const { keys, ...fields } = command;
    return { ...fields, group: 'json', tips: [], keySpecs: [keySpecOf(command)], docFlags: [], subcommands: [], module: REDIS_JSON_MODULE };
  }),
  {
    name: 'json.debug',
    since: '1.0.0',
    group: 'json',
    summary: 'Debugging commands of RedisJSON',
    arity: -2,
    flags: [],
    aclCategories: ['json', 'slow'],
    tips: [],
    keySpecs: [],
    docFlags: [],
    syntax: 'JSON.DEBUG subcommand [argument ...]',
    subcommands: ['json.debug|memory'],
    module: REDIS_JSON_MODULE,
  },
];
