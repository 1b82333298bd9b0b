/**
 * Shapes of Go keys and collections that stay small however much data the application holds, for
 * unbounded-collection-read and del-large-key: registries of the deployment's own participants, object hashes read
 * one per listed entity, and keys held in a function's own local variable.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { keyPatternOf } from '../../analysis/argumentValues';
import { keyOf } from './goSupport';
import { escapeRegExp } from '../../analysis/keyReferences';
import { goHashFamily, writesFixedFields } from '../../analysis/go/goRecordHashes';
import type { RuleContext } from '../rule';
import { nameWords } from '../../analysis/nameWords';

/** Plural names of what a deployment runs: a set or hash of them has one entry per process, node or queue. */
const PARTICIPANTS = new Set(['workers', 'processes', 'pools', 'nodes', 'servers', 'hosts', 'instances', 'consumers', 'connections', 'queues', 'shards', 'replicas']);

/**
 * The key names a registry of the deployment's participants (`workerPoolsKey`, `NodesKey`, `queuesKey`,
 * `connectionsKey`): one member per running process, node or queue name, bounded by the deployment, not the data.
 */
export function participantRegistry(site: RedisCallSite): boolean {
  return nameWords(site.args[0]?.text ?? '').some((word) => PARTICIPANTS.has(word));
}

/**
 * An HGETALL whose reply the function reads only by literal field names (`job, err := rdb.HGetAll(ctx, key).Result()`
 * then `job["name"]`, `job["processedOn"]`, `len(job) == 0`; redigo `m, err := redis.StringMap(c.Do("HGETALL", k))`):
 * the code knows every field it wants, so the hash is one record's fields. A reply ranged over, indexed by a
 * computed field, returned or handed on is read as the collection it may be.
 */
export function readByFieldNames(text: string, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (site.command !== 'HGETALL' || !fn) return false;
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset - 1) + 1;
  const reply = /(?:^|[\s;])([A-Za-z_]\w*)\s*(?:,\s*[A-Za-z_]\w*\s*)?:?=\s*(?:redis\.\w+\(\s*)?$/.exec(text.slice(lineStart, site.callSpan.startOffset))?.[1];
  if (!reply || reply === '_') return false;
  const rest = text.slice(site.callSpan.endOffset, fn.span.endOffset);
  let fields = 0;
  for (const use of rest.matchAll(new RegExp(`\\b${escapeRegExp(reply)}\\b`, 'g'))) {
    const at = use.index!;
    if (rest[at - 1] === '.') continue;
    const after = rest.slice(at + reply.length);
    if (/^\s*\[\s*("[^"\n]*"|`[^`]*`)\s*\]/.test(after)) fields++;
    else if (!(/len\(\s*$/.test(rest.slice(Math.max(0, at - 8), at)) && /^\s*\)/.test(after))) return false;
  }
  return fields > 0;
}

/**
 * An HGETALL whose key is the item of the enclosing range loop, or built from it (`key := heartbeatKey(ns, id)`):
 * the code lists entities and reads each one's record, a hash of the entity's fields, not a growing collection.
 */
export function recordPerLoopItem(text: string, site: RedisCallSite): boolean {
  if (site.command !== 'HGETALL') return false;
  const loop = site.loop?.span;
  if (!loop) return false;
  // `for _, id := range ids {`: the names the range binds.
  const header = /^for\s+([\w\s,]+?)\s*:?=\s*range\b/.exec(text.slice(loop.startOffset, loop.endOffset));
  const items = (header?.[1].split(',') ?? []).map((name) => name.trim()).filter((name) => name && name !== '_');
  const key = site.args[0]?.text.trim() ?? '';
  if (!items.length || !/^[A-Za-z_]\w*$/.test(key)) return false;
  if (items.includes(key)) return true;
  const body = text.slice(loop.startOffset, site.callSpan.startOffset);
  const assigned = new RegExp(`\\b${escapeRegExp(key)}\\s*:?=\\s*([^\\n]+)`).exec(body)?.[1] ?? '';
  return items.some((item) => new RegExp(`\\b${escapeRegExp(item)}\\b`).test(assigned));
}

/**
 * The key is a local variable of the call's function (`for _, key := range page`, `key := build(id)`): another
 * function's local of the same name (a `key` that one fills with HSET) is another key.
 */
export function localKey(text: string, site: RedisCallSite, arg: Arg): boolean {
  const name = arg.text.trim();
  const fn = site.enclosingFunction;
  if (!fn || !/^[a-z_]\w*$/.test(name)) return false;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  return new RegExp(`\\b${escapeRegExp(name)}\\s*:=|,\\s*${escapeRegExp(name)}\\s*:=`).test(body);
}

/**
 * A general wrapper's method that hands its caller's key straight to the command and returns the reply
 * (`func (r *Redis) HGetAll(ctx context.Context, key string) *redis.MapStringStringCmd { return r.Client().HGetAll(ctx, key) }`):
 * the body is that one return (around a redigo pool connection it borrows and closes, or with the error translated
 * before it is returned), and the key is a parameter. How big the collection is depends on callers this file
 * does not see; the calls that pass a key to it are where a reviewer judges the size.
 */
export function passThroughWrapper(text: string, site: RedisCallSite, keyIsParameter: boolean): boolean {
  const fn = site.enclosingFunction;
  if (!fn || !keyIsParameter) return false;
  // The brace that ends the header line (`interface{}` in a parameter list is no body).
  const header = /\{[ \t]*\n/.exec(text.slice(fn.span.startOffset, site.callSpan.startOffset));
  if (!header) return false;
  const open = fn.span.startOffset + header.index;
  const code = text
    .slice(open + 1, fn.span.endOffset - 1)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    // A redigo wrapper borrows a pooled connection for the one command and gives it back.
    .filter((line) => !/^\w+\s*:?=\s*[\w.]+\.Get(Context)?\([^)]*\)$|^defer\s+\w+\.Close\(\)$/.test(line));
  if (code.length === 1 && /^return\s/.test(code[0])) return true;
  // The same with the error translated (`result, err := c.Client.SMembers(ctx, key).Result()`, `if err != nil {
  // return nil, wrap(err) }`, `return result, nil`): one statement sends the command, the rest only returns.
  const rest = code.filter((line) => !/^if\s+err\s*!=\s*nil\s*\{$|^\}$|^return\b/.test(line));
  return rest.length === 1 && /^[\w\s,]+:?=\s/.test(rest[0]) && rest[0].includes(`.${site.method}(`) && code.some((line) => /^if\s+err\s*!=\s*nil\s*\{$/.test(line)) && code.some((line) => /^return\b/.test(line));
}

const HASH_WRITES = new Set(['HSET', 'HMSET']);

/**
 * Which keys an argument names: its pattern when static, else the key builder it calls
 * (`keys.TaskKey(cfg.ClusterID, taskID)` and `keys.TaskKey(cfg.ClusterID, task.ID)` name the same family), else its text.
 */
function keyFamily(arg: Arg | undefined): string | undefined {
  if (!arg) return undefined;
  const pattern = keyPatternOf(arg);
  if (pattern !== undefined) return pattern;
  // fmt.Sprintf and strings.Join build any key: only a project's own builder names a family.
  const builder = /^([\w.]+)\(/.exec(arg.text.trim())?.[1];
  return builder && !/^(fmt|strings|strconv)\./.test(builder) ? `${builder}()` : arg.text.trim();
}

/**
 * A hash the file writes only as a record: every HSET / HMSET of the key names its fields as string literals
 * (`HSet(ctx, taskKey(id), "id", t.ID, "state", t.State, …)`), so HGETALL returns that fixed set of fields however
 * many records exist. A write with a computed field (`HSet(ctx, key, token, flag)`) or a map argument makes it a
 * map that grows per entry, and a hash the file never writes stays unknown.
 */
export function recordHashOfFile(sites: readonly RedisCallSite[], keyArg: Arg | undefined): boolean {
  const key = keyFamily(keyArg);
  if (!key) return false;
  const writes = sites.filter((s) => HASH_WRITES.has(s.command) && keyFamily(s.args[0]) === key);
  if (!writes.length) return false;
  return writes.every((write) => {
    const fields = write.args.slice(1).filter((_, i) => i % 2 === 0);
    return fields.length > 0 && write.args.length % 2 === 1 && fields.every((field) => /^"[^"]*"$|^`[^`]*`$/.test(field.text.trim()));
  });
}

interface RecordHashes {
  goRecordHashFamily?(path: string, family: string): boolean;
}

/**
 * A hash that other files of the package write as a record (goRecordHashes.ts: `HMSet(ctx, fmt.Sprintf(JobInfo, id),
 * map[string]interface{}{"id": id, "name": name})` in job.go, HGETALL of `fmt.Sprintf(JobInfo, jobId)` in manage.go),
 * and that this file writes with fixed fields too, if at all. A family written anywhere with a field from data is a
 * map that grows per entry.
 */
export function recordHashOfPackage(context: RuleContext, site: RedisCallSite): boolean {
  const lookup = context.workspaceKeys as RecordHashes | undefined;
  if (!lookup?.goRecordHashFamily) return false;
  const { text, callSites } = context.model;
  const family = goHashFamily(text, site, site.args[0]);
  if (!family) return false;
  const openHere = callSites.some((write) => HASH_FIELD_WRITES.has(write.command) && !writesFixedFields(write) && goHashFamily(text, write, write.args[0]) === family);
  return !openHere && lookup.goRecordHashFamily(context.model.path, family);
}

const HASH_FIELD_WRITES = new Set(['HSET', 'HMSET', 'HSETNX', 'HINCRBY', 'HINCRBYFLOAT']);

/**
 * A library function named after the command it wraps (`func HGetAll[T any](ctx, uc, key string)` decoding each
 * value, `func (c *Cache) SMembers(key string)`), given its caller's key: it is the client's vocabulary, not a use,
 * and how big the collection is shows where it is called.
 */
export function commandNamedWrapper(site: RedisCallSite, keyIsParameter: boolean): boolean {
  const name = site.enclosingFunction?.name ?? '';
  return keyIsParameter && name.toLowerCase() === site.command.toLowerCase().replace(/\s+/g, '');
}

/** Commands that add members, fields or entries to a collection. */
export const COLLECTION_WRITES = new Set(['HSET', 'HMSET', 'HSETNX', 'HINCRBY', 'HINCRBYFLOAT', 'SADD', 'ZADD', 'ZINCRBY', 'RPUSH', 'LPUSH', 'XADD', 'PFADD']);

/**
 * The collection is reset and refilled in one go: DEL, then the function's own fills of that key after it, each
 * with its members written out (`SAdd(ctx, k, access, refresh)`, no spread, no loop), and no other code fills it.
 * It never holds more than those few members (a user's token set emptied at every login).
 */
export function refilledAfterReset(sites: readonly RedisCallSite[], del: RedisCallSite, key: string): boolean {
  const fills = sites.filter((s) => COLLECTION_WRITES.has(s.command) && keyOf(s.args[0]) === key);
  const fn = del.enclosingFunction?.span.startOffset;
  return fills.length > 0 && fills.every((s) => s.enclosingFunction?.span.startOffset === fn && s.span.startOffset > del.span.startOffset && !s.loop && !s.anyLoop && !s.args.some((a) => a.spread));
}

/**
 * A collection that some function of the file deletes whole and refills with members written out, and that nothing
 * else fills (see refilledAfterReset): reading it whole returns those few members (the single-login token set a
 * login reads, deletes and gives the new access and refresh tokens), not data that grows.
 */
export function resetToFewMembers(sites: readonly RedisCallSite[], key: string | undefined): boolean {
  if (!key) return false;
  return sites.some((del) => del.command === 'DEL' && del.args.length === 1 && keyOf(del.args[0]) === key && refilledAfterReset(sites, del, key));
}
