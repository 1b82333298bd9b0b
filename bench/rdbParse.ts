/**
 * RDB analysis speed (issue #18). On the realistic dataset (bench/seed-realistic.ts, 1,000,000 keys at scale 1):
 *  1. parse throughput on one core, MB of RDB per CPU-second of this process (wall time on a shared, busy machine
 *     measures the neighbours) and per wall second: the parser alone, and parser + size model + report;
 *  2. `analyze --via-rdb` end to end against `redis-cli --memkeys` on the same server in the same run (ratio),
 *     with a concurrent client's PING p99/max during each, and the server's wait before the snapshot starts.
 * Prints medians of --runs runs. The server runs with repl-diskless-sync-delay 0 (said in the output).
 *
 *   npx tsx bench/rdbParse.ts [--runs 3] [--scale 1] [--port P (a running server; add --seed to fill it)]
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { RdbAnalysis } from '../src/core/rdb/rdbAnalysis';
import { RdbParser } from '../src/core/rdb/rdbParser';
import { REDIS_CLI, startStandalone } from '../test/helpers/redisServers';
import { PINGER, type PingStats } from './pinger';
import { seedRealistic } from './seed-realistic';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '3'));
const SCALE = Number(option('--scale', '1'));
const CHUNK = 1 << 16;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const redisCli = (port: number, ...argv: string[]) => spawnSync(REDIS_CLI, ['-p', String(port), ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.trim();

function parseSeconds(data: Uint8Array, withAnalysis: boolean): { cpu: number; wall: number } {
  const listener = withAnalysis ? new RdbAnalysis({ source: 'file', origin: 'bench' }) : { key: () => undefined };
  const parser = new RdbParser(listener);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let at = 0; at < data.length; at += CHUNK) parser.push(data.subarray(at, at + CHUNK));
  parser.end();
  if (withAnalysis) (listener as RdbAnalysis).report({ bytes: data.length, rdbVersion: parser.version, complete: true });
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1e6, wall: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function withPinger<T>(port: number, work: () => Promise<T>): Promise<{ seconds: number; ping: PingStats; result: T }> {
  const pinger = spawn(process.execPath, ['-e', PINGER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  pinger.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const done = new Promise((resolve) => pinger.once('exit', resolve));
  pinger.stdin.end();
  await done;
  return { seconds, ping: JSON.parse(output) as PingStats, result };
}

function memkeys(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(REDIS_CLI, ['-p', String(port), '--memkeys'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli --memkeys exited ${code}`))));
  });
}

async function viaRdb(port: number): Promise<{ keys: number; waitedWarning?: string }> {
  let stdout = '';
  const code = await runCli(['analyze', '--url', `redis://127.0.0.1:${port}`, '--via-rdb', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, cwd: process.cwd() });
  if (code !== 0) throw new Error(`analyze --via-rdb exited ${code}`);
  const report = JSON.parse(stdout);
  return { keys: report.totalKeys, waitedWarning: report.warnings?.[0] };
}

/** Peak RSS (MB) of `analyze --via-rdb` run alone in a child process (the in-process runs above share a heap with the parse rounds). */
function viaRdbPeakRss(port: number): Promise<string> {
  const script = `const { runCli } = require(${JSON.stringify(join(__dirname, '..', 'src', 'cli', 'main.ts'))});
    runCli(['analyze', '--url', 'redis://127.0.0.1:${port}', '--via-rdb', '--format', 'json'], { stdout: () => {}, stderr: () => {}, cwd: process.cwd() })
      .then((code) => { process.stderr.write(String(Math.round(process.resourceUsage().maxRSS / 1024))); process.exit(code); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(join(__dirname, '..', 'node_modules', '.bin', 'tsx'), ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(err.trim()) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

async function main(): Promise<void> {
  const external = args.includes('--port');
  const server = external ? undefined : await startStandalone({ args: ['--repl-diskless-sync-delay', '0'] });
  const port = external ? Number(option('--port', '6379')) : server!.port;
  try {
    if (!external || args.includes('--seed')) {
      const seeded = Date.now();
      const keys = seedRealistic(port, SCALE, REDIS_CLI);
      process.stdout.write(`seeded ${keys} keys in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
    }
    process.stdout.write(`server: ${redisCli(port, 'INFO', 'server').match(/redis_version:(\S+)/)?.[1]}, repl-diskless-sync-delay ${redisCli(port, 'CONFIG', 'GET', 'repl-diskless-sync-delay').split('\n')[1]}\n`);
    redisCli(port, 'SAVE');
    const dir = redisCli(port, 'CONFIG', 'GET', 'dir').split('\n')[1];
    const data = readFileSync(join(dir, 'dump.rdb'));
    const mb = data.length / 1048576;
    process.stdout.write(`RDB: ${mb.toFixed(1)} MB, ${redisCli(port, 'DBSIZE')} keys\n`);

    const parseOnly: Array<{ cpu: number; wall: number }> = [];
    const withReport: Array<{ cpu: number; wall: number }> = [];
    for (let i = 0; i < RUNS + 2; i++) {
      // The first two rounds warm the JIT up and are not counted.
      const a = parseSeconds(data, false);
      const b = parseSeconds(data, true);
      if (i > 1) parseOnly.push(a), withReport.push(b);
    }
    const rate = (runs: Array<{ cpu: number; wall: number }>) =>
      `${(mb / median(runs.map((r) => r.cpu))).toFixed(0)} MB per CPU-second (${(mb / median(runs.map((r) => r.wall))).toFixed(0)} MB/s wall)`;
    process.stdout.write(`parse (one thread, ${CHUNK / 1024} KB chunks, medians of ${RUNS}): parser only ${rate(parseOnly)}; parser + size model + report ${rate(withReport)}\n`);

    const ours: Array<{ seconds: number; ping: PingStats }> = [];
    const theirs: Array<{ seconds: number; ping: PingStats }> = [];
    for (let i = 0; i < RUNS; i++) {
      theirs.push(await withPinger(port, () => memkeys(port)));
      const run = await withPinger(port, () => viaRdb(port));
      ours.push(run);
      const forkMs = Number(redisCli(port, 'INFO', 'stats').match(/latest_fork_usec:(\d+)/)?.[1] ?? 0) / 1000;
      process.stdout.write(`run ${i + 1}: redis-cli --memkeys ${theirs[i].seconds.toFixed(2)} s (PING p99 ${theirs[i].ping.p99.toFixed(2)} ms, max ${theirs[i].ping.max.toFixed(1)} ms); ` +
        `analyze --via-rdb ${run.seconds.toFixed(2)} s, ${run.result.keys} keys (PING p99 ${run.ping.p99.toFixed(2)} ms, max ${run.ping.max.toFixed(1)} ms; the server's fork ${forkMs.toFixed(1)} ms)${run.result.waitedWarning ? ` [${run.result.waitedWarning}]` : ''}\n`);
    }
    const theirSeconds = median(theirs.map((t) => t.seconds));
    const ourSeconds = median(ours.map((t) => t.seconds));
    process.stdout.write(`median: redis-cli --memkeys ${theirSeconds.toFixed(2)} s, analyze --via-rdb ${ourSeconds.toFixed(2)} s: ${(theirSeconds / ourSeconds).toFixed(2)}x faster\n`);
    process.stdout.write(`peak RSS of one analyze --via-rdb in its own process: ${await viaRdbPeakRss(port)} MB\n`);
  } finally {
    await server?.stop();
  }
}

void main();
