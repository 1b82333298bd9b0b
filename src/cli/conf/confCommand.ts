/** `redis-review conf`: writes a workload-tuned redis.conf set (ACL users, secrets 0600, sentinel/cluster files, alerts, backup). */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DURABILITIES, MODES, SECRET_NAMES, WORKLOADS, generateRedisConfig, parseMemory, type Durability, type GeneratorOptions } from '../../core/conf';
import { UsageError, type CliCommand } from '../command';

const USAGE = `Usage: redis-review conf --workload <${WORKLOADS.join('|')}> --memory <size> --out <dir> [options]

Writes redis.conf (every directive commented with why), users.acl (hashed passwords, default user off),
secrets.env (mode 0600, never printed) and, depending on the mode, replica/sentinel/cluster files.

Options:
  --workload W        ${WORKLOADS.join(', ')}
  --memory SIZE       memory available to Redis per host (e.g. 4gb, 512mb)
  --mode M            ${MODES.join(', ')} (default standalone)
  --masters N         cluster masters (default 3)
  --replicas N        replicas per master (default: replica/sentinel 2, cluster 1)
  --durability D      ${DURABILITIES.join(', ')} (default per workload)
  --tls               TLS listeners (certificates expected in <config-dir>/tls)
  --redis-version V   target Redis version (default 7.0)
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

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return number;
}

export function confOptionsFromArgv(argv: string[]): { options: GeneratorOptions; out: string; force: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      workload: { type: 'string' }, memory: { type: 'string' }, mode: { type: 'string' }, masters: { type: 'string' },
      replicas: { type: 'string' }, durability: { type: 'string' }, tls: { type: 'boolean' }, 'redis-version': { type: 'string' },
      monitoring: { type: 'boolean' }, backup: { type: 'boolean' }, out: { type: 'string' }, force: { type: 'boolean' },
      bind: { type: 'string' }, 'announce-host': { type: 'string' }, ports: { type: 'string' }, 'sentinel-ports': { type: 'string' },
      'down-after': { type: 'string' }, 'config-dir': { type: 'string' }, 'data-dir': { type: 'string' }, 'log-dir': { type: 'string' }, 'run-dir': { type: 'string' },
    },
    strict: true,
  });
  const workload = values.workload as GeneratorOptions['workload'];
  if (!WORKLOADS.includes(workload)) throw new UsageError(`--workload must be one of ${WORKLOADS.join(', ')}`);
  const memory = values.memory ? parseMemory(values.memory) : undefined;
  if (!memory) throw new UsageError('--memory is required, e.g. --memory 4gb');
  if (values.mode && !(MODES as readonly string[]).includes(values.mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
  if (values.durability && !DURABILITIES.includes(values.durability as Durability)) throw new UsageError(`--durability must be one of ${DURABILITIES.join(', ')}`);
  if (!values.out) throw new UsageError('--out DIR is required');
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, randomBytes(32).toString('hex')]));
  const options: GeneratorOptions = {
    workload,
    memory,
    mode: values.mode as GeneratorOptions['mode'],
    masters: integer(values.masters, 'masters'),
    replicas: integer(values.replicas, 'replicas'),
    durability: values.durability as Durability | undefined,
    tls: values.tls,
    redisVersion: values['redis-version'],
    monitoring: values.monitoring,
    backup: values.backup,
    secrets,
    bind: values.bind?.split(',').map((s) => s.trim()).filter(Boolean),
    announceHost: values['announce-host'],
    ports: list(values.ports),
    sentinelPorts: list(values['sentinel-ports']),
    downAfterMs: integer(values['down-after'], 'down-after'),
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
    const { options, out, force } = confOptionsFromArgv(argv);
    let files;
    try {
      files = generateRedisConfig(options);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dir = resolve(io.cwd, out);
    const clashes = files.filter((file) => existsSync(join(dir, file.path)));
    if (clashes.length && !force) {
      io.stderr(`redis-review conf: ${clashes.map((f) => f.path).join(', ')} already exist in ${dir}; use --force to overwrite.\n`);
      return 1;
    }
    mkdirSync(dir, { recursive: true });
    for (const file of files) {
      const path = join(dir, file.path);
      writeFileSync(path, file.content, { mode: file.mode ?? 0o644 });
      // writeFileSync applies the mode only when it creates the file (and through the umask): set it explicitly.
      chmodSync(path, file.mode ?? 0o644);
    }
    io.stdout(`Wrote ${files.length} files to ${dir}:\n${files.map((f) => `  ${f.path}${f.mode === 0o600 ? '  (0600, contains secrets)' : ''}`).join('\n')}\n`);
    return 0;
  },
};
