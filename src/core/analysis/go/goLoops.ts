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
 * `for { v, err := rdb.RPop(ctx, list).Result(); if err == redis.Nil { break } … }` (draining a list, also with a
 * blocking pop that gives up on an empty list): loops
 * without a range clause that still go item by item.
 */
function walksItems(node: Node, condition: Node | undefined): boolean {
  const body = node.childForFieldName('body')?.text ?? '';
  // `for iter.Next(ctx)` over a go-redis SCAN/SSCAN/HSCAN/ZSCAN iterator: the iterator fetches the pages and hands
  // out one key or member per round.
  const iterator = condition && /^(\w+)\.Next\(\s*\w*\s*\)$/.exec(condition.text.trim())?.[1];
  if (iterator) return new RegExp(`\\b${iterator}\\s*:?=\\s*[^\\n]*\\.[HSZ]?[Ss]can\\([^\\n]*\\)\\.Iterator\\(\\)`).test(textBefore(node));
  const walked = condition && /^len\((\w+)\)\s*(?:>\s*0|!=\s*0|>=\s*1)$/.exec(condition.text.trim())?.[1];
  if (walked) return new RegExp(`\\b${walked}\\s*(?:,\\s*\\w+)?\\s*=\\s*(?:\\w+\\.Scan(?:Slice|Struct)?\\(\\s*${walked}\\b|${walked}\\[\\w+:\\])`).test(body);
  if (condition) return false;
  // The blocking pops too (`BRPopLPush(ctx, inflight, queue, time.Second)`): one that stops at redis.Nil, when its
  // timeout passes on an empty list, moves the items there are one round trip each, like the plain pops.
  const pops = /\.B?(?:RPop|LPop|SPop|ZPopMin|ZPopMax|RPopLPush|LMove)\(|Do\(\s*"B?(?:RPOP|LPOP|SPOP|ZPOPMIN|ZPOPMAX|RPOPLPUSH|LMOVE)"/i.test(body);
  if (pops && /==\s*redis\.Nil\s*\{\s*break\b|errors\.Is\(\s*err\s*,\s*redis\.Nil\s*\)\s*\{\s*break\b|redis\.ErrNil\s*\{\s*break\b/.test(body)) return true;
  // A range read of one element per round (`ZRANGEBYSCORE key -inf now LIMIT 0 1`, `Count: 1`) that stops when the
  // reply comes back empty moves the due items one by one, as a pop does.
  return /"LIMIT",\s*0,\s*1\b|\bCount:\s*1\b|\.Count\(1\)|"COUNT",\s*1\b/i.test(body) && /\blen\(\w+\)\s*(?:==\s*0|<\s*1)\s*\{\s*break\b/.test(body);
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

/** The text of the top-level function around a node up to the node: closures see what their function declared. */
function declarationTextBefore(node: Node): string {
  let fn: Node | null = node.parent;
  let outer: Node | null = null;
  for (; fn; fn = fn.parent) if (/^(function_declaration|method_declaration|func_literal)$/.test(fn.type)) outer = fn;
  return outer ? outer.text.slice(0, node.startIndex - outer.startIndex) : '';
}

/** The ranged name is a slice the function declares (`msgs ...*Message`, `events []Event`, `var msgs []T`). */
function declaredSlice(node: Node, name: string): boolean {
  if (!/^[A-Za-z_]\w*$/.test(name)) return false;
  return new RegExp(`\\b${name}\\s+(?:\\.\\.\\.|\\[\\])`).test(declarationTextBefore(node));
}

/** Roots of configuration values: what an operator lists there (queues, shards, prefixes) is a handful of names. */
const CONFIG_ROOT = /^(?:cfg|conf|config|configuration|settings|opts|options)$/i;

function fromConfiguration(expression: string): boolean {
  const parts = expression.trim().split('.');
  return parts.length > 1 && CONFIG_ROOT.test(parts[0]);
}

/**
 * The loop ranges over configured names: a configuration field (`range cfg.Worker.Queues`), or a set or slice the
 * function builds only from configuration fields (`qset[q] = …` for each configured queue, `qset[cfg.DeadLetterList]`).
 */
function rangesOverConfiguration(node: Node, right: Node | undefined): boolean {
  if (right?.type === 'selector_expression') return fromConfiguration(right.text);
  if (right?.type !== 'identifier') return false;
  const before = declarationTextBefore(node);
  const name = right.text;
  if (!new RegExp(`\\b${name}\\s*:?=\\s*(?:map\\[[^\\]]*\\][\\w.{}]*\\{\\s*\\}|\\[\\][\\w.]+\\{\\s*\\}|make\\()|\\bvar\\s+${name}\\b`).test(before)) return false;
  const writes = [...before.matchAll(new RegExp(`\\b${name}\\[([^\\]]+)\\]\\s*=[^=]|\\b${name}\\s*=\\s*append\\(\\s*${name}\\s*,\\s*([^)]+)\\)`, 'g'))];
  const configured = new Set([...before.matchAll(/\bfor\s+(?:_\s*,\s*)?(\w+)(?:\s*,\s*\w+)?\s*:?=\s*range\s+([\w.]+)/g)].filter((m) => fromConfiguration(m[2])).map((m) => m[1]));
  return writes.length > 0 && writes.every((write) => {
    const item = (write[1] ?? write[2]).trim();
    return fromConfiguration(item) || configured.has(item);
  });
}

/**
 * The loop waits between rounds (`time.Sleep(time.Second)`, `<-time.After(d)`, `<-ticker.C` in its body): a producer
 * or poller paced on purpose, whose round trips are not what makes it slow.
 */
function paced(node: Node): boolean {
  const body = node.childForFieldName('body')?.text ?? '';
  return /\btime\.Sleep\(|<-\s*time\.After\(|<-\s*[\w.]+\.C\b/.test(body.replace(/\bfunc\s*\([^)]*\)[^{]*\{[\s\S]*?\n\s*\}/g, ''));
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
  // A name alone (`msgs`, `events`) says channel only when the function does not declare it a slice: a variadic or
  // slice parameter (`msgs ...*Message`) holds the items of one call.
  const overChannel = !!right && /(\.C|\bch|Chan|chan\w*|\.Channel\(\)|[mM]sgs|[mM]essages|[eE]vents)$/.test(right.text) && !declaredSlice(node, right.text);
  const condition = !range && !clause ? node.namedChildren.find((child) => child && child.type !== 'block' && child.type !== 'comment') ?? undefined : undefined;
  const dependsOnReply = (!range && !clause && !walksItems(node, condition)) || overChannel;
  if (literalLength === undefined && range && rangesOverOne(node, right)) literalLength = 1;
  const configured = literalLength === undefined && !!range && rangesOverConfiguration(node, right);
  const info: LoopInfo = { span: spanOf(node), dependsOnReply, ...(literalLength !== undefined ? { literalLength, bounded: 'constant' as const } : configured ? { bounded: 'constant' as const } : {}) };
  if (dependsOnReply || paced(node)) info.bounded = 'events';
  return { node, info, rangeRight: right };
}
