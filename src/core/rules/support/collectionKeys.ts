/**
 * Which collection a call's key names, and what the file does to that collection: the "how big is this
 * collection" rules share one per-file model (built once per file model, read by each rule) of key identities,
 * collection types, growth (members that vary per call), caps (trims, or a size check followed by removals),
 * and shapes that are small by construction (one connection's or one time bucket's entries).
 */
import type { Arg, FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp, isParameter, keyRefOf, type KeyRef } from '../../analysis/keyReferences';
import { TRIM_COMMANDS } from './sites';
import { keepsSmallWindow } from '../../analysis/trimWindows';

export { keyRefOf, type KeyRef };

export type CollectionType = 'list' | 'set' | 'sorted set' | 'hash' | 'stream';

const TYPE_BY_COMMAND: Record<string, CollectionType> = {};
for (const [type, commands] of [
  ['list', 'LPUSH RPUSH LPUSHX RPUSHX LRANGE LREM LINSERT LSET LINDEX LTRIM LPOP RPOP BLPOP BRPOP LLEN LMOVE BLMOVE RPOPLPUSH BRPOPLPUSH LPOS LMPOP BLMPOP'],
  ['set', 'SADD SREM SMEMBERS SCARD SISMEMBER SMISMEMBER SPOP SRANDMEMBER SSCAN SMOVE SINTERSTORE SUNIONSTORE SDIFFSTORE'],
  ['sorted set', 'ZADD ZINCRBY ZRANGE ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZREM ZCARD ZREMRANGEBYRANK ZREMRANGEBYSCORE ZPOPMIN ZPOPMAX ZSCAN ZRANK ZSCORE ZUNIONSTORE ZINTERSTORE ZRANGESTORE'],
  ['hash', 'HSET HSETNX HMSET HINCRBY HINCRBYFLOAT HGETALL HKEYS HVALS HDEL HLEN HSCAN'],
  ['stream', 'XADD XRANGE XREVRANGE XTRIM XLEN XDEL'],
] as const) {
  for (const command of commands.split(' ')) TYPE_BY_COMMAND[command] = type;
}

/** Commands that add members to a collection, and where their members start. */
const MEMBER_WRITES: Record<string, number> = { SADD: 1, RPUSH: 1, LPUSH: 1, RPUSHX: 1, LPUSHX: 1, ZADD: 1, ZINCRBY: 2, GEOADD: 1 };
/** Commands that cap a collection at a count (see TRIM_COMMANDS). */
const TRIMS = new Set(TRIM_COMMANDS);
/** A size check compared with more than this is a cap in name only (an index of 10000 keys is still read whole). */
export const SMALL_CAP = 1000;
const SIZE_CHECKS = new Set(['SCARD', 'ZCARD', 'LLEN', 'HLEN', 'XLEN']);
const REMOVALS = new Set(['SREM', 'ZREM', 'HDEL', 'LPOP', 'RPOP', 'LREM', 'XDEL', 'SPOP', 'ZPOPMIN', 'ZPOPMAX', 'LTRIM']);
/** Writes of any kind (a literal key never written by the project is managed elsewhere: its size is not ours to judge). */
const ANY_WRITE = new Set([...Object.keys(MEMBER_WRITES), 'HSET', 'HSETNX', 'HMSET', 'HINCRBY', 'HINCRBYFLOAT', 'XADD', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'SMOVE', 'LINSERT', 'LSET', 'LMOVE', 'RPOPLPUSH', 'BLMOVE', 'BRPOPLPUSH', 'RESTORE', 'COPY', 'RENAME', 'PFADD']);
export const COLLECTION_WRITE_COMMANDS: readonly string[] = [...ANY_WRITE];

/** Field names of a hash that grows per entity (a map keyed by ids), as opposed to an object's fixed fields. */
const ENTITY_FIELD = /(^|[._\s])(id|uid|user\w*|session\w*|token|key|email|ip|visitor\w*|member|device\w*|order\w*|item\w*|sku|slug|url|path)$|[a-z0-9](Id|ID|_id)$/i;



/** The key of a site's first argument. */
export function siteKey(model: FileModel, site: RedisCallSite): KeyRef | undefined {
  return keyRefOf(model, site, site.args[0]);
}

/** Every key of a dict literal is a quoted string or a number (`{'gold': 1, 'silver': 2}`). */
function quotedKeys(text: string): boolean {
  return text.trim().replace(/^\{|\}$/g, '').split(',').every((entry) => !entry.trim() || /^(['"]|\d)/.test(entry.trim()));
}

/**
 * redis-py 2.x took ZINCRBY's member before the amount (`zincrby(name, value, amount=1)`), and code written for it
 * still runs: `r.zincrby('user_ranking', user.id, 1)` increments the member `user.id` by 1. A number literal in the
 * amount slot after a computed argument is read in that order, so the member is the computed one.
 */
function legacyZincrby(site: RedisCallSite): boolean {
  const [, member, amount] = site.args;
  return site.command === 'ZINCRBY' && site.args.length === 3 && amount.value.kind === 'number' && !isLiteral(member, true);
}

function isLiteral(arg: Arg, python: boolean): boolean {
  const value = arg.value;
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null') return !arg.spread;
  if (value.kind === 'array') return value.items.every((item) => isLiteral(item, python));
  // A Python dict's keys are members (`{channel: now}` adds a variable member); a JS object's keys are option names.
  if (value.kind === 'object') return (!python || quotedKeys(arg.text)) && Object.values(value.entries).every((entry) => isLiteral(entry, python));
  return false;
}

/** What the file does to each key (by identity). */
export interface CollectionFacts {
  /** Collection type by key identity, from the commands run on it. */
  types: Map<string, CollectionType>;
  /** Keys written with members or fields that vary per call (ids, values from the caller). */
  growing: Set<string>;
  /** Keys written only with fixed literal members (a demo leaderboard of three medals). */
  fixedMembers: Set<string>;
  /** Keys trimmed (LTRIM, ZREMRANGEBYRANK, XTRIM…) or capped (a size check and removals in one function). */
  capped: Set<string>;
  /** The capped keys pruned to a small limit after a size check (a trim keeps any count, e.g. 1000 entries). */
  smallCapped: Set<string>;
  /** Keys this file writes in any way. */
  written: Set<string>;
  /** Sets only ever filled in one SADD from the caller's list (`sadd(key, *tags)`): a record of that list. */
  snapshots: Set<string>;
}

const factsByModel = new WeakMap<FileModel, CollectionFacts>();

/** The collection facts of a file (one pass over its sites, memoised per file model). */
export function collectionFacts(model: FileModel): CollectionFacts {
  const known = factsByModel.get(model);
  if (known) return known;
  const facts: CollectionFacts = { types: new Map(), growing: new Set(), fixedMembers: new Set(), capped: new Set(), smallCapped: new Set(), written: new Set(), snapshots: new Set() };
  const addedOne = new Set<string>();
  // A member added in one branch and removed in the other (`if resolved: sadd(k, id) else: srem(k, id)`) is a flag
  // on a member of the record, not a member joining: it leaves a set kept from the caller's list a record of it.
  const toggled = new Set<string>();
  for (const site of model.callSites) {
    const key = site.command === 'SREM' && site.args.length === 2 ? siteKey(model, site) : undefined;
    if (key) toggled.add(`${site.enclosingFunction?.span.startOffset ?? -1}|${key.identity}|${site.args[1].text.trim()}`);
  }
  const sizeChecked = new Set<string>();
  const removed = new Set<string>();
  const variableMembers = new Set<string>();
  for (const site of model.callSites) {
    const key = siteKey(model, site);
    if (!key) continue;
    const id = key.identity;
    const type = TYPE_BY_COMMAND[site.command];
    if (type && !facts.types.has(id)) facts.types.set(id, type);
    if (ANY_WRITE.has(site.command)) facts.written.add(id);
    if (TRIMS.has(site.command)) facts.capped.add(id);
    if (keepsSmallWindow(site)) facts.smallCapped.add(id);
    const scope = `${site.enclosingFunction?.span.startOffset ?? -1}|${id}`;
    if ((SIZE_CHECKS.has(site.command) || lengthOfWholeList(model, site)) && smallLimitAfter(model, site)) sizeChecked.add(scope);
    if (REMOVALS.has(site.command)) removed.add(scope);
    const first = MEMBER_WRITES[site.command];
    if (first !== undefined) {
      const python = model.language === 'python';
      const members = python && legacyZincrby(site) ? [site.args[1]] : site.args.slice(first);
      const literal = members.length > 0 && members.every((member) => isLiteral(member, python)) && Object.values(site.keywords).every((keyword) => isLiteral(keyword, python));
      if (literal && (site.command === 'SADD' || site.command === 'ZADD' || site.command === 'ZINCRBY')) facts.fixedMembers.add(id);
      else {
        variableMembers.add(id);
        facts.growing.add(id);
        if (site.command === 'SADD' && members.every((member) => member.spread || /^(\*|\.\.\.)[A-Za-z_$]/.test(member.text.trim()))) facts.snapshots.add(id);
        else if (site.args.length !== 2 || !toggled.has(`${site.enclosingFunction?.span.startOffset ?? -1}|${id}|${site.args[1].text.trim()}`)) addedOne.add(id);
      }
    } else if (site.command === 'XADD') facts.growing.add(id);
    else if ((site.command === 'HSET' || site.command === 'HSETNX' || site.command === 'HINCRBY' || site.command === 'HINCRBYFLOAT') && isEntityField(model, site)) facts.growing.add(id);
    else if ((site.command === 'HSET' || site.command === 'HMSET') && computedEntityEntry(site)) facts.growing.add(id);
    // Removing one entity's field (`hdel(str(guild_id), str(user_id))` when a member leaves) says the hash maps
    // entities to records, however it is filled (a bulk HSET mapping=… from another event).
    else if (site.command === 'HDEL' && isEntityField(model, site, 2)) facts.growing.add(id);
    else if (ANY_WRITE.has(site.command) && site.command !== 'HSET' && site.command !== 'HMSET' && site.command !== 'HSETNX' && site.command !== 'HINCRBY' && site.command !== 'HINCRBYFLOAT') variableMembers.add(id);
  }
  for (const id of variableMembers) facts.fixedMembers.delete(id);
  for (const id of addedOne) facts.snapshots.delete(id);
  for (const scope of sizeChecked) {
    if (!removed.has(scope)) continue;
    facts.capped.add(scope.slice(scope.indexOf('|') + 1));
    facts.smallCapped.add(scope.slice(scope.indexOf('|') + 1));
  }
  factsByModel.set(model, facts);
  return facts;
}

/**
 * `len(r.lrange(k, 0, -1))`, `(await redis.lrange(k, 0, -1)).length`: the length of the whole list, read as its
 * entries and counted on the client, is a size check like LLEN.
 */
function lengthOfWholeList(model: FileModel, site: RedisCallSite): boolean {
  if (site.command !== 'LRANGE' || site.args[1]?.text.trim() !== '0' || site.args[2]?.text.trim() !== '-1') return false;
  if (model.language === 'python') return /\blen\(\s*(?:await\s+)?$/.test(model.text.slice(Math.max(0, site.callSpan.startOffset - 20), site.callSpan.startOffset));
  return /^\s*\)?\s*\.length\b/.test(model.text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 20));
}

/**
 * The size check is compared with a small limit (`if (await r.scard(k) > 100)`, `n = scard(k)` then `n > MAX`
 * where MAX is a small number in this file): the code prunes the collection to that size.
 */
function smallLimitAfter(model: FileModel, site: RedisCallSite): boolean {
  const after = model.text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 200);
  const comparison = /^[^\n]*\n?[^\n]*?(?:>=?|<=?)\s*([\w$.]+)/.exec(after);
  if (!comparison) return false;
  const operand = comparison[1];
  let limit = /^\d[\d_]*$/.test(operand) ? Number(operand.replace(/_/g, '')) : undefined;
  if (limit === undefined) {
    const name = operand.split('.').pop()!;
    const defined = new RegExp(`\\b${escapeRegExp(name)}\\s*[:=]\\s*(\\d[\\d_]*)\\b`).exec(model.text);
    if (defined) limit = Number(defined[1].replace(/_/g, ''));
  }
  return limit !== undefined && limit <= SMALL_CAP;
}

/** An HSET (or, with `minArgs` 2, an HDEL) whose field is computed and named like an id: a map that grows per entity. */
function isEntityField(model: FileModel, site: RedisCallSite, minArgs = 3): boolean {
  const field = site.args[1];
  if (!field || site.args.length < minArgs || site.keywords.mapping) return false;
  if (field.value.kind === 'pattern') return true;
  if (field.value.kind !== 'name' && field.value.kind !== 'unknown') return false;
  const text = field.text.trim();
  // A field taken from a record's own entries (`for k, v in data.items()`) is one of the record's fields.
  if (site.loop && /^[A-Za-z_$][\w$]*$/.test(text) && new RegExp(`\\b${escapeRegExp(text)}\\b[^\\n]*\\b(in\\s+[\\w.]+\\.items\\(\\)|of\\s+Object\\.entries\\()`).test(model.text.slice(site.loop.span.startOffset, site.callSpan.startOffset))) return false;
  return ENTITY_FIELD.test(fieldNaming(text));
}

/**
 * `hmset(key, { [roomId]: JSON.stringify(room) })`: a JS object of one entry whose name is computed and named like an
 * id is one field per entity, as `hset(key, roomId, …)` is. Objects of written names (`{ name, score }`) are a record.
 */
function computedEntityEntry(site: RedisCallSite): boolean {
  const entries = site.args.length === 2 ? /^\{\s*\[([^\]]+)\]\s*:[^]*\}$/.exec(site.args[1].text.trim()) : null;
  return !!entries && ENTITY_FIELD.test(fieldNaming(entries[1])) && !/^\{[^]*,\s*(?:[A-Za-z_$][\w$]*|(["'])[^"']*\1)\s*:/.test(site.args[1].text.trim());
}

/**
 * What names a computed field: conversions looked through and subscripts read as attributes, so
 * `str(int(payload["user"]["id"]))` is named like `payload.user.id` (one field per user id).
 */
function fieldNaming(text: string): string {
  let value = text.trim();
  for (;;) {
    const conversion = /^(?:str|String|int|Number|float)\((.*)\)$/.exec(value);
    // Only a call that wraps the whole text (`str(a) + str(b)` is two calls, not one conversion).
    if (!conversion || !balanced(conversion[1])) break;
    value = conversion[1].trim();
  }
  return value.replace(/\[\s*(["'])([\w$]+)\1\s*\]/g, '.$2');
}

/** Every parenthesis of the text closes one opened before it. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Keys that live and die with one connection or socket (the rooms one socket joined): small by construction.
 */
export function isConnectionScoped(key: KeyRef, namingOnly = false): boolean {
  return /socket|connection|\bconn(Id|_id)?\b|connId|conn_id/i.test(`${namingOnly ? socketPointees(keyNaming(key.source)) : key.source} ${key.pattern ?? ''}`);
}

/**
 * A socket's property other than its own id (`socket.pos + 'chat'`, `socket.room`) holds what the socket points at,
 * the room it sits in, whose chat list outlives the connection: only the property names the key.
 */
function socketPointees(source: string): string {
  return source.replace(/\b(?:[A-Za-z_$][\w$]*)?socket\.(?!(?:id|sid|socketId|connId|connectionId)\b)([A-Za-z_$][\w$]*)/gi, '$1');
}

/**
 * What names the key in its expression: a key builder's receiver (`this.connection.key('queue', q)`,
 * `self.conn.key(...)`) is how the code reaches the builder, not what the key holds. DEL reads only this part.
 */
function keyNaming(source: string): string {
  return source.replace(/(?:[A-Za-z_$][\w$]*\.)+(?=[A-Za-z_$][\w$]*\s*\()/g, '');
}

/** Keys of one time bucket (a minute's schedule list, a day's counter set): they hold one period's entries. */
export function isTimeBucket(key: KeyRef): boolean {
  return /time_?key|timeKey|minute|(^|[_:.])(bucket|slot)s?([_:.]|$)/i.test(`${key.source} ${key.pattern ?? ''}`);
}

/**
 * A thin helper that passes its caller's key straight to the command and returns the reply
 * (`def get_set(self, key): return r.smembers(key)`) and that nothing in this file calls: how big the
 * collection is depends on callers we do not see.
 */
export function isUncalledPassThrough(model: FileModel, site: RedisCallSite, key: KeyRef): boolean {
  const fn = site.enclosingFunction;
  if (!key.parameter || !fn) return false;
  const body = afterParameters(model.text.slice(fn.span.startOffset, fn.span.endOffset));
  // Thin: no branching or looping, a few code lines besides comments, docstrings and error handling.
  // A docstring's lines (`@param table:`, a summary) are documentation, however many there are; so are the
  // lines of a parameter list written one parameter a line.
  const lines = body.replace(/("""|''')[\s\S]*?\1/g, '').split('\n').slice(1);
  const code = lines.filter((line) => /[\w$]/.test(line) && !/^\s*(#|\/\/|\*|\/\*|"""|'''|try\b|except\b|catch\b|finally\b|\}\s*catch\b)/.test(line));
  const before = model.text.slice(Math.max(fn.span.startOffset, site.expressionSpan.startOffset - 80), site.expressionSpan.startOffset);
  // The variable the reply lands in (`let res = await r.lrange(…)`, `res = await r.lrange(…)`).
  const held = /(?:^|[\s;])(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?$/.exec(before.split('\n').pop() ?? '')?.[1];
  // Decoding that reply when the caller asks (`if (json && res) res = JSON.parse(res);`) hands on the same collection.
  const decodesReply = (line: string) => !!held && new RegExp(`^\\s*if\\b[^\\n]*[):]\\s*${escapeRegExp(held)}\\s*=[^=][^\\n]*\\b${escapeRegExp(held)}\\b`).test(line);
  if (code.length > 5 || lines.some((line) => /^\s*(if|for|while|switch)\b/.test(line) && !decodesReply(line))) return false;
  const after = model.text.slice(site.expressionSpan.endOffset, Math.min(fn.span.endOffset, site.expressionSpan.endOffset + 400));
  const returned = /\breturn\s*(\(?\s*await\s+)?[^\n]*$/.test(before) || (/^\s*(?:const|let|var)?\s*(\w+)\s*=\s*(await\s+)?$/.test(before.split('\n').pop() ?? '') && /\breturn\b/.test(after));
  // A pipeline builder's method queues the command and returns itself: the reply reaches the caller's exec().
  const chained = /^[^\n]*\n\s*return\s+(?:this|self)\b/.test(after);
  if (!returned && !chained && !handsReplyToCallback(model, site)) return false;
  const name = fn.name;
  if (!name || name === '<anonymous>') return true;
  // Calls outside the helper itself (its own text holds its definition and the Redis call of the same name).
  // Commented-out code (`// return this.deleteByKey(key);`) calls nothing.
  const outside = withoutCommentLines(model.text.slice(0, fn.span.startOffset) + '\n' + model.text.slice(fn.span.endOffset), model.language === 'python');
  // A call is `name(…)` or `self.name(…)` / `this.name(…)`; `r.delete(…)` on a client is not one, nor is the
  // definition of a method of the same name in another class of the file (an adapter and its pipeline twin).
  const calls = outside.matchAll(new RegExp(`(?:(?<![\\w$.])|\\b(?:self|this|cls)\\.)${escapeRegExp(name)}\\s*\\(`, 'g'));
  return ![...calls].some((call) => !isMethodDefinition(outside, call.index!, call[0].length));
}

/** The text with every line that is only a comment blanked (`#` in Python; `//`, `/*`, ` *` elsewhere), keeping its length. */
function withoutCommentLines(text: string, python: boolean): string {
  // `#` starts a comment in Python only (a JS line may open with a private field, `#cache = …`).
  return text.replace(python ? /^[ \t]*#[^\n]*/gm : /^[ \t]*(?:\/\/|\/\*|\*)[^\n]*/gm, (line) => ' '.repeat(line.length));
}

/** A function's text from the end of its parameter list (its header line stays the first line). */
function afterParameters(text: string): string {
  const open = text.indexOf('(');
  if (open < 0) return text;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(0, open) + text.slice(i + 1);
  }
  return text;
}

/** What callbacks are called (`cb`, `callback`, `done`, `next`, `replyCallback`). */
const CALLBACK_NAME = /^(?:cb|callback|done|next|fn|[A-Za-z_$][\w$]*(?:Callback|Cb))$/;

/**
 * A callback-style wrapper: the call is the function's statement and its last argument is the function's own
 * callback parameter (`smembers(key, cb) { this.client.smembers(key, cb); }`), so the reply goes to the caller.
 * A wrapper that drops the reply (`lrem(key, count, value)` called for its effect) is not one.
 */
function handsReplyToCallback(model: FileModel, site: RedisCallSite): boolean {
  const last = site.args[site.args.length - 1]?.text.trim();
  if (!last || site.args.length < 2 || !CALLBACK_NAME.test(last) || !isParameter(model, site, last)) return false;
  const lineStart = model.text.lastIndexOf('\n', site.expressionSpan.startOffset - 1) + 1;
  return /^\s*(?:await\s+)?$/.test(model.text.slice(lineStart, site.expressionSpan.startOffset));
}

/** `name(` at `index` opens a method definition (`name(key: string): T {`, `async name(…) {`), not a call. */
function isMethodDefinition(text: string, index: number, length: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  if (!/^\s*(?:(?:public|private|protected|static|async|override)\s+)*$/.test(text.slice(lineStart, index))) return false;
  let depth = 0;
  for (let i = index + length - 1; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return /^\s*(?::[^{;=]+)?\{/.test(text.slice(i + 1, i + 200));
  }
  return false;
}
