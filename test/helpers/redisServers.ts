/**
 * Real redis-server / redis-sentinel processes for integration tests: each on a free loopback port with its
 * own temp dir, killed by `stop()`. Ask for what a test needs: standalone (optionally with a password, ACL
 * users or TLS), a 3-master/3-replica Cluster, or a Sentinel set (master, replica, 3 sentinels).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentServer } from './serverMatrix';
import { makeTlsMaterial, type TlsMaterial } from './tlsCerts';

/** The server this run tests (REDIS_REVIEW_SERVER, see serverMatrix.ts): its programs. */
const SERVER = currentServer();
export const REDIS_SERVER = SERVER.server;
export const REDIS_SENTINEL = SERVER.sentinel;
/** Arguments after a Sentinel's config file (['--sentinel'] when the server program runs in Sentinel mode). */
export const REDIS_SENTINEL_ARGS: readonly string[] = SERVER.sentinelArgs;
export const REDIS_CLI = SERVER.cli;

/**
 * Ports this test process has handed out, with their cluster bus ports (port + 10000). Tests that start servers
 * concurrently (the boot tests run 28 deployments at once) pick ports before any server binds them, so another
 * deployment's node or bus port could land on one picked earlier; a node then exits at start.
 */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1 (bind port 0, read it, release it), never one this process handed out already. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(chosen));
      });
    });
    // Cluster nodes also listen on port + 10000: keep both inside the valid range and apart from earlier picks, and
    // make sure the bus port is free right now too (another test process or an outgoing connection may hold it).
    if (port > 0 && port < 55000 && !handedOut.has(port) && !handedOut.has(port + 10000) && (await canBind(port + 10000))) {
      handedOut.add(port);
      handedOut.add(port + 10000);
      return port;
    }
  }
}

/** Whether 127.0.0.1:port can be bound right now. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port for a Cluster node: its cluster bus listens on port + 10000, which must be free too (an ephemeral
 * port of another process there made a node abort with "Failed listening on port … (cluster)").
 */
export async function freeClusterPort(taken: readonly number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    const clashes = taken.some((other) => other === port || other + 10000 === port || other === port + 10000);
    if (!clashes && (await canBind(port + 10000))) return port;
  }
}

export interface ServerProcess {
  port: number;
  dir: string;
  process: ChildProcess;
  /** Kill the process (SIGKILL) and wait for it to exit. */
  kill(): Promise<void>;
}

export interface StandaloneOptions {
  password?: string;
  /** ACL lines written to an aclfile, e.g. "user app on >secret ~app:* +@read +@write". */
  aclUsers?: string[];
  tls?: { clientCerts?: boolean };
  /** Extra `--name value` arguments. */
  args?: string[];
  /** Another server binary than REDIS_SERVER (e.g. a Redis 7.4 or Valkey 8 build). */
  binary?: string;
}

export interface Standalone {
  host: string;
  port: number;
  url: string;
  tls?: TlsMaterial;
  server: ServerProcess;
  stop(): Promise<void>;
}

const running = new Set<ServerProcess>();
process.once('exit', () => {
  for (const server of running) server.process.kill('SIGKILL');
});

function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `redis-review-${label}-`));
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

/** Run redis-cli synchronously and return stdout (throws on a non-zero exit). */
export function redisCli(args: string[], input?: string, cli = REDIS_CLI): string {
  const result = spawnSync(cli, args, { encoding: 'utf8', input, timeout: 30000 });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** Start one server process; `args` are redis-server command-line directives. */
export async function startProcess(
  binary: string,
  configFileOrArgs: { configFile?: string; args: string[] },
  port: number,
  dir: string,
  readyPort = port,
): Promise<ServerProcess> {
  const argv = [...(configFileOrArgs.configFile ? [configFileOrArgs.configFile] : []), ...configFileOrArgs.args];
  if (binary.includes('/') && !existsSync(binary)) {
    const why = SERVER.unavailableReason ? `: ${SERVER.unavailableReason}` : '';
    throw new Error(`${binary} does not exist (testing ${SERVER.label}, REDIS_REVIEW_SERVER=${SERVER.id})${why}`);
  }
  // A server without a logfile logs to stdout: keep its tail, so a failed start says why (a port in use...).
  const child = spawn(binary, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout = (stdout + String(chunk)).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const server: ServerProcess = {
    port,
    dir,
    process: child,
    kill: async () => {
      running.delete(server);
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await done;
    },
  };
  running.add(server);
  try {
    await waitFor(async () => {
      if (exited) {
        const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
        throw new Error(`${binary} exited at start: ${stderr}${log}${stdout.slice(-2000)}`);
      }
      return canConnect(readyPort);
      // A process that fails to start exits at once (above); this limit only catches a hang. Starts took over 15 s
      // with both cores saturated by other work.
    }, `${binary} on port ${readyPort}`, 60_000);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return server;
}

function baseArgs(port: number, dir: string): string[] {
  return [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
    '--daemonize', 'no', '--logfile', join(dir, 'log'), '--enable-debug-command', 'local',
  ];
}

export async function startStandalone(options: StandaloneOptions = {}): Promise<Standalone> {
  const dir = tempDir('standalone');
  const port = await freePort();
  const args = baseArgs(port, dir);
  let tls: TlsMaterial | undefined;
  if (options.password) args.push('--requirepass', options.password);
  if (options.aclUsers?.length) {
    const aclFile = join(dir, 'users.acl');
    const defaultUser = options.password ? `user default on >${options.password} ~* &* +@all` : 'user default on nopass ~* &* +@all';
    writeFileSync(aclFile, [defaultUser, ...options.aclUsers].join('\n') + '\n');
    args.push('--aclfile', aclFile);
    // requirepass and aclfile conflict only when both define default; the aclfile line wins, so drop requirepass.
    const index = args.indexOf('--requirepass');
    if (index >= 0) args.splice(index, 2);
  }
  if (options.tls) {
    tls = makeTlsMaterial(dir);
    args.splice(args.indexOf('--port'), 2, '--port', '0', '--tls-port', String(port));
    args.push('--tls-cert-file', tls.serverCert, '--tls-key-file', tls.serverKey, '--tls-ca-cert-file', tls.caCert);
    args.push('--tls-auth-clients', options.tls.clientCerts ? 'yes' : 'no');
  }
  args.push(...(options.args ?? []));
  const server = await startProcess(options.binary ?? REDIS_SERVER, { args }, port, dir);
  const scheme = tls ? 'rediss' : 'redis';
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    host: '127.0.0.1',
    port,
    url: `${scheme}://${auth}127.0.0.1:${port}`,
    tls,
    server,
    stop: async () => {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ClusterSet {
  /** The six node ports; the first three start as masters. */
  ports: number[];
  nodes: ServerProcess[];
  seeds: Array<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/** A 3-master/3-replica Redis Cluster on loopback, ready (cluster_state:ok on every node). */
export async function startCluster(
  options: { nodeTimeoutMs?: number; args?: string[]; /** Another server binary (a Valkey 8 build); `cli` is its own redis-cli/valkey-cli. */ binary?: string; cli?: string } = {},
): Promise<ClusterSet> {
  const cli = options.cli ?? REDIS_CLI;
  const dir = tempDir('cluster');
  const nodes: ServerProcess[] = [];
  try {
    const ports: number[] = [];
    while (ports.length < 6) ports.push(await freeClusterPort(ports));
    const startNode = async (port: number) => {
      const nodeDir = join(dir, String(port));
      spawnSync('mkdir', ['-p', nodeDir]);
      const args = [
        ...baseArgs(port, nodeDir), '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--cluster-node-timeout', String(options.nodeTimeoutMs ?? 2000), ...(options.args ?? []),
      ];
      return startProcess(options.binary ?? REDIS_SERVER, { args }, port, nodeDir);
    };
    await Promise.all(
      ports.map(async (_, index) => {
        // Another process may still take a checked port before the node binds it: then the node gets another.
        for (let attempt = 1; ; attempt++) {
          try {
            nodes.push(await startNode(ports[index]));
            return;
          } catch (error) {
            if (attempt >= 3 || !/Address already in use/.test(String(error))) throw error;
            ports[index] = await freeClusterPort(ports);
          }
        }
      }),
    );
    nodes.sort((a, b) => ports.indexOf(a.port) - ports.indexOf(b.port));
    redisCli(['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes'], undefined, cli);
    await waitFor(
      () => ports.every((p) => redisCli(['-p', String(p), 'cluster', 'info'], undefined, cli).includes('cluster_state:ok')),
      'cluster_state:ok on every node',
      30000,
    );
    // Replicas report ok before they have synced; wait until every replica sees its master link up.
    await waitFor(
      () =>
        ports.every((p) => {
          const info = redisCli(['-p', String(p), 'info', 'replication'], undefined, cli);
          return info.includes('role:master') || info.includes('master_link_status:up');
        }),
      'replicas in sync',
      30000,
    );
    return {
      ports,
      nodes,
      seeds: ports.map((port) => ({ host: '127.0.0.1', port })),
      stop: async () => {
        await Promise.all(nodes.map((node) => node.kill()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(nodes.map((node) => node.kill()));
    throw error;
  }
}

export interface SentinelSet {
  masterName: string;
  master: ServerProcess;
  replica: ServerProcess;
  sentinels: ServerProcess[];
  sentinelAddresses: Array<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/** Master + replica + 3 sentinels monitoring "mymaster" (quorum 2, down-after 2 s, failover-timeout 10 s). */
export async function startSentinel(options: { masterName?: string; password?: string } = {}): Promise<SentinelSet> {
  const masterName = options.masterName ?? 'mymaster';
  const dir = tempDir('sentinel');
  const all: ServerProcess[] = [];
  try {
    const auth = options.password ? ['--requirepass', options.password, '--masterauth', options.password] : [];
    const masterPort = await freePort();
    const masterDir = join(dir, 'master');
    spawnSync('mkdir', ['-p', masterDir]);
    const master = await startProcess(REDIS_SERVER, { args: [...baseArgs(masterPort, masterDir), ...auth] }, masterPort, masterDir);
    all.push(master);
    const replicaPort = await freePort();
    const replicaDir = join(dir, 'replica');
    spawnSync('mkdir', ['-p', replicaDir]);
    const replica = await startProcess(
      REDIS_SERVER,
      { args: [...baseArgs(replicaPort, replicaDir), '--replicaof', '127.0.0.1', String(masterPort), ...auth] },
      replicaPort,
      replicaDir,
    );
    all.push(replica);
    const authArgs = options.password ? ['-a', options.password, '--no-auth-warning'] : [];
    await waitFor(
      () => redisCli(['-p', String(replicaPort), ...authArgs, 'info', 'replication']).includes('master_link_status:up'),
      'replica link up',
    );
    const sentinels: ServerProcess[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const sentinelDir = join(dir, `sentinel-${i}`);
      spawnSync('mkdir', ['-p', sentinelDir]);
      const conf = join(sentinelDir, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`, 'bind 127.0.0.1', `dir ${sentinelDir}`, `logfile ${join(sentinelDir, 'log')}`,
          `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${masterName} 2000`,
          `sentinel failover-timeout ${masterName} 10000`,
          ...(options.password ? [`sentinel auth-pass ${masterName} ${options.password}`] : []),
        ].join('\n') + '\n',
      );
      const sentinel = await startProcess(REDIS_SENTINEL, { configFile: conf, args: [...REDIS_SENTINEL_ARGS] }, port, sentinelDir);
      sentinels.push(sentinel);
      all.push(sentinel);
    }
    // Sentinels must discover each other and the replica before a failover can be agreed on.
    await waitFor(
      () =>
        sentinels.every((s) => {
          const out = redisCli(['-p', String(s.port), 'sentinel', 'master', masterName]);
          const lines = out.trim().split('\n');
          const field = (name: string) => lines[lines.indexOf(name) + 1];
          return Number(field('num-other-sentinels')) >= 2 && Number(field('num-slaves')) >= 1;
        }),
      'sentinels to discover each other',
      30000,
    );
    return {
      masterName,
      master,
      replica,
      sentinels,
      sentinelAddresses: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
      stop: async () => {
        await Promise.all(all.map((p) => p.kill()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(all.map((p) => p.kill()));
    throw error;
  }
}
