/**
 * Whether a Go receiver is a Redis Cluster client, or may be one by evidence. go-redis' UniversalClient (and a
 * Cmdable interface) becomes a ClusterClient only when given several addresses, and a rueidis.Client talks to a
 * cluster only when the server is one: on their own they say nothing, so multi-key calls on them are judged
 * cluster-unsafe only when the creation lists several seed addresses, takes them as a configured list, or the
 * project speaks of Redis Cluster; a package whose own clients are all standalone holds no Cluster client.
 */
import { mentionsRedisCluster } from '../../analysis/clusterMentions';
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { goProjectFactsIn } from '../../analysis/go/goProjectFacts';
import { callArgumentsAt } from './goSupport';
import { escapeRegExp } from '../../analysis/keyReferences';

/** The optional project-level fact the workspace index answers (see WorkspaceIndex.projectMentionsCluster). */
interface ClusterMentions {
  projectMentionsCluster?(): boolean;
  goSeedListClients?(): boolean;
  goFieldIsStandalone?(name: string): boolean;
  goClientsAllStandalone?(): boolean;
  goLibraryTakesUniversalClient?(): boolean;
}

export type GoClusterJudgement = { cluster: true; evidence?: string } | { cluster: false };

/**
 * Constructors that always make a standalone (or Sentinel-failover) go-redis client. NewFailoverClusterClient is a
 * ClusterClient in type only: Sentinel routes it to the master and replicas of one master set, which holds every key.
 */
const STANDALONE_FACTORY = /\bNew(Client|FailoverClient|FailoverClusterClient|Ring)$/;

/** An exported function or method whose parameters take a go-redis client from the caller (who may pass a Cluster one). */
const TAKES_CLIENT = /^func\s+(?:\([^)]*\)\s*)?[A-Z]\w*\([^)]*\b\w+\.(?:UniversalClient|Cmdable|Scripter|ClusterClient)\b/m;

/**
 * The file dials its own go-redis clients, all standalone or Sentinel-routed, and no exported function takes one
 * from the caller: a client field of the package holds one of them, whatever its comments say of Cluster.
 */
function ownClientsAllStandalone(text: string, path: string): boolean {
  const facts = goProjectFactsIn(text, path);
  return !!facts?.createsStandalone && !facts.createsClusterCapable && !TAKES_CLIENT.test(text);
}

/**
 * A seed-address option given as a list from configuration (`Addrs: cfg.Addrs`), not as a literal slice, or the
 * whole options handed over from elsewhere (`NewUniversalClient(opts)` with the caller's or the config's options).
 */
function configuredSeeds(options: string): boolean {
  if (/^\s*\*?[A-Za-z_][\w.]*\s*$/.test(options)) return true;
  const seeds = /\bAddrs\s*:\s*([^,}\n]+)/.exec(options)?.[1]?.trim();
  return !!seeds && !/^\[\]string\{/.test(seeds);
}

/** The argument text of the call whose parenthesis opens at `open`, or the rest of the text when it never closes. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/**
 * The client is, or a client field of the file may be, a UniversalClient created from a configured address list
 * (`Addrs: cfg.Addrs`, `strings.Split(hosts, ",")`): it becomes a ClusterClient as soon as the list holds several
 * addresses. A client reached through a field is judged by the file's UniversalClient creations.
 */
function configuredSeedList(text: string, site: RedisCallSite): boolean {
  const creation = site.receiver.creation;
  if (creation) {
    if (!/UniversalClient$/.test(creation.factory ?? '')) return false;
    const addrs = creation.options?.Addrs;
    return addrs ? addrs.value.kind !== 'array' && configuredSeeds(`Addrs: ${addrs.text}`) : creation.args.length === 1 && configuredSeeds(creation.args[0].text);
  }
  for (const match of text.matchAll(/\bNewUniversalClient\(/g)) if (configuredSeeds(callArguments(text, match.index + match[0].length - 1))) return true;
  return false;
}

/**
 * The type a parameter of the call's function is declared with (`client redis.Cmdable` of
 * `func (r *S) deleteNode(ctx context.Context, client redis.Cmdable, p string)`), when the receiver is one; grouped
 * names (`a, b *redis.Client`) take the type written after the last of them.
 */
function parameterType(text: string, site: RedisCallSite, name: string): string | undefined {
  const fn = site.enclosingFunction;
  if (!fn) return undefined;
  const header = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const nameAt = /^func\s*(?:\([^)]*\)\s*)?\w+\s*(?:\[[^\]]*\]\s*)?\(/.exec(header);
  const params = nameAt ? callArgumentsAt(header, nameAt[0].length - 1) : undefined;
  if (!params) return undefined;
  const at = params.findIndex((param) => param.trim().split(/\s+/)[0] === name);
  if (at < 0) return undefined;
  for (const param of params.slice(at)) {
    const typed = /^\s*\w+\s+(\S[\s\S]*)$/.exec(param);
    if (typed) return typed[1].trim();
  }
  return undefined;
}

/**
 * The receiver's last name (`rdb` of `c.c.rdb`) is declared in this file as a plain `*redis.Client` / `*redis.Ring`.
 * A bare name that is a parameter of the call's function is judged by that parameter's type alone: a helper taking
 * `client redis.Cmdable` is handed a cluster's per-node client or the cluster itself, whatever a callback of another
 * function names `client *redis.Client`.
 */
function declaredStandalone(text: string, site: RedisCallSite): boolean {
  const receiver = site.receiver.text;
  const name = receiver.split('.').pop() ?? receiver;
  if (!/^\w+$/.test(name)) return false;
  const parameter = receiver === name ? parameterType(text, site, name) : undefined;
  if (parameter !== undefined) return /^\*\w+\.(Client|Ring)$/.test(parameter);
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

/**
 * The client a pipeline was opened on, as written (`c.redis` of `pipe := c.redis.Pipeline()`, or of
 * `c.redis.Pipelined(ctx, func(pipe redis.Pipeliner) error {`), found before the call in its function.
 */
function pipelineOrigin(text: string, site: RedisCallSite): string | undefined {
  const name = escapeRegExp(site.receiver.text);
  const before = text.slice(site.enclosingFunction?.span.startOffset ?? 0, site.callSpan.startOffset);
  const opened = new RegExp(`\\b${name}\\s*:?=\\s*([\\w.]+(?:\\(\\))?)\\.(?:Tx)?Pipeline\\(\\)`).exec(before) ?? new RegExp(`([\\w.]+(?:\\(\\))?)\\.(?:Tx)?Pipelined\\([^,]*,\\s*func\\s*\\(\\s*${name}\\b`).exec(before);
  return opened?.[1];
}

/**
 * A go-redis cluster pipeline (and a MULTI on it) sends each command to the node of its first key's slot: a
 * multi-key command queued on it fails with CROSSSLOT as it would on the client. The pipeline is judged as the
 * client it was opened on.
 */
function pipelineJudgement(context: RuleContext, site: RedisCallSite): GoClusterJudgement {
  const origin = pipelineOrigin(context.model.text, site);
  if (/ClusterClient$/.test(site.receiver.creation?.factory ?? '')) return { cluster: true, evidence: 'a pipeline of a ClusterClient' };
  return goClusterJudgement(context, { ...site, receiver: { ...site.receiver, kind: 'client', text: origin ?? site.receiver.text } });
}

export function goClusterJudgement(context: RuleContext, site: RedisCallSite): GoClusterJudgement {
  const { receiver } = site;
  if ((receiver.kind === 'pipeline' || receiver.kind === 'transaction') && (receiver.library === 'go-redis' || receiver.library === 'rueidis') && !context.config.cluster) return pipelineJudgement(context, site);
  if (receiver.kind !== 'client' && receiver.kind !== 'cluster') return context.config.cluster ? { cluster: true } : { cluster: false };
  if (receiver.library === 'go-redis' && receiver.kind === 'cluster') return { cluster: true };
  if (context.config.cluster) return { cluster: true };
  if (receiver.library !== 'go-redis' && receiver.library !== 'rueidis') return { cluster: false };
  if (receiver.library === 'go-redis' && (STANDALONE_FACTORY.test(receiver.creation?.factory ?? '') || declaredStandalone(context.model.text, site))) return { cluster: false };
  if (createdStandalone(site)) return { cluster: false };
  if (receiver.library === 'go-redis' && ownClientsAllStandalone(context.model.text, context.model.path)) return { cluster: false };
  const workspace = context.workspaceKeys as ClusterMentions | undefined;
  // `r.rdb` of a struct another file of the package declares with `rdb *redis.Client`.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goFieldIsStandalone?.(receiver.text.split('.').pop() ?? '')) return { cluster: false };
  // A program whose every go-redis client is created standalone: a UniversalClient or Cmdable it hands around holds
  // one of them, whatever its comments or type switches say of Cluster.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goClientsAllStandalone?.()) return { cluster: false };
  const what = receiver.library === 'rueidis' ? 'a rueidis client, which follows the server into cluster mode' : 'a go-redis client that is not a plain *redis.Client';
  if (severalSeeds(site)) return { cluster: true, evidence: `${what}, created with several seed addresses` };
  if (receiver.library === 'go-redis' && configuredSeedList(context.model.text, site)) return { cluster: true, evidence: `${what}, created from a configured address list (several addresses make it a ClusterClient)` };
  if (mentionsRedisCluster(context.model.text)) return { cluster: true, evidence: `${what}, in a file that speaks of Redis Cluster` };
  if (workspace?.projectMentionsCluster?.()) return { cluster: true, evidence: `${what}, in a project that speaks of Redis Cluster` };
  // A client handed in (a parameter, a field) in a project that builds its clients from a configured address list.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goSeedListClients?.()) return { cluster: true, evidence: `${what}, in a project that creates its clients from a configured address list (several addresses make a ClusterClient)` };
  // A library whose API takes a UniversalClient: its users choose the client, a ClusterClient as readily as a plain one.
  if (receiver.library === 'go-redis' && !receiver.creation && workspace?.goLibraryTakesUniversalClient?.()) return { cluster: true, evidence: `${what}, in a library that takes a UniversalClient from its callers (a ClusterClient is one)` };
  return { cluster: false };
}
