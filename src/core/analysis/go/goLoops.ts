/** Go for-loops as the loop rules see them: items, a fixed list, or events and polling. */
import type { Node } from 'web-tree-sitter';
import type { LoopInfo } from '../model';
import { spanOf } from '../spans';
import type { GoLoop } from './goCallSites';

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
  const dependsOnReply = (!range && !clause) || overChannel;
  const info: LoopInfo = { span: spanOf(node), dependsOnReply, ...(literalLength !== undefined ? { literalLength, bounded: 'constant' as const } : {}) };
  if (dependsOnReply) info.bounded = 'events';
  return { node, info, rangeRight: right };
}
