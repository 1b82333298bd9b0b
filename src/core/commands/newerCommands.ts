/**
 * Commands added after Redis 7.0 (the version the generated table comes from), hand-written from the Redis
 * release notes so hovers can say "needs Redis 7.4" and the read-only guard knows whether they write.
 * Only the fields we are sure of are filled; summaries are short paraphrases.
 */
import type { CommandSpec } from './commandSpec';

interface NewerCommand {
  name: string;
  since: string;
  group: string;
  summary: string;
  /** "write" or "readonly" (the COMMAND INFO flag that matters to the read-only guard), plus extra flags. */
  flags: string[];
  aclCategories: string[];
}

const NEWER: NewerCommand[] = [
  { name: 'waitaof', since: '7.2.0', group: 'generic', summary: 'Wait until writes are fsynced to the AOF of the local and/or replica servers', flags: ['noscript'], aclCategories: ['slow', 'connection'] },
  { name: 'client|no-touch', since: '7.2.0', group: 'connection', summary: 'Make commands of this connection not touch the LRU/LFU of keys', flags: ['noscript', 'loading', 'stale'], aclCategories: ['slow', 'connection'] },
  { name: 'client|setinfo', since: '7.2.0', group: 'connection', summary: 'Set client library name and version shown in CLIENT LIST', flags: ['noscript', 'loading', 'stale'], aclCategories: ['slow', 'connection'] },
  { name: 'hexpire', since: '7.4.0', group: 'hash', summary: 'Set a time-to-live in seconds on hash fields', flags: ['write', 'denyoom', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hpexpire', since: '7.4.0', group: 'hash', summary: 'Set a time-to-live in milliseconds on hash fields', flags: ['write', 'denyoom', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hexpireat', since: '7.4.0', group: 'hash', summary: 'Set the expiration of hash fields as a Unix time in seconds', flags: ['write', 'denyoom', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hpexpireat', since: '7.4.0', group: 'hash', summary: 'Set the expiration of hash fields as a Unix time in milliseconds', flags: ['write', 'denyoom', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hpersist', since: '7.4.0', group: 'hash', summary: 'Remove the expiration of hash fields', flags: ['write', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'httl', since: '7.4.0', group: 'hash', summary: 'Remaining time-to-live of hash fields in seconds', flags: ['readonly', 'fast'], aclCategories: ['read', 'hash', 'fast'] },
  { name: 'hpttl', since: '7.4.0', group: 'hash', summary: 'Remaining time-to-live of hash fields in milliseconds', flags: ['readonly', 'fast'], aclCategories: ['read', 'hash', 'fast'] },
  { name: 'hexpiretime', since: '7.4.0', group: 'hash', summary: 'Expiration Unix time of hash fields in seconds', flags: ['readonly', 'fast'], aclCategories: ['read', 'hash', 'fast'] },
  { name: 'hpexpiretime', since: '7.4.0', group: 'hash', summary: 'Expiration Unix time of hash fields in milliseconds', flags: ['readonly', 'fast'], aclCategories: ['read', 'hash', 'fast'] },
  { name: 'hgetdel', since: '8.0.0', group: 'hash', summary: 'Return the values of hash fields and delete them', flags: ['write', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hgetex', since: '8.0.0', group: 'hash', summary: 'Return the values of hash fields and optionally set or remove their expiration', flags: ['write', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'hsetex', since: '8.0.0', group: 'hash', summary: 'Set hash fields and optionally their expiration', flags: ['write', 'denyoom', 'fast'], aclCategories: ['write', 'hash', 'fast'] },
  { name: 'vadd', since: '8.0.0', group: 'vector_set', summary: 'Add an element with its vector to a vector set', flags: ['write', 'denyoom'], aclCategories: ['write', 'slow'] },
  { name: 'vrem', since: '8.0.0', group: 'vector_set', summary: 'Remove an element from a vector set', flags: ['write'], aclCategories: ['write', 'slow'] },
  { name: 'vsim', since: '8.0.0', group: 'vector_set', summary: 'Elements of a vector set most similar to a vector or element', flags: ['readonly'], aclCategories: ['read', 'slow'] },
  { name: 'vcard', since: '8.0.0', group: 'vector_set', summary: 'Number of elements in a vector set', flags: ['readonly', 'fast'], aclCategories: ['read', 'fast'] },
  { name: 'vdim', since: '8.0.0', group: 'vector_set', summary: 'Dimension of the vectors in a vector set', flags: ['readonly', 'fast'], aclCategories: ['read', 'fast'] },
  { name: 'vemb', since: '8.0.0', group: 'vector_set', summary: 'The vector of an element of a vector set', flags: ['readonly', 'fast'], aclCategories: ['read', 'fast'] },
  { name: 'vinfo', since: '8.0.0', group: 'vector_set', summary: 'Information about a vector set', flags: ['readonly', 'fast'], aclCategories: ['read', 'fast'] },
  { name: 'vlinks', since: '8.0.0', group: 'vector_set', summary: 'Neighbours of an element in the vector set graph', flags: ['readonly'], aclCategories: ['read', 'slow'] },
  { name: 'vrandmember', since: '8.0.0', group: 'vector_set', summary: 'Random elements of a vector set', flags: ['readonly'], aclCategories: ['read', 'slow'] },
  { name: 'vsetattr', since: '8.0.0', group: 'vector_set', summary: 'Set the JSON attributes of a vector set element', flags: ['write', 'fast'], aclCategories: ['write', 'fast'] },
  { name: 'vgetattr', since: '8.0.0', group: 'vector_set', summary: 'The JSON attributes of a vector set element', flags: ['readonly', 'fast'], aclCategories: ['read', 'fast'] },
  { name: 'cluster|slot-stats', since: '8.2.0', group: 'cluster', summary: 'Per-slot usage statistics (keys, CPU, network)', flags: ['loading', 'stale'], aclCategories: ['slow'] },
  { name: 'xdelex', since: '8.2.0', group: 'stream', summary: 'Delete stream entries with control over consumer group references', flags: ['write', 'fast'], aclCategories: ['write', 'stream', 'fast'] },
  { name: 'xackdel', since: '8.2.0', group: 'stream', summary: 'Acknowledge and delete stream entries of a consumer group', flags: ['write', 'fast'], aclCategories: ['write', 'stream', 'fast'] },
];

/** The hand-written entries in the same shape as generated ones (no syntax/key specs known: empty). */
export const NEWER_COMMANDS: CommandSpec[] = NEWER.map((command) => ({
  ...command,
  arity: 0,
  tips: [],
  keySpecs: [],
  docFlags: [],
  syntax: command.name.replace('|', ' ').toUpperCase(),
  subcommands: [],
}));
