/**
 * `pickle.loads(fetch(key))` where `fetch` is a helper of another module of the project whose one Redis command
 * reads a value (`def fetch(key): return r.get(key)`): the bytes unpickled are that reply. The helper is named by
 * the call: an imported function (`fetch(...)`, `store.fetch(...)` of an imported module) or a method called on an
 * instance named after its class (`self.redis_store.fetch(...)` of `RedisStore.fetch`), directly or through a
 * local assigned from the call earlier in the same function.
 */
import type { Deserialization } from '../../analysis/model';
import type { LocatedHelper } from '../../analysis/crossFileHelpers';
import type { RuleContext } from '../rule';

/** Commands whose reply is the stored value itself (or a list of them). */
const VALUE_READS = new Set(['GET', 'GETEX', 'GETDEL', 'GETSET', 'HGET', 'HMGET', 'MGET', 'LINDEX', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'LRANGE', 'HGETALL', 'HVALS', 'SMEMBERS', 'SPOP', 'SRANDMEMBER', 'ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE']);

/** `[await ]recv.name(` or `[await ]name(` at the start of an argument. */
const HELPER_CALL = /^\s*(?:await\s+)?(?:((?:[A-Za-z_]\w*\.)*)([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*\(/;

function squashed(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** The first argument's text of the call spanning `start`..`end`. */
function firstArgument(text: string, start: number, end: number): { text: string; offset: number } | undefined {
  const open = text.indexOf('(', start);
  if (open < 0 || open >= end) return undefined;
  return { text: text.slice(open + 1, end), offset: open + 1 };
}

/** The right side of the one `name = ...` between the enclosing `def` and `offset`. */
function assignedBefore(text: string, name: string, offset: number): string | undefined {
  const functionStart = Math.max(text.lastIndexOf('\ndef ', offset), text.lastIndexOf(' def ', offset), 0);
  const body = text.slice(functionStart, offset);
  const assignments = [...body.matchAll(new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)([^\\n]*)`, 'gm'))];
  return assignments.length === 1 ? assignments[0][1] : undefined;
}

function importsName(text: string, name: string): boolean {
  return new RegExp(`^[ \\t]*from[ \\t]+[\\w.]+[ \\t]+import[ \\t]+[^\\n#]*\\b${name}\\b`, 'm').test(text) || new RegExp(`^[ \\t]*import[ \\t]+[^\\n#]*\\b${name}\\b`, 'm').test(text);
}

/** The project helper the argument text calls, when every helper of that name elsewhere reads a value. */
function calledHelper(context: RuleContext, argument: string): LocatedHelper | undefined {
  const call = HELPER_CALL.exec(argument);
  if (!call || !context.projectHelpers) return undefined;
  const [, , receiver, name] = call;
  const { text, path } = context.model;
  const helpers = context.projectHelpers(name).filter((h) => h.path !== path);
  if (!helpers.length || !helpers.every((h) => VALUE_READS.has(h.command))) return undefined;
  if (!receiver) return importsName(text, name) ? helpers.find((h) => !h.owner) : undefined;
  // A method on an instance named after its class, or a function of an imported module (`store.fetch`).
  const method = helpers.find((h) => h.owner && squashed(h.owner) === squashed(receiver));
  if (method) return method;
  const moduleFile = new RegExp(`(^|/)${receiver}(\\.py|/__init__\\.py)$`);
  return importsName(text, receiver) ? helpers.find((h) => !h.owner && moduleFile.test(h.path)) : undefined;
}

/** The helper whose reply a `pickle.loads` call that is not known to read Redis unpickles, if any. */
export function helperReplyUnpickled(context: RuleContext, item: Deserialization): LocatedHelper | undefined {
  const { text } = context.model;
  const argument = firstArgument(text, item.span.startOffset, item.span.endOffset);
  if (!argument) return undefined;
  const direct = calledHelper(context, argument.text);
  if (direct) return direct;
  const name = /^\s*([A-Za-z_]\w*)\s*[),]/.exec(argument.text)?.[1];
  const assigned = name ? assignedBefore(text, name, item.span.startOffset) : undefined;
  return assigned !== undefined ? calledHelper(context, assigned) : undefined;
}
