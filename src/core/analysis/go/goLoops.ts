/** Go for-loops as the loop rules see them: items, a fixed list, or events and polling. */
import type { Node } from 'web-tree-sitter';
import type { LoopInfo } from '../model';
import { spanOf } from '../spans';
import type { GoLoop } from './goCallSites';

/** The body of the function, method or closure around a node, up to the node: what ran before the loop. */
function textBefore(node: Node): string {
  let fn: Node | null = node.parent;
  while (fn && !/^(function_declaration|method_declaration|func_literal)$/.test(fn.type)) fn = fn.parent;
  if (!fn) return '';
  return fn.text.slice(0, node.startIndex - fn.startIndex);
}

/**
 * `for len(values) > 0 { values, _ = redis.Scan(values, &a, &b) … }` (redigo's walk over a reply) and
 * `for { v, err := rdb.RPop(ctx, list).Result(); if err == redis.Nil { break } … }` (draining a list): loops
 * without a range clause that still go item by item.
 */
function walksItems(node: Node, condition: Node | undefined): boolean {
  const body = node.childForFieldName('body')?.text ?? '';
  const walked = condition && /^len\((\w+)\)\s*(?:>\s*0|!=\s*0|>=\s*1)$/.exec(condition.text.trim())?.[1];
  if (walked) return new RegExp(`\\b${walked}\\s*(?:,\\s*\\w+)?\\s*=\\s*(?:\\w+\\.Scan(?:Slice|Struct)?\\(\\s*${walked}\\b|${walked}\\[\\w+:\\])`).test(body);
  if (condition) return false;
  const pops = /\.(?:RPop|LPop|SPop|ZPopMin|ZPopMax|RPopLPush|LMove)\(|Do\(\s*"(?:RPOP|LPOP|SPOP|ZPOPMIN|ZPOPMAX|RPOPLPUSH|LMOVE)"/i.test(body);
  return pops && /==\s*redis\.Nil\s*\{\s*break\b|errors\.Is\(\s*err\s*,\s*redis\.Nil\s*\)\s*\{\s*break\b|redis\.ErrNil\s*\{\s*break\b/.test(body);
}

/** The ranged reply was asked for one element (`Count: 1`, `.Count(1)`, `"COUNT", 1`, `LIMIT 0 1`): a loop of at most one. */
function rangesOverOne(node: Node, right: Node | undefined): boolean {
  if (right?.type !== 'identifier') return false;
  const before = textBefore(node);
  const assignments = [...before.matchAll(new RegExp(`(?:^|[^\\w.])${right.text}(?:\\s*,\\s*\\w+)*\\s*:?=[^=]`, 'g'))];
  const last = assignments[assignments.length - 1];
  if (!last) return false;
  return /\bCount:\s*1\b|\.Count\(1\)|"COUNT",\s*1\b|"LIMIT",\s*0,\s*1\b/i.test(before.slice(last.index));
}

/** What a for-loop is: over items (a literal list of them, or a collection), or a worker or event loop. */
export function goLoop(node: Node): GoLoop {
  const range = node.namedChildren.find((child) => child?.type === 'range_clause') ?? undefined;
  const clause = node.namedChildren.find((child) => child?.type === 'for_clause');
  const right = range?.childForFieldName('right') ?? undefined;
  let literalLength: number | undefined;
  if (right?.type === 'composite_literal') literalLength = right.childForFieldName('body')?.namedChildren.length;
  // `for {}` and `for cond {}` are worker or polling loops: what Redis answers decides whether they go on.
  // Ranging over a channel or ticker (`for range ticker.C`, `for msg := range ch`) handles events, not items.
  const overChannel = !!right && /(\.C|\bch|Chan|chan\w*|\.Channel\(\)|[mM]sgs|[mM]essages|[eE]vents)$/.test(right.text);
  const condition = !range && !clause ? node.namedChildren.find((child) => child && child.type !== 'block' && child.type !== 'comment') ?? undefined : undefined;
  const dependsOnReply = (!range && !clause && !walksItems(node, condition)) || overChannel;
  if (literalLength === undefined && range && rangesOverOne(node, right)) literalLength = 1;
  const info: LoopInfo = { span: spanOf(node), dependsOnReply, ...(literalLength !== undefined ? { literalLength, bounded: 'constant' as const } : {}) };
  if (dependsOnReply) info.bounded = 'events';
  return { node, info, rangeRight: right };
}
