/**
 * Whether a SET writes a cache entry, for cache-write-without-ttl: the key's literal or expression, the writing
 * function, the class the method belongs to, or the variable a read of the key lands in says cache.
 */
import { keyPatternOf } from '../../analysis/argumentValues';
import { escapeRegExp } from '../../analysis/keyReferences';
import type { FileModel } from '../../analysis/model';
import type { RedisCallSite } from '../rule';
import { namesCache } from './names';

export const CACHE_KEY = /(^|[:_.\-/{])cache[ds]?([:_.\-/}]|$)/i;
/** A camel-case segment that ends in Cache (`llmCache:{flow}`, `userCache`): the key names a cache too. */
const CAMEL_CACHE_SEGMENT = /[a-z0-9]Caches?([:_.\-/}]|$)/;

/**
 * The key is a cache entry: its literal says cache (`cache:product:*`), or the key is computed and the
 * expression (`cacheKey`) or the writing function (`putInCache(name, value)`) says cache.
 */
export function namedCacheEntry(model: FileModel, site: RedisCallSite): boolean {
  const key = keyPatternOf(site.args[0]);
  if (key !== undefined && /[A-Za-z0-9]/.test(key.replace(/\*/g, ''))) return CACHE_KEY.test(key) || CAMEL_CACHE_SEGMENT.test(key);
  return namesCache(site.args[0].text) || namesCache(site.enclosingFunction?.name) || methodOfCacheClass(model, site);
}

const CLASS_HEADER = /^([ \t]*)(?:export[ \t]+)?(?:default[ \t]+)?(?:abstract[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)/gm;

/**
 * The key is a parameter of a method of a class named for a cache (`class RedisCache: def set(self, key, value)`,
 * `class CacheService { set(key, value) }`): the wrapper every cache entry of its callers goes through.
 */
function methodOfCacheClass(model: FileModel, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  const key = site.args[0].text.trim();
  // SETNX in such a class is its lock or flag primitive (`setNx(key, value)` next to `set(key, value, ttl)`), not a fill.
  if (!fn || site.command !== 'SET' || !/^[A-Za-z_$][\w$]*$/.test(key)) return false;
  const text = model.text;
  const start = fn.span.startOffset;
  const parametersEnd = text.indexOf(')', start);
  if (parametersEnd < 0 || !new RegExp(`[(,\\s]${escapeRegExp(key)}\\s*[:,)=?]`).test(text.slice(start, parametersEnd + 1))) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))![0].length;
  if (indent === 0) return false;
  let owner: string | undefined;
  CLASS_HEADER.lastIndex = 0;
  for (let match = CLASS_HEADER.exec(text); match && match.index < lineStart; match = CLASS_HEADER.exec(text)) if (match[1].length < indent) owner = match[2];
  return namesCache(owner);
}

/** The call's reply is assigned to a variable whose name says cache (`cache = r.get(k)`, `const cached = await …`). */
export function readIntoCacheVariable(text: string, site: RedisCallSite): boolean {
  const lineStart = text.lastIndexOf('\n', site.expressionSpan.startOffset - 1) + 1;
  const before = text.slice(lineStart, site.expressionSpan.startOffset);
  const assigned = /(?:^|[\s(;])(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]+)?(?:=|:=)\s*(?:await\s+)?$/.exec(before);
  return !!assigned && namesCache(assigned[1]);
}
