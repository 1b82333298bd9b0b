/** Reads command options across clients: SET's EX/PX/NX, XADD's MAXLEN, SCAN's COUNT, in each client's style. */
import { keyPatternOf, numberOf, stringOf } from '../../analysis/argumentValues';
import type { Arg, RedisCallSite } from '../../analysis/model';

/** Upper-cased string tokens among positional args (ioredis style "EX", 60, "NX"). */
function tokens(args: readonly Arg[]): string[] {
  return args.map((a) => (a.value.kind === 'string' ? a.value.value.toUpperCase() : ''));
}

/** The trailing options object (node-redis style `{ EX: 60, NX: true }`). */
export function optionsObject(site: RedisCallSite, from = 0): Record<string, Arg> | undefined {
  for (let i = site.args.length - 1; i >= from; i--) {
    const value = site.args[i].value;
    if (value.kind === 'object') return value.entries;
  }
  return undefined;
}

/** An option name's spellings, computed once per name (hasOption runs for most call sites at every review). */
interface NameForms {
  lower: string;
  upper: string;
  /** EX/PX/EXAT/PXAT: node-redis v4.7+ also takes them as `{ expiration: { type, value } }`. */
  expiry: boolean;
}
const nameForms = new Map<string, NameForms>();
function formsOf(name: string): NameForms {
  let forms = nameForms.get(name);
  if (!forms) {
    const upper = name.toUpperCase();
    forms = { lower: name.toLowerCase(), upper, expiry: ['EX', 'PX', 'EXAT', 'PXAT'].includes(upper) };
    nameForms.set(name, forms);
  }
  return forms;
}

/** A keyword or options-object entry that is given and not turned off (`None`, `null`, `false`). */
function isSet(arg: Arg | undefined): boolean {
  return arg !== undefined && !(arg.value.kind === 'null' || (arg.value.kind === 'boolean' && !arg.value.value));
}

/**
 * Option by name in whichever style the client uses (Python keyword, JS options object key, or a positional
 * token). Allocation-free: it runs for most call sites of a file at every review, and the garbage it made was
 * a measurable part of the editor's re-analysis.
 */
export function hasOption(site: RedisCallSite, names: readonly string[], positionalFrom = 0): boolean {
  let longest = 0;
  for (const name of names) {
    if (isSet(site.keywords[formsOf(name).lower])) return true;
    if (name.length > longest) longest = name.length;
  }
  const object = optionsObject(site, positionalFrom);
  if (object) {
    let expiry = false;
    for (const name of names) {
      const forms = formsOf(name);
      if (isSet(object[name] ?? object[forms.upper] ?? object[forms.lower])) return true;
      expiry ||= forms.expiry;
    }
    if (expiry && object.expiration) return true;
  }
  // Positional tokens, upper-cased. Upper-casing never shortens a string, so a value longer than every name
  // cannot be one (most values are keys and payloads, not upper-cased at all).
  for (let i = positionalFrom; i < site.args.length; i++) {
    const value = site.args[i].value;
    if (value.kind !== 'string' || value.value.length > longest) continue;
    const token = value.value.toUpperCase();
    for (const name of names) if (formsOf(name).upper === token) return true;
  }
  return false;
}

/** Python keyword arguments passed through a splat (`**options`): whatever they hold is unknown here. */
export function hasSplatOptions(site: RedisCallSite, from = 1): boolean {
  return site.args.slice(from).some((a) => a.text.startsWith('**'));
}

const TTL_OPTIONS = ['ex', 'px', 'exat', 'pxat', 'keepttl'];
const REDIS_PY_TTL_OPTIONS = [...TTL_OPTIONS, 'expire', 'pexpire'];

/** SET-family write sets a TTL in the same command. */
export function setSetsTtl(site: RedisCallSite): boolean {
  if (site.command === 'SETEX' || site.command === 'PSETEX') return true;
  if (site.command !== 'SET') return false;
  if (site.receiver.library === 'redis-py' && site.args.length >= 3) {
    // r.set(name, value, ex, px, ...) positionally.
    const ex = site.args[2]?.value;
    const px = site.args[3]?.value;
    if ((ex && ex.kind !== 'null') || (px && px.kind !== 'null')) return true;
  }
  // aioredis 1.x takes the TTL as `expire=` / `pexpire=`.
  return hasOption(site, site.receiver.library === 'redis-py' ? REDIS_PY_TTL_OPTIONS : TTL_OPTIONS, 2);
}

export function setIsNx(site: RedisCallSite): boolean {
  if (site.command === 'SETNX') return true;
  if (site.command !== 'SET') return false;
  // aioredis 1.x: `set(key, value, exist=redis.SET_IF_NOT_EXIST)`.
  const exist = site.keywords.exist;
  if (exist && /NOT_EXIST/.test(exist.text)) return true;
  return hasOption(site, ['nx'], 2);
}

/** COUNT of a SCAN-family call, when literal. */
export function scanCount(site: RedisCallSite): Arg | undefined {
  const keyword = site.keywords.count;
  if (keyword) return keyword;
  const object = optionsObject(site);
  if (object) return object.count ?? object.COUNT;
  const index = tokens(site.args).indexOf('COUNT');
  if (index >= 0) return site.args[index + 1];
  if (site.receiver.library === 'redis-py' && site.command === 'SCAN' && site.method === 'scan') return site.args[2];
  return undefined;
}

/** Key argument (first argument) as a literal or pattern. */
export function keyOf(site: RedisCallSite): string | undefined {
  return keyPatternOf(site.args[0]);
}

export { keyPatternOf, numberOf, stringOf };
