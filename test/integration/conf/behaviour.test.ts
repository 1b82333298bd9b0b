/** Generated configs behave as designed on Redis 7.0.15: eviction, OOM refusal + AOF durability, ACL least privilege, backups, alert rules, CLI. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { freePort, REDIS_SERVER, startProcess, type ServerProcess } from '../../helpers/redisServers';
import { writeDeployment, type Deployment } from './deployment';

const MB = 1024 * 1024;
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function deploy(options: Parameters<typeof writeDeployment>[0], extraArgs: string[] = []): Promise<Deployment> {
  const deployment = await writeDeployment(options);
  cleanups.push(() => deployment.stop());
  await deployment.startNode(deployment.ports[0], extraArgs);
  return deployment;
}

function client(deployment: Deployment, user: string, port = deployment.ports[0]): Redis {
  const redis = new Redis({ port, username: user, password: deployment.secrets[user], protocol: 2, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  cleanups.push(() => redis.disconnect());
  return redis;
}

async function info(redis: Redis, field: string): Promise<string> {
  const text = await redis.info();
  return new RegExp(`^${field}:(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
}

describe('cache config', () => {
  it('evicts under memory pressure and keeps accepting writes', async () => {
    const deployment = await deploy({ workload: 'cache', memory: 32 * MB });
    const app = client(deployment, 'app');
    const ops = client(deployment, 'ops');
    const value = 'v'.repeat(1024);
    for (let batch = 0; batch < 40; batch++) {
      const pipeline = app.pipeline();
      for (let i = 0; i < 1000; i++) pipeline.set(`cache:${batch}:${i}`, value);
      const results = await pipeline.exec();
      expect(results?.every(([error]) => error === null)).toBe(true);
    }
    expect(Number(await info(ops, 'evicted_keys'))).toBeGreaterThan(0);
    expect(await app.set('cache:last', 'still-writable')).toBe('OK');
    expect(await app.get('cache:last')).toBe('still-writable');
    expect(Number(await info(ops, 'used_memory'))).toBeLessThanOrEqual(24 * MB * 1.05);
  });
});

describe('queue config', () => {
  it('refuses writes with OOM at maxmemory and keeps every acknowledged job across a crash and restart', async () => {
    const deployment = await deploy({ workload: 'queue', memory: 32 * MB });
    const app = client(deployment, 'app');
    const ops = client(deployment, 'ops');
    let acknowledged = 0;
    let oom: Error | undefined;
    const job = 'j'.repeat(2048);
    while (!oom && acknowledged < 100000) {
      const results = await app.pipeline(Array.from({ length: 200 }, () => ['lpush', 'bull:jobs', job])).exec();
      for (const [error] of results ?? []) {
        if (error) oom ??= error;
        else acknowledged++;
      }
    }
    expect(oom?.message).toMatch(/^OOM command not allowed/);
    expect(Number(await info(ops, 'evicted_keys'))).toBe(0);
    expect(await app.llen('bull:jobs')).toBe(acknowledged);
    // Crash (no shutdown, no final fsync) and restart from the same files: AOF replays every acknowledged push.
    const [server] = deployment.processes;
    await server.kill();
    deployment.processes.splice(0, 1);
    app.disconnect();
    await deployment.startNode(deployment.ports[0]);
    const after = client(deployment, 'app');
    // The port opens before the AOF is replayed; the app user may not run INFO, so ioredis cannot wait for us.
    const length = async (): Promise<number> => {
      for (;;) {
        try {
          return await after.llen('bull:jobs');
        } catch (error) {
          if (!/LOADING/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    expect(await length()).toBe(acknowledged);
  });
});

describe('ACL users', () => {
  for (const [workload, commands] of [
    ['cache', [['set', 'cache:a', '1', 'EX', '60'], ['get', 'cache:a'], ['unlink', 'cache:a'], ['scan', '0', 'MATCH', 'cache:*']]],
    ['queue', [['lpush', 'bull:q', 'x'], ['brpop', 'bull:q', '1'], ['xadd', 'bull:s', '*', 'k', 'v'], ['eval', "return redis.call('incr', KEYS[1])", '1', 'bull:n']]],
  ] as const) {
    it(`the ${workload} app user runs its workload and is refused FLUSHALL, CONFIG and KEYS`, async () => {
      const deployment = await deploy({ workload, memory: 64 * MB });
      const app = client(deployment, 'app');
      for (const [name, ...args] of commands) await expect(app.call(name, ...args)).resolves.not.toBeInstanceOf(Error);
      for (const forbidden of [['flushall'], ['config', 'get', 'maxmemory'], ['keys', '*'], ['shutdown']]) {
        await expect(app.call(forbidden[0], ...forbidden.slice(1))).rejects.toThrow(/NOPERM/);
      }
      await expect(app.call('debug', 'sleep', '0')).rejects.toThrow(/NOPERM|not allowed/);
      await expect(app.set('other:key', '1')).rejects.toThrow(/NOPERM/);
      const anonymous = new Redis({ port: deployment.ports[0], protocol: 2, lazyConnect: true, maxRetriesPerRequest: 1 });
      anonymous.on('error', () => undefined);
      cleanups.push(() => anonymous.disconnect());
      await expect(anonymous.call('ping')).rejects.toThrow(/NOAUTH|NOPERM|disabled/i);
    });
  }
});

describe('backup script', () => {
  it('takes verified backups that restore with equal DBSIZE and DEBUG DIGEST, prunes old ones, and detects corruption', async () => {
    const deployment = await deploy({ workload: 'primary', memory: 64 * MB, backup: true }, ['--enable-debug-command', 'local']);
    const app = client(deployment, 'app');
    const ops = client(deployment, 'ops');
    await app.pipeline(Array.from({ length: 3000 }, (_, i) => ['hset', `app:user:${i}`, 'name', `user-${i}`, 'score', String(i)])).exec();
    await app.set('app:counter', '42');
    const backupDir = join(deployment.dir, 'backups');
    const env = { ...process.env, REDIS_PORT: String(deployment.ports[0]), BACKUP_DIR: backupDir, RETAIN: '2', SECRETS_FILE: join(deployment.dir, 'secrets.env') };
    for (let run = 0; run < 3; run++) {
      const result = spawnSync('bash', [join(deployment.dir, 'backup.sh')], { env, encoding: 'utf8', timeout: 30000 });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('backup written');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // distinct timestamps in the file names
    }
    const backups = readdirSync(backupDir).filter((f) => f.endsWith('.rdb')).sort();
    expect(backups).toHaveLength(2);
    const latest = join(backupDir, backups[1]);

    const restoreDir = mkdtempSync(join(tmpdir(), 'redis-review-restore-'));
    cleanups.push(() => rmSync(restoreDir, { recursive: true, force: true }));
    copyFileSync(latest, join(restoreDir, 'dump.rdb'));
    const port = await freePort();
    const restored: ServerProcess = await startProcess(
      REDIS_SERVER,
      { args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', restoreDir, '--dbfilename', 'dump.rdb', '--appendonly', 'no', '--save', '', '--enable-debug-command', 'local', '--logfile', join(restoreDir, 'log')] },
      port,
      restoreDir,
    );
    cleanups.push(() => restored.kill());
    const fresh = new Redis({ port, protocol: 2, lazyConnect: true });
    fresh.on('error', () => undefined);
    cleanups.push(() => fresh.disconnect());
    expect(await fresh.dbsize()).toBe(await ops.dbsize());
    expect(await fresh.dbsize()).toBe(3001);
    expect(await fresh.call('debug', 'digest')).toBe(await ops.call('debug', 'digest'));

    const corrupted = join(backupDir, 'corrupted.rdb');
    const bytes = readFileSync(latest);
    bytes.fill(0x41, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    writeFileSync(corrupted, bytes);
    const verify = spawnSync('bash', [join(deployment.dir, 'backup.sh'), 'verify', corrupted], { env, encoding: 'utf8' });
    expect(verify.status).toBe(1);
    expect(verify.stderr).toContain('CORRUPTED');
    expect(spawnSync('bash', [join(deployment.dir, 'backup.sh'), 'verify', latest], { env }).status).toBe(0);
  });
});

describe('monitoring rules', () => {
  const promtool = spawnSync('which', ['promtool'], { encoding: 'utf8' }).stdout.trim();
  it.runIf(promtool)('pass promtool check rules for every workload and mode', async () => {
    for (const [workload, mode] of [['cache', 'standalone'], ['queue', 'sentinel'], ['primary', 'replica'], ['leaderboard', 'cluster'], ['ratelimit', 'standalone'], ['session', 'sentinel'], ['pubsub', 'cluster']] as const) {
      const deployment = await writeDeployment({ workload, mode, memory: 64 * MB, monitoring: true });
      const result = spawnSync(promtool, ['check', 'rules', join(deployment.dir, 'redis-alerts.yml')], { encoding: 'utf8' });
      await deployment.stop();
      expect(result.status, `${workload}/${mode}: ${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
    }
  });
  if (!promtool) it('promtool is not installed', () => console.log('skipped: promtool (Debian package "prometheus") is not installed'));
});

describe('redis-review conf (CLI)', () => {
  it('writes the files, the secrets 0600, never prints a secret, and refuses to overwrite', async () => {
    const out = mkdtempSync(join(tmpdir(), 'redis-review-cli-conf-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: out };
    expect(await runCli(['conf', '--workload', 'session', '--memory', '2gb', '--mode', 'sentinel', '--backup', '--monitoring', '--out', 'set'], io)).toBe(0);
    const secrets = readFileSync(join(out, 'set', 'secrets.env'), 'utf8');
    expect(statSync(join(out, 'set', 'secrets.env')).mode & 0o777).toBe(0o600);
    for (const line of secrets.split('\n').filter((l) => l.includes('='))) expect(stdout + stderr).not.toContain(line.split('=')[1]);
    expect(readdirSync(join(out, 'set'))).toEqual(expect.arrayContaining(['redis.conf', 'redis-replica-1.conf', 'sentinel-3.conf', 'users.acl', 'backup.sh', 'redis-alerts.yml']));
    expect(await runCli(['conf', '--workload', 'session', '--memory', '2gb', '--out', 'set'], io)).toBe(1);
    expect(stderr).toContain('already exist');
    expect(await runCli(['conf', '--workload', 'nope', '--memory', '2gb', '--out', 'x'], io)).toBe(2);
    mkdirSync(join(out, 'unused'), { recursive: true });
  });
});
