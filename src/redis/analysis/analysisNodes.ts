/**
 * The nodes an analysis reads: the standalone server, or every Cluster master (or every replica, by choice).
 * Each gets two dedicated connections — one runs SCAN ahead, one inspects keys — so analysis traffic never
 * queues behind the user's session, and CLIENT NO-TOUCH (7.2+) is switched on where the server has it.
 */
import type Redis from 'ioredis';
import { isCluster, type RedisClient } from '../client';

export interface AnalysisNode {
  /** "host:port". */
  address: string;
  role: 'master' | 'replica';
  scanConnection: Redis;
  inspectConnection: Redis;
  /** True when both connections accepted CLIENT NO-TOUCH ON (Redis 7.2+, Valkey), so reads do not update LRU/LFU. */
  noTouch: boolean;
  /** The server has CLIENT NO-TOUCH but the ACL user may not run it (the NOPERM reply). */
  noTouchRefusal?: string;
  close(): void;
}

async function duplicateOf(base: Redis, replica: boolean): Promise<Redis> {
  const connection = base.duplicate({ connectionName: 'redis-review-analysis', lazyConnect: true });
  connection.on('error', () => undefined);
  await connection.connect();
  // A replica serves reads of its slots only after READONLY; standalone servers answer an error we ignore.
  if (replica) await connection.call('READONLY').catch(() => undefined);
  return connection;
}

/** Accepted, absent (Redis 7.0 and older answer "unknown subcommand"), or refused by ACL (NOPERM). */
type NoTouchResult = { accepted: true } | { accepted: false; refusal?: string };

async function switchOnNoTouch(connection: Redis): Promise<NoTouchResult> {
  try {
    await connection.call('CLIENT', 'NO-TOUCH', 'ON');
    return { accepted: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Inspection then bumps LRU/LFU like any read; the warning says whether an upgrade or an ACL change helps.
    return /^NOPERM/.test(message) ? { accepted: false, refusal: message } : { accepted: false };
  }
}

/**
 * Replicas from CLUSTER NODES (ioredis only connects to replicas when it reads from them): one connection
 * template per healthy replica, cloned from a master's options (auth, TLS) with the replica's address.
 */
async function replicasOf(master: Redis): Promise<Array<{ base: Redis; role: 'replica' }>> {
  const lines = String(await master.call('CLUSTER', 'NODES')).split('\n').filter(Boolean);
  return lines
    .map((line) => line.split(' '))
    .filter((fields) => fields[2]?.split(',').includes('slave') && !/fail|handshake|noaddr/.test(fields[2]))
    .map((fields) => {
      const address = fields[1].split('@')[0];
      const colon = address.lastIndexOf(':');
      const base = master.duplicate({ host: address.slice(0, colon) || master.options.host, port: Number(address.slice(colon + 1)), lazyConnect: true });
      return { base, role: 'replica' as const };
    });
}

/** Nodes to analyse for `client`: standalone → itself; Cluster → masters, or replicas when `useReplicas`. */
export async function openAnalysisNodes(client: RedisClient, useReplicas = false): Promise<AnalysisNode[]> {
  let bases: Array<{ base: Redis; role: 'master' | 'replica' }>;
  if (isCluster(client)) {
    if (client.status !== 'ready') await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    const masters = client.nodes('master');
    bases = useReplicas ? await replicasOf(masters[0]) : masters.map((base) => ({ base, role: 'master' as const }));
    if (bases.length === 0) throw new Error(`The Cluster reports no ${useReplicas ? 'replica' : 'master'} nodes to analyse.`);
  } else {
    bases = [{ base: client, role: 'master' }];
  }
  return Promise.all(
    bases.map(async ({ base, role }) => {
      const [scanConnection, inspectConnection] = await Promise.all([duplicateOf(base, role === 'replica'), duplicateOf(base, role === 'replica')]);
      // Both: RANDOMKEY and SCAN touch nothing today, but a key read on the scan side must not either.
      const accepted = await Promise.all([switchOnNoTouch(scanConnection), switchOnNoTouch(inspectConnection)]);
      const noTouch = accepted.every((a) => a.accepted);
      const noTouchRefusal = accepted.map((a) => (a.accepted ? undefined : a.refusal)).find(Boolean);
      return {
        address: `${base.options.host}:${base.options.port}`,
        role,
        scanConnection,
        inspectConnection,
        noTouch,
        ...(noTouchRefusal ? { noTouchRefusal } : {}),
        close: () => {
          scanConnection.disconnect();
          inspectConnection.disconnect();
        },
      };
    }),
  );
}
