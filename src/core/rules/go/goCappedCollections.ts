/**
 * Go collections the file keeps small on write, which a whole read (LRANGE 0 -1, SMEMBERS…) therefore cannot make
 * large: a trim to a small window (`LTrim(ctx, key, 0, 99)`), or a size check against a small limit followed, in the
 * same function, by removals from the same key (`n, _ := rdb.LLen(ctx, key).Result()` … `if n >= 500 { rdb.RPop(ctx, key) }`
 * before each push). The same definition the Python and JavaScript checks apply (collectionFacts' smallCapped).
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { keyPatternOf } from '../../analysis/argumentValues';
import { escapeRegExp, patternOfText } from '../../analysis/keyReferences';
import { keepsSmallWindow } from '../../analysis/trimWindows';
import { formatCallAsTemplate } from '../support/ownerMemberships';
import { SMALL_CAP } from '../support/collectionKeys';

const SIZE_CHECKS = new Set(['LLEN', 'SCARD', 'ZCARD', 'HLEN', 'XLEN']);
const REMOVALS = new Set(['LPOP', 'RPOP', 'LTRIM', 'LREM', 'SPOP', 'SREM', 'ZREM', 'ZPOPMIN', 'ZPOPMAX', 'ZREMRANGEBYRANK', 'XTRIM', 'XDEL', 'HDEL']);

/**
 * The key an argument names: its pattern (`"chat:*:messages"`), also through the local it was last assigned in the
 * function (`msgkey := "chat:" + room + ":messages"`, `key := fmt.Sprintf("feed:%s", id)`); any other name stands
 * for itself within its own function only (two functions' `key` parameters are not the same key).
 */
export function goKey(text: string, site: RedisCallSite, arg: Arg | undefined): string | undefined {
  if (!arg || arg.spread) return undefined;
  const pattern = keyPatternOf(arg);
  if (pattern !== undefined) return pattern;
  const name = arg.text.trim();
  const fn = site.enclosingFunction;
  if (!/^[A-Za-z_]\w*$/.test(name)) return name;
  if (fn) {
    const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
    // Assignments that start their line: a commented-out one (`// key := "…test…"`) names no key in use.
    const assigned = [...body.matchAll(new RegExp(`^[ \\t]*(?:var[ \\t]+)?${escapeRegExp(name)}[ \\t]*:?=(?!=)[ \\t]*([^\\n]+)`, 'gm'))].pop()?.[1]?.trim();
    if (assigned) return patternOfText(assigned) ?? formatCallAsTemplate(assigned).pattern ?? assigned;
  }
  return /^[A-Z]/.test(name) ? name : `${name}@${fn?.span.startOffset ?? -1}`;
}

/** The number a limit names: a literal, or a constant the file defines (`const maxMessages = 500`). */
function limitValue(text: string, operand: string): number | undefined {
  if (/^\d[\d_]*$/.test(operand)) return Number(operand.replace(/_/g, ''));
  const defined = new RegExp(`\\b${escapeRegExp(operand)}\\s*(?:\\w+\\s*)?=\\s*(\\d[\\d_]*)\\b`).exec(text);
  return defined ? Number(defined[1].replace(/_/g, '')) : undefined;
}

/**
 * The size the check reads is compared with a limit of at most SMALL_CAP later in its function: on the call's own
 * line (`if rdb.LLen(ctx, k).Val() >= 200 {`), or through the name the reply is bound to (`n, err := ….Result()`,
 * then `if n >= 500 {` after the error check).
 */
function comparedWithSmallLimit(text: string, site: RedisCallSite): boolean {
  const end = site.enclosingFunction?.span.endOffset ?? text.length;
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset - 1) + 1;
  const lineEnd = text.indexOf('\n', site.callSpan.endOffset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const limits: string[] = [];
  const inline = /(?:>=?|==)\s*([\w.]+)/.exec(text.slice(site.callSpan.endOffset, lineEnd < 0 ? text.length : lineEnd));
  if (inline) limits.push(inline[1]);
  const bound = /^\s*(?:if\s+)?([A-Za-z_]\w*)\s*(?:,\s*\w+\s*)?:?=/.exec(line)?.[1];
  if (bound) {
    const rest = text.slice(site.callSpan.endOffset, end);
    const name = escapeRegExp(bound);
    for (const match of rest.matchAll(new RegExp(`\\b${name}\\s*(?:>=?|==)\\s*([\\w.]+)|([\\w.]+)\\s*(?:<=?|==)\\s*${name}\\b`, 'g'))) limits.push(match[1] ?? match[2]);
  }
  return limits.some((operand) => {
    const limit = limitValue(text, operand.split('.').pop()!);
    return limit !== undefined && limit <= SMALL_CAP;
  });
}

/** The file keeps the read's key small on write (see the module comment). */
export function keptSmallOnWrite(text: string, sites: readonly RedisCallSite[], read: RedisCallSite): boolean {
  const key = goKey(text, read, read.args[0]);
  if (key === undefined) return false;
  const same = (site: RedisCallSite) => goKey(text, site, site.args[0]) === key;
  if (sites.some((site) => keepsSmallWindow(site) && same(site))) return true;
  return sites.some((check) => {
    if (!SIZE_CHECKS.has(check.command) || !same(check) || !comparedWithSmallLimit(text, check)) return false;
    const fn = check.enclosingFunction?.span.startOffset;
    return sites.some((site) => REMOVALS.has(site.command) && site.enclosingFunction?.span.startOffset === fn && same(site));
  });
}
