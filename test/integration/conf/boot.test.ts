/**
 * Every workload × mode generated for the server under test (REDIS_REVIEW_SERVER: Redis 7.0, Redis 7.4 or Valkey 8)
 * lints clean against that server's catalogue and boots on its real server/sentinel programs with the tuned values;
 * replicas reach their master with the names that server uses (masterauth, or primaryauth on Valkey). The
 * server's catalogue still matches what the binary lists.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allDirectives, lintRedisConf, MODES, PROFILES, WORKLOADS, parseRedisConf } from '../../../src/core/conf';
import { freePort, REDIS_SERVER, redisCli, startProcess } from '../../helpers/redisServers';
import { currentServer } from '../../helpers/serverMatrix';
import { writeDeployment, type Deployment } from './deployment';

const server = currentServer();
if (!server.available) console.log(`Skipping the generated-config boots on ${server.label}: ${server.unavailableReason ?? `${server.server} not found`}`);

const opened: Deployment[] = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.stop()));
});

function cli(deployment: Deployment, port: number, ...args: string[]): string {
  return redisCli(['-p', String(port), '--user', 'ops', '--pass', deployment.secrets.ops, '--no-auth-warning', ...args]);
}

function configGet(deployment: Deployment, port: number, name: string): string {
  return cli(deployment, port, 'config', 'get', name).trim().split('\n')[1] ?? '';
}

/** The value the generated file intends, normalized the way CONFIG GET prints it. */
function intended(content: string, name: string): string | undefined {
  const line = parseRedisConf(content).directives.filter((d) => d.name === name).pop();
  return line?.args.map((a) => a.value).join(' ');
}

async function eventually(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const TUNED = ['maxmemory-policy', 'appendonly', 'appendfsync', 'tcp-keepalive', 'latency-monitor-threshold', 'slowlog-max-len', 'lazyfree-lazy-expire', 'cluster-enabled', 'min-replicas-to-write', 'hide-user-data-from-log'];

describe.skipIf(!server.available)(`the ${server.id} catalogue matches ${server.label}`, () => {
  it('has every name CONFIG GET * lists, with the same default', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'redis-review-catalogue-'));
    const process = await startProcess(REDIS_SERVER, { args: ['--port', String(port), '--bind', '127.0.0.1'] }, port, dir);
    try {
      const lines = redisCli(['-p', String(port), 'config', 'get', '*']).trimEnd().split('\n');
      const live = new Map<string, string>();
      for (let i = 0; i + 1 < lines.length; i += 2) live.set(lines[i], lines[i + 1]);
      const catalogue = new Map(allDirectives(server.id).filter((info) => !info.fileOnly).map((info) => [info.name, info.default]));
      expect([...live.keys()].filter((name) => !catalogue.has(name)), 'names the catalogue lacks').toEqual([]);
      // How this test started the server, not the server's built-in defaults.
      const startedWith = new Set(['port', 'bind', 'dir']);
      const differing = [...live].filter(([name, value]) => !startedWith.has(name) && catalogue.has(name) && catalogue.get(name) !== value);
      expect(differing, 'defaults that differ from the catalogue').toEqual([]);
    } finally {
      await process.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Boots run a few at a time: each deployment has its own ports and folder, and most of a boot is waiting.
describe.skipIf(!server.available).concurrent(`generated configs boot on ${server.label}`, () => {
  for (const workload of WORKLOADS) {
    for (const mode of MODES) {
      it(`${workload} × ${mode}`, { timeout: 240_000 }, async () => {
        const deployment = await writeDeployment({ workload, mode, memory: 256 * 1024 * 1024, monitoring: true, backup: true, server: server.id });
        opened.push(deployment);
        for (const file of deployment.files.filter((f) => f.path.endsWith('.conf'))) {
          expect(lintRedisConf(file.content, { fileName: file.path, server: server.id }).map((f) => `${file.path}: ${f.ruleId} ${f.message}`)).toEqual([]);
        }
        await Promise.all(deployment.ports.map((port) => deployment.startNode(port)));
        const first = deployment.ports[0];
        const info = cli(deployment, first, 'info', 'server');
        expect(/valkey_version:/.test(info), 'the server under test answered').toBe(server.product === 'valkey');
        const content = deployment.file(mode === 'cluster' ? `redis-${first}.conf` : 'redis.conf');
        const maxmemory = Number(configGet(deployment, first, 'maxmemory'));
        expect(maxmemory).toBe(Math.floor(256 * PROFILES[workload].memoryShare) * 1024 * 1024);
        for (const name of TUNED) {
          const expected = intended(content, name);
          if (expected !== undefined) expect(configGet(deployment, first, name), name).toBe(expected);
        }
        expect(configGet(deployment, first, 'save')).toBe(intended(content, 'save'));
        if (mode === 'replica' || mode === 'sentinel') {
          // Replicas authenticate as the `replica` ACL user with the directive names this server uses.
          for (const port of deployment.ports.slice(1)) {
            await eventually(() => cli(deployment, port, 'info', 'replication').includes('master_link_status:up'), `replica ${port} linked to its master`, 60_000);
          }
        }
        if (mode === 'sentinel') {
          await Promise.all([0, 1, 2].map((i) => deployment.startSentinel(i)));
          const master = redisCli(['-p', String(deployment.sentinelPorts[0]), '--pass', deployment.secrets['sentinel-clients'], '--no-auth-warning', 'sentinel', 'get-master-addr-by-name', 'redis-main']);
          expect(master.trim().split('\n')).toEqual(['127.0.0.1', String(first)]);
        }
        await deployment.stop();
        opened.splice(opened.indexOf(deployment), 1);
      });
    }
  }
});
