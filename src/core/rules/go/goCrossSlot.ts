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
 * The keys of a call: a script's key list, taken apart when it is a literal (`[]string{k1, k2}`: separate keys) and
 * kept whole when it comes from elsewhere (a parameter, a helper's result: a collection); a multi-key command's key
 * arguments otherwise.
 */
function keysOf(site: RedisCallSite): { keys: readonly Arg[]; collection?: Arg } {
  if (!SCRIPT_COMMANDS.has(site.command)) return { keys: multiKeyArgs(site.command, site.args) };
  const list = site.args[1];
  if (!list || list.value.kind === 'null') return { keys: [] };
  if (list.value.kind === 'array') return { keys: list.value.items };
  return { keys: [list], collection: list };
}

/**
 * Keys handed over as a collection (`keys...`, a []string, redis.Args): their slots are unknown unless the key
 * templates the function builds carry a {hash tag}. Separate keys must all be static to be judged.
 */
export function goCrossSlotMultiKey(context: RuleContext): void {
  let taggedHelpers: Set<string> | undefined;
  for (const site of context.model.callSites) {
    if (!MULTI_KEY_COMMANDS.has(site.command) && !SCRIPT_COMMANDS.has(site.command)) continue;
    const judged = goClusterJudgement(context, site);
    if (!judged.cluster || handlesClusterMode(context, site)) continue;
    const { keys, collection: keyList } = keysOf(site);
    // Go's multi-key methods take their keys variadically: a collection is spread (`keys...`); only MSET/MSETNX
    // also take one map or slice of pairs. A single plain argument is one key, whatever its name.
    const collection = keyList ?? keys.find((a) => a.spread || (site.args.length === 1 && /^MSET(NX)?$/.test(site.command) && a.value.kind !== 'string' && a.value.kind !== 'pattern'));
    if (collection && (singleKeySlice(context.model.text, site, collection) || guardedToOneKey(context.model.text, site, collection) || callersPassOneKey(context.model.text, site, collection))) continue;
    // A helper's key-list parameter: the calls of the helper are judged (goKeyListHelperCalls).
    if (keyList && keyListOfHelper(context, site, keyList)) continue;
    if (collection) {
      // Keys built with a {hash tag} before the call (`"cart:{%s}:items"`, `"user:{" + id + "}"`), here or in a key
      // helper of the project that the function calls: the author co-locates them on purpose.
      const fn = site.enclosingFunction;
      const body = context.model.text.slice(fn?.span.startOffset ?? site.callSpan.startOffset, site.callSpan.startOffset);
      taggedHelpers ??= hashTagHelpers(context);
      if (hasGoHashTag(body) || [...taggedHelpers].some((name) => new RegExp(`\\b${name}\\(`).test(body))) continue;
    } else {
      if (keys.length < 2) continue;
      const patterns = keys.map((a) => keyPatternOf(a));
      if (patterns.some((k) => k === undefined) || provablySameSlot(patterns as string[])) continue;
    }
    const client = judged.evidence ? `on ${site.receiver.text} (${judged.evidence})` : 'on a cluster client';
    context.report({ messageId: '{{command}} with keys {{keys}} {{client}}: keys in different hash slots fail with CROSSSLOT; give related keys a shared {hash tag} or send one command per key in a pipeline.', data: { command: site.command, keys: keys.map((a) => a.text).join(', ').slice(0, 60), client }, span: site.span });
  }
  goKeyListHelperCalls(context);
}
