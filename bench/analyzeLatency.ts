/**
 * How much a memory analysis slows other clients down: a separate process PINGs every millisecond while
 * `redis-review analyze` scans 1,000,000 keys plus big keys (a 2M-field hash, a 1M-element list, 500k-member
 * set and sorted set, a 200k-entry stream with a consumer group). Prints PING p50/p99/max per run (targets:
 * p99 <= 2 ms, max <= 10 ms), how long the analysis' calls ran inside the server (LATENCY HISTOGRAM), and the same for
 * --exact. Medians over the runs, since machines are shared and noisy.
 *
 * On a shared machine other processes' CPU bursts delay redis-server and the pinger by tens of milliseconds
 * with no analysis running at all (the idle baseline shows it). So by default both run at nice -20 (needs
 * root; not SCHED_FIFO, whose 95 % runtime cap stalls a busy server for ~50 ms each second): what remains is what
 * the analysis itself costs the server. The analysis client keeps normal priority. --shared skips that.
 *
 * With two or more cores (and without --shared) redis-server also gets core 0 to itself, the pinger and the analysis
 * client share the others: otherwise the analysis client's own CPU bursts deschedule the server for a few
 * milliseconds at a time, which the pinger would charge to the analysis' server calls (measured: each inspection
 * call costs the server 0.02-0.7 ms, yet the unpinned maximum sat at the idle noise floor of 4-10 ms).
 *
 * "idle" measures the pinger for 10 s with no analysis, in the same rounds: the noise floor of the machine.
 *
 *   npx tsx bench/analyzeLatency.ts [--runs 3] [--keys 1000000] [--shared] [--variants idle,default,exact,small=--keys-per-call 10]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { startStandalone } from '../test/helpers/redisServers';
import { PINGER, type PingStats } from './pinger';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '3'));
const KEYS = Number(option('--keys', '1000000'));
/** Variants to compare, run in turn (round-robin, so a noisy minute hits each alike): name or name=extra analyze args. */
const VARIANTS = option('--variants', 'idle,default,exact').split(',').map((spec) => {
  const [name, extra] = spec.split('=');
  const args = extra !== undefined ? extra.split(' ').filter(Boolean) : name === 'exact' ? ['--exact'] : [];
  return { name, args };
});
const root = join(__dirname, '..');
const ISOLATE = !args.includes('--shared');

/** Real-time priority for a process we started, so other tenants' load does not show up as analysis latency. */
function isolate(pid: number | undefined, cores?: string): void {
  if (!ISOLATE || pid === undefined) return;
  const result = spawnSync('renice', ['-n', '-20', '-p', String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`renice failed (${result.stderr.trim()}); run as root or pass --shared`);
  pin(pid, cores);
}

/** Core 0 for redis-server, the rest for everything we start around it (see the header). */
const PIN = ISOLATE && cpus().length >= 2;
const SERVER_CORES = '0';
const CLIENT_CORES = `1-${cpus().length - 1}`;

function pin(pid: number, cores: string | undefined): void {
  if (!PIN || cores === undefined) return;
  const result = spawnSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset failed (${result.stderr.trim()}); pass --shared to run without pinning`);
}

/** Fill `key` with `count` elements, 20,000 per script call (seeding is not measured). */
async function fill(client: Redis, key: string, command: string, count: number): Promise<void> {
  const script = `local start, n, command = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
for i = start, start + n - 1 do
  if command == 'HSET' then redis.call('HSET', KEYS[1], 'field:' .. i, 'value-' .. i)
  elseif command == 'RPUSH' then redis.call('RPUSH', KEYS[1], 'element-' .. i)
  elseif command == 'SADD' then redis.call('SADD', KEYS[1], 'member-' .. i)
  elseif command == 'ZADD' then redis.call('ZADD', KEYS[1], i, 'member-' .. i)
  else redis.call('XADD', KEYS[1], '*', 'n', i) end
end`;
  for (let start = 0; start < count; start += 20_000) await client.eval(script, 1, key, start, Math.min(20_000, count - start), command);
}

async function seed(port: number): Promise<void> {
  const client = new Redis({ port, host: '127.0.0.1' });
  await client.call('DEBUG', 'POPULATE', KEYS, 'key', 50);
  await fill(client, 'big:hash', 'HSET', 2_000_000);
  await fill(client, 'big:list', 'RPUSH', 1_000_000);
  await fill(client, 'big:set', 'SADD', 500_000);
  await fill(client, 'big:zset', 'ZADD', 500_000);
  await fill(client, 'big:stream', 'XADD', 200_000);
  await client.xgroup('CREATE', 'big:stream', 'readers', '0');
  await client.xreadgroup('GROUP', 'readers', 'alice', 'COUNT', 50_000, 'STREAMS', 'big:stream', '>');
  client.disconnect();
}

function runCli(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsx = [join(root, 'node_modules', '.bin', 'tsx'), join(root, 'src', 'cli', 'bin.ts'), ...argv];
    const [command, ...rest] = PIN ? ['taskset', '-c', CLIENT_CORES, ...tsx] : tsx;
    const child = spawn(command, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`analyze exited ${code}: ${err}`))));
  });
}

/**
 * Server-side duration of the analysis' calls, from LATENCY HISTOGRAM (power-of-two µs buckets, measured inside
 * redis-server, so not inflated by the client or pinger being descheduled on a busy machine): per command, the
 * calls and the upper bound of the slowest bucket and of the p99 bucket.
 */
async function serverCallDurations(port: number): Promise<string[]> {
  const client = new Redis({ port, host: '127.0.0.1', protocol: 2 });
  try {
    const reply = (await client.call('LATENCY', 'HISTOGRAM')) as unknown[];
    const rows: Array<{ command: string; calls: number; p99: number; max: number }> = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const command = String(reply[i]);
      const fields = reply[i + 1] as unknown[];
      const calls = Number(fields[fields.indexOf('calls') + 1]);
      const histogram = fields[fields.indexOf('histogram_usec') + 1] as unknown[];
      // Cumulative counts per bucket upper bound (µs).
      const buckets: Array<[number, number]> = [];
      for (let j = 0; j + 1 < histogram.length; j += 2) buckets.push([Number(histogram[j]), Number(histogram[j + 1])]);
      const p99 = buckets.find(([, cumulative]) => cumulative >= 0.99 * calls)?.[0] ?? 0;
      rows.push({ command, calls, p99, max: buckets[buckets.length - 1]?.[0] ?? 0 });
    }
    return rows
      .filter((r) => !['ping', 'latency', 'config'].includes(r.command))
      .sort((a, b) => b.calls - a.calls)
      .map((r) => `${r.command} ${r.calls.toLocaleString('en-US')} calls, p99 <= ${(r.p99 / 1000).toFixed(3)} ms, max <= ${(r.max / 1000).toFixed(3)} ms`);
  } finally {
    client.disconnect();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(port: number, argv: string[] | 'idle'): Promise<PingStats & { wallMs: number; slow: string[] }> {
  spawnSync('redis-cli', ['-p', String(port), 'CONFIG', 'RESETSTAT']);
  const pinger = spawn(process.execPath, ['-e', PINGER, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  isolate(pinger.pid, CLIENT_CORES);
  let output = '';
  pinger.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = Date.now();
  if (argv === 'idle') await new Promise((resolve) => setTimeout(resolve, 10_000));
  else await runCli(argv);
  const wallMs = Date.now() - started;
  const done = new Promise((resolve) => pinger.once('exit', resolve));
  pinger.stdin.end();
  await done;
  return { ...(JSON.parse(output) as PingStats), wallMs, slow: await serverCallDurations(port) };
}

async function main(): Promise<void> {
  const server = await startStandalone();
  isolate(server.server.process.pid, SERVER_CORES);
  const dir = mkdtempSync(join(tmpdir(), 'redis-review-latency-'));
  try {
    const seeded = Date.now();
    await seed(server.port);
    process.stdout.write(`seeded ${KEYS.toLocaleString('en-US')} keys + 5 big keys in ${((Date.now() - seeded) / 1000).toFixed(1)} s; ${cpus().length} cores; ${ISOLATE ? `redis-server and pinger at nice -20, analysis client at nice 0${PIN ? `; redis-server pinned to core ${SERVER_CORES}, pinger and analysis to ${CLIENT_CORES}` : ''}` : 'no isolation (--shared)'}\n`);
    const results = new Map<string, Array<PingStats & { wallMs: number; slow: string[] }>>(VARIANTS.map((v) => [v.name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const variant of VARIANTS) {
        const idle = variant.name === 'idle';
        const argv = idle ? 'idle' : ['analyze', '--url', `redis://127.0.0.1:${server.port}`, '--format', 'json', '--out', join(dir, 'report.json'), ...variant.args];
        const result = await measure(server.port, argv);
        results.get(variant.name)!.push(result);
        const what = idle ? 'no analysis, 10 s' : `${(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { totalKeys: number }).totalKeys.toLocaleString('en-US')} keys in ${(result.wallMs / 1000).toFixed(1)} s`;
        const serverSide = idle ? '' : `; server-side: ${result.slow.filter((line) => /^(evalsha|scan|type|memory\|usage|object\|encoding) /.test(line)).join('; ')}`;
        process.stdout.write(`round ${i + 1} ${variant.name}: ${what}; PING n=${result.count} p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, max ${result.max.toFixed(2)} ms${serverSide}\n`);
      }
    }
    process.stdout.write('\n');
    for (const [name, runs] of results) {
      process.stdout.write(`${name.padEnd(8)} median PING p99 ${median(runs.map((r) => r.p99)).toFixed(3)} ms (target <= 2), median max ${median(runs.map((r) => r.max)).toFixed(2)} ms (target <= 10), worst max ${Math.max(...runs.map((r) => r.max)).toFixed(2)} ms\n`);
    }
    process.stdout.write(`load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
