/**
 * Commands of Redis versions newer than every tested build (8.x), hand-written from the Redis documentation
 * and release notes. scripts/gen-command-table.ts merges them into the table marked `documented`: hovers say
 * "documented, not tested", and the read-only guard still knows whether they write. Commands of 7.2 and 7.4
 * come from the real 7.4 server instead. Only the fields we are sure of are filled; summaries are paraphrases.
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

/** The documented entries in the same shape as generated ones (no syntax/key specs known: empty). */
export const NEWER_COMMANDS: CommandSpec[] = NEWER.map((command) => ({
  ...command,
  arity: 0,
  tips: [],
  keySpecs: [],
  docFlags: [],
  syntax: command.name.replace('|', ' ').toUpperCase(),
  subcommands: [],
}));
