/**
 * What a for-loop runs over, as far as N+1 round trips are concerned: a literal list (how many items), a table
 * fixed in the code, chunks of a collection, or a stream of incoming events. Read once per loop.
 */
import type { Node } from 'web-tree-sitter';
import { balancedFrom, topLevelParts } from './bracketText';
import type { LoopInfo } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';

/** `METRICS`, `self.METRICS`, `Config.DEFAULT_KEYS`: a constant by naming convention. */
const CONSTANT = /(?:^|\.)[A-Z][A-Z0-9_]+$/;
/** Wrappers that keep the iteration over the same items: `.items()`, `enumerate(x)`, `Object.keys(x)`. */
const VIEW_METHOD = /^(.*)\.(?:items|keys|values|entries)\(\s*\)$/;
const WRAPPER_CALL = /^(?:enumerate|sorted|list|tuple|set|reversed|iter|Object\.(?:keys|values|entries)|Array\.from)\(\s*([\w$.]+)\s*\)$/;
/** Collections handed out in pieces: `chunked(ids, 500)`, `_chunk_values(keys)`, `batched(ids, 100)`, `chunks`. */
const CHUNKING = /(?:^|[^\w$])_*i?(?:chunk|batch)\w*\s*\(|(?:^|[._])\w*(?:chunks|batches)$/i;
/** Subscriptions deliver messages as they arrive: the loop is a consumer, each round waits for a new message. */
const EVENT_STREAM = /\.(?:listen|subscribe|psubscribe)\(\s*\)$/;
/**
 * `async for record in consumer`, `for await (const msg of this.subscription)`: a message consumer, subscription or
 * websocket hands out one message as it arrives, like a subscription's listen(); a plural name (`consumers`) is a list.
 */
const EVENT_SOURCE = /(?:^|[._a-z])(?:consumer|subscriber|subscription|websocket)$|^(?:(?:this|self)\.)?ws$/i;
/** Where a function starts (Python def, JS function, arrow or method): a local list is looked for after it. */
const FUNCTION_HEADER = /^[ \t]*(?:async[ \t]+)?def[ \t]|\bfunction\b|=>|^[ \t]*(?:(?:public|private|protected|static|async)[ \t]+)*(?!(?:if|for|while|switch|catch|with|return)\b)[\w$#]+[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]*)?\{/gm;
/** `asyncio.gather(*[...])`, `gather(*(... for ...))`: the comprehension's coroutines are all run. */
const GATHERED = /\bgather\s*\(\s*\*?\s*$/;
/** Loop variables and bounds that count attempts (`for attempt in range(5)`, `i < maxRetries`): a retry, not items. */
const RETRY_NAME = /^_*(?:attempts?|retry|retries|tries)(?:_\w+|[A-Z]\w*)?$|(?:^|[a-z\d])(?:Attempts?|Retry|Retries|Tries)(?:[A-Z]\w*)?$|_(?:attempts?|retry|retries|tries)$|^[A-Z_]*(?:ATTEMPTS?|RETRY|RETRIES|TRIES)[A-Z_]*$/;
/** SCAN iterators that hand out whole pages (node-redis v5 `scanIterator`, `scanStream` data events). */
const SCAN_PAGES = /\b(?:[hsz]?[sS]can(?:Iterator|Stream|_iter)|scan_iter)\s*\(/;
/** An item name that holds several keys: `keys`, `batch`, `page`, `chunk`. */
const PLURAL_ITEM = /(?:[^s]s|batch|page|chunk)$/i;
/** How far before a loop a local literal list is looked for (`models = ['a', 'b']` a few lines above). */
const LITERAL_LOOKBACK = 2000;
/** A Python function header, with its indentation. */
const PYTHON_DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]/;

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
  return topLevelParts(source.trim().replace(/^[[({]/, '').replace(/[\])}]$/, '').trim()).length;
}

/**
 * The text before a loop within LITERAL_LOOKBACK, from the enclosing function's header on: the same name in another
 * function may be a parameter there.
 */
function ownLinesBefore(text: string, loopStart: number): string {
  const before = text.slice(Math.max(0, loopStart - LITERAL_LOOKBACK), loopStart);
  let header = -1;
  FUNCTION_HEADER.lastIndex = 0;
  for (let match = FUNCTION_HEADER.exec(before); match; match = FUNCTION_HEADER.exec(before)) {
    // A Python helper defined before the loop (`async def grant(topic):` above the gather) whose body has ended: a
    // later line is indented no deeper than its `def`.
    const def = PYTHON_DEF.exec(match[0]);
    if (def && endedBefore(before, match.index + match[0].length, def[1].length)) continue;
    header = match.index;
  }
  return header >= 0 ? before.slice(header) : before;
}

/** Some line after `from` (up to the end of `text`) has code indented at most `indent`. */
function endedBefore(text: string, from: number, indent: number): boolean {
  const lines = text.slice(from).split('\n').slice(1);
  return lines.some((line) => line.trim() !== '' && !line.trim().startsWith('#') && /^[ \t]*/.exec(line)![0].length <= indent);
}

/**
 * A literal list or tuple that opens at the end of an assignment's line and closes on a later one, one item per
 * line as formatters lay it out (`topics = (` … `)`); undefined when it is not one.
 */
function literalOverLines(before: string, valueStart: number): string | undefined {
  const lineEnd = (from: number) => (before.indexOf('\n', from) === -1 ? before.length : before.indexOf('\n', from));
  const first = before.slice(valueStart, lineEnd(valueStart));
  const open = /^[ \t]*([[({])[ \t]*$/.exec(first);
  if (!open) return undefined;
  const start = valueStart + first.indexOf(open[1]);
  const block = balancedFrom(before, start);
  if (!block) return undefined;
  const end = start + block.length;
  return /^[ \t]*;?[ \t]*$/.test(before.slice(end, lineEnd(end))) ? block : undefined;
}

/**
 * The length of the literal list a plain name holds at the loop (`const models = ['a', 'b']` a few lines above):
 * only when every assignment of the name before the loop is that one literal and nothing adds to it.
 */
function boundLiteralLength(name: string, text: string, loopStart: number): number | undefined {
  const before = ownLinesBefore(text, loopStart);
  const escaped = name.replace(/[$]/g, '\\$');
  const assignment = new RegExp(`(?:^|[\\s;(,])(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::[^=\\n]*)?(?:=(?!=)|\\+=)([^\\n]*)`, 'gm');
  let literal: string | undefined;
  let assignments = 0;
  for (let match = assignment.exec(before); match; match = assignment.exec(before)) {
    assignments++;
    const oneLine = /^\s*([[({][^\n]*[\])}])\s*;?\s*$/.exec(match[1])?.[1];
    // The first line of a longer expression (`amounts = {await load(r, item): int(n)` continued below) is no literal.
    literal = oneLine !== undefined && balancedFrom(oneLine, 0) === oneLine ? oneLine : literalOverLines(before, match.index + match[0].length - match[1].length);
  }
  // A dict or object literal counts its entries (`defaults = {"bio": "", "template": "light"}`); one merged from
  // another mapping (`{**base, "a": 1}`) holds whatever that one holds.
  if (assignments !== 1 || literal === undefined || /\bfor\b|\.\.\.|\*\*/.test(literal)) return undefined;
  if (new RegExp(`\\b${escaped}\\s*\\.\\s*(?:append|extend|insert|push|unshift|splice|add|update|setdefault)\\s*\\(`).test(before)) return undefined;
  // An entry set under a computed name before the loop (`fields[extra] = 0`) adds to the table.
  if (new RegExp(`\\b${escaped}\\s*\\[[^\\]\\n]*\\]\\s*=(?!=)`).test(before)) return undefined;
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

/** `range(3)`, `range(1, 4)`: how many rounds a range of literal numbers makes; `range(NUM_SHARDS)` is fixed by the code. */
function rangeRounds(iterableText: string): number | 'constant' | undefined {
  const args = /^range\(\s*([^(),]+?)\s*(?:,\s*([^(),]+?)\s*)?\)$/.exec(iterableText);
  if (!args) return undefined;
  const [from, to] = args[2] === undefined ? ['0', args[1]] : [args[1], args[2]];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) return Math.max(0, Number(to) - Number(from));
  return /^\d+$/.test(from) && /^[\w.]+$/.test(to) && CONSTANT.test(to) ? 'constant' : undefined;
}

/** Shards, slots, priority levels: a count defined in the file that stays this small bounds the loop. */
const SMALL_COUNT = 16;

/**
 * `shard < this.shardCount`, `range(self.num_partitions)`: a count of shards, partitions or priority levels is set
 * by configuration and stays small however much data there is (the count of items is not named so).
 */
const PARTITION_COUNT = /^_*(?:num_?|n_?|total_?)?(?:shards?|partitions?|priorit(?:y|ies)(?:_?levels?)?)(?:_?(?:count|num|number|total|len))?$/i;
/** `for (const shard of this.shards)`, `for p in self.priorities`, `for key in shard_keys`: one round per shard or priority level. */
const PARTITION_LIST = /(?:^|[a-z_])(?:shards|partitions|priorities|priority_?levels)(?:_?keys)?$/i;

/**
 * `for (const group of this.groups)` where the class sets `this.groups` once, in its constructor, and never adds to
 * it: a list fixed by the configuration the object was built with (streams, concurrency groups), not data that grows.
 */
function fieldFixedAtConstruction(iterable: string, text: string): boolean {
  const field = /^(?:this|self)\.(#?[A-Za-z_$][\w$]*)$/.exec(iterable)?.[1];
  if (!field) return false;
  const name = field.replace(/[$]/g, '\\$');
  if (new RegExp(`(?:this|self)\\.${name}\\s*\\.\\s*(?:push|unshift|splice|add|append|extend|insert|update|set)\\s*\\(`).test(text)) return false;
  const assignments = [...text.matchAll(new RegExp(`(?:this|self)\\.${name}\\s*(?::[^=\\n]*)?(?:=(?![=>])|\\+=)`, 'g'))];
  if (assignments.length === 0) return new RegExp(`\\bconstructor\\s*\\([^)]*\\b(?:private|protected|public|readonly)\\s+(?:readonly\\s+)?${name}\\b`).test(text);
  if (assignments.length !== 1) return false;
  const before = text.slice(0, assignments[0].index);
  const header = [...before.matchAll(/\bconstructor\s*\(|\bdef\s+__init__\s*\(|^[ \t]*(?:async\s+)?(?:def\s+\w+|(?:(?:public|private|protected|static|async|get|set)\s+)*(?!(?:if|for|while|switch|catch|with|return)\b)#?[\w$]+\s*\([^)\n]*\)\s*(?::[^{\n]*)?\{)/gm)].pop();
  return !!header && /^(?:constructor|def\s+__init__)/.test(header[0].trim());
}

function namesPartitionCount(name: string): boolean {
  return PARTITION_COUNT.test(name.replace(/^.*\./, ''));
}

/** `range(NUM_SHARDS)` / `i < SHARD_COUNT` with `NUM_SHARDS = 8` in the file: a small fixed count (a large one, `NUM_USERS = 10000`, is items). */
function smallConstant(name: string, text: string): boolean {
  const last = name.replace(/^.*\./, '');
  const value = new RegExp(`^[ \\t]*(?:export[ \\t]+)?(?:(?:const|let|var|static|readonly|final)[ \\t]+)*${last}[ \\t]*(?::[^=\\n]*)?=[ \\t]*(\\d+)[ \\t]*;?[ \\t]*(?:$|#|//)`, 'm').exec(text);
  return !!value && Number(value[1]) <= SMALL_COUNT;
}

/** How far after a method's header its body is read for the range it builds its list from. */
const METHOD_BODY_SPAN = 600;

/**
 * `keys = self.get_keys()` then `for key in keys`, where this file's `get_keys` builds its list over
 * `range(self.number_of_keys)` with `number_of_keys = 10`: the keys of a sharded structure, one per shard, a count
 * fixed in the code however much data the shards hold.
 */
function listOfSmallRange(name: string, text: string, loopStart: number): boolean {
  const before = text.slice(Math.max(0, loopStart - LITERAL_LOOKBACK), loopStart);
  const escaped = name.replace(/[$]/g, '\\$');
  const assignment = new RegExp(`(?:^|[\\s;(])(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:self|this)\\.([A-Za-z_$][\\w$]*)\\(\\s*\\)`, 'g');
  let methodName: string | undefined;
  for (let match = assignment.exec(before); match; match = assignment.exec(before)) methodName = match[1];
  if (!methodName) return false;
  const header = new RegExp(`(?:def[ \\t]+|^[ \\t]*(?:(?:public|private|protected|static|async)[ \\t]+)*)${methodName.replace(/[$]/g, '\\$')}[ \\t]*\\(`, 'm').exec(text);
  if (!header) return false;
  const body = text.slice(header.index, header.index + METHOD_BODY_SPAN);
  const end = body.slice(1).search(/\n[ \t]*(?:async[ \t]+)?def[ \t]|\n\S/);
  const range = /\brange\(\s*(?:self\.|this\.)?([A-Za-z_]\w*)\s*\)|<\s*(?:this\.)?([A-Za-z_$][\w$]*)\s*;/.exec(end < 0 ? body : body.slice(0, end + 1));
  const bound = range?.[1] ?? range?.[2];
  return !!bound && (smallConstant(bound, text) || namesPartitionCount(bound));
}

/** One literal added to a list (`keys.append("top_today")`, `keys.push('a')`). */
const LITERAL_ADDED = /^([ \t]*)([A-Za-z_$][\w$]*)\s*\.\s*(?:append|push)\(\s*(?:(["'`])[^"'`\n]*\3|\d+)\s*\)\s*;?[ \t]*$/;
/** The header line of an if/elif/else branch (Python or braces). */
const BRANCH_HEADER = /^[ \t]*(?:\}\s*)?(?:if\b|elif\b|else\b)/;

/**
 * `keys = self.get_keys(date)` then `for key in keys`, where this file's `get_keys` starts an empty list, adds only
 * literals to it, in no loop, and returns it: the list holds at most one entry per literal added, and exactly one
 * when each literal is the only statement of its own branch of one if/elif/else chain (a key chosen by the date).
 */
function literalListBuilt(name: string, text: string, loopStart: number): number | undefined {
  const before = ownLinesBefore(text, loopStart);
  const escaped = name.replace(/[$]/g, '\\$');
  const assignment = new RegExp(`(?:^|[\\s;(])(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:(?:self|this)\\.)?([A-Za-z_$][\\w$]*)\\(`, 'g');
  let methodName: string | undefined;
  for (let match = assignment.exec(before); match; match = assignment.exec(before)) methodName = match[1];
  if (!methodName) return undefined;
  const header = new RegExp(`(?:def[ \\t]+|function[ \\t]+|^[ \\t]*(?:(?:public|private|protected|static|async)[ \\t]+)*)${methodName.replace(/[$]/g, '\\$')}[ \\t]*\\([^)\\n]*\\)[^\\n]*[:{][ \\t]*$`, 'm').exec(text);
  if (!header) return undefined;
  const rest = text.slice(header.index + header[0].length, header.index + header[0].length + METHOD_BODY_SPAN);
  const end = rest.search(/\n[ \t]*(?:async[ \t]+)?def[ \t]|\n(?:\S|[ \t]*(?:(?:public|private|protected|static|async)[ \t]+)*(?!(?:if|for|while|switch|catch|with|return|else)\b)[\w$]+\s*\([^)\n]*\)\s*(?::[^{\n]*)?\{)/);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n');
  if (lines.some((line) => /^\s*(?:for|while|do)\b/.test(line))) return undefined;
  const listName = /^\s*return\s+([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(lines.filter((line) => /^\s*return\b/.test(line)).pop() ?? '')?.[1];
  if (!listName) return undefined;
  const started = lines.filter((line) => new RegExp(`^\\s*(?:(?:const|let|var)\\s+)?${listName}\\s*(?::[^=]*)?=\\s*\\[\\s*\\]\\s*;?\\s*$`).test(line)).length;
  const uses = lines.filter((line) => new RegExp(`\\b${listName}\\b`).test(line));
  const added: number[] = [];
  lines.forEach((line, index) => {
    const literal = LITERAL_ADDED.exec(line);
    if (literal && literal[2] === listName) added.push(index);
  });
  // Started empty once, then only literals added and the list returned: nothing else touches it.
  if (started !== 1 || added.length === 0 || uses.length !== added.length + 2) return undefined;
  const headers = added.map((index) => lines.slice(0, index).reverse().find((line) => line.trim() !== '') ?? '');
  const indent = (line: string) => /^[ \t]*/.exec(line)![0];
  const oneChain =
    /^[ \t]*if\b/.test(headers[0]) &&
    headers.every((line, i) => BRANCH_HEADER.test(line) && indent(line) === indent(headers[0]) && (i === 0 || !/^[ \t]*if\b/.test(line)) && indent(lines[added[i]]).length > indent(line).length);
  return oneChain ? 1 : added.length;
}

/**
 * A list the function itself starts empty and then only adds to, one item per call in no loop, before looping over
 * it (`to_limit = []`, then `if limit_ip: to_limit.append(ip_key)` for each of a few limits): it holds at most one
 * item per call written, however the items are computed.
 */
function appendedOneByOne(name: string, text: string, loopStart: number): number | undefined {
  const lines = ownLinesBefore(text, loopStart).split('\n');
  const escaped = name.replace(/[$]/g, '\\$');
  const startsEmpty = new RegExp(`^\\s*(?:(?:const|let|var)\\s+)?${escaped}\\s*(?::[^=]*)?=\\s*\\[\\s*\\]\\s*;?\\s*$`);
  let start = -1;
  lines.forEach((line, index) => {
    if (startsEmpty.test(line)) start = index;
  });
  if (start < 0) return undefined;
  const after = lines.slice(start + 1);
  if (after.some((line) => /^\s*(?:async\s+)?(?:for|while|do)\b|\.(?:forEach|map)\(/.test(line))) return undefined;
  const mentioned = new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`);
  // The add may sit on its guard's line (`if (ip) keys.push(ipKey);`).
  const addsOne = new RegExp(`^\\s*(?:(?:\\}\\s*)?(?:else\\s+)?if\\s*\\(.*\\)\\s*|(?:\\}\\s*)?else\\s+)?${escaped}\\s*\\.\\s*(?:append|push)\\((?!\\s*(?:\\.\\.\\.|\\*))`);
  const uses = after.filter((line) => mentioned.test(line));
  return uses.length > 0 && uses.every((line) => addsOne.test(line)) ? uses.length : undefined;
}

/** `for (let i = 0; i < 3; i++)`: the rounds of a counting loop with a literal bound, or 'constant' / the bound's name. */
function countingRounds(loop: Node): { rounds?: number; bound?: string } {
  const init = /^(?:let|var|const)?\s*[\w$]+\s*=\s*(\d+)\b/.exec(loop.childForFieldName('initializer')?.text ?? '');
  const condition = /^[\w$]+\s*(<=?)\s*([\w$.]+)\s*;?$/.exec(loop.childForFieldName('condition')?.text ?? '');
  const step = loop.childForFieldName('increment')?.text ?? '';
  if (!condition || !/^(?:[\w$]+\+\+|\+\+[\w$]+|[\w$]+\s*\+=\s*1)$/.test(step)) return {};
  const bound = condition[2];
  if (init && /^\d+$/.test(bound)) return { rounds: Number(bound) - Number(init[1]) + (condition[1] === '<=' ? 1 : 0) };
  return { bound };
}

/** Names the loop binds per round (`key`, `node`, `(name, meta)`, `{ id, score }`). */
function loopItemNames(loop: Node): string[] {
  const left = loop.childForFieldName('left') ?? loop.childForFieldName('initializer');
  if (!left) return [];
  const names = left.text.replace(/=[^,;]*$/, '').match(/[A-Za-z_$][\w$]*/g) ?? [];
  return names.filter((name) => !/^(?:const|let|var|await|of|in)$/.test(name));
}

/** The loop's facts for LoopInfo (dependsOnReply is decided later, with the Redis calls of the loop). */
export function loopInfoOf(loop: Node, syntax: LanguageSyntax, text: string): LoopInfo {
  const info: LoopInfo = { span: spanOf(loop), dependsOnReply: false };
  if (loop.type !== 'for_statement' && loop.type !== 'for_in_statement' && GATHERED.test(text.slice(Math.max(0, loop.startIndex - 40), loop.startIndex))) info.gathered = true;
  const items = loopItemNames(loop);
  if (items.length) info.items = items;
  const iterable = syntax.loopIterable(loop);
  const iterableText = iterable ? iterable.text : undefined;
  // `for attempt in range(5)`, `for (let retry = 0; retry < 3; retry++)`: counted rounds that repeat the same work
  // (`for attempt in quiz.attempts` is items, whatever the name).
  const counted = iterableText === undefined ? loop.type === 'for_statement' : /^range\(/.test(iterableText);
  if (counted && items.some((name) => RETRY_NAME.test(name))) {
    info.bounded = 'retries';
    return info;
  }
  const literal = syntax.literalIterationCount(loop);
  if (literal !== undefined) {
    info.literalLength = literal;
    return info;
  }
  if (iterableText === undefined) {
    const counting = countingRounds(loop);
    if (counting.rounds !== undefined) info.literalLength = counting.rounds;
    else if (counting.bound && RETRY_NAME.test(counting.bound.replace(/^.*\./, ''))) info.bounded = 'retries';
    else if (counting.bound && CONSTANT.test(counting.bound) && smallConstant(counting.bound, text)) info.bounded = 'constant';
    else if (counting.bound && namesPartitionCount(counting.bound)) info.bounded = 'constant';
    else if (stepsByChunks(loop, undefined)) info.bounded = 'chunks';
    return info;
  }
  if (iterableText.length > 200) return info;
  const rounds = rangeRounds(iterableText);
  const countName = /^range\(\s*([\w.]+)\s*\)$/.exec(iterableText)?.[1];
  if (rounds === undefined && countName && namesPartitionCount(countName)) {
    info.bounded = 'constant';
    return info;
  }
  if (rounds !== undefined) {
    if (rounds !== 'constant') info.literalLength = rounds;
    else if (smallConstant(iterableText.slice(6, -1).split(',').pop()!.trim(), text)) info.bounded = 'constant';
    return info;
  }
  const wrappedLiteral = /^(?:enumerate|sorted|reversed|list|tuple|set|iter)\(\s*([[(][^\n]*[\])])\s*\)$/.exec(iterableText);
  if (wrappedLiteral && !/\bfor\b|\.\.\.|\*/.test(wrappedLiteral[1])) {
    info.literalLength = literalItems(wrappedLiteral[1]);
    return info;
  }
  // `for await (const keys of client.scanIterator(...))`: each round is a page of keys (node-redis v5, scanStream).
  if (SCAN_PAGES.test(iterableText) && items.length === 1 && PLURAL_ITEM.test(items[0])) {
    info.bounded = 'chunks';
    return info;
  }
  const inner = stripWrappers(iterableText);
  if (/^[A-Za-z_$][\w$]*$/.test(inner) && !CONSTANT.test(inner)) {
    const length = boundLiteralLength(inner, text, loop.startIndex);
    if (length !== undefined) info.literalLength = length;
    else if (listOfSmallRange(inner, text, loop.startIndex)) info.bounded = 'constant';
    else {
      const built = literalListBuilt(inner, text, loop.startIndex) ?? appendedOneByOne(inner, text, loop.startIndex);
      if (built !== undefined) info.literalLength = built;
    }
  } else if (/^[\w$.]+$/.test(inner) && CONSTANT.test(inner)) info.bounded = 'constant';
  if (!info.bounded && /^[\w$.#]+$/.test(inner) && PARTITION_LIST.test(inner.replace(/^.*\./, ''))) info.bounded = 'constant';
  if (!info.bounded && info.literalLength === undefined && fieldFixedAtConstruction(inner, text)) info.bounded = 'constant';
  else if (readsEntryOfConstantTable(loop, inner, syntax)) info.bounded = 'constant';
  if (info.literalLength === undefined && !info.bounded) {
    if (EVENT_STREAM.test(iterableText) || (/^[\w$.#]+$/.test(inner) && EVENT_SOURCE.test(inner))) info.bounded = 'events';
    else if (stepsByChunks(loop, iterableText) || CHUNKING.test(iterableText)) info.bounded = 'chunks';
  }
  return info;
}

