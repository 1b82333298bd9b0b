/**
 * How fast the Connections tree can list and group a big keyspace: every page of SCAN MATCH * through
 * scanKeyPage + groupKeys (what "Load more…" does until the end), against `redis-cli --scan` on the same
 * server as the peer. Prints medians of 3 runs and the ratio. Run: npx tsx bench/namespaceListing.ts
 */
import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { emptyGrouping, groupKeys } from '../src/core/keys/namespaceGrouping';
import { newProfile } from '../src/core/connection/profile';
import { RedisSession } from '../src/redis/connection/redisSession';
import { scanKeyPage, type ScanCursor } from '../src/redis/namespaces';
import { REDIS_CLI, startStandalone } from '../test/helpers/redisServers';

const KEYS = Number(process.env.KEYS ?? 200_000);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
  const server = await startStandalone();
  const admin = new Redis(server.port, '127.0.0.1');
  const prefixes = ['user:', 'session:', 'cache:page:', 'cache:api:', 'queue:'];
  for (let start = 0; start < KEYS; start += 10_000) {
    const pipeline = admin.pipeline();
    for (let i = start; i < Math.min(KEYS, start + 10_000); i++) pipeline.set(`${prefixes[i % prefixes.length]}${i}`, '1');
    await pipeline.exec();
  }
  const session = await RedisSession.open(newProfile({ id: 'bench', port: server.port }), {});
  const ours: number[] = [];
  const peer: number[] = [];
  for (let run = 0; run < 3; run++) {
    let started = performance.now();
    const grouping = emptyGrouping();
    let cursor: ScanCursor | undefined;
    let seen = 0;
    do {
      const page = await scanKeyPage(session.client, { cursor, pageSize: 5000 });
      groupKeys(page.keys, new Uint8Array(), [Buffer.from(':')], grouping);
      seen += page.keys.length;
      cursor = page.next;
    } while (cursor);
    ours.push(performance.now() - started);
    if (seen < KEYS) throw new Error(`listed ${seen} of ${KEYS}`);
    started = performance.now();
    const cli = spawnSync(REDIS_CLI, ['-p', String(server.port), '--scan'], { maxBuffer: 1 << 30 });
    peer.push(performance.now() - started);
    if (cli.status !== 0) throw new Error('redis-cli --scan failed');
  }
  const oursMs = median(ours);
  const peerMs = median(peer);
  console.log(`keys: ${KEYS}`);
  console.log(`tree listing (scanKeyPage + groupKeys, pages of 5000): ${oursMs.toFixed(0)} ms median (${((KEYS / oursMs) * 1000).toFixed(0)} keys/s)`);
  console.log(`redis-cli --scan (peer):                               ${peerMs.toFixed(0)} ms median`);
  console.log(`ratio ours/peer: ${(oursMs / peerMs).toFixed(2)}`);
  await session.close();
  admin.disconnect();
  await server.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
