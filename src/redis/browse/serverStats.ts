/** Live server figures for the stats and slowlog tabs: INFO, MEMORY STATS/DOCTOR, SLOWLOG, CLIENT LIST per node. */
import type { Redis } from 'ioredis';
import type { ActivitySnapshot, StatsSnapshot } from '../../shared/protocol';
import { parseClientList, parseSlowlog, rankCommands } from '../../core/info/activity';
import { nodeStats, parseMemoryStats, statsSnapshot } from '../../core/info/instanceStats';
import { parseCommandStats, parseInfo } from '../../core/info/parseInfo';
import type { RedisClient } from '../client';
import { ReadOnlyError } from './editKey';
import { allNodes, masterNodes, nodeAddress, type BrowseTarget } from './nodes';
import { readMemoryDoctor, type MemoryDoctorReading } from '../../core/info/memoryDoctor';

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch {
    // MEMORY STATS may be denied by ACL or renamed away; the tab then falls back to INFO's figures.
    return null;
  }
}

async function oneNode(node: Redis, label: string) {
  const [infoText, memory] = await Promise.all([
    node.call('INFO', 'all') as Promise<string>,
    orNull(node.callBuffer('MEMORY', 'STATS') as Promise<unknown[]>),
  ]);
  return nodeStats(label, parseInfo(String(infoText)), memory ? parseMemoryStats(memory.map((item) => (Buffer.isBuffer(item) ? item.toString() : item))) : null);
}

export async function readStats(client: RedisClient, singleNodeLabel: string): Promise<StatsSnapshot> {
  const nodes = allNodes(client);
  const stats = await Promise.all(nodes.map((node) => oneNode(node, nodes.length === 1 ? singleNodeLabel : nodeAddress(node))));
  return statsSnapshot(Date.now(), stats);
}

/** MEMORY DOCTOR of every master, each read into a verdict, a summary and its issues (the reply kept verbatim). */
export async function memoryDoctor(client: RedisClient, singleNodeLabel: string): Promise<MemoryDoctorReading[]> {
  const nodes = masterNodes(client);
  return Promise.all(nodes.map(async (node) => readMemoryDoctor(nodes.length === 1 ? singleNodeLabel : nodeAddress(node), String(await node.call('MEMORY', 'DOCTOR')))));
}

export async function readActivity(client: RedisClient, slowlogCount: number, singleNodeLabel: string): Promise<ActivitySnapshot> {
  const nodes = masterNodes(client);
  const perNode = await Promise.all(
    nodes.map(async (node) => {
      const label = nodes.length === 1 ? singleNodeLabel : nodeAddress(node);
      const [slowlog, commandstats, clients] = await Promise.all([
        // As bytes: arguments holding binary key names are escaped for display instead of decoded to U+FFFD.
        node.callBuffer('SLOWLOG', 'GET', String(slowlogCount)) as Promise<unknown[]>,
        node.call('INFO', 'commandstats') as Promise<string>,
        node.call('CLIENT', 'LIST') as Promise<string>,
      ]);
      return {
        slowlog: parseSlowlog(label, slowlog),
        commands: parseCommandStats(parseInfo(String(commandstats)).commandstats),
        clients: parseClientList(label, String(clients)),
      };
    }),
  );
  return {
    slowlog: perNode.flatMap((node) => node.slowlog).sort((a, b) => b.timestamp - a.timestamp || b.id - a.id),
    commands: rankCommands(perNode.map((node) => node.commands)),
    clients: perNode.flatMap((node) => node.clients),
  };
}

export async function resetSlowlog(target: BrowseTarget): Promise<void> {
  if (target.readOnly) throw new ReadOnlyError('SLOWLOG RESET');
  await Promise.all(masterNodes(target.client).map((node) => node.call('SLOWLOG', 'RESET')));
}
