/**
 * Cache hashes written without a TTL (`HSET cache:users <id> <json>` and nothing expires them), for
 * cache-write-without-ttl, and the per-field TTL fix: HEXPIRE of the written field, which only Redis 7.4+ has
 * (the review drops the fix for other targets, see commands/fixesOnTarget.ts).
 */
import type { Arg } from '../../analysis/model';
import type { Fix } from '../../findings';
import type { RedisCallSite, RuleContext } from '../rule';
import { fix, insertAt, quoted } from './edits';
import { keyPatternOf } from '../../analysis/argumentValues';

/** What gives a hash, or its fields, a TTL. */
const HASH_TTLS = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'HEXPIRE', 'HPEXPIRE', 'HEXPIREAT', 'HPEXPIREAT']);

/** Commands by which a file manages a hash's lifetime itself: TTLs, and deleting it or its fields. */
const HASH_LIFETIME = new Set([...HASH_TTLS, 'DEL', 'UNLINK', 'HDEL', 'GETDEL', 'RENAME']);

/**
 * Key patterns (`cache:profiles`, `cache:user:*`) whose lifetime some call in the file manages: a hash cache
 * the file also expires, deletes or prunes anywhere, in any function, is invalidated on purpose, not forgotten.
 */
export function managedHashPatterns(sites: readonly RedisCallSite[]): Set<string> {
  const patterns = new Set<string>();
  for (const site of sites) {
    if (!HASH_LIFETIME.has(site.command)) continue;
    for (const arg of site.command === 'DEL' || site.command === 'UNLINK' ? site.args : site.args.slice(0, 1)) {
      const pattern = keyPatternOf(arg);
      if (pattern !== undefined) patterns.add(pattern);
    }
  }
  return patterns;
}

/** The field a write names is computed (`hset("cache:profiles", user_id, …)`): entries pile up, one per value. */
export function writesComputedField(site: RedisCallSite): boolean {
  const field = singleField(site)?.field;
  return field !== undefined && field.value.kind !== 'string' && field.value.kind !== 'number';
}

/** Arguments passed through (`*args`, `**kwargs`, `...fields`) may be anything, a TTL-setting script included. */
export function passesArgumentsThrough(site: RedisCallSite): boolean {
  return site.args.some((arg) => arg.spread || arg.text.startsWith('*') || arg.text.startsWith('...'));
}

/** The field and value of a write of exactly one field: `hset(k, f, v)`, redis-py's `hset(k, key=f, value=v)`. */
function singleField(site: RedisCallSite): { field: Arg; value: Arg } | undefined {
  if (site.command !== 'HSET' && site.command !== 'HSETNX') return undefined;
  const positional = site.args.filter((arg) => !arg.keyword);
  if (positional.length === 3) return { field: positional[1], value: positional[2] };
  const field = site.keywords.key;
  const value = site.keywords.value;
  if (positional.length === 1 && field && value && Object.keys(site.keywords).length === 2) return { field, value };
  return undefined;
}

/** The HEXPIRE call in the client's own spelling, or undefined for a client the fix does not know. */
function hexpireCall(context: RuleContext, site: RedisCallSite, field: Arg, ttl: string): string | undefined {
  const receiver = site.receiver.text;
  const key = site.args[0].text;
  switch (site.receiver.library) {
    case 'redis-py':
      return `${receiver}.hexpire(${key}, ${ttl}, ${field.text})`;
    case 'ioredis':
      return `${receiver}.hexpire(${key}, ${ttl}, ${quoted(context.model, 'FIELDS')}, 1, ${field.text})`;
    case 'node-redis':
      return `${receiver}.hExpire(${key}, ${field.text}, ${ttl})`;
    default:
      return undefined;
  }
}

/**
 * "Expire the field after N s": an HEXPIRE of the one field written, as the statement after the write (awaited
 * like it). Only for a write that is a statement of its own; HSETNX's field keeps its TTL only when it was set.
 */
export function fieldTtlFix(context: RuleContext, site: RedisCallSite, ttl: string): Fix | undefined {
  const written = singleField(site);
  const statement = site.statementSpan;
  if (!written || !statement || site.command === 'HSETNX') return undefined;
  const call = hexpireCall(context, site, written.field, ttl);
  if (!call) return undefined;
  const text = context.model.text.slice(statement.startOffset, statement.endOffset);
  const awaited = /^\s*await\b/.test(text) ? 'await ' : '';
  const semicolon = /;\s*$/.test(text) ? ';' : '';
  const lineBreak = text.endsWith('\n') ? '' : '\n';
  const edit = insertAt(statement.endOffset, `${lineBreak}${site.indentation}${awaited}${call}${semicolon}${lineBreak ? '' : '\n'}`);
  return { ...fix(`Expire the field ${written.field.text} after ${ttl} s (HEXPIRE, Redis 7.4+)`, false, [edit]), needs: ['HEXPIRE'] };
}
