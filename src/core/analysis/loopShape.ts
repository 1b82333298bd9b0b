/**
 * What a for-loop runs over, as far as N+1 round trips are concerned: a literal list (how many items), a table
 * fixed in the code, chunks of a collection, or a stream of incoming events. Read once per loop.
 */
import type { Node } from 'web-tree-sitter';
import type { LoopInfo } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';

/** `METRICS`, `self.METRICS`, `Config.DEFAULT_KEYS`: a constant by naming convention. */
const CONSTANT = /(?:^|\.)[A-Z][A-Z0-9_]+$/;
/** Wrappers that keep the iteration over the same items: `.items()`, `enumerate(x)`, `Object.keys(x)`. */
const VIEW_METHOD = /^(.*)\.(?:items|keys|values|entries)\(\s*\)$/;
const WRAPPER_CALL = /^(?:enumerate|sorted|list|tuple|set|reversed|iter|Object\.(?:keys|values|entries)|Array\.from)\(\s*([\w$.]+)\s*\)$/;
/** Collections handed out in pieces: `chunked(ids, 500)`, `_chunk_values(keys)`, `batched(ids, 100)`, `chunks`. */
const CHUNKING = /(?:^|[^\w$])_*(?:chunk|batch)\w*\s*\(|(?:^|[._])\w*(?:chunks|batches)$/i;
/** Subscriptions deliver messages as they arrive: the loop is a consumer, each round waits for a new message. */
const EVENT_STREAM = /\.(?:listen|subscribe|psubscribe)\(\s*\)$/;
/** Where a function starts (Python def, JS function, arrow or method): a local list is looked for after it. */
const FUNCTION_HEADER = /^[ \t]*(?:async[ \t]+)?def[ \t]|\bfunction\b|=>|^[ \t]*(?:(?:public|private|protected|static|async)[ \t]+)*(?!(?:if|for|while|switch|catch|with|return)\b)[\w$#]+[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]*)?\{/gm;
/** `asyncio.gather(*[...])`, `gather(*(... for ...))`: the comprehension's coroutines are all run. */
const GATHERED = /\bgather\s*\(\s*\*?\s*$/;
/** How far before a loop a local literal list is looked for (`models = ['a', 'b']` a few lines above). */
const LITERAL_LOOKBACK = 2000;

function stripWrappers(text: string): string {
  let current = text.trim();
  for (let i = 0; i < 3; i++) {
    const view = VIEW_METHOD.exec(current);
    if (view) {
      current = view[1].trim();
      continue;
    }
    const wrapper = WRAPPER_CALL.exec(current);
    if (wrapper) {
      current = wrapper[1].trim();
      continue;
    }
    break;
  }
  return current;
}

/** Items of a one-line literal list `[a, b, c]` (top-level commas only); undefined when it is not one. */
function literalItems(source: string): number | undefined {
  const inner = source.trim().replace(/^[[(]/, '').replace(/[\])]$/, '').trim();
  if (!inner) return 0;
  let depth = 0;
  let count = 1;
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0 && inner.slice(i + 1).trim()) count++;
  }
  return count;
}

/**
 * The length of the literal list a plain name holds at the loop (`const models = ['a', 'b']` a few lines above):
 * only when every assignment of the name before the loop is that one literal and nothing adds to it.
 */
function boundLiteralLength(name: string, text: string, loopStart: number): number | undefined {
  let before = text.slice(Math.max(0, loopStart - LITERAL_LOOKBACK), loopStart);
  // Only the enclosing function's own lines: a name of another function may be a parameter here.
  let header = -1;
  FUNCTION_HEADER.lastIndex = 0;
  for (let match = FUNCTION_HEADER.exec(before); match; match = FUNCTION_HEADER.exec(before)) header = match.index;
  if (header >= 0) before = before.slice(header);
  const escaped = name.replace(/[$]/g, '\\$');
  const assignment = new RegExp(`(?:^|[\\s;(,])(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::[^=\\n]*)?(?:=(?!=)|\\+=)([^\\n]*)`, 'gm');
  let literal: string | undefined;
  let assignments = 0;
  for (let match = assignment.exec(before); match; match = assignment.exec(before)) {
    assignments++;
    literal = /^\s*([[(][^\n]*[\])])\s*;?\s*$/.exec(match[1])?.[1];
  }
  if (assignments !== 1 || literal === undefined || /\bfor\b|\.\.\./.test(literal)) return undefined;
  if (new RegExp(`\\b${escaped}\\s*\\.\\s*(?:append|extend|insert|push|unshift|splice|add|update)\\s*\\(`).test(before)) return undefined;
  return literalItems(literal);
}

/** `range(0, n, size)`, `for (let i = 0; i < n; i += size)`: each round takes a slice of the collection. */
function stepsByChunks(loop: Node, iterableText: string | undefined): boolean {
  if (iterableText !== undefined) {
    const range = /^range\(([^()]|\([^()]*\))*\)$/.test(iterableText) ? iterableText.slice(6, -1) : undefined;
    if (range !== undefined) {
      const parts = range.split(',').map((part) => part.trim());
      return parts.length === 3 && slicesBy(parts[2]);
    }
    return false;
  }
  const increment = loop.childForFieldName('increment');
  if (!increment) return false;
  const step = /^[\w$]+\s*\+=\s*(.+)$/.exec(increment.text);
  return !!step && slicesBy(step[1].trim());
}

/** A step that takes slices (`size`, `500`), not pairs or triples of a flat reply (`2`, `3`). */
function slicesBy(step: string): boolean {
  return /^\d+$/.test(step) ? Number(step) >= 10 : /^[\w$.]+$/.test(step);
}

/** `meta.get("labels", [])`, `meta["labels"]`, `entry.labels`: a part of the item `meta`, read from the item's name. */
const ENTRY_PART = /^([A-Za-z_$][\w$]*)\s*(?:\.get\(|\[|\??\.[A-Za-z_$])/;
/** How many enclosing loops are looked at for the table an item comes from. */
const ENCLOSING_LOOPS = 3;

/**
 * A loop over a part of an entry of a table fixed in the code (`for name, meta in METRICS.items(): for label in
 * meta.get("labels", [])`): the inner rounds are bounded by the table too, not by data that grows.
 */
function readsEntryOfConstantTable(loop: Node, iterable: string, syntax: LanguageSyntax): boolean {
  const item = ENTRY_PART.exec(iterable)?.[1];
  if (!item) return false;
  let found = 0;
  for (let node = loop.parent; node && found < ENCLOSING_LOOPS; node = node.parent) {
    if (/function|lambda|method|class/.test(node.type)) break;
    if (node.type !== 'for_statement' && node.type !== 'for_in_statement') continue;
    found++;
    const left = node.childForFieldName('left');
    if (!left || !new RegExp(`(?:^|[\\s,([{])${item.replace(/[$]/g, '\\$')}(?:$|[\\s,)\\]}])`).test(left.text)) continue;
    const outer = syntax.loopIterable(node);
    const table = outer ? stripWrappers(outer.text) : '';
    return /^[\w$.]+$/.test(table) && CONSTANT.test(table);
  }
  return false;
}

/** The loop's facts for LoopInfo (dependsOnReply is decided later, with the Redis calls of the loop). */
export function loopInfoOf(loop: Node, syntax: LanguageSyntax, text: string): LoopInfo {
  const info: LoopInfo = { span: spanOf(loop), dependsOnReply: false };
  if (loop.type !== 'for_statement' && loop.type !== 'for_in_statement' && GATHERED.test(text.slice(Math.max(0, loop.startIndex - 40), loop.startIndex))) info.gathered = true;
  const literal = syntax.literalIterationCount(loop);
  if (literal !== undefined) {
    info.literalLength = literal;
    return info;
  }
  const iterable = syntax.loopIterable(loop);
  const iterableText = iterable ? iterable.text : undefined;
  if (iterableText === undefined) {
    if (stepsByChunks(loop, undefined)) info.bounded = 'chunks';
    return info;
  }
  if (iterableText.length > 200) return info;
  const inner = stripWrappers(iterableText);
  if (/^[A-Za-z_$][\w$]*$/.test(inner) && !CONSTANT.test(inner)) {
    const length = boundLiteralLength(inner, text, loop.startIndex);
    if (length !== undefined) info.literalLength = length;
  } else if (/^[\w$.]+$/.test(inner) && CONSTANT.test(inner)) info.bounded = 'constant';
  else if (readsEntryOfConstantTable(loop, inner, syntax)) info.bounded = 'constant';
  if (info.literalLength === undefined && !info.bounded) {
    if (EVENT_STREAM.test(iterableText)) info.bounded = 'events';
    else if (stepsByChunks(loop, iterableText) || CHUNKING.test(iterableText)) info.bounded = 'chunks';
  }
  return info;
}

