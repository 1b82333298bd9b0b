/**
 * Go versions of three rules about the size of what a command touches: pushes to lists that nothing trims, pops or
 * expires (unbounded-list-growth), set algebra on sets that are not small by construction (big-set-algebra), and
 * SORT (sort-command). The same definitions as the Python and TS/JS checks, in each Go client's idiom.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { keyPatternOf } from '../../analysis/argumentValues';
import { keyPatternCovered } from '../../config/glob';
import type { RuleContext } from '../rule';
import { goKey } from './goCappedCollections';
import { goClientText, goMethodFor, keyFromParameter, shownGoKey } from './goSupport';

const PUSHES = new Set(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']);
const BOUNDING = ['LTRIM', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'LMPOP', 'BLMPOP', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'DEL', 'UNLINK', 'LREM'];
/** Commands that read a list's items: a list nothing in the project reads is consumed by another program. */
const READS = ['LRANGE', 'LINDEX', 'LPOS', 'SORT', 'LLEN', ...BOUNDING];
const MULTI_KEY = new Set(['BLPOP', 'BRPOP', 'BLMPOP', 'LMPOP', 'DEL', 'UNLINK']);
const QUEUE_NAME = /queue|jobs?\b|jobs?:|tasks?\b|tasks?:|inbox|outbox|work|pending|mailbox/i;

/** The trim in the client's own spelling, for the message. */
function trimCall(site: RedisCallSite): string {
  const key = site.args[0]?.text ?? 'key';
  if (site.receiver.library === 'redigo') return `${site.receiver.text}.Do("LTRIM", ${key}, 0, 999)`;
  if (site.receiver.library === 'rueidis') return `${goClientText(site)}.B().Ltrim().Key(${key}).Start(0).Stop(999)`;
  return `${site.receiver.text}.LTrim(ctx, ${key}, 0, 999)`;
}

/**
 * The other calls of the file that name the same list: the same key text through the local it was assigned from
 * (goKey), or the same key pattern (`"log:"+a` in one function, `fmt.Sprintf("log:%s", b)` in another).
 */
function sameList(text: string, push: RedisCallSite, other: RedisCallSite): boolean {
  const key = goKey(text, push, push.args[0]);
  if (key === undefined) return false;
  // Multi-key commands (BRPOP k1 k2 timeout, DEL a b) name the list in any key position.
  const named = MULTI_KEY.has(other.command) ? other.args : other.args.slice(0, 1);
  return named.some((arg) => goKey(text, other, arg) === key);
}

/**
 * The key is a field of a method's receiver whose type is named as a queue (`func (q Queue) Push(…)` pushing to
 * `q.Name`): a queue type's lists are consumed by its own pop side, often a script, wherever the queue is read.
 */
function queueField(text: string, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  const receiver = /^func\s*\(\s*([A-Za-z_]\w*)\s+\*?\s*([\w.]+)/.exec(text.slice(fn.span.startOffset, fn.span.startOffset + 200));
  return !!receiver && QUEUE_NAME.test(receiver[2]) && site.args[0].text.trim().startsWith(`${receiver[1]}.`);
}

export function goUnboundedListGrowth(context: RuleContext): void {
  const { text, callSites } = context.model;
  if (!callSites.some((site) => PUSHES.has(site.command))) return;
  const seen = new Set<string>();
  for (const site of callSites) {
    if (!PUSHES.has(site.command) || !site.args[0]) continue;
    const key = goKey(text, site, site.args[0]);
    if (key === undefined || seen.has(key) || QUEUE_NAME.test(key) || QUEUE_NAME.test(site.args[0].text)) continue;
    if (callSites.some((other) => BOUNDING.includes(other.command) && sameList(text, site, other))) continue;
    const pattern = keyPatternOf(site.args[0]);
    if (pattern !== undefined && context.workspaceKeys?.hasCommandOnKey(BOUNDING, pattern)) continue;
    // Pushed here and read nowhere in the project: a hand-off to a consumer in another program, which pops it.
    const readHere = callSites.some((other) => READS.includes(other.command) && sameList(text, site, other));
    if (context.hasWorkspace && !readHere && !(pattern !== undefined && context.workspaceKeys?.hasCommandOnKey(READS, pattern))) continue;
    if (queueField(text, site)) continue;
    // The caller's key: whether it is trimmed is decided where the key is chosen, which this file does not show.
    if (keyFromParameter(text, site, site.args[0]) && pattern === undefined) continue;
    seen.add(key);
    context.report({
      messageId: '{{call}} appends to {{key}} and nothing in the project trims, pops or expires it: the list grows without bound; cap it after the push with {{trim}} (in the same pipeline), or give it a TTL.',
      data: { call: goMethodFor(site, site.command, site.method), key: shownGoKey(site.args[0]), trim: trimCall(site) },
      span: site.span,
    });
  }
}

const SET_ALGEBRA = new Set(['SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNION', 'ZINTER', 'ZDIFF', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);
const LITERAL_FILLS = new Set(['SADD', 'ZADD', 'RPUSH', 'LPUSH']);
/** Commands that fill a key from other keys, whose size the file does not show. */
const COPIES = new Set(['SMOVE', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'COPY', 'RENAME', 'RESTORE']);

/** The input keys of a set-algebra call: after the destination of a STORE form, numbers (a key count) left out. */
function inputKeys(site: RedisCallSite): Arg[] {
  return (site.command.endsWith('STORE') ? site.args.slice(1) : site.args).filter((arg) => arg.value.kind !== 'number');
}

const isLiteral = (arg: Arg | undefined): arg is Arg => arg?.value.kind === 'string';
const literalValue = (arg: Arg): string | undefined => (arg.value.kind === 'string' ? arg.value.value : undefined);

/**
 * A literal key this file fills only with members written in the code, outside loops (`SAdd(ctx, "roles:admin",
 * "read", "write")`), and never from other keys: a handful of members by construction.
 */
function smallByConstruction(sites: readonly RedisCallSite[], arg: Arg): boolean {
  const key = literalValue(arg);
  if (key === undefined) return false;
  let fills = 0;
  for (const site of sites) {
    if (COPIES.has(site.command) && site.args.some((a) => literalValue(a) === key)) return false;
    if (!LITERAL_FILLS.has(site.command) || !isLiteral(site.args[0]) || literalValue(site.args[0]) !== key) continue;
    if (site.anyLoop || site.loop || !site.args.slice(1).every((a) => a.value.kind === 'string' || a.value.kind === 'number')) return false;
    fills++;
  }
  return fills > 0;
}

/**
 * The function only forwards its caller's keys (`func (s *Store) Common(ctx context.Context, a, b string)` running
 * `SInter(ctx, a, b)`, or `keys...`): how big the sets are is decided where it is called.
 */
function forwardsCallerKeys(text: string, site: RedisCallSite): boolean {
  const keys = site.args.filter((arg) => arg.value.kind !== 'number');
  return keys.length > 0 && keys.every((arg) => {
    const name = arg.text.trim().replace(/^&/, '').replace(/\.\.\.$/, '');
    return (/^[A-Za-z_]\w*$/.test(name) && keyFromParameter(text, site, arg)) || builtFromCallerKeys(text, site, name);
  });
}

/** Go words an argument list or a key slice is built with, which name no set. */
const BUILDING_WORDS = new Set(['redis', 'Args', 'Add', 'AddFlat', 'len', 'append', 'make', 'string', 'interface', 'any', 'ZStore', 'Keys', 'Weights', 'Aggregate', 'goredis']);

/**
 * A local the function builds only from its caller's keys before the call: a redigo argument list
 * (`args := redis.Args{}.Add(dst).Add(len(keys))`, then `args = args.Add(v)` for each of `keys`), a key slice
 * mapped from the caller's list through a key builder (`keys = append(keys, bucketKey(m))` over `minutes`), or a
 * go-redis `&redis.ZStore{Keys: keys}` of such a slice. Words written in the code (`"aggregate"`, `"sum"`) are
 * options, not sets. A string literal in a key expression (`"tag:"+t`) picks sets here, so that is not such a list.
 */
function builtFromCallerKeys(text: string, site: RedisCallSite, name: string, depth = 0): boolean {
  const fn = site.enclosingFunction;
  if (!fn || depth > 2 || !/^[A-Za-z_]\w*$/.test(name)) return false;
  const before = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const assignments = [...before.matchAll(new RegExp(`^[ \\t]*${name}[ \\t]*:?=(?!=)[ \\t]*([^\\n]+)`, 'gm'))].map((m) => m[1]);
  const literal = [...before.matchAll(new RegExp(`^[ \\t]*${name}[ \\t]*:?=[ \\t]*(&?[\\w.]+\\{[^}]*\\})`, 'gm'))].map((m) => m[1]);
  if (!assignments.length) return false;
  const ranges = new Map<string, string>();
  for (const loop of before.matchAll(/\bfor\s+(?:_\s*,\s*)?([A-Za-z_]\w*)\s*:=\s*range\s+([A-Za-z_]\w*)\s*\{/g)) ranges.set(loop[1], loop[2]);
  const params = (word: string) => keyFromParameter(text, site, { text: word, value: { kind: 'unknown' } } as unknown as Arg);
  return [...assignments, ...literal].every((expression) => {
    const words: string[] = expression.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => (/^"[\w-]*"$/.test(quoted) ? '' : ' "literal" ')).match(/"literal"|\b[A-Za-z_]\w*\b/g) ?? [];
    if (words.includes('"literal"')) return false;
    return words.every((word) => {
      if (word === name || BUILDING_WORDS.has(word) || params(word)) return true;
      const over = ranges.get(word);
      if (over !== undefined) return params(over);
      // A key builder applied to the caller's key (`bucketKey(m)`): a function call of the element.
      if (new RegExp(`\\b${word}\\s*\\(`).test(expression)) return true;
      return word !== name && builtFromCallerKeys(text, site, word, depth + 1);
    });
  });
}

/** A STORE form given exactly one literal or built input set: the idiom for copying a set, which combines nothing. */
function copiesOneSet(site: RedisCallSite): boolean {
  if (!site.command.endsWith('STORE')) return false;
  const inputs = inputKeys(site);
  return inputs.length === 1 && !inputs[0].spread && !/\.\.\.$/.test(inputs[0].text.trim()) && (inputs[0].value.kind === 'string' || keyPatternOf(inputs[0]) !== undefined);
}

export function goBigSetAlgebra(context: RuleContext): void {
  const { text, callSites } = context.model;
  for (const site of callSites) {
    if (!SET_ALGEBRA.has(site.command)) continue;
    if (forwardsCallerKeys(text, site) || copiesOneSet(site)) continue;
    const inputs = inputKeys(site);
    const small = (arg: Arg) => {
      const pattern = keyPatternOf(arg);
      return (pattern !== undefined && keyPatternCovered(pattern, context.config.boundedKeys)) || smallByConstruction(callSites, arg);
    };
    if (inputs.length > 0 && inputs.every(small)) continue;
    const hint = site.command.startsWith('SINTER') ? `, or count with SINTERCARD … LIMIT (${goMethodFor(site, 'SINTERCARD', site.receiver.library === 'rueidis' ? 'Sintercard' : 'SInterCard')}) when only the size is needed` : '';
    context.report({
      messageId: '{{call}} runs {{command}}: its cost grows with the sizes of all the input sets and blocks every other client meanwhile; precompute the result on write{{hint}}.',
      data: { call: goMethodFor(site, site.command, site.method), command: site.command, hint },
      span: site.span,
    });
  }
}

/** BY or GET options: go-redis `&redis.Sort{By: "w_*"}`, redigo `"BY", "w_*"`, rueidis `.By("w_*")`. */
function readsPatterns(text: string, site: RedisCallSite): boolean {
  const call = text.slice(site.callSpan.startOffset, site.callSpan.endOffset) + (site.receiver.library === 'rueidis' ? text.slice(site.callSpan.endOffset, text.indexOf('\n', site.callSpan.endOffset)) : '');
  return /\b(?:By|Get)\s*:|"(?:BY|GET|by|get)"|\.(?:By|Get)\(/.test(call) || site.args.some((arg) => /\b(?:By|Get)\s*:/.test(heldValue(text, site, arg.text) ?? ''));
}

/** The composite literal a local holds (`opt := &redis.Sort{By: "w_*"}`) assigned earlier in the function. */
function heldValue(text: string, site: RedisCallSite, name: string): string | undefined {
  const fn = site.enclosingFunction;
  if (!fn || !/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const before = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  return new RegExp(`\\b${name}\\s*:?=\\s*(&?[\\w.]+\\{[^}]*\\})`).exec(before)?.[1];
}

export function goSortCommand(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'SORT' && site.command !== 'SORT_RO') continue;
    // A plain SORT of a literal key this file fills only with a few literal items is small by construction.
    if (!readsPatterns(context.model.text, site) && site.args[0] && smallByConstruction(context.model.callSites, site.args[0])) continue;
    context.report({
      messageId: '{{call}} runs {{command}} on {{key}}: it sorts the whole collection on the server (O(N+M·log M)), and BY/GET patterns read keys it does not declare; keep the data in a sorted set and read a page with ZRANGE … LIMIT.',
      data: { call: goMethodFor(site, site.command, site.method), command: site.command, key: shownGoKey(site.args[0]) },
      span: site.span,
    });
  }
}
