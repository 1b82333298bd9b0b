/**
 * cross-slot-multi-key on Go: multi-key commands (go-redis methods, rueidis builders) on a client that is or may be
 * a Redis Cluster client, whose keys are not provably in one hash slot.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { keyPatternOf } from '../../analysis/argumentValues';
import { goHashTagHelpers, hasGoHashTag } from '../../analysis/go/goProjectFacts';
import { MULTI_KEY_COMMANDS, multiKeyArgs, provablySameSlot } from '../support/slots';
import type { RuleContext } from '../rule';
import { goClusterJudgement } from './goClusterEvidence';
import { callArgumentsAt, literalItems } from './goSupport';
import { goKeyListHelperCalls, keyListOfHelper } from './goScriptKeyHelpers';

/** The project-level fact the workspace index answers (see WorkspaceIndex.goHashTagHelpers). */
interface TaggedHelpers {
  goHashTagHelpers?(): ReadonlySet<string>;
}

/** Key helpers whose bodies put a {hash tag} in the key: this file's, and those other files of the project define. */
function hashTagHelpers(context: RuleContext): Set<string> {
  const names = goHashTagHelpers(context.model.text);
  for (const name of (context.workspaceKeys as TaggedHelpers | undefined)?.goHashTagHelpers?.() ?? []) names.add(name);
  return names;
}

/** The function minds Cluster itself: it branches on cluster mode or groups keys by slot. */
function handlesClusterMode(context: RuleContext, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  const body = fn ? context.model.text.slice(fn.span.startOffset, fn.span.endOffset) : '';
  return /\b(if|case|switch)\b[^\n]*cluster|\b(KeySlot|keySlot|ClusterSlots|Slot\(|groupBySlot)\b/i.test(body);
}

/**
 * The spread slice is a literal of one key, in the call (`[]string{cacheKey}...`) or built in the function
 * (`keys := []string{cacheKey}`) and never grown (`append`) or written by index: the command gets one key, which
 * is always in one slot.
 */
function singleKeySlice(text: string, site: RedisCallSite, arg: Arg): boolean {
  const inline = /^\[\](?:string|interface\{\}|any)\{([\s\S]*)\}(?:\.\.\.)?$/.exec(arg.text.trim());
  if (inline) return literalItems(inline[1]).length === 1;
  const name = /^([A-Za-z_]\w*)(?:\.\.\.)?$/.exec(arg.text.trim())?.[1];
  const fn = site.enclosingFunction;
  if (!name || !fn) return false;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const literal = new RegExp(`\\b${name}\\s*:?=\\s*\\[\\](?:string|interface\\{\\}|any)\\{`).exec(body);
  if (!literal) return false;
  const open = literal.index + literal[0].length;
  let depth = 1;
  let close = open;
  while (close < body.length && depth > 0) {
    if (body[close] === '{') depth++;
    else if (body[close] === '}') depth--;
    close++;
  }
  if (depth > 0) return false;
  const rest = body.slice(close);
  if (new RegExp(`\\b${name}\\s*=\\s*append\\(|\\b${name}\\s*\\[[^\\]]*\\]\\s*=[^=]|\\b${name}\\s*:?=`).test(rest)) return false;
  return literalItems(body.slice(open, close - 1)).length === 1;
}

/**
 * The call sits in an `if len(keys) == 1 {` block (or `<= 1`, `< 2`) of the slice it spreads: wrappers that send
 * one key straight to the client and split several keys themselves.
 */
function guardedToOneKey(text: string, site: RedisCallSite, arg: Arg): boolean {
  const name = /^([A-Za-z_]\w*)(?:\.\.\.)?$/.exec(arg.text.trim())?.[1];
  const fn = site.enclosingFunction;
  if (!name || !fn) return false;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const guard = new RegExp(`\\bif\\s+len\\(${name}\\)\\s*(?:==\\s*1|<=\\s*1|<\\s*2)\\s*\\{`, 'g');
  for (const match of body.matchAll(guard)) {
    // Still inside the guarded block: its `{` is never closed between the guard and the call.
    let depth = 0;
    for (const char of body.slice(match.index + match[0].length)) {
      depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      if (depth < 0) break;
    }
    if (depth >= 0) return true;
  }
  return false;
}

/**
 * The key list is a parameter of an unexported helper (`func (s *Store) evalSHA(ctx, sha, keys []string, …)`) and
 * every call of the helper in the file passes a literal list of one key (`[]string{s.key(id)}`): one key, one slot.
 * An exported function has callers elsewhere, whose lists this file does not show.
 */
function callersPassOneKey(text: string, site: RedisCallSite, arg: Arg): boolean {
  const fn = site.enclosingFunction;
  const name = /^([a-z_]\w*)(?:\.\.\.)?$/.exec(arg.text.trim())?.[1];
  if (!fn || !name || !/^[a-z_]\w*$/.test(fn.name)) return false;
  const header = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const nameAt = new RegExp(`^func\\s*(?:\\([^)]*\\)\\s*)?${fn.name}\\s*(?:\\[[^\\]]*\\]\\s*)?\\(`).exec(header);
  const params = nameAt ? callArgumentsAt(header, nameAt[0].length - 1) : undefined;
  const index = params?.findIndex((param) => param.split(/\s+/)[0] === name) ?? -1;
  if (index < 0) return false;
  const outside = text.slice(0, fn.span.startOffset) + text.slice(fn.span.endOffset);
  let calls = 0;
  for (const call of outside.matchAll(new RegExp(`(?<![\\w])${fn.name}\\(`, 'g'))) {
    const passed = callArgumentsAt(outside, call.index! + call[0].length - 1)?.[index] ?? '';
    const list = /^\[\](?:string|interface\{\}|any)\{([\s\S]*)\}$/.exec(passed);
    if (!list || literalItems(list[1]).length !== 1) return false;
    calls++;
  }
  return calls > 0;
}

/**
 * Script runs and function calls, whose KEYS are one list argument after the script (`rdb.Eval(ctx, src, keys,
 * args...)`, `script.Run(ctx, rdb, keys, args...)`, `rdb.FCall(ctx, fn, keys)`): a script touching keys of several
 * slots fails with CROSSSLOT like any multi-key command.
 */
const SCRIPT_COMMANDS: ReadonlySet<string> = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/**
 * go-redis' set and sorted-set algebra beyond the shared multi-key list: ZInterStore/ZUnionStore(ctx, dest, store),
 * ZInter/ZUnion(ctx, store) with a *redis.ZStore whose Keys the caller fills, ZDiff/ZDiffStore(ctx, [dest,] keys...),
 * and ZInterCard/SInterCard(ctx, limit, keys...): every key, the destination too, must be in one slot.
 */
const SORTED_SET_ALGEBRA: ReadonlySet<string> = new Set(['ZINTERSTORE', 'ZUNIONSTORE', 'ZDIFFSTORE', 'ZINTER', 'ZUNION', 'ZDIFF', 'ZINTERCARD', 'SINTERCARD']);

/** A string literal key written in a ZStore literal, as an argument the slot check can read. */
function literalKey(text: string, like: Arg): Arg | undefined {
  const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(text.trim());
  return literal ? { ...like, text: text.trim(), value: { kind: 'string', value: literal[1] }, spread: false } : undefined;
}

/**
 * The keys of an algebra call: a ZStore literal's `Keys: []string{…}` of string literals are separate keys; a ZStore
 * built elsewhere (a parameter, a variable) is a collection of keys the caller chose.
 */
function algebraKeys(site: RedisCallSite): { keys: readonly Arg[]; collection?: Arg } {
  const args = /INTERCARD$/.test(site.command) ? site.args.slice(1) : site.args;
  const storeAt = /^Z(INTER|UNION)STORE$/.test(site.command) ? 1 : /^Z(INTER|UNION)$/.test(site.command) ? 0 : -1;
  const store = storeAt >= 0 ? args[storeAt] : undefined;
  if (!store) return { keys: args };
  const before = args.slice(0, storeAt);
  const listed = /\bKeys\s*:\s*\[\]string\{([\s\S]*?)\}/.exec(store.text)?.[1];
  const literal = listed !== undefined ? literalItems(listed).map((item) => literalKey(item, store)) : undefined;
  if (literal && literal.every((key) => key)) return { keys: [...before, ...(literal as Arg[])] };
  return { keys: [...before, store], collection: store };
}

/**
 * go-redis stream reads over several streams: XRead/XReadGroup(ctx, &redis.XReadArgs{Streams: []string{k1, k2, id1, id2}})
 * name their streams in the first half of Streams, and every stream must be in one slot.
 */
const STREAM_READS: ReadonlySet<string> = new Set(['XREAD', 'XREADGROUP']);

/**
 * The streams of a stream read: the first half of a `Streams: []string{…}` literal are separate keys (string literals
 * read as such); Streams built elsewhere (`append(streamKeys, ids...)`, a variable) are a collection the caller chose.
 */
function streamReadKeys(site: RedisCallSite): { keys: readonly Arg[]; collection?: Arg } {
  const options = site.args[0];
  const streams = options && /\bStreams\s*:\s*/.exec(options.text);
  if (!options || !streams) return { keys: [] };
  const rest = options.text.slice(streams.index + streams[0].length);
  const listed = /^\[\]string\{([\s\S]*?)\}/.exec(rest)?.[1];
  if (listed !== undefined) {
    const items = literalItems(listed);
    return { keys: items.slice(0, Math.floor(items.length / 2)).map((item) => literalKey(item, options) ?? { ...options, text: item.trim(), value: { kind: 'unknown' } as Arg['value'], spread: false }) };
  }
  const expression = callArgumentsAt(`(${rest}`, 0)?.[0]?.trim() ?? rest;
  const collection: Arg = { ...options, text: expression, value: { kind: 'unknown' } as Arg['value'], spread: false };
  return { keys: [collection], collection };
}

/**
 * The keys of a call: a script's key list, taken apart when it is a literal (`[]string{k1, k2}`: separate keys) and
 * kept whole when it comes from elsewhere (a parameter, a helper's result: a collection); a multi-key command's key
 * arguments otherwise.
 */
function keysOf(site: RedisCallSite): { keys: readonly Arg[]; collection?: Arg } {
  if (SORTED_SET_ALGEBRA.has(site.command)) return algebraKeys(site);
  if (STREAM_READS.has(site.command)) return streamReadKeys(site);
  if (!SCRIPT_COMMANDS.has(site.command)) return { keys: multiKeyArgs(site.command, site.args) };
  const list = site.args[1];
  if (!list || list.value.kind === 'null') return { keys: [] };
  if (list.value.kind === 'array') return { keys: list.value.items };
  return { keys: [list], collection: list };
}

/**
 * Separate keys that are each a parameter of the function (`func (r *Redis) SMove(ctx, source, destination string,
 * member any)`): a pass-through wrapper, whose callers choose keys they can co-locate with a hash tag. Parameters
 * named as ids (`SessionRegenerate(ctx, oldsid, sid)` renaming one session id to another) are the keys themselves,
 * ids the callers generate and cannot tag, and are judged like any other computed keys.
 */
function keysFromParameters(text: string, site: RedisCallSite, keys: readonly Arg[]): boolean {
  const fn = site.enclosingFunction;
  if (!fn || keys.every((a) => /(?:^|[a-z_])(?:id|Id|ID|sid|SID)$/.test(a.text.trim()))) return false;
  const header = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const nameAt = /^func\s*(?:\([^)]*\)\s*)?\w+\s*(?:\[[^\]]*\]\s*)?\(/.exec(header);
  const params = new Set((nameAt ? callArgumentsAt(header, nameAt[0].length - 1) : undefined)?.map((param) => param.trim().split(/\s+/)[0]) ?? []);
  return keys.every((a) => params.has(a.text.trim()));
}

/** Separate keys that are all one expression (`Exists(ctx, key, key)`): one key, one slot. */
function sameExpressions(keys: readonly Arg[]): boolean {
  return new Set(keys.map((a) => a.text.replace(/\s+/g, ''))).size === 1;
}

/**
 * Keys handed over as a collection (`keys...`, a []string, redis.Args): their slots are unknown unless the key
 * templates the function builds carry a {hash tag}. Separate keys must all be static to be judged.
 */
export function goCrossSlotMultiKey(context: RuleContext): void {
  let taggedHelpers: Set<string> | undefined;
  for (const site of context.model.callSites) {
    if (!MULTI_KEY_COMMANDS.has(site.command) && !SCRIPT_COMMANDS.has(site.command) && !SORTED_SET_ALGEBRA.has(site.command) && !STREAM_READS.has(site.command)) continue;
    const judged = goClusterJudgement(context, site);
    if (!judged.cluster || handlesClusterMode(context, site)) continue;
    const { keys, collection: keyList } = keysOf(site);
    // Go's multi-key methods take their keys variadically: a collection is spread (`keys...`); only MSET/MSETNX
    // also take one map or slice of pairs. A single plain argument is one key, whatever its name.
    const collection = keyList ?? keys.find((a) => a.spread || (site.args.length === 1 && /^MSET(NX)?$/.test(site.command) && a.value.kind !== 'string' && a.value.kind !== 'pattern'));
    if (collection && (singleKeySlice(context.model.text, site, collection) || guardedToOneKey(context.model.text, site, collection) || callersPassOneKey(context.model.text, site, collection))) continue;
    // A helper's key-list parameter: the calls of the helper are judged (goKeyListHelperCalls).
    if (keyList && keyListOfHelper(context, site, keyList)) continue;
    const patterns = keys.map((a) => keyPatternOf(a));
    if (!collection && keys.length < 2) continue;
    if (collection || patterns.some((k) => k === undefined)) {
      // Keys built at run time: a collection, or separate keys some of which are computed (`s.key(id)`,
      // `fmt.Sprintf(...)`). Built with a {hash tag} before the call (`"cart:{%s}:items"`, `"user:{" + id + "}"`),
      // here or in a key helper of the project that the function calls, the author co-locates them on purpose.
      const fn = site.enclosingFunction;
      const body = context.model.text.slice(fn?.span.startOffset ?? site.callSpan.startOffset, site.callSpan.endOffset);
      taggedHelpers ??= hashTagHelpers(context);
      if (hasGoHashTag(body) || [...taggedHelpers].some((name) => new RegExp(`\\b${name}\\(`).test(body))) continue;
      if (!collection && (sameExpressions(keys) || keysFromParameters(context.model.text, site, keys))) continue;
    } else if (provablySameSlot(patterns as string[])) continue;
    const client = judged.evidence ? `on ${site.receiver.text} (${judged.evidence})` : 'on a cluster client';
    context.report({ messageId: '{{command}} with keys {{keys}} {{client}}: keys in different hash slots fail with CROSSSLOT; give related keys a shared {hash tag} or send one command per key in a pipeline.', data: { command: site.command, keys: keys.map((a) => a.text).join(', ').slice(0, 60), client }, span: site.span });
  }
  goKeyListHelperCalls(context);
}
