/**
 * Read-only mode decides by the shipped command table: SORT_RO (read-only, though in @dangerous) runs, a module
 * command that declares itself "readonly" but is unknown to the table is refused — this one writes a key —
 * and the server's own flags can only refuse more. Proven on a real redis-server with a real module loaded.
 */
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfile } from '../../../src/core/connection/profile';
import { parseCommandStats, parseInfo } from '../../../src/core/info/parseInfo';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { isReadOnlyRefusal } from '../../../src/redis/readOnlyGuard';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { buildTestModule, canBuildModules } from '../../helpers/testModule';

const withCompiler = canBuildModules();
let buildDir: string;
let server: Standalone;
let admin: Redis;
let session: RedisSession;

beforeAll(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'redis-review-module-'));
  const module = withCompiler ? buildTestModule(buildDir) : undefined;
  server = await startStandalone({ args: module ? ['--loadmodule', module] : [] });
  admin = new Redis(server.port, '127.0.0.1');
  await admin.rpush('numbers', '3', '1', '2');
  session = await RedisSession.open(newProfile({ id: 'ro-table', port: server.port, readOnly: true, connectTimeoutMs: 3000 }), {});
});
afterAll(async () => {
  await session?.close();
  admin?.disconnect();
  await server?.stop();
  rmSync(buildDir, { recursive: true, force: true });
});

async function calls(command: string): Promise<number> {
  const stats = parseCommandStats(parseInfo(await admin.info('commandstats')).commandstats);
  return stats.find((s) => s.command === command)?.calls ?? 0;
}

describe('read-only mode by the command table', () => {
  it('runs SORT_RO, which only reads', async () => {
    expect(await session.client.call('SORT_RO', 'numbers')).toEqual(['1', '2', '3']);
    await expect(session.client.call('SORT', 'numbers', 'STORE', 'copy')).rejects.toSatisfy(isReadOnlyRefusal);
    expect(await admin.exists('copy')).toBe(0);
  });

  it.runIf(withCompiler)('refuses a module command that declares itself read-only but is not in the table, before sending it', async () => {
    expect(await admin.call('rrtest.echo')).toBe('ECHO'); // the module is loaded and answers
    const guard = session.guard!;
    expect(guard.serverCommandCount).toBeGreaterThan(200);
    expect(guard.check('rrtest.sneaky')).toMatchObject({ refused: true, reason: expect.stringContaining('not in the command table') });
    await expect(session.client.call('rrtest.sneaky')).rejects.toSatisfy(isReadOnlyRefusal);
    await expect(session.client.call('rrtest.echo')).rejects.toSatisfy(isReadOnlyRefusal);
    expect(await admin.exists('rrtest:victim')).toBe(0);
    expect(await calls('rrtest.sneaky')).toBe(0);
  });

  it('keeps refusing commands no source knows', async () => {
    await expect(session.client.call('NOSUCHCOMMAND', 'x')).rejects.toSatisfy(isReadOnlyRefusal);
    expect(await calls('nosuchcommand')).toBe(0);
  });
});
