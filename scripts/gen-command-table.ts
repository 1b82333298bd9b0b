/**
 * Generates src/core/commands/commandTable.json from a real redis-server (COMMAND DOCS + COMMAND INFO), so the
 * read-only guard and hovers work from the server's own metadata. Run: `npx tsx scripts/gen-command-table.ts`
 * (REDIS_SERVER_BIN picks another binary). The server version is recorded in the file.
 */
import Redis from 'ioredis';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec, CommandTableData, KeySpec } from '../src/core/commands/commandSpec';
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

async function main(): Promise<void> {
  const server = await startStandalone();
  const client = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2 });
  try {
    const version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
    const docs = pairs(await client.call('COMMAND', 'DOCS'));
    const infos = (await client.call('COMMAND', 'INFO')) as Flat[];
    const commands: Record<string, CommandSpec> = {};
    for (const info of infos) collect(info, docs, commands);
    const sorted = Object.fromEntries(Object.keys(commands).sort().map((k) => [k, commands[k]]));
    const table: CommandTableData = {
      source: { server: 'redis-server', version, generatedBy: 'scripts/gen-command-table.ts (COMMAND DOCS + COMMAND INFO)' },
      commands: sorted,
    };
    const target = join(__dirname, '..', 'src', 'core', 'commands', 'commandTable.json');
    writeFileSync(target, JSON.stringify(table) + '\n');
    console.log(`${Object.keys(sorted).length} commands from redis ${version} → ${target}`);
  } finally {
    client.disconnect();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
