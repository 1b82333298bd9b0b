/**
 * Generates src/core/conf/data/redis-<version>.json: the directive table of a real redis-server, read with
 * CONFIG GET * and classified by probing (CONFIG SET with wrong values for mutable directives, a throwaway
 * server start for immutable ones; the server's own error messages reveal type, range and enum values).
 *
 *   npx tsx scripts/gen-conf-catalogue.ts [/usr/bin/redis-server]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { DirectiveType, ProbedCatalogue, ProbedDirective } from '../src/core/conf/catalogueTypes';

const binary = process.argv[2] ?? '/usr/bin/redis-server';
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

/** Old names that config.c still accepts and ignores. */
const IGNORED = ['list-max-ziplist-entries', 'list-max-ziplist-value', 'lua-replicate-commands'];

/** Candidate canonical names for an alias; each pair is confirmed by probing before it is recorded. */
function canonicalCandidate(name: string): string | undefined {
  const rewrites: Array<[RegExp, string]> = [
    [/^slaveof$/, 'replicaof'],
    [/^min-slaves-/, 'min-replicas-'],
    [/^cluster-slave-/, 'cluster-replica-'],
    [/slave/, 'replica'],
    [/ziplist/, 'listpack'],
    [/^lua-time-limit$/, 'busy-reply-threshold'],
  ];
  for (const [pattern, replacement] of rewrites) if (pattern.test(name)) return name.replace(pattern, replacement);
  return undefined;
}

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
function startupError(dir: string, name: string, value: string): string {
  const file = join(dir, 'probe.conf');
  writeFileSync(file, `port 0\ndaemonize no\nlogfile ""\n${name} ${value}\n`);
  const result = spawnSync('timeout', ['0.4', binary, file], { encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.split('\n');
  const fatal = lines.findIndex((line) => line.includes('FATAL CONFIG FILE ERROR'));
  return fatal >= 0 ? (lines[fatal + 3] ?? '').trim() : '';
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gen-conf-catalogue-'));
  const socket = join(dir, 'redis.sock');
  writeFileSync(join(dir, 'base.conf'), `port 0\nunixsocket ${socket}\ndaemonize no\n`);
  const server = spawn(binary, [join(dir, 'base.conf')], { cwd: dir, stdio: 'ignore' });
  const client = new Redis({ path: socket, lazyConnect: true, protocol: 2, retryStrategy: () => null });
  try {
    for (let attempt = 0; !existsSync(socket); attempt++) {
      if (attempt > 200) throw new Error(`${binary} did not open ${socket}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.connect();
    const info = String(await client.info('server'));
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    const flat = (await client.config('GET', '*')) as string[];
    const defaults = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) defaults.set(flat[i], flat[i + 1]);
    // Values that reflect how this probe server was started rather than Redis' built-in default.
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
      if (message === null) await setError(name, defaultValue);
      if (message?.includes('immutable')) entry.mutable = false;
      // Immutable and protected directives (dir, dbfilename ...) are classified from a throwaway server start.
      if (message?.includes('immutable') || message?.includes('protected config')) message = startupError(dir, name, PROBE) || null;
      Object.assign(entry, classify(message ?? ''));
      if (entry.type === 'integer') {
        for (const probe of ['-99999999999999999', '99999999999999999']) {
          const reply = entry.mutable ? await setError(name, probe) : startupError(dir, name, probe);
          if (reply === null && entry.mutable) await setError(name, defaultValue);
          const bounds = range(reply ?? '');
          if (bounds) Object.assign(entry, bounds);
        }
      }
      if (entry.type === 'memory' && !entry.percent) {
        const reply = entry.mutable ? await setError(name, '1%') : startupError(dir, name, '1%');
        if (reply === null || reply === '') entry.percent = true;
        if (reply === null && entry.mutable) await setError(name, defaultValue);
      }
      directives.push(entry);
    }

    // Confirm aliases: setting the alias must change the canonical name's value.
    for (const entry of directives) {
      const canonical = canonicalCandidate(entry.name);
      if (!canonical || canonical === entry.name || !defaults.has(canonical) || !entry.mutable) continue;
      const target = directives.find((d) => d.name === canonical);
      const trial = entry.type === 'bool' ? (entry.default === 'yes' ? 'no' : 'yes') : entry.type === 'string' ? '10.9.8.7' : String((entry.min ?? 0) + 7);
      if ((await setError(entry.name, trial)) !== null) continue;
      const seen = ((await client.config('GET', canonical)) as string[])[1];
      await setError(entry.name, entry.default);
      if (seen === trial && target) entry.aliasOf = canonical;
    }

    for (const name of IGNORED) {
      if (!defaults.has(name) && startupError(dir, name, '1') === '') {
        directives.push({ name, type: 'string', default: '', mutable: false, args: [1, 1], fileOnly: true, ignored: true });
      }
    }
    directives.push(...FILE_ONLY);
    directives.sort((a, b) => a.name.localeCompare(b.name));
    const catalogue: ProbedCatalogue = { redisVersion: version, generatedBy: 'scripts/gen-conf-catalogue.ts', directives };
    const major = version.split('.').slice(0, 2).join('.');
    const out = join(__dirname, '..', 'src', 'core', 'conf', 'data', `redis-${major}.json`);
    writeFileSync(out, JSON.stringify(catalogue, null, 1) + '\n');
    process.stdout.write(`wrote ${directives.length} directives of Redis ${version} to ${out}\n`);
  } finally {
    client.disconnect();
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
