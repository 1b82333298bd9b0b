/**
 * del-large-key on Go, for collections a function reads whole and then deletes: a tag set read with SMEMBERS, a
 * queue or backlog read with LRANGE 0 -1, then DEL of the same key, written directly or through the file's own
 * delete helper (`s.Delete(ctx, tagKey)` whose body is one DEL). Whoever fills such a key, it holds as many members
 * as were just read, so freeing it belongs on UNLINK's background thread.
 */
import type { RedisCallSite } from '../../analysis/model';
import type { Span } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';

/** A DEL helper's call that deletes a key the calling function has just read whole. */
export interface DrainedHelperCall {
  helper: string;
  key: string;
  span: Span;
}

/** The key expression of a call, as written (`tagKey`, `s.key(id)`), with a type assertion dropped (`key.(string)`). */
function keyText(site: RedisCallSite): string | undefined {
  return site.args[0]?.text.trim().replace(/\.\(\w+\)$/, '');
}

/** The whole reads of a function before `offset`, by key text. */
function readBefore(sites: readonly RedisCallSite[], site: { start: number; fn: number | undefined }, wholeRead: (s: RedisCallSite) => boolean): Set<string> {
  const keys = new Set<string>();
  for (const read of sites) {
    if (read.enclosingFunction?.span.startOffset !== site.fn || read.callSpan.endOffset > site.start || !wholeRead(read)) continue;
    const key = keyText(read);
    if (key) keys.add(key);
  }
  return keys;
}

/** A DEL whose key the same function read whole just before. */
export function deletesDrainedKey(context: RuleContext, site: RedisCallSite, wholeRead: (s: RedisCallSite) => boolean): boolean {
  const key = keyText(site);
  if (!key || !site.enclosingFunction) return false;
  return readBefore(context.model.callSites, { start: site.callSpan.startOffset, fn: site.enclosingFunction.span.startOffset }, wholeRead).has(key);
}

/**
 * Calls of the file's one-DEL helpers (`Delete`, `del`: small functions whose Redis work is a DEL) given a key that the
 * calling function read whole before the call.
 */
export function drainedHelperCalls(context: RuleContext, wholeRead: (s: RedisCallSite) => boolean): DrainedHelperCall[] {
  const { text, callSites } = context.model;
  const helpers = [...(context.model.go?.redisHelpers ?? [])].filter(([, helper]) => helper.command === 'DEL').map(([name]) => name);
  const calls: DrainedHelperCall[] = [];
  if (!helpers.length) return calls;
  const functions = new Map<number, { start: number; end: number }>();
  for (const site of callSites) if (site.enclosingFunction && wholeRead(site)) functions.set(site.enclosingFunction.span.startOffset, { start: site.enclosingFunction.span.startOffset, end: site.enclosingFunction.span.endOffset });
  for (const fn of functions.values()) {
    const body = text.slice(fn.start, fn.end);
    for (const helper of helpers) {
      for (const match of body.matchAll(new RegExp(`(?<![\\w])${helper}\\(`, 'g'))) {
        const at = fn.start + match.index!;
        if (/^\s*func\b/.test(text.slice(text.lastIndexOf('\n', at) + 1, at))) continue;
        const args = callArguments(text, at + helper.length);
        const read = readBefore(callSites, { start: at, fn: fn.start }, wholeRead);
        const key = args.find((arg) => read.has(arg));
        if (key) calls.push({ helper, key, span: spanFromOffsets(text, at, at + helper.length) });
      }
    }
  }
  return calls;
}

/** The top-level arguments of the call whose `(` is at `open`. */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) {
      if (--depth === 0) {
        args.push(text.slice(from, i).trim());
        break;
      }
    } else if (char === ',' && depth === 1) {
      args.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  return args;
}

/**
 * A range read that pages through the whole list or sorted set: LRANGE/ZRANGE from the counter of the enclosing
 * three-clause loop (`for start := int64(0); start < size; start += batchSize`) in a function that read the key's
 * length before (`size := LLEN key`). Batch by batch, the function reads every element, as LRANGE 0 -1 would.
 */
export function pagedThroughWhole(text: string, sites: readonly RedisCallSite[], site: RedisCallSite): boolean {
  if ((site.command !== 'LRANGE' && site.command !== 'ZRANGE') || !site.anyLoop || !site.enclosingFunction) return false;
  const key = keyText(site);
  const start = site.args[1]?.text.trim() ?? '';
  if (!key || !/^[A-Za-z_]\w*$/.test(start)) return false;
  const header = text.slice(site.anyLoop.startOffset, text.indexOf('{', site.anyLoop.startOffset));
  if (!new RegExp(`^for\\s+${start}\\s*:?=[^;]*;\\s*${start}\\s*<=?[^;]*;\\s*${start}\\s*(?:\\+=|=\\s*${start}\\s*\\+)`).test(header)) return false;
  const fn = site.enclosingFunction.span.startOffset;
  return sites.some((size) => (size.command === 'LLEN' || size.command === 'ZCARD') && size.enclosingFunction?.span.startOffset === fn && size.callSpan.endOffset <= site.anyLoop!.startOffset && keyText(size) === key);
}
