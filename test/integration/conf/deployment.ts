/** Writes a generated deployment into a temp dir (paths pointing inside it) and starts its processes (the current matrix server's programs) for tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRedisConfig, SECRET_NAMES, type GeneratedFile, type GeneratorOptions } from '../../../src/core/conf';
import { freePort, REDIS_SENTINEL, REDIS_SENTINEL_ARGS, REDIS_SERVER, startProcess, type ServerProcess } from '../../helpers/redisServers';

export interface Deployment {
  dir: string;
  files: GeneratedFile[];
  secrets: Record<string, string>;
  ports: number[];
  sentinelPorts: number[];
  processes: ServerProcess[];
  file(path: string): string;
  /** Start a data node from its generated file, with extra command-line directives. */
  startNode(port: number, extraArgs?: string[]): Promise<ServerProcess>;
  startSentinel(index: number): Promise<ServerProcess>;
  stop(): Promise<void>;
}

async function distinctPorts(count: number, taken: number[] = []): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port) && !taken.includes(port)) ports.push(port);
  }
  return ports;
}

export async function writeDeployment(options: Omit<GeneratorOptions, 'secrets' | 'ports' | 'sentinelPorts'>): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), `redis-review-conf-${options.workload}-`));
  const secrets = Object.fromEntries(SECRET_NAMES.map((name, i) => [name, `${name.replace(/-/g, '')}${i}-${'s3cr3t'.repeat(6)}`]));
  const nodeCount = options.mode === 'cluster' ? (options.masters ?? 3) * (1 + (options.replicas ?? 1)) : options.mode === 'standalone' || !options.mode ? 1 : 1 + (options.replicas ?? 2);
  const ports = await distinctPorts(nodeCount);
  const sentinelPorts = options.mode === 'sentinel' ? await distinctPorts(3, ports) : [];
  for (const sub of ['data', 'log', 'run']) mkdirSync(join(dir, sub), { recursive: true });
  const files = generateRedisConfig({
    ...options,
    secrets,
    ports,
    sentinelPorts: sentinelPorts.length ? sentinelPorts : undefined,
    configDir: dir,
    dataDir: join(dir, 'data'),
    logDir: join(dir, 'log'),
    runDir: join(dir, 'run'),
  });
  for (const file of files) {
    writeFileSync(join(dir, file.path), file.content);
    chmodSync(join(dir, file.path), file.mode ?? 0o644);
  }
  for (const port of ports) mkdirSync(join(dir, 'data', String(port)), { recursive: true });
  for (const port of sentinelPorts) mkdirSync(join(dir, 'data', `sentinel-${port}`), { recursive: true });
  const processes: ServerProcess[] = [];
  const confFor = (port: number) => {
    if (options.mode === 'cluster') return join(dir, `redis-${port}.conf`);
    const index = ports.indexOf(port);
    return join(dir, index === 0 ? 'redis.conf' : `redis-replica-${index}.conf`);
  };
  return {
    dir,
    files,
    secrets,
    ports,
    sentinelPorts,
    processes,
    file: (path) => readFileSync(join(dir, path), 'utf8'),
    async startNode(port, extraArgs = []) {
      const nodeDir = nodeCount > 1 ? join(dir, 'data', String(port)) : join(dir, 'data');
      const server = await startProcess(REDIS_SERVER, { configFile: confFor(port), args: extraArgs }, port, nodeDir);
      processes.push(server);
      return server;
    },
    async startSentinel(index) {
      const port = sentinelPorts[index];
      const server = await startProcess(REDIS_SENTINEL, { configFile: join(dir, `sentinel-${index + 1}.conf`), args: [...REDIS_SENTINEL_ARGS] }, port, join(dir, 'data', `sentinel-${port}`));
      processes.push(server);
      return server;
    },
    async stop() {
      await Promise.all(processes.map((p) => p.kill()));
      // Nodes daemonized by create-cluster.sh are not our children: stop them through their pid files.
      for (const port of ports) {
        const pidFile = join(dir, 'run', `redis-server-${port}.pid`);
        if (existsSync(pidFile)) {
          try {
            process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
