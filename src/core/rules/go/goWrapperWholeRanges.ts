/**
 * unbounded-collection-read on Go calls of a project's own range wrapper: a repository or cache type that wraps
 * LRANGE/ZRANGE in a method named after the command (`func (r *repo) LRange(key string, start, stop int64)`) is left
 * to its callers (see commandNamedWrapper), so the caller that asks it for 0 to -1 (`r.LRange(key, 0, -1)`) is where
 * the whole collection is read. The wrapper may be declared in another file of the package: the call's name and its
 * literal bounds are the evidence.
 */
import type { Span } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';

export interface WrapperWholeRange {
  method: string;
  key: string;
  span: Span;
}

/** `x.LRange(key, 0, -1)` or `x.ZRange(ctx, key, 0, -1)`: a range wrapper's method given the whole range. */
const WRAPPER_CALL = /\.(LRange|ZRange|ZRevRange|Lrange|Zrange|Zrevrange)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;

/** Range-wrapper calls of the file that ask for the whole collection and are not already Redis calls of the model. */
export function wrapperWholeRanges(context: RuleContext): WrapperWholeRange[] {
  const { text, callSites } = context.model;
  const found: WrapperWholeRange[] = [];
  for (const match of text.matchAll(WRAPPER_CALL)) {
    const at = match.index! + 1;
    // The method's own declaration (`func (r *repo) LRange(`) is no call.
    if (/\bfunc\s*(\([^)]*\)\s*)?$/.test(text.slice(text.lastIndexOf('\n', at) + 1, at - 1))) continue;
    if (callSites.some((site) => site.callSpan.startOffset <= at && at < site.callSpan.endOffset)) continue;
    const args = match[2].split(',').map((arg) => arg.trim());
    // The key alone, or the context before it, then the two bounds.
    if ((args.length !== 3 && args.length !== 4) || args[args.length - 2] !== '0' || args[args.length - 1] !== '-1') continue;
    if (args.length === 4 && !/^(ctx|c|context\.\w+\(\)|[\w.]*[cC]tx)$/.test(args[0])) continue;
    found.push({ method: match[1], key: args[args.length - 3], span: spanFromOffsets(text, at, at + match[1].length) });
  }
  return found;
}
