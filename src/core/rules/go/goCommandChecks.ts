/**
 * Go versions of the rules that judge one command at a time (KEYS, whole-collection reads, DEL of collections,
 * FLUSH*, admin commands, linear list operations, XADD without MAXLEN), in each Go client's idiom; the lock rules
 * are in goLockChecks.ts.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';
import { fix, insertAt, replace } from '../support/edits';
import type { RuleContext } from '../rule';
import { goCallText, goClientText, goMethodFor, isNumber, keyFromParameter, keyOf, shownGoKey, upperString } from './goSupport';
import { COLLECTION_WRITES, commandNamedWrapper, localKey, participantRegistry, passThroughWrapper, readByFieldNames, recordHashOfFile, recordHashOfPackage, recordPerLoopItem, refilledAfterReset, resetToFewMembers } from './goCollectionShapes';
import { streamKeptShort } from './goStreamUpkeep';
import { deletesDrainedKey, drainedHelperCalls, pagedThroughWhole } from './goDrainedDeletes';
import { wrapperWholeRanges } from './goWrapperWholeRanges';
import { builderReturn, recentWindow, scannedIntoStruct, stopSetToWhole } from './goWholeReadShapes';
import { keptSmallOnWrite } from './goCappedCollections';
import { keepsSmallWindow } from '../../analysis/trimWindows';
import { isOneUsersOwn } from '../support/userOwnedKeys';
import { formatCallAsTemplate, isOwnerMembership } from '../support/ownerMemberships';
import { keyPatternOf } from '../../analysis/argumentValues';
import { boundExpression, keyBuilderFamily } from './goKeyBuilders';

const SCAN_HELPER = (redisPackage: string) => `

// scanKeys collects the keys matching pattern with SCAN, which does not block Redis the way KEYS does.
func scanKeys(ctx context.Context, rdb ${redisPackage}.Cmdable, pattern string) ([]string, error) {
	var keys []string
	iter := rdb.Scan(ctx, 0, pattern, 500).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	return keys, iter.Err()
}
`;

/** go-redis `x.Keys(ctx, p).Result()` → `scanKeys(ctx, x, p)` plus the helper once per file. */
function goRedisScanFix(context: RuleContext, site: RedisCallSite): Fix | undefined {
  const { text } = context.model;
  if (site.receiver.library !== 'go-redis' || site.batched || site.args.length !== 1) return undefined;
  const after = text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 9);
  if (after !== '.Result()') return undefined;
  const call = text.slice(site.callSpan.startOffset, site.callSpan.endOffset);
  const context0 = /\.Keys\(\s*([^,]+),/.exec(call)?.[1];
  const redisPackage = [...context.model.importedModules].some((m) => /go-redis|redis\.v/.test(m)) ? /^\s*(\w+)\s+"github\.com\/(?:go-redis\/redis|redis\/go-redis)/m.exec(text)?.[1] ?? 'redis' : undefined;
  if (!context0 || !redisPackage || !/\bcontext\b/.test(text)) return undefined;
  const edits = [replace(spanFromOffsets(text, site.callSpan.startOffset, site.callSpan.endOffset + 9), `scanKeys(${context0.trim()}, ${site.receiver.text}, ${site.args[0].text})`)];
  if (!/\nfunc scanKeys\(/.test(text)) edits.push(insertAt(text.length, SCAN_HELPER(redisPackage).replace(/\n$/, text.endsWith('\n') ? '\n' : '')));
  return fix('Replace KEYS with a SCAN loop in a scanKeys helper', false, edits);
}

function scanAlternative(site: RedisCallSite): string {
  const pattern = shownGoKey(site.args[0]);
  if (site.receiver.library === 'redigo') return `SCAN with a cursor (\`redis.Values(conn.Do("SCAN", cursor, "MATCH", ${pattern}, "COUNT", 500))\`)`;
  if (site.receiver.library === 'rueidis') return `\`B().Scan().Cursor(c).Match(${pattern}).Count(500)\` in a loop`;
  return `\`${site.receiver.text}.Scan(ctx, cursor, ${pattern}, 500).Iterator()\``;
}

export function goKeysCommand(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'KEYS') continue;
    const scan = goRedisScanFix(context, site);
    context.report({
      messageId: 'KEYS {{pattern}} scans every key and blocks the server while it runs; iterate with {{alternative}}.',
      data: { pattern: shownGoKey(site.args[0]), alternative: scanAlternative(site) },
      span: site.span,
      fixes: scan ? [scan] : undefined,
    });
  }
}

const WHOLE = new Set(['HGETALL', 'HKEYS', 'HVALS', 'SMEMBERS']);
const RANGES = new Set(['LRANGE', 'ZRANGE', 'ZREVRANGE']);
const BY_SCORE = new Set(['ZRANGEBYSCORE', 'ZREVRANGEBYSCORE']);

function wholeRange(site: RedisCallSite, text?: string): boolean {
  if (site.receiver.library === 'rueidis') {
    const stop = site.keywords.stop;
    return !!stop && (isNumber(stop, -1) || stop.text === '"-1"');
  }
  const [, start, stop] = site.args;
  return isNumber(start, 0) && (isNumber(stop, -1) || stop?.text === '"-1"' || (text !== undefined && stopSetToWhole(text, site, stop?.text.trim())));
}

/** A hash per entity (`user:<id>`, `cw:app:20000`): a handful of fixed fields, not a growing collection. */
function objectHash(site: RedisCallSite): boolean {
  const key = keyOf(site.args[0]) ?? '';
  return /[:_-](\*|\d{3,}|[0-9a-f]{16,})$/i.test(key);
}

/** The paged read of a whole collection in the client's own spelling (`rdb.SScan(ctx, key, cursor, "", 500).Iterator()`). */
function pagedRead(site: RedisCallSite): string {
  const scan = site.command === 'SMEMBERS' ? 'SSCAN' : site.command.startsWith('H') ? 'HSCAN' : undefined;
  const key = site.args[0]?.text ?? 'key';
  const client = goClientText(site);
  if (!scan) {
    if (site.receiver.library === 'redigo') return `a bounded range (\`${client}.Do("${site.command}", ${key}, start, start+99)\` in pages)`;
    if (site.receiver.library === 'rueidis') return `a bounded range (\`.Start(start).Stop(start + 99)\` in pages)`;
    return `a bounded range (\`${client}.${site.method}(ctx, ${key}, start, start+99)\` in pages)`;
  }
  if (site.receiver.library === 'redigo') return `${scan} (\`redis.Values(${client}.Do("${scan}", ${key}, cursor, "COUNT", 500))\` until the cursor is 0)`;
  if (site.receiver.library === 'rueidis') return `${scan} (\`${client}.B().${scan[0]}scan().Key(${key}).Cursor(c).Count(500)\` until the cursor is 0)`;
  return `${scan} (\`${client}.${scan[0]}Scan(ctx, ${key}, 0, "", 500).Iterator()\`)`;
}

export function goUnboundedCollectionRead(context: RuleContext): void {
  for (const site of context.model.callSites) {
    let reason: string | undefined;
    if (WHOLE.has(site.command) && site.command !== 'SMEMBERS' && objectHash(site)) continue;
    if (WHOLE.has(site.command) && (participantRegistry(site) || recordPerLoopItem(context.model.text, site) || readByFieldNames(context.model.text, site) || scannedIntoStruct(context.model.text, site))) continue;
    if (WHOLE.has(site.command) && site.command !== 'SMEMBERS' && (recordHashOfFile(context.model.callSites, site.args[0]) || recordHashOfPackage(context, site))) continue;
    if (WHOLE.has(site.command) && resetToFewMembers(context.model.callSites, keyOf(site.args[0]))) continue;
    if (WHOLE.has(site.command)) reason = site.command === 'SMEMBERS' ? 'reads the whole set' : 'reads the whole hash';
    else if (RANGES.has(site.command) && wholeRange(site, context.model.text)) reason = 'reads the whole collection (0 to -1)';
    else if (BY_SCORE.has(site.command)) {
      // The ZRangeBy options may be built in a variable first (`opt := &redis.ZRangeBy{Min: "-inf", Max: "+inf"}`).
      const options = site.args.map((a) => heldStructLiteral(context.model.text, site, a.text) ?? a.text).join(' ');
      if (/\+inf|"\+inf"|Max:\s*"\+inf"/.test(options) && !/Count:|Offset:|LIMIT/i.test(options) && !recentWindow(options)) reason = 'reads every member up to +inf without a limit';
    }
    if (reason && keptSmallOnWrite(context.model.text, context.model.callSites, site)) continue;
    const keyIsParameter = !!reason && keyFromParameter(context.model.text, site, site.args[0]);
    if (!reason || passThroughWrapper(context.model.text, site, keyIsParameter) || commandNamedWrapper(site, keyIsParameter)) continue;
    // One owner's membership (a user's sessions, a cart) is as large as what one owner has: the definition the
    // Python and JavaScript checks apply, read from the Go key expression.
    if (!keyIsParameter && goOwnerMembership(context.model.text, site)) continue;
    const paged = pagedRead(site);
    context.report({
      messageId: '{{call}} {{reason}} of {{key}} in one reply: it grows with the data and blocks the server while it is built; page it with {{paged}}.',
      data: { call: goCallText(site), reason, key: shownGoKey(site.args[0]), paged },
      span: site.span,
    });
  }
  if (context.model.callSites.length) for (const call of wrapperWholeRanges(context)) {
    context.report({ messageId: '{{method}}({{key}}, 0, -1) asks the project\'s range wrapper for the whole collection in one reply: it grows with the data and blocks the server while it is built; page it with a bounded range.', data: { method: call.method, key: call.key }, span: call.span });
  }
}

/** The read's key, or what its local name was last given before the call (`key := fmt.Sprintf("cart:%s", userID)`), names one owner's membership. */
function goOwnerMembership(text: string, site: RedisCallSite): boolean {
  const arg = site.args[0];
  if (!arg) return false;
  let expression = arg.text.trim();
  const fn = site.enclosingFunction;
  if (/^[A-Za-z_]\w*$/.test(expression) && fn) {
    const body = text.slice(Math.max(fn.span.startOffset, site.callSpan.startOffset - 4000), site.callSpan.startOffset);
    const assigned = [...body.matchAll(new RegExp(`(?:^|[^\\w.])${expression}\\s*:?=(?!=)[ \\t]*([^\\n]+)`, 'g'))].pop()?.[1];
    if (assigned) expression = assigned.trim();
  }
  expression = builderReturn(text, expression) ?? expression;
  const ref = formatCallAsTemplate(expression);
  return isOwnerMembership({ ...ref, source: prefixConstantsAsText(ref.source), pattern: ref.pattern ?? (expression === arg.text.trim() ? keyPatternOf(arg) : undefined) }, site.command);
}

/**
 * A key prefix constant in a template (`"{keys.CartKeyPrefix}{userID}"`, from `fmt.Sprintf("%s%d", keys.CartKeyPrefix,
 * userID)`) is the key's fixed part, often declared in another package: its name says what the key holds (`cart:`),
 * where any other name in braces is an id.
 */
function prefixConstantsAsText(source: string): string {
  return source.replace(/\{(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*?)_?(?:key)?_?prefix\}/gi, (_, stem: string) => `${stem}:`);
}

/** Parameter names any thin wrapper gives its caller's key: they name no particular collection. */
const GENERIC_KEY_NAMES = /^(key|keys|k|name|id|field|member|value|val|str|s|item|target|dest|src|source|prefix|pattern)$/i;

/** Commands on string keys: a key builder used with them makes more than collection keys. */
const STRING_COMMANDS = new Set(['SET', 'SETEX', 'PSETEX', 'SETNX', 'GET', 'GETSET', 'GETDEL', 'GETEX', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'APPEND', 'STRLEN']);

export function goDelLargeKey(context: RuleContext): void {
  const { text } = context.model;
  // Key → the functions (by start offset) that fill it element by element.
  const collections = new Map<string, Set<number | undefined>>();
  // A key a builder function of the file makes (`key := s.roomKey(id)`) is that builder's family of keys.
  const family = (site: RedisCallSite, arg: Arg | undefined) => (keyPatternOf(arg) === undefined ? keyBuilderFamily(text, site, arg) : undefined);
  // Keys that a function fills member by member through a parameter of that name (`SetMembers(ctx, leaderboard
  // string, …)` ZADDs to leaderboard): another function's parameter of the same, specific name names the same
  // collection. A hash set field by field through a parameter is rather one record (a session's values).
  const filledThroughParameter = new Set<string>();
  for (const site of context.model.callSites) if (COLLECTION_WRITES.has(site.command)) {
    for (const key of [family(site, site.args[0]), keyOf(site.args[0])]) if (key) collections.set(key, (collections.get(key) ?? new Set()).add(site.enclosingFunction?.span.startOffset));
    const named = site.args[0]?.text.trim() ?? '';
    if (!site.command.startsWith('H') && site.command !== 'PFADD' && /^[A-Za-z_]\w*$/.test(named) && !GENERIC_KEY_NAMES.test(named) && keyFromParameter(text, site, site.args[0])) filledThroughParameter.add(named);
  }
  // A builder that also makes keys the file uses as strings prefixes any key (`wrapJwtKey(uuid)` for tokens,
  // `wrapJwtKey(user)` for a user's token set): its calls name no one collection.
  for (const site of context.model.callSites) if (STRING_COMMANDS.has(site.command)) {
    const built = family(site, site.args[0]);
    if (built) collections.delete(built);
    // Likewise a parameter name the file also GETs and SETs through (`Get(collection string)` next to
    // `RPush(collection string, …)` of a command-by-command wrapper) names whatever key each caller passes.
    const named = site.args[0]?.text.trim() ?? '';
    if (filledThroughParameter.has(named) && keyFromParameter(text, site, site.args[0])) filledThroughParameter.delete(named);
  }
  for (const site of context.model.callSites) {
    if (site.command !== 'DEL' || participantRegistry(site)) continue;
    const fn = site.enclosingFunction?.span.startOffset;
    // A key the caller passes in is the collection filled here only when this function fills it too.
    const filled = (arg: Arg): boolean => {
      const built = family(site, arg);
      if (built && collections.has(built)) return true;
      const writers = collections.get(keyOf(arg) ?? '');
      if (writers && filledThroughParameter.has(arg.text.trim()) && keyFromParameter(text, site, arg)) return true;
      return !!writers && (!(keyFromParameter(text, site, arg) || localKey(text, site, arg)) || writers.has(fn));
    };
    const key = site.args.find(filled);
    if (key && site.args.length === 1 && refilledAfterReset(context.model.callSites, site, keyOf(key) ?? '')) continue;
    const elsewhere = !key && site.args[0] && !keyFromParameter(text, site, site.args[0]) && context.workspaceKeys?.hasCommandOnKey([...COLLECTION_WRITES], keyOf(site.args[0]) ?? '');
    const drained = !key && !elsewhere && deletesDrainedKey(context, site, (read) => drainingRead(read) || pagedThroughWhole(text, context.model.callSites, read));
    if (!key && !elsewhere && !drained) continue;
    // One user's own collection (the rooms a user is in) frees at once, unless the file keeps it at a wide window.
    const deleted = key ?? site.args[0];
    // A local bound to a key builder's call (`key := r.cartKey(userID)`) is read with that call and what the builder
    // returns: the owner's id is in the call, what the key holds may only be in the builder's prefix constant.
    const local = deleted.text.trim();
    const bound = /^[A-Za-z_]\w*$/.test(local) ? boundExpression(text, site, local) : undefined;
    const built = bound ? `${bound} ${builderReturn(text, bound) ?? ''}` : '';
    if (!drained && isOneUsersOwn(`${deleted.text} ${keyOf(deleted) ?? ''} ${family(site, deleted) ?? ''} ${built}`) && !trimmedWide(context.model.callSites, keyOf(deleted))) continue;
    const fixes: Fix[] = [];
    if (site.receiver.library === 'go-redis' && site.method === 'Del') fixes.push(fix('Use UNLINK (frees the memory in the background)', true, [replace(site.span, 'Unlink')]));
    // rueidis: `B().Del().Key(k)` → `B().Unlink().Key(k)`, the same key steps.
    if (site.receiver.library === 'rueidis' && site.method === 'Del') fixes.push(fix('Use UNLINK (frees the memory in the background)', true, [replace(site.span, 'Unlink')]));
    if (site.receiver.library === 'redigo') {
      const at = context.model.text.indexOf('"DEL"', site.callSpan.startOffset);
      if (at > 0 && at < site.callSpan.endOffset) fixes.push(fix('Use UNLINK (frees the memory in the background)', true, [replace(spanFromOffsets(context.model.text, at, at + 5), '"UNLINK"')]));
    }
    context.report({
      messageId: 'DEL of {{key}}, a collection this {{how}}, frees it on the server\'s main thread (seconds for millions of elements); use {{unlink}}.',
      data: { key: shownGoKey(site.args[0]), how: drained ? 'function has just read whole' : 'code fills element by element', unlink: goMethodFor(site, 'UNLINK', 'Unlink') },
      span: site.span,
      fixes,
    });
  }
  for (const call of drainedHelperCalls(context, drainingRead)) {
    context.report({ messageId: '{{helper}}() sends DEL of {{key}}, a collection this function has just read whole, which frees it on the server\'s main thread (seconds for millions of members); delete it with UNLINK.', data: { helper: call.helper, key: call.key }, span: call.span });
  }
}

/** The file trims the key, but to more than a small window (`LTrim(ctx, key, 0, 999)`) or to a length held in a variable. */
function trimmedWide(sites: readonly RedisCallSite[], key: string | undefined): boolean {
  return !!key && sites.some((site) => (site.command === 'LTRIM' || site.command === 'ZREMRANGEBYRANK') && keyOf(site.args[0]) === key && !keepsSmallWindow(site));
}

/** A whole read of a list, set or sorted set: what a function drains before deleting the key (see goDrainedDeletes). */
function drainingRead(site: RedisCallSite): boolean {
  return site.command === 'SMEMBERS' || (RANGES.has(site.command) && wholeRange(site));
}

/**
 * The function exists for the tests: its name says so (`flushForTest`, `resetTestDB`) or its doc comment does
 * (`// flushDb flushes the redis database to reset everything, used in tests`).
 */
function testOnlyFunction(text: string, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  // A word of the camel-case name, not a substring (`resetLatest` is no test helper).
  if (fn.name.split(/_|(?=[A-Z])/).some((word) => /^tests?$/i.test(word))) return true;
  const before = text.slice(0, fn.span.startOffset).split('\n');
  before.pop();
  const doc: string[] = [];
  while (before.length && /^\s*\/\//.test(before[before.length - 1])) doc.unshift(before.pop()!);
  return /\b(?:used|only|meant)\s+(?:in|for|by)\s+(?:the\s+)?(?:unit\s+|integration\s+)?tests?\b|\bfor\s+(?:the\s+)?tests?\b|\btesting\s+only\b/i.test(doc.join(' '));
}

export function goFlushInAppCode(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'FLUSHALL' && site.command !== 'FLUSHDB') continue;
    if (testOnlyFunction(context.model.text, site)) continue;
    context.report({ messageId: '{{command}} wipes {{what}} and blocks the server while it runs; application code should delete only its own keys.', data: { command: site.command, what: site.command === 'FLUSHALL' ? 'every database' : 'the whole database' }, span: site.span });
  }
}

const ADMIN = new Set(['CONFIG SET', 'CONFIG REWRITE', 'CONFIG RESETSTAT', 'CLUSTER RESET', 'CLUSTER FAILOVER', 'MODULE LOAD', 'MODULE UNLOAD', 'ACL SETUSER', 'ACL DELUSER', 'CLIENT KILL', 'SCRIPT FLUSH', 'FUNCTION FLUSH', 'DEBUG OBJECT', 'DEBUG SLEEP', 'DEBUG SEGFAULT', 'DEBUG RELOAD', 'SHUTDOWN']);

export function goAdminCommandInApp(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (!ADMIN.has(site.command)) continue;
    context.report({ messageId: '{{command}} is an administration command: application code should not change the server (managed services refuse it); set it in redis.conf or your provisioning.', data: { command: site.command }, span: site.span });
  }
}

/** How each Go client caps a stream as it adds to it. */
const STREAM_CAPS: Record<string, string> = {
  'go-redis': '`MaxLen: 100000, Approx: true` in XAddArgs',
  rueidis: '`.Maxlen().Almost().Threshold("100000")` after `.Key(…)`',
  redigo: '`"MAXLEN", "~", 100000` before the ID',
};

/** The stream an XADD writes: go-redis names it in the `Stream:` field of its XAddArgs. */
function streamKey(site: RedisCallSite): string {
  const field = site.receiver.library === 'go-redis' ? /\bStream:\s*([^,\n}]+)/.exec(site.args[0]?.text ?? '')?.[1]?.trim() : undefined;
  return field ?? shownGoKey(site.args[0]);
}

/**
 * The stream is the one the request names: a field of a request-model parameter (`req.Key` of `req model.KeyReq`)
 * or a form/query value read in the function (`key := c.PostForm("key")`). A key browser writes where its user
 * points; the stream is not one the code owns and keeps growing.
 */
function streamNamedByRequest(text: string, site: RedisCallSite, stream: string): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  const field = /^([A-Za-z_]\w*)\.\w+$/.exec(stream)?.[1];
  const header = text.slice(fn.span.startOffset, text.indexOf('{', fn.span.startOffset));
  if (field && new RegExp(`[(,]\\s*${field}\\s+\\*?[\\w.]*(?:Req|Request|Form|Input|Params|Body)\\b`).test(header)) return true;
  return /^[A-Za-z_]\w*$/.test(stream) && new RegExp(`\\b${stream}\\s*:?=\\s*\\w+\\.(?:PostForm|DefaultPostForm|Query|DefaultQuery|Param|FormValue|PostFormValue)\\(`).test(functionText(text, site));
}

/** The text of the function around a call, up to the call. */
function functionText(text: string, site: RedisCallSite): string {
  return text.slice(site.enclosingFunction?.span.startOffset ?? 0, site.callSpan.startOffset);
}

/**
 * The struct literal a variable argument holds (`args := &redis.XAddArgs{…}` … `XAdd(ctx, args)`): its last
 * assignment before the call in the same function, braces balanced.
 */
function heldStructLiteral(text: string, site: RedisCallSite, name: string): string | undefined {
  if (!/^\w+$/.test(name)) return undefined;
  const before = functionText(text, site);
  let found: RegExpExecArray | undefined;
  for (const match of before.matchAll(new RegExp(`\\b${name}\\s*:?=\\s*&?[\\w.]+\\{`, 'g'))) found = match as RegExpExecArray;
  if (!found) return undefined;
  let depth = 0;
  for (let i = found.index! + found[0].length - 1; i < before.length; i++) {
    if (before[i] === '{') depth++;
    else if (before[i] === '}' && --depth === 0) return before.slice(found.index!, i + 1);
  }
  return undefined;
}

export function goStreamWithoutMaxlen(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'XADD') continue;
    const text = site.args.map((a) => heldStructLiteral(context.model.text, site, a.text) ?? a.text).join(' ');
    // Options built apart and changed before the call (`args.MaxLen = n`) are capped too.
    if (site.receiver.library === 'go-redis' && site.args.some((a) => /^\w+$/.test(a.text) && new RegExp(`\\b${a.text}\\.(MaxLen|MinID)\\s*=`).test(functionText(context.model.text, site)))) continue;
    if (site.receiver.library === 'go-redis' && /MaxLen|MaxLenApprox|MinID|Limit/.test(text)) continue;
    if (site.receiver.library === 'rueidis' && (site.keywords.maxlen || site.keywords.minid)) continue;
    if (site.receiver.library === 'redigo' && site.args.some((a) => upperString(a) === 'MAXLEN' || upperString(a) === 'MINID')) continue;
    if (site.receiver.library === 'go-redis' && !/XAddArgs/.test(text)) continue;
    if (streamNamedByRequest(context.model.text, site, streamKey(site))) continue;
    if (streamKeptShort(context.model.callSites, streamKey(site))) continue;
    context.report({ messageId: 'XADD to {{key}} without MAXLEN or MINID: the stream keeps every entry forever; cap it ({{cap}}).', data: { key: streamKey(site), cap: STREAM_CAPS[site.receiver.library] ?? STREAM_CAPS.redigo }, span: site.span });
  }
}
