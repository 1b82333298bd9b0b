/**
 * cross-slot-multi-key on Java: multi-key commands on a Redis Cluster client (JedisCluster, Lettuce's cluster
 * commands) whose keys are not provably in one hash slot.
 */
import { keyPatternOf } from '../../analysis/argumentValues';
import { javaFactsOf } from '../../analysis/java/javaFacts';
import type { Arg, RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { MULTI_KEY_COMMANDS, multiKeyArgs, provablySameSlot } from '../support/slots';
import { callText } from './javaSupport';

/** Lettuce's advanced cluster API splits these by slot and merges the replies; JedisCluster refuses any cross-slot call. */
const SPLIT_BY_LETTUCE = new Set(['MGET', 'MSET', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH']);

/** Names the file declares as cluster clients, and which of them are Lettuce's (that split some commands). */
function clusterClients(code: string): { all: Set<string>; lettuce: Set<string> } {
  const all = new Set<string>();
  const lettuce = new Set<string>();
  for (const match of code.matchAll(/\bJedisCluster\s+(\w+)\s*[=;,)]/g)) all.add(match[1]);
  for (const match of code.matchAll(/\bRedis(?:Advanced)?Cluster(?:Async|Reactive)?Commands\s*<[^;=()]*>\s+(\w+)\s*[=;,)]/g)) {
    all.add(match[1]);
    lettuce.add(match[1]);
  }
  return { all, lettuce };
}

/** A single argument that is a key collection: a `String[]`, `String...`, `List`/`Set`/`Collection` of keys, or `.toArray(...)`. */
function isKeyCollection(code: string, arg: Arg): boolean {
  if (/\.toArray\(|^new\s+String\s*\[/.test(arg.text)) return true;
  const name = /^\w+$/.exec(arg.text)?.[0];
  return !!name && new RegExp(`(?:String\\s*(?:\\[\\s*\\]|\\.\\.\\.)|(?:List|Set|Collection)\\s*<\\s*String\\s*>)\\s+${name}\\b`).test(code);
}

export function javaCrossSlotMultiKey(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts || !/JedisCluster|ClusterCommands/.test(context.model.text)) return;
  const code = facts.codeText;
  const clients = clusterClients(code);
  for (const site of context.model.callSites) {
    if (!MULTI_KEY_COMMANDS.has(site.command) || site.batched) continue;
    const receiver = site.receiver.identity;
    if (!clients.all.has(receiver) || (clients.lettuce.has(receiver) && SPLIT_BY_LETTUCE.has(site.command))) continue;
    const keys = multiKeyArgs(site.command, site.args);
    let why: string | undefined;
    if (keys.length === 1 && isKeyCollection(code, keys[0])) {
      if (!/\{/.test(keys[0].text)) why = 'keys passed as a collection, whose slots are unknown';
    } else if (keys.length >= 2) {
      const patterns = keys.map(keyPatternOf);
      if (patterns.every((p): p is string => p !== undefined) && !provablySameSlot(patterns)) why = 'keys built without a shared {hash tag}';
    }
    if (!why) continue;
    context.report({
      messageId: '{{call}} sends {{command}} with several keys on a Redis Cluster client ({{why}}): unless every key hashes to one slot the cluster answers CROSSSLOT. Put a shared {hash tag} in the keys, or send one command per key.',
      data: { call: callText(site), command: site.command, why },
      span: site.span,
    });
  }
}
