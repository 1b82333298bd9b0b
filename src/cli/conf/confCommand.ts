/** `redis-review conf`: writes a workload-tuned redis.conf set (ACL users, secrets 0600, sentinel/cluster files, alerts, backup). */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DURABILITIES, MODES, SECRET_NAMES, TARGET_SERVERS, WORKLOADS, generateRedisConfig, type Durability, type GeneratorOptions } from '../../core/conf';
import { isTargetServer } from '../../core/servers/targetServers';
import { loadProjectConfig } from '../../node/projectConfig';
import { parseMemorySize } from '../../core/conf/generator/memorySize';
import { OutputError, writeOutputFiles } from '../../node/outputFiles';
import { UsageError, type CliCommand } from '../command';

const USAGE = `Usage: redis-review conf [generate] --workload <${WORKLOADS.join('|')}> --memory <size> --out <dir> [options]

Writes redis.conf (every directive commented with why), users.acl (hashed passwords, default user off),
secrets.env (mode 0600, never printed) and, depending on the mode, replica/sentinel/cluster files.

Options:
  --workload W        ${WORKLOADS.join(', ')}
  --memory SIZE       memory available to Redis per host, 16mb to 16384gb (e.g. 4gb, 512mb)
  --mode M            ${MODES.join(', ')} (default standalone)
  --masters N         cluster masters (default 3)
  --replicas N        replicas per master (default: replica/sentinel 2, cluster 1)
  --durability D      ${DURABILITIES.join(', ')} (default per workload)
  --tls               TLS listeners (certificates expected in <config-dir>/tls)
  --server S          ${TARGET_SERVERS.join(', ')}: directive and program names that server uses (default: the
                      "server" of the nearest .redis-review.json, else ${TARGET_SERVERS[0]})
  --monitoring        Prometheus alert rules for redis_exporter and scrape notes
  --backup            backup.sh (BGSAVE, copy, redis-check-rdb, retention) and RESTORE.md
  --out DIR           output folder (created; existing files are kept unless --force)
  --force             overwrite existing files
  --bind ADDR,...     extra listen addresses besides loopback
  --announce-host H   address nodes use to reach each other (default 127.0.0.1)
  --ports P,...       data-node ports (default 6379, 6380, ...)
  --sentinel-ports P,...  sentinel ports (default 26379-26381)
  --down-after MS     sentinel down-after-milliseconds (default 10000)
  --config-dir D --data-dir D --log-dir D --run-dir D   paths written into the files (Debian defaults)`;

function list(value: string | undefined): number[] | undefined {
  if (!value) return undefined;
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0 || n > 65535)) throw new UsageError(`invalid port list "${value}"`);
  return numbers;
}

/** A whole number within the range the generator can produce sensible files for; the message names both. */
function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) throw new UsageError(`--${name} ${JSON.stringify(value)} is not accepted: give a whole number from ${min} to ${max}`);
  return number;
}

/** The project's declared target server; a broken .redis-review.json is a usage error rather than silently ignored. */
function projectServer(cwd: string): GeneratorOptions['server'] {
  const loaded = loadProjectConfig(cwd);
  const problem = loaded.problems.find((p) => p.path === 'server' || p.path === '');
  if (problem) throw new UsageError(`${loaded.path ?? 'configuration'}${problem.path ? ` (${problem.path})` : ''}: ${problem.message}`);
  return loaded.config.serverDeclared ? loaded.config.server : undefined;
}

const OPTIONS = {
  workload: { type: 'string' }, memory: { type: 'string' }, mode: { type: 'string' }, masters: { type: 'string' },
  replicas: { type: 'string' }, durability: { type: 'string' }, tls: { type: 'boolean' }, server: { type: 'string' },
  monitoring: { type: 'boolean' }, backup: { type: 'boolean' }, out: { type: 'string' }, force: { type: 'boolean' },
  bind: { type: 'string' }, 'announce-host': { type: 'string' }, ports: { type: 'string' }, 'sentinel-ports': { type: 'string' },
  'down-after': { type: 'string' }, 'config-dir': { type: 'string' }, 'data-dir': { type: 'string' }, 'log-dir': { type: 'string' }, 'run-dir': { type: 'string' },
} as const;

/** parseArgs' own errors ("--memory -1gb" reads as an unknown option) become usage errors, not stack traces. */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /argument is ambiguous/.test(message) ? ' (a value that starts with "-" is written --option=value)' : '';
    throw new UsageError(message.replace(/\.?\s*To specify an option argument starting with a dash use --\S+\.?/, '') + hint);
  }
}

/** `cwd` is where the nearest .redis-review.json is looked for when --server is not given. */
export function confOptionsFromArgv(argv: string[], cwd = process.cwd()): { options: GeneratorOptions; out: string; force: boolean } {
  // `conf generate ...` reads the same as `conf ...`.
  const { values } = parseOptions(argv[0] === 'generate' ? argv.slice(1) : argv);
  const workload = values.workload as GeneratorOptions['workload'];
  if (!WORKLOADS.includes(workload)) throw new UsageError(`--workload must be one of ${WORKLOADS.join(', ')}`);
  const memory = parseMemorySize(values.memory ?? '');
  if (!memory.ok) throw new UsageError(`--memory: ${memory.message}`);
  if (values.mode && !(MODES as readonly string[]).includes(values.mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
  if (values.durability && !DURABILITIES.includes(values.durability as Durability)) throw new UsageError(`--durability must be one of ${DURABILITIES.join(', ')}`);
  if (!values.out) throw new UsageError('--out DIR is required');
  if (values.server !== undefined && !isTargetServer(values.server)) throw new UsageError(`--server must be one of ${TARGET_SERVERS.join(', ')}, got "${values.server}"`);
  const server = isTargetServer(values.server) ? values.server : projectServer(cwd);
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, randomBytes(32).toString('hex')]));
  const options: GeneratorOptions = {
    workload,
    memory: memory.bytes,
    mode: values.mode as GeneratorOptions['mode'],
    masters: integer(values.masters, 'masters', 3, 500),
    replicas: integer(values.replicas, 'replicas', 0, 10),
    durability: values.durability as Durability | undefined,
    tls: values.tls,
    server,
    monitoring: values.monitoring,
    backup: values.backup,
    secrets,
    bind: values.bind?.split(',').map((s) => s.trim()).filter(Boolean),
    announceHost: values['announce-host'],
    ports: list(values.ports),
    sentinelPorts: list(values['sentinel-ports']),
    downAfterMs: integer(values['down-after'], 'down-after', 100, 3_600_000),
    configDir: values['config-dir'],
    dataDir: values['data-dir'],
    logDir: values['log-dir'],
    runDir: values['run-dir'],
  };
  return { options, out: values.out, force: values.force ?? false };
}

export const confCommand: CliCommand = {
  name: 'conf',
  summary: 'Generate a workload-tuned redis.conf set (ACL, Sentinel, Cluster, TLS, alerts, backup)',
  usage: USAGE,
  async run(argv, io) {
    const { options, out, force } = confOptionsFromArgv(argv, io.cwd);
    let files;
    try {
      files = generateRedisConfig(options);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dir = resolve(io.cwd, out);
    try {
      writeOutputFiles(dir, files, { force });
    } catch (error) {
      if (!(error instanceof OutputError)) throw error;
      io.stderr(`redis-review conf: ${error.message}\n`);
      return 1;
    }
    io.stdout(`Wrote ${files.length} files to ${dir}:\n${files.map((f) => `  ${f.path}${f.mode === 0o600 ? '  (0600, contains secrets)' : ''}`).join('\n')}\n`);
    return 0;
  },
};
