/** Generated topologies work end to end: the cluster script forms a serving cluster; the Sentinel set fails over and clients follow. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MASTER_NAME } from '../../../src/core/conf';
import { REDIS_CLI, REDIS_SERVER } from '../../helpers/redisServers';
import { writeDeployment, type Deployment } from './deployment';

const MB = 1024 * 1024;
const opened: Deployment[] = [];
const clients: Array<{ disconnect(): void }> = [];
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await Promise.all(opened.map((d) => d.stop()));
});

describe('generated cluster', () => {
  it('create-cluster.sh starts the nodes and forms a cluster that serves reads and writes', async () => {
    const deployment = await writeDeployment({ workload: 'cache', mode: 'cluster', memory: 64 * MB });
    opened.push(deployment);
    const result = spawnSync('bash', [join(deployment.dir, 'create-cluster.sh')], {
      env: { ...process.env, REDIS_SERVER, REDIS_CLI },
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('cluster_state:ok on 6 nodes');
    const cluster = new Cluster([{ host: '127.0.0.1', port: deployment.ports[0] }], {
      redisOptions: { username: 'app', password: deployment.secrets.app, protocol: 2 },
    });
    cluster.on('error', () => undefined);
    clients.push(cluster);
    for (let i = 0; i < 200; i++) await cluster.set(`cache:${i}`, String(i));
    for (let i = 0; i < 200; i += 37) expect(await cluster.get(`cache:${i}`)).toBe(String(i));
    const masters = cluster.nodes('master');
    expect(masters).toHaveLength(3);
    const perMaster = await Promise.all(masters.map((node) => node.dbsize()));
    expect(perMaster.every((count) => count > 0)).toBe(true);
  });
});

describe('generated Sentinel set', () => {
  it('fails over when the master is killed and an ioredis Sentinel client follows', async () => {
    const deployment = await writeDeployment({ workload: 'session', mode: 'sentinel', memory: 64 * MB, downAfterMs: 5000 });
    opened.push(deployment);
    for (const port of deployment.ports) await deployment.startNode(port);
    for (let i = 0; i < 3; i++) await deployment.startSentinel(i);
    const ops = (port: number) => {
      const c = new Redis({ port, username: 'ops', password: deployment.secrets.ops, protocol: 2, lazyConnect: true });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    };
    // Wait until both replicas are in sync and the sentinels know each other.
    const sentinelAdmin = new Redis({ port: deployment.sentinelPorts[0], password: deployment.secrets['sentinel-clients'], protocol: 2, lazyConnect: true });
    sentinelAdmin.on('error', () => undefined);
    clients.push(sentinelAdmin);
    for (let i = 0; i < 200; i++) {
      const master = (await sentinelAdmin.call('sentinel', 'master', MASTER_NAME)) as string[];
      const field = (name: string) => Number(master[master.indexOf(name) + 1]);
      if (field('num-other-sentinels') >= 2 && field('num-slaves') >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const client = new Redis({
      sentinels: deployment.sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
      name: MASTER_NAME,
      sentinelPassword: deployment.secrets['sentinel-clients'],
      username: 'app',
      password: deployment.secrets.app,
      protocol: 2,
    });
    client.on('error', () => undefined);
    clients.push(client);
    await client.set('sess:before', 'kept', 'EX', 3600);
    // Only kill the master once both replicas acknowledged the write.
    const masterOps = ops(deployment.ports[0]);
    let acked = 0;
    for (let i = 0; i < 20 && acked < 2; i++) acked = Number(await masterOps.call('wait', '2', '1000'));
    expect(acked).toBe(2);
    const masterProcess = deployment.processes[0];
    await masterProcess.kill();
    let newMasterPort = 0;
    const deadline = Date.now() + 45000;
    while (Date.now() < deadline) {
      const [, port] = (await sentinelAdmin.call('sentinel', 'get-master-addr-by-name', MASTER_NAME)) as string[];
      if (Number(port) !== deployment.ports[0]) {
        newMasterPort = Number(port);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(deployment.ports.slice(1)).toContain(newMasterPort);
    let written = false;
    while (!written && Date.now() < deadline) {
      try {
        await client.set('sess:after', 'written-after-failover', 'EX', 3600);
        written = true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(written).toBe(true);
    expect(await client.get('sess:before')).toBe('kept');
    const role = (await ops(newMasterPort).call('role')) as unknown[];
    expect(role[0]).toBe('master');
    expect(await ops(newMasterPort).get('sess:after')).toBe('written-after-failover');
  }, 90000);
});
