/**
 * redis-review analyze --full vs redis-cli --memkeys on the same 1,000,000-key realistic dataset.
 * Runs both several times, alternating, and prints: wall times (median) and the ratio, per-type byte totals of
 * both (they must agree within 1 %), and the p99/max latency a separate client sees sending PING during each run.
 *
 *   npx tsx bench/analyze.ts [--runs 3] [--scale 1] [--port P (use a running server instead of starting one)]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REDIS_CLI, startStandalone } from '../test/helpers/redisServers';
import { seedRealistic } from './seed-realistic';
import { PINGER, type PingStats } from './pinger';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '3'));
const SCALE = Number(option('--scale', '1'));
const root = join(__dirname, '..');

interface Timed {
  wallMs: number;
  /** CPU seconds the server spent during the run (INFO cpu delta): the load-independent cost. */
  serverCpu: number;
  ping: PingStats;
  bytesByType: Record<string, number>;
}

function serverCpuSeconds(port: number): number {
  const text = spawnSync(REDIS_CLI, ['-p', String(port), 'INFO', 'cpu'], { encoding: 'utf8' }).stdout;
  return [...text.matchAll(/^used_cpu_(?:sys|user):([\d.]+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function withPinger(port: number, work: () => Promise<Record<string, number>>): Promise<Timed> {
  const pinger = spawn(process.execPath, ['-e', PINGER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  pinger.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const cpuBefore = serverCpuSeconds(port);
  const started = process.hrtime.bigint();
  const bytesByType = await work();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const serverCpu = serverCpuSeconds(port) - cpuBefore;
  const done = new Promise((resolve) => pinger.once('exit', resolve));
  pinger.stdin.end();
  await done;
  return { wallMs, serverCpu, ping: JSON.parse(output) as PingStats, bytesByType };
}

function run(command: string, argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err}`))));
  });
}

/** "300001 hashs with 95067602 bytes (...)" → { hash: 95067602 } */
function parseMemkeys(output: string): Record<string, number> {
  const totals: Record<string, number> = {};
  const names: Record<string, string> = { strings: 'string', lists: 'list', sets: 'set', zsets: 'zset', hashs: 'hash', streams: 'stream' };
  for (const match of output.matchAll(/^(\d+) (\w+) with (\d+) bytes/gm)) {
    if (Number(match[1]) > 0) totals[names[match[2]] ?? match[2]] = Number(match[3]);
  }
  return totals;
}

/** With --built, the bundled CLI (what users run; rebuild first); by default the current sources through tsx. */
function cliCommand(): { command: string; prefix: string[]; label: string } {
  const built = join(root, 'dist', 'cli.js');
  if (args.includes('--built') && existsSync(built)) return { command: process.execPath, prefix: [built], label: 'node dist/cli.js' };
  const entry = existsSync(join(root, 'src', 'cli', 'bin.ts')) ? 'bin.ts' : 'main.ts';
  return { command: join(root, 'node_modules', '.bin', 'tsx'), prefix: [join(root, 'src', 'cli', entry)], label: `tsx src/cli/${entry}` };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const external = args.includes('--port');
  const server = external ? undefined : await startStandalone();
  const port = external ? Number(option('--port', '6379')) : server!.port;
  const dir = mkdtempSync(join(tmpdir(), 'redis-review-bench-'));
  try {
    if (!external || args.includes('--seed')) {
      const seeded = Date.now();
      const keys = seedRealistic(port, SCALE, REDIS_CLI);
      process.stdout.write(`seeded ${keys} keys in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
    }
    const cli = cliCommand();
    process.stdout.write(`redis-review via ${cli.label}; redis-cli ${spawnSync(REDIS_CLI, ['--version'], { encoding: 'utf8' }).stdout.trim()}\n`);
    const ours: Timed[] = [];
    const theirs: Timed[] = [];
    for (let i = 0; i < RUNS; i++) {
      theirs.push(await withPinger(port, async () => parseMemkeys(await run(REDIS_CLI, ['-p', String(port), '--memkeys']))));
      ours.push(
        await withPinger(port, async () => {
          const out = join(dir, `report-${i}.json`);
          await run(cli.command, [...cli.prefix, 'analyze', '--url', `redis://127.0.0.1:${port}`, '--full', '--format', 'json', '--out', out]);
          const report = JSON.parse(readFileSync(out, 'utf8')) as { byType: Record<string, { memoryBytes: number }> };
          return Object.fromEntries(Object.entries(report.byType).map(([type, t]) => [type, t.memoryBytes]));
        }),
      );
      process.stdout.write(
        `run ${i + 1}: redis-cli --memkeys ${(theirs[i].wallMs / 1000).toFixed(2)} s (server CPU ${theirs[i].serverCpu.toFixed(2)} s, PING p99 ${theirs[i].ping.p99.toFixed(2)} ms), ` +
          `redis-review analyze --full ${(ours[i].wallMs / 1000).toFixed(2)} s (server CPU ${ours[i].serverCpu.toFixed(2)} s, PING p99 ${ours[i].ping.p99.toFixed(2)} ms)\n`,
      );
    }
    const theirWall = median(theirs.map((t) => t.wallMs));
    const ourWall = median(ours.map((t) => t.wallMs));
    process.stdout.write(`\nmedian wall time: redis-cli --memkeys ${(theirWall / 1000).toFixed(2)} s, redis-review analyze --full ${(ourWall / 1000).toFixed(2)} s\n`);
    process.stdout.write(`speed-up: ${(theirWall / ourWall).toFixed(2)}x (target >= 2x; redis-review also reports TTL, encoding, length, namespaces)\n`);
    const theirCpu = median(theirs.map((t) => t.serverCpu));
    const ourCpu = median(ours.map((t) => t.serverCpu));
    process.stdout.write(`median server CPU: redis-cli ${theirCpu.toFixed(2)} s, redis-review ${ourCpu.toFixed(2)} s (ratio ${(theirCpu / ourCpu).toFixed(2)}x; wall time follows it when cores are contended)\n`);
    process.stdout.write(`machine load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${cpus().length} cores\n\n`);
    process.stdout.write('per-type bytes      redis-cli     redis-review   difference\n');
    let worst = 0;
    for (const type of Object.keys({ ...theirs[0].bytesByType, ...ours[0].bytesByType }).sort()) {
      const a = theirs[0].bytesByType[type] ?? 0;
      const b = ours[0].bytesByType[type] ?? 0;
      const difference = a === 0 ? (b === 0 ? 0 : 1) : Math.abs(a - b) / a;
      worst = Math.max(worst, difference);
      process.stdout.write(`  ${type.padEnd(8)} ${String(a).padStart(15)} ${String(b).padStart(15)}   ${(difference * 100).toFixed(3)} %\n`);
    }
    process.stdout.write(`largest per-type difference: ${(worst * 100).toFixed(3)} % (must be <= 1 %)\n\n`);
    const p99 = (runs: Timed[]) => Math.max(...runs.map((r) => r.ping.p99));
    process.stdout.write(`PING p99 during runs (worst run): redis-cli ${p99(theirs).toFixed(2)} ms, redis-review ${p99(ours).toFixed(2)} ms (target <= 2 ms); ` +
      `max ${Math.max(...ours.map((r) => r.ping.max)).toFixed(2)} ms\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
