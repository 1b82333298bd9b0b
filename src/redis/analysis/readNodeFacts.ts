/**
 * Server-side facts for the recommendations, per node: INFO (default sections), the CONFIG parameters the
 * checks need (one CONFIG GET each, so pre-7.0 servers and partial ACLs still answer what they can), ACL LIST
 * when permitted, and on Redis 8 the INFO KEYSIZES histograms.
 */
import type Redis from 'ioredis';
import { flattenInfo, parseInfo } from '../../core/info/parseInfo';
import { parseKeySizes, type KeySizeHistograms } from '../../core/memory/keySizes';
import { CONFIG_PARAMETERS, type NodeFacts } from '../../core/memory/serverFacts';

/** CONFIG GET replies come as [name, value] arrays (RESP2) or maps (RESP3). */
function configPairs(reply: unknown): Array<[string, string]> {
  if (Array.isArray(reply)) {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([String(reply[i]), String(reply[i + 1])]);
    return pairs;
  }
  if (reply instanceof Map) return [...reply.entries()].map(([k, v]) => [String(k), String(v)]);
  if (reply && typeof reply === 'object') return Object.entries(reply).map(([k, v]) => [k, String(v)]);
  return [];
}

export async function readNodeFacts(connection: Redis, address: string): Promise<NodeFacts> {
  const info = flattenInfo(parseInfo(String(await connection.info())));
  const pipeline = connection.pipeline();
  for (const name of CONFIG_PARAMETERS) pipeline.config('GET', name);
  pipeline.acl('LIST');
  const replies = (await pipeline.exec()) ?? [];
  const config: Record<string, string> = {};
  replies.slice(0, CONFIG_PARAMETERS.length).forEach(([error, value]) => {
    if (!error) for (const [name, setting] of configPairs(value)) config[name] = setting;
  });
  const [aclError, aclReply] = replies[CONFIG_PARAMETERS.length] ?? [new Error('missing')];
  const facts: NodeFacts = { node: address, info, config };
  if (!aclError && Array.isArray(aclReply)) facts.aclUsers = aclReply.map(String);
  return facts;
}

/** Redis 8's INFO KEYSIZES: per-type power-of-two histograms of sizes, answered in O(1). Undefined before 8. */
export async function readKeySizes(connection: Redis, version: string): Promise<KeySizeHistograms | undefined> {
  if (Number(version.split('.')[0]) < 8) return undefined;
  try {
    return parseKeySizes(parseInfo(String(await connection.info('keysizes'))).keysizes);
  } catch {
    return undefined;
  }
}

/** master_repl_offset now, to measure the replication write rate over the analysis. */
export async function readReplicationOffset(connection: Redis): Promise<number | undefined> {
  const fields = flattenInfo(parseInfo(String(await connection.info('replication'))));
  const offset = Number(fields.master_repl_offset);
  return Number.isFinite(offset) ? offset : undefined;
}

/** Sample up to 16 members of each candidate set; keep those whose members are all integers. */
export async function probeIntegerSets(connection: Redis, candidates: Array<{ key: string; length: number }>): Promise<Array<{ key: string; length: number }>> {
  if (candidates.length === 0) return [];
  const pipeline = connection.pipeline();
  for (const candidate of candidates) pipeline.srandmember(candidate.key, 16);
  const replies = (await pipeline.exec()) ?? [];
  return candidates.filter((_, i) => {
    const [error, members] = replies[i];
    return !error && Array.isArray(members) && members.length > 0 && members.every((m) => /^-?\d{1,19}$/.test(String(m)));
  });
}
