/**
 * Follows a Python expression back to the Redis reply it holds: a read call, an element of a multi-value reply
 * (MGET, LRANGE, ZRANGE, HGETALL, ...) reached by indexing, iteration, unpacking, zip/enumerate, or a position
 * of a pipeline's `execute()` result mapped to the command queued there. Used for deserializers (pickle.loads).
 */
import type { Node } from 'web-tree-sitter';
import { commandForMethod } from './commandNames';
import type { RedisCallSite } from './model';

/** Commands whose reply carries stored values (a value, or a collection of them). */
const READS = new Set([
  'GET', 'GETDEL', 'GETEX', 'GETSET', 'GETRANGE', 'HGET', 'HMGET', 'HGETALL', 'HVALS', 'HRANDFIELD', 'MGET', 'LINDEX', 'LPOP', 'RPOP',
  'LRANGE', 'LMOVE', 'BLMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'BLPOP', 'BRPOP', 'LMPOP', 'BLMPOP', 'SMEMBERS', 'SRANDMEMBER', 'SPOP', 'SUNION',
  'SINTER', 'SDIFF', 'SSCAN', 'HSCAN', 'ZSCAN', 'ZRANGE', 'ZREVRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE', 'ZRANGEBYLEX', 'ZREVRANGEBYLEX',
  'ZPOPMIN', 'ZPOPMAX', 'BZPOPMIN', 'BZPOPMAX', 'ZRANDMEMBER', 'SORT', 'SORT_RO', 'XRANGE', 'XREVRANGE', 'XREAD', 'XREADGROUP',
]);

/** Commands a redis-py pipeline sends at once, not queued: they take no position in execute()'s reply. */
const IMMEDIATE = new Set(['WATCH', 'UNWATCH', 'MULTI']);

/** The file's own functions, for calls of helpers that return a reply (`self.get(key)` returning `r.get(...)`). */
export interface ReplyFunctions {
  returnedReply(call: Node): string | undefined;
}

/** What an expression holds: one reply (or an element of one), or the list a pipeline's execute() returns. */
type Flow = { kind: 'reply'; command: string } | { kind: 'batch'; queued: string[] };

/** Functions (or methods of codec modules) whose result carries the bytes of their first argument. */
const TRANSPARENT_FUNCTIONS = new Set([
  'bytes', 'bytearray', 'memoryview', 'BytesIO', 'decompress', 'b64decode', 'urlsafe_b64decode', 'standard_b64decode', 'b32decode', 'b85decode',
  'a85decode', 'decodebytes', 'unhexlify', 'a2b_base64', 'fromhex',
]);
const FUNCTION_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);
const LOOP_TYPES = new Set(['for_statement', 'for_in_clause']);
const PATTERN_TYPES = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list']);
const MAX_DEPTH = 6;

function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < 8 && (current.type === 'parenthesized_expression' || current.type === 'await'); i++) {
    const inner = named(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

function literalIndex(node: Node | null): number | undefined {
  if (!node) return undefined;
  if (node.type === 'integer') return Number(node.text);
  return undefined;
}

export class ReplyFlow {
  constructor(
    /**
     * The file's command sites by the start offset of their call (of chained calls starting at one offset, the one
     * analysed last). Only these are read, so a statement-by-statement analysis and a whole-file one agree.
     */
    private readonly sitesByStart: ReadonlyMap<number, RedisCallSite>,
    /** The function (or module) the deserializer is in: names are looked up there only. */
    private readonly scope: Node,
    /** The file's functions (for files that unpickle, see pickleFlow.ts); without it helpers are not followed. */
    private readonly functions?: ReplyFunctions,
  ) {}

  /** The command of the Redis read whose reply (or one element of it) the expression holds. */
  replyOf(node: Node): string | undefined {
    const flow = this.flow(node, node.startIndex, 0);
    return flow?.kind === 'reply' ? flow.command : undefined;
  }

  private siteAt(node: Node): RedisCallSite | undefined {
    const site = this.sitesByStart.get(node.startIndex);
    return site && site.callSpan.endOffset === node.endIndex ? site : undefined;
  }

  private flow(raw: Node, before: number, depth: number): Flow | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrap(raw);
    switch (node.type) {
      case 'call': {
        const site = this.siteAt(node);
        if (site) return { kind: 'reply', command: site.command };
        const unwrapped = this.unwrapped(node);
        if (unwrapped) return this.flow(unwrapped, before, depth + 1);
        const executed = this.executed(node);
        if (executed) return executed;
        const returned = this.functions?.returnedReply(node);
        return returned ? { kind: 'reply', command: returned } : undefined;
      }
      case 'subscript': {
        const value = node.childForFieldName('value');
        return value ? this.element(this.flow(value, before, depth + 1), literalIndex(node.childForFieldName('subscript'))) : undefined;
      }
      case 'identifier':
        return this.nameFlow(node.text, node, before, depth);
      default:
        return undefined;
    }
  }

  /**
   * The bytes a decoding wrapper passes on unchanged in substance: `zlib.decompress(x)`, `base64.b64decode(x)`,
   * `bytes(x)`, `io.BytesIO(x)` (for `pickle.load`), `x.encode("latin1")`.
   */
  private unwrapped(call: Node): Node | undefined {
    const callee = call.childForFieldName('function');
    const list = call.childForFieldName('arguments');
    const first = list ? named(list).find((arg) => arg.type !== 'keyword_argument') : undefined;
    if (callee?.type === 'identifier') return TRANSPARENT_FUNCTIONS.has(callee.text) ? first : undefined;
    if (callee?.type !== 'attribute') return undefined;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (method === 'encode') return callee.childForFieldName('object') ?? undefined;
    return TRANSPARENT_FUNCTIONS.has(method) ? first : undefined;
  }

  /** One element of what a flow holds: a position of a batch is the reply of the command queued there. */
  private element(flow: Flow | undefined, index?: number): Flow | undefined {
    if (!flow) return undefined;
    if (flow.kind === 'reply') return flow;
    if (index !== undefined) {
      const command = flow.queued[index < 0 ? flow.queued.length + index : index];
      return command && READS.has(command) ? { kind: 'reply', command } : undefined;
    }
    const read = flow.queued.find((command) => READS.has(command));
    return read ? { kind: 'reply', command: read } : undefined;
  }

  /** `pipe.execute()` (or a chain `r.pipeline().get(k).ttl(k).execute()`): the commands queued on it, in order. */
  private executed(call: Node): Flow | undefined {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'execute') return undefined;
    const object = callee.childForFieldName('object');
    if (!object) return undefined;
    const chained = this.chainedCommands(unwrap(object));
    if (chained === null) return undefined;
    if (chained.length) return { kind: 'batch', queued: chained };
    // A named pipeline: the commands queued on it since its previous execute() in this scope.
    const receiver = object.text;
    const executeAt = call.startIndex;
    const text = this.scope.text;
    const base = this.scope.startIndex;
    const previous = text.lastIndexOf(`${receiver}.execute(`, executeAt - base - 1);
    // After WATCH, redis-py runs commands at once until multi(): only what is queued after it is in execute()'s reply.
    const multi = text.lastIndexOf(`${receiver}.multi(`, executeAt - base - 1);
    const start = Math.max(previous, multi);
    const from = start < 0 ? base : base + start;
    const queued = [...this.sitesByStart.values()]
      .filter((site) => site.batched && site.receiver.text === receiver && !IMMEDIATE.has(site.command) && site.callSpan.startOffset >= from && site.callSpan.startOffset < executeAt && site.callSpan.startOffset >= base)
      .sort((a, b) => a.callSpan.startOffset - b.callSpan.startOffset);
    return queued.length ? { kind: 'batch', queued: queued.map((site) => site.command) } : undefined;
  }

  /**
   * The commands queued by a chain `r.pipeline().exists(k).get(k)`, innermost first: [] when the object is not a
   * chain of calls, null when it is not a Redis batch. Links whose site another call starting at the same offset
   * took are named by their method; at least one link must be a batched command site.
   */
  private chainedCommands(start: Node): string[] | null {
    const commands: string[] = [];
    let batched = false;
    for (let link = start, steps = 0; link.type === 'call' && steps < 32; steps++) {
      const callee = link.childForFieldName('function');
      if (callee?.type !== 'attribute') return commands.length ? null : [];
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const site = this.siteAt(link);
      if (site) {
        if (!site.batched) return commands.length ? null : [];
        batched = true;
        commands.unshift(site.command);
      } else if (method === 'pipeline' || method === 'multi' || method === 'transaction') {
        break;
      } else {
        const command = commandForMethod(method);
        if (!command) return commands.length ? null : [];
        commands.unshift(command);
      }
      const next = callee.childForFieldName('object');
      if (!next) break;
      link = unwrap(next);
    }
    return batched ? commands : commands.length ? null : [];
  }

  /**
   * What a name holds at `use`: the variable of an enclosing for-loop or comprehension, or any assignment to it
   * earlier in the scope (including unpacking and the walrus operator).
   */
  private nameFlow(name: string, use: Node, before: number, depth: number): Flow | undefined {
    for (let current = use.parent; current && current.startIndex >= this.scope.startIndex; current = current.parent) {
      if (FUNCTION_TYPES.has(current.type) && current.startIndex !== this.scope.startIndex) break;
      const clauses = LOOP_TYPES.has(current.type) ? [current] : current.type.endsWith('comprehension') || current.type === 'generator_expression' ? named(current).filter((c) => c.type === 'for_in_clause') : [];
      for (const clause of clauses) {
        const left = clause.childForFieldName('left');
        const right = clause.childForFieldName('right');
        if (!left || !right || (clause.type === 'for_statement' && !this.inside(use, clause.childForFieldName('body')))) continue;
        const found = this.bound(name, left, right, true, clause.startIndex, depth);
        if (found) return found;
      }
      if (current.startIndex === this.scope.startIndex && current.endIndex === this.scope.endIndex) break;
    }
    let result: Flow | undefined;
    this.visitAssignments(this.scope, before, (left, right, at) => {
      result ??= this.bound(name, left, right, false, at, depth);
    });
    return result;
  }

  private inside(node: Node, container: Node | null): boolean {
    return !!container && node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
  }

  /**
   * The flow `name` receives from `right` when bound by the target `left`: assigned the value (or one element of
   * it when iterated), or unpacked at a position (of a tuple, a batch, zip(...) or enumerate(...)).
   */
  private bound(name: string, left: Node, right: Node, iterated: boolean, at: number, depth: number): Flow | undefined {
    if (left.type === 'identifier') {
      if (left.text !== name) return undefined;
      return iterated ? this.element(this.iterated(right, at, depth)) : this.flow(right, at, depth + 1);
    }
    if (!PATTERN_TYPES.has(left.type)) return undefined;
    const targets = named(left);
    const position = targets.findIndex((target) => target.type === 'identifier' && target.text === name);
    if (position < 0) return undefined;
    const value = unwrap(right);
    if (iterated) {
      // `for key, blob in zip(keys, r.mget(keys))`, `for i, blob in enumerate(r.lrange(...))`, `for k, v in r.hgetall(h).items()`.
      const zipped = this.zipped(value);
      if (zipped) {
        if (zipped.name === 'enumerate') return position === 1 && zipped.args[0] ? this.element(this.flow(zipped.args[0], at, depth + 1)) : undefined;
        return zipped.args[position] ? this.element(this.flow(zipped.args[position], at, depth + 1)) : undefined;
      }
      return this.element(this.iterated(value, at, depth));
    }
    if (PATTERN_TYPES.has(value.type)) {
      const items = named(value);
      return items[position] ? this.flow(items[position], at, depth + 1) : undefined;
    }
    return this.element(this.flow(value, at, depth + 1), position);
  }

  /** The iterable of a loop, seen through `.items()` / `.values()` of a reply. */
  private iterated(right: Node, at: number, depth: number): Flow | undefined {
    const value = unwrap(right);
    if (value.type === 'call' && !this.siteAt(value)) {
      const callee = value.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      const object = callee?.childForFieldName('object');
      if (object && (method === 'items' || method === 'values')) return this.flow(object, at, depth + 1);
    }
    return this.flow(value, at, depth + 1);
  }

  private zipped(value: Node): { name: string; args: Node[] } | undefined {
    if (value.type !== 'call') return undefined;
    const callee = value.childForFieldName('function');
    if (callee?.type !== 'identifier' || (callee.text !== 'zip' && callee.text !== 'enumerate')) return undefined;
    const list = value.childForFieldName('arguments');
    return { name: callee.text, args: list ? named(list).filter((arg) => arg.type !== 'keyword_argument') : [] };
  }

  /** Assignments (plain, unpacking, walrus) of the scope that start before `before`; nested functions are not entered. */
  private visitAssignments(node: Node, before: number, visit: (left: Node, right: Node, at: number) => void, depth = 0): void {
    if (depth > 64) return;
    for (const child of named(node)) {
      if (child.startIndex >= before) return;
      if (FUNCTION_TYPES.has(child.type)) continue;
      if (child.type === 'assignment' || child.type === 'named_expression') {
        const left = child.childForFieldName(child.type === 'assignment' ? 'left' : 'name');
        let right = child.childForFieldName(child.type === 'assignment' ? 'right' : 'value');
        // `a = b = r.get(k)`
        while (right?.type === 'assignment') right = right.childForFieldName('right');
        if (left && right && right.endIndex <= before) visit(left, right, child.startIndex);
      } else if (child.type === 'call') {
        // `values.extend(r.mget(keys))`, `values.append(r.get(k))`: the list holds (elements of) the reply.
        const callee = child.childForFieldName('function');
        const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
        const object = method === 'extend' || method === 'append' ? callee?.childForFieldName('object') : undefined;
        const list = object?.type === 'identifier' ? child.childForFieldName('arguments') : null;
        const argument = list ? named(list).find((arg) => arg.type !== 'keyword_argument') : undefined;
        if (object && argument && child.endIndex <= before) visit(object, argument, child.startIndex);
      }
      this.visitAssignments(child, before, visit, depth + 1);
    }
  }
}
