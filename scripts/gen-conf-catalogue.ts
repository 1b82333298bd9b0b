/**
 * Generates src/core/conf/data/<server>.json (redis-7.0, redis-7.4, valkey-8 ...): the directive table of a real
 * server binary, read with CONFIG GET * and classified by probing (CONFIG SET with wrong values for mutable
 * directives, a throwaway server start for immutable ones; the server's own error messages reveal type, range and
 * enum values). Aliases are found by setting each directive and watching which other name changes with it; the
 * name CONFIG REWRITE writes is the canonical one. Names the server does not list (old names it still accepts, or
 * names other servers use) are tried with a throwaway start: those it accepts are recorded as aliases or ignored.
 *
 *   npx tsx scripts/gen-conf-catalogue.ts --all      every server of the test matrix that is built here (redis-7.0, redis-7.4, valkey-8)
 *   npx tsx scripts/gen-conf-catalogue.ts <server binary> [--example-conf <redis.conf/valkey.conf shipped with it>]
 *   npx tsx scripts/gen-conf-catalogue.ts /usr/bin/redis-server --example-conf /usr/share/doc/redis-tools/examples/redis.conf
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import type { DirectiveType, ProbedDirective, ServerCatalogue } from '../src/core/conf/catalogueTypes';
import { matrixServers, type MatrixServer } from '../test/helpers/serverMatrix';

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { 'example-conf': { type: 'string' }, all: { type: 'boolean' } } });
const DATA_DIR = join(__dirname, '..', 'src', 'core', 'conf', 'data');
const PROBE = '__probe__';

/** Directives with their own argument grammar: argument counts as config.c accepts them in a file. */
const SPECIAL: Record<string, [number, number]> = {
  save: [1, -1],
  bind: [1, 16],
  'client-output-buffer-limit': [4, -1],
  'oom-score-adj-values': [3, 3],
  'latency-tracking-info-percentiles': [0, -1],
  replicaof: [2, 2],
  slaveof: [2, 2],
  'notify-keyspace-events': [1, 1],
};

/** Accepted only on a config line (config.c handles them before the option table). */
const FILE_ONLY: ProbedDirective[] = [
  { name: 'include', type: 'special', default: '', mutable: false, args: [1, 1], fileOnly: true },
  { name: 'rename-command', type: 'special', default: '', mutable: false, args: [2, 2], fileOnly: true },
  { name: 'user', type: 'special', default: '', mutable: false, args: [1, -1], fileOnly: true },
  { name: 'loadmodule', type: 'special', default: '', mutable: false, args: [1, -1], fileOnly: true },
  { name: 'sentinel', type: 'special', default: '', mutable: false, args: [1, -1], fileOnly: true },
];

/** Old names that config.c of some versions accepts and ignores. */
const IGNORED_CANDIDATES = ['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands'];

/** Changing these on the probe server would move its listener or its files, so they are never set to trial values. */
const NOT_TRIALLED = new Set(['port', 'tls-port', 'cluster-port', 'bind', 'unixsocket', 'dir', 'dbfilename', 'appendonly', 'appenddirname', 'logfile', 'pidfile', 'daemonize', 'maxclients', 'requirepass', 'save', 'replicaof', 'slaveof']);

function classify(message: string): Partial<ProbedDirective> & { type: DirectiveType } {
  const oneOf = /must be one of the following: (.*)$/.exec(message);
  if (oneOf) return { type: 'enum', values: oneOf[1].split(',').map((v) => v.trim()).filter(Boolean) };
  if (message.includes("'yes' or 'no'")) return { type: 'bool' };
  if (message.includes('parsed into an integer')) return { type: 'integer' };
  if (message.includes('memory or percent value')) return { type: 'memory', percent: true };
  if (message.includes('memory value')) return { type: 'memory' };
  if (message.includes('octal number')) return { type: 'integer' };
  return { type: 'string' };
}

function range(message: string): { min: number; max: number } | undefined {
  const match = /between (-?\d+) and (-?\d+) inclusive/.exec(message);
  return match ? { min: Number(match[1]), max: Number(match[2]) } : undefined;
}

/** The FATAL message a server start prints for `name value`, or '' when the server accepted it. */
function startupError(binary: string, dir: string, name: string, value: string): string {
  const file = join(dir, 'probe.conf');
  writeFileSync(file, `port 0\ndaemonize no\nlogfile ""\n${name} ${value}\n`);
  const result = spawnSync('timeout', ['0.5', binary, file], { encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.split('\n');
  const fatal = lines.findIndex((line) => line.includes('FATAL CONFIG FILE ERROR'));
  return fatal >= 0 ? (lines[fatal + 3] ?? '').trim() || 'refused' : '';
}

/** The catalogue id a server answers to: redis-<major>.<minor>, or valkey-<major> (Valkey keeps options within a major). */
function serverId(info: string): { server: string; product: 'redis' | 'valkey'; version: string } {
  const valkey = /valkey_version:(\S+)/.exec(info)?.[1];
  if (valkey || /server_name:valkey/.test(info)) {
    const version = valkey ?? 'unknown';
    return { server: `valkey-${version.split('.')[0]}`, product: 'valkey', version };
  }
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  return { server: `redis-${version.split('.').slice(0, 2).join('.')}`, product: 'redis', version };
}

/** Directive names another catalogue or the shipped example file mentions (commented-out lines included). */
function candidateNames(ownId: string, exampleConf: string | undefined): Set<string> {
  const names = new Set<string>(IGNORED_CANDIDATES);
  for (const file of readdirSync(DATA_DIR)) {
    if (!/^(redis|valkey)-[\d.]+\.json$/.test(file) || file === `${ownId}.json`) continue;
    const other = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as ServerCatalogue;
    for (const directive of other.directives) if (!directive.fileOnly) names.add(directive.name);
  }
  if (exampleConf) {
    for (const line of readFileSync(exampleConf, 'utf8').split('\n')) {
      const match = /^#?\s?([a-z][a-z0-9-]+[a-z0-9])\s+\S/.exec(line);
      if (match && match[1].includes('-')) names.add(match[1]);
    }
  }
  return names;
}

/** A value different from the current one that the directive accepts, to see which other names follow it. */
function trialValue(entry: ProbedDirective, current: string): string | undefined {
  switch (entry.type) {
    case 'bool':
      return current === 'yes' ? 'no' : 'yes';
    case 'integer': {
      const candidate = Number(current) + 7;
      return Number.isSafeInteger(candidate) && candidate <= (entry.max ?? Infinity) ? String(candidate) : undefined;
    }
    case 'memory':
      return /^\d+$/.test(current) ? String(Number(current) + 1024 * 1024) : undefined;
    case 'enum':
      return entry.values?.find((value) => value !== current);
    case 'string':
      return '10.9.8.7';
    default:
      return undefined;
  }
}

async function generate(binary: string, exampleConf: string | undefined): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-conf-catalogue-'));
  const socket = join(dir, 'server.sock');
  const baseConf = join(dir, 'base.conf');
  writeFileSync(baseConf, `port 0\nunixsocket ${socket}\ndaemonize no\n`);
  const server = spawn(binary, [baseConf], { cwd: dir, stdio: 'ignore' });
  const client = new Redis({ path: socket, lazyConnect: true, protocol: 2, retryStrategy: () => null });
  try {
    for (let attempt = 0; !existsSync(socket); attempt++) {
      if (attempt > 400) throw new Error(`${binary} did not open ${socket}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.connect();
    const identity = serverId(String(await client.info('server')));
    const readAll = async (): Promise<Map<string, string>> => {
      const flat = (await client.config('GET', '*')) as string[];
      const map = new Map<string, string>();
      for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
      return map;
    };
    const live = await readAll();
    // Hidden configs (debug and deprecated ones) answer only an exact CONFIG GET: classify them like the rest.
    const candidates = [...candidateNames(identity.server, exampleConf)].filter((name) => !live.has(name)).sort();
    for (const name of candidates) {
      const exact = (await client.config('GET', name)) as string[];
      if (exact.length === 2) live.set(name, exact[1]);
    }
    const defaults = new Map(live);
    // Values that reflect how this probe server was started rather than the server's built-in default.
    defaults.set('port', '6379');
    defaults.set('unixsocket', '');
    defaults.set('dir', './');

    const setError = async (name: string, value: string): Promise<string | null> => {
      try {
        await client.config('SET', name, value);
        return null;
      } catch (error) {
        return String((error as Error).message);
      }
    };

    const directives: ProbedDirective[] = [];
    for (const name of [...defaults.keys()].sort()) {
      const defaultValue = defaults.get(name) ?? '';
      const entry: ProbedDirective = { name, type: 'string', default: defaultValue, mutable: true, args: [1, 1] };
      if (SPECIAL[name]) {
        entry.type = 'special';
        entry.args = SPECIAL[name];
        entry.mutable = !String(await setError(name, PROBE)).includes('immutable');
        if (name === 'slaveof') entry.aliasOf = 'replicaof';
        directives.push(entry);
        continue;
      }
      let message = await setError(name, PROBE);
      if (message === null) await setError(name, live.get(name) ?? defaultValue);
      if (message?.includes('immutable')) entry.mutable = false;
      // Immutable and protected directives (dir, dbfilename ...) are classified from a throwaway server start.
      if (message?.includes('immutable') || message?.includes('protected config')) message = startupError(binary, dir, name, PROBE) || null;
      Object.assign(entry, classify(message ?? ''));
      if (entry.type === 'integer') {
        for (const probe of ['-99999999999999999', '99999999999999999']) {
          const reply = entry.mutable ? await setError(name, probe) : startupError(binary, dir, name, probe);
          if (reply === null && entry.mutable) await setError(name, live.get(name) ?? defaultValue);
          const bounds = range(reply ?? '');
          if (bounds) Object.assign(entry, bounds);
        }
      }
      if (entry.type === 'memory' && !entry.percent) {
        const reply = entry.mutable ? await setError(name, '1%') : startupError(binary, dir, name, '1%');
        if (reply === null || reply === '') entry.percent = true;
        if (reply === null && entry.mutable) await setError(name, live.get(name) ?? defaultValue);
      }
      directives.push(entry);
    }

    // Aliases: set one name to a trial value and see which other names now report it; CONFIG REWRITE names the canonical one.
    const byName = new Map(directives.map((entry) => [entry.name, entry]));
    const grouped = new Set<string>();
    for (const entry of directives) {
      if (!entry.mutable || grouped.has(entry.name) || NOT_TRIALLED.has(entry.name) || entry.type === 'special') continue;
      const before = live.get(entry.name) ?? '';
      const trial = trialValue(entry, before);
      if (trial === undefined || (await setError(entry.name, trial)) !== null) continue;
      const after = await readAll();
      const twins = [...after.keys()].filter((name) => name !== entry.name && after.get(name) === trial && live.get(name) !== trial);
      if (twins.length) {
        await client.config('REWRITE');
        const written = readFileSync(baseConf, 'utf8').split('\n').map((line) => line.split(' ')[0]);
        const group = [entry.name, ...twins];
        const canonical = group.find((name) => written.includes(name)) ?? entry.name;
        for (const name of group) {
          grouped.add(name);
          if (name !== canonical) byName.get(name)!.aliasOf = canonical;
        }
      }
      await setError(entry.name, before);
    }

    // Names the server does not list but may still accept in a file (old names, another server's names).
    const probeValue = (name: string) => {
      const elsewhere = directives.find((entry) => entry.name === name);
      return elsewhere?.default || (/-(entries|value|size|limit|lag|write|period|port|priority|factor)$/.test(name) ? '1' : 'yes');
    };
    for (const name of candidates) {
      if (defaults.has(name) || FILE_ONLY.some((entry) => entry.name === name)) continue;
      const refusal = startupError(binary, dir, name, probeValue(name));
      if (/Bad directive|wrong number of arguments|unknown/i.test(refusal) || refusal === 'refused') continue;
      // Accepted at start (or refused only for its value): it is a known name of this server without a CONFIG GET entry.
      directives.push({ name, type: 'string', default: '', mutable: false, args: [1, 1], fileOnly: true, ignored: refusal === '' ? true : undefined });
    }
    directives.push(...FILE_ONLY);
    directives.sort((a, b) => a.name.localeCompare(b.name));
    const catalogue: ServerCatalogue = { ...identity, generatedBy: 'scripts/gen-conf-catalogue.ts', directives };
    const out = join(DATA_DIR, `${identity.server}.json`);
    writeFileSync(out, JSON.stringify(catalogue, null, 1) + '\n');
    const aliases = directives.filter((entry) => entry.aliasOf).length;
    process.stdout.write(`wrote ${directives.length} directives (${aliases} aliases) of ${identity.product} ${identity.version} to ${out}\n`);
  } finally {
    client.disconnect();
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shipped example config next to a build (redis.conf / valkey.conf in the source tree), or Debian's. */
function exampleConfOf(server: MatrixServer): string | undefined {
  const candidates = [join(dirname(dirname(server.server)), `${server.product}.conf`), join(dirname(dirname(server.server)), 'redis.conf'), '/etc/redis/redis.conf'];
  return candidates.find((path) => existsSync(path));
}

async function main(): Promise<void> {
  if (!flags.all) return generate(positionals[0] ?? '/usr/bin/redis-server', flags['example-conf']);
  for (const server of matrixServers()) {
    if (!server.available) process.stdout.write(`skipped ${server.id}: ${server.unavailableReason}\n`);
    else await generate(server.server, exampleConfOf(server));
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
