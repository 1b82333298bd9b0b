/**
 * Generates src/core/commands/commandTable.json from every real server a project can target (COMMAND DOCS +
 * COMMAND INFO of Redis 7.0, Redis 7.4 and Valkey 8), so the read-only guard, hovers and command-not-on-target
 * work from the servers' own metadata: each command records which servers have it and `since` on each. Redis
 * 8.x commands come from the documentation (newerCommands.ts) and are marked `documented`; RedisJSON's from its
 * reference (moduleCommands.ts), marked `module`.
 * Run: `npx tsx scripts/gen-command-table.ts` (needs the vendored builds: bash scripts/install-tools.sh).
 */
import Redis from 'ioredis';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec, CommandTableData, KeySpec, TestedServer } from '../src/core/commands/commandSpec';
import { MODULE_COMMANDS } from '../src/core/commands/moduleCommands';
import { NEWER_COMMANDS } from '../src/core/commands/newerCommands';
import { matrixServers, type MatrixServer } from '../test/helpers/serverMatrix';
import { startStandalone } from '../test/helpers/redisServers';

type Flat = unknown[];

/** RESP2 flat [k, v, k, v] arrays → record. */
function pairs(flat: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const list = (flat ?? []) as Flat;
  for (let i = 0; i + 1 < list.length; i += 2) out[String(list[i])] = list[i + 1];
  return out;
}

interface DocArgument {
  name: string;
  type: string;
  token?: string;
  flags: string[];
  arguments: DocArgument[];
}

function docArgument(flat: unknown): DocArgument {
  const fields = pairs(flat);
  return {
    name: String(fields.name),
    type: String(fields.type),
    token: fields.token === undefined ? undefined : String(fields.token),
    flags: ((fields.flags ?? []) as unknown[]).map(String),
    arguments: ((fields.arguments ?? []) as unknown[]).map(docArgument),
  };
}

/** One argument in the docs' usage notation. */
function formatArgument(argument: DocArgument): string {
  let body: string;
  if (argument.type === 'pure-token') body = argument.token ?? argument.name;
  else if (argument.type === 'oneof') body = argument.arguments.map(formatArgument).join(' | ');
  else if (argument.type === 'block') body = argument.arguments.map(formatArgument).join(' ');
  else body = argument.name;
  const token = argument.token && argument.type !== 'pure-token' ? `${argument.token} ` : '';
  const optional = argument.flags.includes('optional');
  if (argument.type === 'oneof' && !optional) body = `<${body}>`;
  let text = `${token}${body}`;
  if (argument.flags.includes('multiple_token')) text = `${text} [${text} ...]`;
  else if (argument.flags.includes('multiple')) text = `${token}${body} [${body} ...]`;
  return optional ? `[${text}]` : text;
}

function keySpec(flat: unknown): KeySpec {
  const fields = pairs(flat);
  const begin = pairs(fields.begin_search);
  const beginSpec = pairs(begin.spec);
  const find = pairs(fields.find_keys);
  const findSpec = pairs(find.spec);
  const num = (value: unknown) => (value === undefined ? undefined : Number(value));
  return {
    flags: ((fields.flags ?? []) as unknown[]).map(String),
    beginSearch: {
      type: String(begin.type),
      index: num(beginSpec.index),
      keyword: beginSpec.keyword === undefined ? undefined : String(beginSpec.keyword),
      startFrom: num(beginSpec.startfrom),
    },
    findKeys: {
      type: String(find.type),
      lastKey: num(findSpec.lastkey),
      keyStep: num(findSpec.keystep),
      limit: num(findSpec.limit),
      keyNumIndex: num(findSpec.keynumidx),
      firstKey: num(findSpec.firstkey),
    },
  };
}

function collect(info: Flat, docs: Record<string, unknown>, out: Record<string, CommandSpec>): void {
  const [name, arity, flags, , , , acl, tips, specs, subs] = info as [string, number, unknown[], number, number, number, unknown[], unknown[], unknown[], unknown[]];
  const key = String(name).toLowerCase();
  const doc = pairs(docs[key] ?? docs[key.split('|')[1] ?? '']);
  const subDocs = pairs(doc.subcommands);
  const subcommands = ((subs ?? []) as Flat[]).map((sub) => {
    const subName = String(sub[0]).toLowerCase();
    collect(sub, { [subName]: subDocs[subName] }, out);
    return subName;
  });
  const argumentsText = ((doc.arguments ?? []) as unknown[]).map((a) => formatArgument(docArgument(a))).join(' ');
  const displayName = key.replace('|', ' ').toUpperCase();
  out[key] = {
    name: key,
    summary: String(doc.summary ?? ''),
    since: String(doc.since ?? ''),
    group: String(doc.group ?? ''),
    ...(doc.complexity ? { complexity: String(doc.complexity) } : {}),
    arity: Number(arity),
    flags: (flags ?? []).map(String),
    aclCategories: (acl ?? []).map((c) => String(c).replace(/^@/, '')),
    tips: (tips ?? []).map(String),
    keySpecs: (specs ?? []).map(keySpec),
    docFlags: ((doc.doc_flags ?? []) as unknown[]).map(String),
    ...(doc.deprecated_since ? { deprecatedSince: String(doc.deprecated_since) } : {}),
    ...(doc.replaced_by ? { replacedBy: String(doc.replaced_by) } : {}),
    syntax: argumentsText ? `${displayName} ${argumentsText}` : displayName,
    subcommands: subcommands.sort(),
  };
}

/** What one real server says about its commands. */
export interface ServerCommands {
  server: TestedServer;
  commands: Record<string, CommandSpec>;
}

/** Starts the server's binary on a free port and reads COMMAND DOCS + COMMAND INFO. */
export async function readServerCommands(matrix: MatrixServer): Promise<ServerCommands> {
  const server = await startStandalone({ binary: matrix.server });
  const client = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2, lazyConnect: true });
  try {
    await client.connect();
    const info = await client.info('server');
    const version = (/^valkey_version:(\S+)/m.exec(info) ?? /^redis_version:(\S+)/m.exec(info))?.[1];
    if (version !== matrix.version) throw new Error(`${matrix.server} reports version ${version ?? 'none'}, expected ${matrix.label}`);
    const docs = pairs(await client.call('COMMAND', 'DOCS'));
    const infos = (await client.call('COMMAND', 'INFO')) as Flat[];
    const commands: Record<string, CommandSpec> = {};
    for (const entry of infos) collect(entry, docs, commands);
    return { server: { id: matrix.id, product: matrix.product, version: matrix.version }, commands };
  } finally {
    client.disconnect();
    await server.stop();
  }
}

/**
 * One table from several servers (given oldest first, Redis before Valkey). The spec shown (summary, syntax,
 * flags) is the first server's that has the command, so it is what the default target (the oldest) says;
 * `since` is Redis's (its documentation's for 8.x), and `on` records each server's own `since` when they differ.
 */
export function mergeTables(perServer: ServerCommands[], documented: readonly CommandSpec[]): Record<string, CommandSpec> {
  const names = new Set(perServer.flatMap((entry) => Object.keys(entry.commands)));
  const documentedByName = new Map(documented.map((spec) => [spec.name, spec]));
  for (const name of documentedByName.keys()) names.add(name);
  const merged: Record<string, CommandSpec> = {};
  for (const name of [...names].sort()) {
    const base = perServer.map((entry) => entry.commands[name]).find((spec) => spec !== undefined);
    const inRedis = perServer.some((entry) => entry.server.product === 'redis' && entry.commands[name]);
    const doc = inRedis ? undefined : documentedByName.get(name);
    const on = perServer.map((entry) => entry.commands[name]?.since ?? '');
    const subcommands = [...new Set(perServer.flatMap((entry) => entry.commands[name]?.subcommands ?? []))].sort();
    const spec: CommandSpec = { ...(base ?? doc!), subcommands };
    if (doc) {
      spec.since = doc.since;
      spec.documented = doc.since;
    }
    if (!on.every((since) => since === spec.since)) spec.on = on;
    else delete spec.on;
    merged[name] = spec;
  }
  return merged;
}

/** Adds the module commands no tested server loads; a server that has one of them keeps its own entry. */
export function withModuleCommands(commands: Record<string, CommandSpec>, modules: readonly CommandSpec[]): Record<string, CommandSpec> {
  const merged: Record<string, CommandSpec> = { ...commands };
  for (const spec of modules) if (!merged[spec.name]) merged[spec.name] = spec;
  return Object.fromEntries(Object.keys(merged).sort().map((name) => [name, merged[name]]));
}

async function main(): Promise<void> {
  const servers = matrixServers();
  const missing = servers.filter((server) => !server.available);
  if (missing.length) {
    throw new Error(`The table needs every target server; missing: ${missing.map((server) => `${server.label}: ${server.unavailableReason}`).join('; ')}`);
  }
  const perServer: ServerCommands[] = [];
  // One server at a time: the machine may be busy, and each run is short.
  for (const server of servers) perServer.push(await readServerCommands(server));
  const table: CommandTableData = {
    servers: perServer.map((entry) => entry.server),
    generatedBy: 'scripts/gen-command-table.ts (COMMAND DOCS + COMMAND INFO of each server)',
    documentedFrom: 'Redis documentation and release notes (src/core/commands/newerCommands.ts); not tested',
    moduleFrom: 'RedisJSON command reference (src/core/commands/moduleCommands.ts); not tested',
    commands: withModuleCommands(mergeTables(perServer, NEWER_COMMANDS), MODULE_COMMANDS),
  };
  const target = join(__dirname, '..', 'src', 'core', 'commands', 'commandTable.json');
  writeFileSync(target, JSON.stringify(table) + '\n');
  const counts = perServer.map((entry) => `${entry.server.id} ${entry.server.version}: ${Object.keys(entry.commands).length}`).join(', ');
  const documentedCount = Object.values(table.commands).filter((spec) => spec.documented).length;
  console.log(`${Object.keys(table.commands).length} commands (${counts}; ${documentedCount} documented) → ${target}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
