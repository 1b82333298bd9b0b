/**
 * Whether a Go receiver is a Redis Cluster client, or may be one by evidence. go-redis' UniversalClient (and a
 * Cmdable interface) becomes a ClusterClient only when given several addresses, and a rueidis.Client talks to a
 * cluster only when the server is one: on their own they say nothing, so multi-key calls on them are judged
 * cluster-unsafe only when the creation lists several seed addresses or the project speaks of Redis Cluster.
 */
import { mentionsRedisCluster } from '../../analysis/clusterMentions';
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';

/** The optional project-level fact the workspace index answers (see WorkspaceIndex.projectMentionsCluster). */
interface ClusterMentions {
  projectMentionsCluster?(): boolean;
  goFieldIsStandalone?(name: string): boolean;
  goClientsAllStandalone?(): boolean;
}

export type GoClusterJudgement = { cluster: true; evidence?: string } | { cluster: false };

/** Constructors that always make a standalone (or Sentinel-failover) go-redis client. */
const STANDALONE_FACTORY = /\bNew(Client|FailoverClient|Ring)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The receiver's last name (`rdb` of `c.c.rdb`) is declared in this file as a plain `*redis.Client` / `*redis.Ring`. */
function declaredStandalone(text: string, receiver: string): boolean {
  const name = receiver.split('.').pop() ?? receiver;
  if (!/^\w+$/.test(name)) return false;
  return new RegExp(`\\b${escapeRegExp(name)}\\s+\\*\\w+\\.(Client|Ring)\\b`).test(text);
}

/** A literal list of two or more seed addresses in the creation (`Addrs: []string{"a:6379", "b:6379"}`, `InitAddress`). */
function severalSeeds(site: RedisCallSite): boolean {
  const options = site.receiver.creation?.options ?? {};
  const seeds = options.Addrs ?? options.InitAddress;
  return !!seeds && seeds.value.kind === 'array' && seeds.value.items.length >= 2;
}

/**
 * The creation's options make a client that cannot be a Cluster client: go-redis' NewUniversalClient builds a
 * Sentinel failover client when MasterName is set, and rueidis with ForceSingleClient never follows a server into
 * cluster mode. (One address is not enough: the address may be a cluster's, and newer UniversalOptions have
 * IsClusterMode.)
 */
function createdStandalone(site: RedisCallSite): boolean {
  const options = site.receiver.creation?.options ?? {};
  if (site.receiver.library === 'rueidis') return /^true$/.test(options.ForceSingleClient?.text ?? '');
  return !!options.MasterName;
}

export function goClusterJudgement(context: RuleContext, site: RedisCallSite): GoClusterJudgement {
  const { receiver } = site;
  if (receiver.kind !== 'client' && receiver.kind !== 'cluster') return context.config.cluster ? { cluster: true } : { cluster: false };
  if (receiver.library === 'go-redis' && receiver.kind === 'cluster') return { cluster: true };
  if (context.config.cluster) return { cluster: true };
  if (receiver.library !== 'go-redis' && receiver.library !== 'rueidis') return { cluster: false };
  if (receiver.library === 'go-redis' && (STANDALONE_FACTORY.test(receiver.creation?.factory ?? '') || declaredStandalone(context.model.text, receiver.text))) return { cluster: false };
  if (createdStandalone(site)) return { cluster: false };
  const workspace = context.workspaceKeys as ClusterMentions | undefined;
  // `r.rdb` of a struct another file of the package declares with `rdb *redis.Client`.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goFieldIsStandalone?.(receiver.text.split('.').pop() ?? '')) return { cluster: false };
  // A program whose every go-redis client is created standalone: a UniversalClient or Cmdable it hands around holds
  // one of them, whatever its comments or type switches say of Cluster.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goClientsAllStandalone?.()) return { cluster: false };
  const what = receiver.library === 'rueidis' ? 'a rueidis client, which follows the server into cluster mode' : 'a go-redis client that is not a plain *redis.Client';
  if (severalSeeds(site)) return { cluster: true, evidence: `${what}, created with several seed addresses` };
  if (mentionsRedisCluster(context.model.text)) return { cluster: true, evidence: `${what}, in a file that speaks of Redis Cluster` };
  if (workspace?.projectMentionsCluster?.()) return { cluster: true, evidence: `${what}, in a project that speaks of Redis Cluster` };
  return { cluster: false };
}
