/**
 * TTLs a write takes from a parameter that is off by default (`ex=None`, `ttl?: number`), for
 * cache-write-without-ttl: unless the caller passes one, such a write gives its entry no TTL.
 */
import { escapeRegExp } from '../../analysis/keyReferences';
import type { Arg, FileModel } from '../../analysis/model';
import type { RedisCallSite } from '../rule';
import { isOffByDefaultParameter } from './enclosingFunctions';

/**
 * A TTL the write takes from a parameter that is off unless the caller passes it (`ex=None` of a cache
 * decorator, `ttl?: number` of a @Cacheable): by default the entry never expires.
 */
export function offByDefaultTtl(model: FileModel, site: RedisCallSite, arg: Arg): boolean {
  const name = arg.text.trim();
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || testsName(model, site, name)) return false;
  return isOffByDefaultParameter(model, site.callSpan.startOffset, name);
}

/**
 * The function branches on the TTL before the write (`if timeout:`, `if (ttl) …`, `ttl is None`, `ttl ?`):
 * a wrapper that treats it as a real option, where going without one is its caller's choice.
 */
function testsName(model: FileModel, site: RedisCallSite, name: string): boolean {
  const fn = site.enclosingFunction;
  const before = model.text.slice(fn ? fn.span.startOffset : 0, site.callSpan.startOffset);
  const word = escapeRegExp(name);
  return new RegExp(`\\b(?:if|elif|while)\\s*\\(?\\s*(?:not\\s+|!\\s*)?${word}\\b|\\b${word}\\s*(?:is\\s+(?:not\\s+)?None|[!=]==?\\s*(?:null|undefined|None|0)\\b|\\?(?!\\s*:))`).test(before);
}

/** The TTL of a SET (`ex=ex`, `'EX', ttl`, `{ EX: ttl }`, redis-py's third argument) is such a parameter. */
export function ttlOffByDefault(model: FileModel, site: RedisCallSite): boolean {
  if (site.command !== 'SET') return false;
  const values: Arg[] = [];
  for (const name of ['ex', 'px', 'expire', 'pexpire']) if (site.keywords[name]) values.push(site.keywords[name]);
  if (site.receiver.library === 'redis-py') values.push(...site.args.slice(2, 4));
  site.args.forEach((arg, index) => {
    if (/^['"`](EX|PX)['"`]$/i.test(arg.text.trim()) && site.args[index + 1]) values.push(site.args[index + 1]);
    if (arg.value.kind === 'object') for (const [key, entry] of Object.entries(arg.value.entries)) if (/^(EX|PX)$/i.test(key)) values.push(entry);
  });
  const given = values.filter((value) => value.value.kind !== 'null');
  return given.length > 0 && given.every((value) => offByDefaultTtl(model, site, value));
}
