/**
 * What the input sets of a set-algebra call (SINTER, SUNIONSTORE, ZUNIONSTORE…) are, as far as one Python or
 * TypeScript/JavaScript file tells: the caller's keys mapped through a namespace (a store class that prefixes
 * every key it is given), or sets that the same file shows to be small (fixed members, one record's list).
 */
import type { Arg, FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp, isParameter } from '../../analysis/keyReferences';
import { keyPatternCovered } from '../../config/glob';
import { collectionFacts, keyRefOf } from './collectionKeys';
import { sitesWith } from './sites';

/** Python `[self.key(k) for k in keys]` or `(… for k in keys)`: the element expression and the list it runs over. */
const PY_MAPPING = /^[[(]\s*(.+?)\s+for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_]\w*)\s*[\])]$/s;
/** JS `keys.map((key) => this.k(key))` or `keys.map(k => prefix + k)`. */
const JS_MAPPING = /^([A-Za-z_$][\w$]*)\.map\(\s*(?:\(\s*([A-Za-z_$][\w$]*)\s*(?::[^)]*)?\)|([A-Za-z_$][\w$]*))\s*=>\s*(.+)\)$/s;

const PYTHON_OR_JS = new Set(['python', 'javascript', 'typescript', 'tsx']);

/** The destination of a STORE form is the first argument; the rest (and a key count) are inputs. */
function inputArgs(site: RedisCallSite): Arg[] {
  return site.command.endsWith('STORE') ? site.args.slice(1) : site.args;
}

/**
 * The argument is the caller's list of keys, each mapped through the same expression that adds no set name of
 * its own (`[self._key(k) for k in keys]`, `...keys.map((k) => this.prefix + k)`): the caller still names every
 * set, the function only applies its namespace. A mapping with a literal (`f"tag:{t}"`) picks the sets itself.
 */
function mapsCallerKeys(model: FileModel, site: RedisCallSite, text: string): boolean {
  const python = model.language === 'python';
  let element: string | undefined;
  let variable: string | undefined;
  let list: string | undefined;
  if (python) {
    const match = PY_MAPPING.exec(text);
    if (match) [, element, variable, list] = match;
  } else {
    const match = JS_MAPPING.exec(text);
    if (match) {
      list = match[1];
      variable = match[2] ?? match[3];
      element = match[4];
    }
  }
  if (!element || !variable || !list) return false;
  if (/["'`]/.test(element) || !new RegExp(`(?<![\\w$.])${escapeRegExp(variable)}(?![\\w$])`).test(element)) return false;
  return isParameter(model, site, list);
}

/** A local assigned once in the function from such a mapping (`keys = [self.key(k) for k in keys]`). */
function mappedLocal(model: FileModel, site: RedisCallSite, name: string): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  const before = model.text.slice(fn.span.startOffset, site.callSpan.startOffset);
  const assignment = new RegExp(`(?<![\\w$.])(?:const\\s+|let\\s+)?${escapeRegExp(name)}\\s*(?::[^=\\n]+)?=\\s*([^\\n;]+)`, 'g');
  const values = [...before.matchAll(assignment)].map((match) => match[1].trim());
  return values.length === 1 && mapsCallerKeys(model, site, values[0]);
}

/**
 * Every input set is the caller's key, passed through a namespace mapping: the function is a store's generic
 * operation (`def sinter(self, *keys)` that prefixes each key), and its callers decide how big the sets are.
 */
export function mapsEveryCallerKey(model: FileModel, site: RedisCallSite): boolean {
  if (!PYTHON_OR_JS.has(model.language)) return false;
  const inputs = inputArgs(site);
  let mapped = false;
  for (const arg of inputs) {
    const text = arg.text.replace(/^(\.\.\.|\*)/, '').trim();
    if (arg.value.kind === 'number' || /^(len\([\w.]+\)|[\w$.]+\.length)$/.test(text)) continue;
    if (mapsCallerKeys(model, site, text) || (/^[A-Za-z_$][\w$]*$/.test(text) && mappedLocal(model, site, text))) mapped = true;
    else if (!(/^[A-Za-z_$][\w$]*$/.test(text) && isParameter(model, site, text))) return false;
  }
  return mapped;
}

/** Commands whose first argument is one key of a set or sorted set: a name the file passes there holds one key. */
const ONE_SET_KEY = ['SCARD', 'SISMEMBER', 'SMISMEMBER', 'SADD', 'SREM', 'SPOP', 'SRANDMEMBER', 'SMEMBERS', 'SSCAN', 'ZCARD', 'ZADD', 'ZREM', 'ZSCORE', 'ZRANGE', 'ZRANK', 'ZINCRBY', 'ZCOUNT'];

/**
 * A STORE form given exactly one input set (`SUNIONSTORE copy src`, ioredis `zunionstore(copy, 1, src)`): the
 * idiom for copying a set (what COPY does since Redis 6.2), which combines nothing. Its cost is that of the one
 * set it copies, not of algebra over several. The input must be one key, not a list of them: a literal or
 * built key, a one-item list, or a name the file also passes to a one-key set command (`scard(players)`); a
 * spread, a longer list or a name of unknown shape (`keys`) may hold many sets.
 */
export function copiesOneSet(model: FileModel, site: RedisCallSite): boolean {
  if (!site.command.endsWith('STORE')) return false;
  const inputs = inputArgs(site);
  const counts = inputs.filter((arg) => arg.value.kind === 'number');
  const numkeysOne = counts.length === 1 && counts[0] === inputs[0] && counts[0].value.kind === 'number' && counts[0].value.value === 1;
  if (counts.length > 1 || (counts.length === 1 && !numkeysOne)) return false;
  const keys = inputs.filter((arg) => arg.value.kind !== 'number');
  if (keys.length !== 1) return false;
  const [key] = keys;
  const text = key.text.trim();
  if (key.spread || /^(\.\.\.|\*)/.test(text)) return false;
  if (key.value.kind === 'string' || key.value.kind === 'pattern') return true;
  if (key.value.kind === 'array') return key.value.items.length === 1 && !key.value.items[0].spread && !/^(\.\.\.|\*)/.test(key.value.items[0].text.trim());
  if (!/^[A-Za-z_$][\w$.]*$/.test(text)) return false;
  return sitesWith(model, ONE_SET_KEY).some((other) => other !== site && other.args[0]?.text.trim() === text);
}

/**
 * Every input set is one that this file shows to be small: filled only with fixed literal members (three roles),
 * or in one SADD from the caller's list (a record's tags), or declared small in `boundedKeys`.
 */
export function everyInputSmall(model: FileModel, site: RedisCallSite, boundedKeys: readonly string[]): boolean {
  if (!PYTHON_OR_JS.has(model.language)) return false;
  const facts = collectionFacts(model);
  const keys = inputArgs(site).flatMap((arg) => (arg.value.kind === 'array' ? arg.value.items : [arg])).filter((arg) => arg.value.kind !== 'number');
  if (!keys.length) return false;
  return keys.every((arg) => {
    const ref = keyRefOf(model, site, arg);
    if (!ref) return false;
    if (ref.pattern && keyPatternCovered(ref.pattern, boundedKeys)) return true;
    return facts.fixedMembers.has(ref.identity) || facts.snapshots.has(ref.identity);
  });
}
