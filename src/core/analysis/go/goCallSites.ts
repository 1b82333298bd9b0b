/** Go call sites: the shared RedisCallSite of a command call, and where in the tree a call sits (batch, pool dial). */
import type { Node } from 'web-tree-sitter';
import type { Arg, FunctionInfo, LoopInfo, RedisCallSite } from '../model';
import { indentationAt, spanOf } from '../spans';
import type { GoRef } from './goScan';
import type { GoDial } from './goFacts';
import { looksLikeContext } from './goValues';

/** A command call as the walk found it. */
export interface GoCall {
  node: Node;
  field: Node;
  method: string;
  command: string;
  ref: GoRef;
  args: Arg[];
  batched: boolean;
  inTransaction: boolean;
}

/** A for-loop the walk is in; calls in the range expression (`range rdb.Keys(...)`) run once, not per item. */
export interface GoLoop {
  node: Node;
  info: LoopInfo;
  rangeRight?: Node;
}

/** The call site of a command sent at `node` (`field` names the method), in the function and loop the walk is in. */
export function goCallSite(call: GoCall, enclosingFunction: FunctionInfo | undefined, loop: GoLoop | undefined, text: string): RedisCallSite {
  const { node, field, method, command, ref, args, batched, inTransaction } = call;
  let outer: Node = node;
  while (outer.parent && (outer.parent.type === 'selector_expression' || (outer.parent.type === 'call_expression' && outer.parent.childForFieldName('function')?.id === outer.id))) outer = outer.parent;
  const statement = outer.parent?.type === 'expression_statement' ? outer.parent : undefined;
  const block = node.parent ? enclosingBlock(node) : undefined;
  const isLoopIterable = !!loop?.rangeRight && loop.rangeRight.startIndex <= node.startIndex && node.endIndex <= loop.rangeRight.endIndex;
  const span = spanOf(field);
  return {
    command,
    method,
    receiver: { kind: ref.kind, library: ref.library, confidence: ref.confidence, evidence: ref.evidence, text: node.childForFieldName('function')?.childForFieldName('operand')?.text ?? '', creation: ref.creation, identity: ref.identity, origin: ref.origin, async: false },
    args,
    keywords: {},
    span,
    callSpan: spanOf(node),
    expressionSpan: spanOf(outer),
    statementSpan: statement ? spanOf(statement) : undefined,
    indentation: indentationAt(text, node.startIndex),
    blockId: block?.startIndex ?? 0,
    enclosingFunction,
    loop: loop && !isLoopIterable ? loop.info : undefined,
    anyLoop: loop && !isLoopIterable ? loop.info.span : undefined,
    isLoopIterable,
    awaited: false,
    batched,
    inTransaction,
  };
}

function enclosingBlock(node: Node): Node | undefined {
  for (let current: Node | null = node.parent; current; current = current.parent) if (current.type === 'block') return current;
  return undefined;
}

/** A rueidis command built inside DoMulti, an append to a command list or a literal list: it is sent in a batch. */
export function insideBatch(node: Node): boolean {
  let current: Node | null = node.parent;
  for (let depth = 0; current && depth < 6; depth++, current = current.parent) {
    if (current.type === 'call_expression') {
      const callee = current.childForFieldName('function')?.text ?? '';
      if (/\.DoMulti(Cache)?$|^append$/.test(callee)) return true;
      if (/\.Do(Cache)?$/.test(callee)) return false;
    }
    if (current.type === 'composite_literal' || current.type === 'literal_value') return true;
  }
  return false;
}

/** A redigo dial (`redis.Dial("tcp", addr, redis.DialReadTimeout(…), …)`): which timeouts its options set, and where it sits. */
export function redigoDial(node: Node, name: string, args: Node[], enclosingFunction: FunctionInfo | undefined, inMain: boolean): GoDial {
  const options = args.map((a) => a.text).join(' ');
  const timeoutForm = name === 'DialTimeout';
  return {
    factory: name,
    span: spanOf(node.childForFieldName('function')!.childForFieldName('field')!),
    callSpan: spanOf(node),
    hasReadTimeout: timeoutForm || /DialReadTimeout|\bDialTimeout\b/.test(options),
    hasWriteTimeout: timeoutForm || /DialWriteTimeout|\bDialTimeout\b/.test(options),
    optionsFromCaller: args.some((a) => a.type === 'variadic_argument' || a.nextSibling?.type === '...'),
    inPoolDial: insidePoolDial(node),
    enclosingFunction,
    inMain,
  };
}

/** Inside the `Dial` function of a redigo `redis.Pool{...}` literal. */
export function insidePoolDial(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'keyed_element' && /^Dial(Context)?$/.test(current.namedChild(0)?.text ?? '')) return true;
    if (current.type === 'function_declaration' || current.type === 'method_declaration') return false;
  }
  return false;
}

/**
 * Methods of a go-redis `*redis.Script` that send it on the client given second (`script.Run(ctx, rdb, keys,
 * args...)`): Run sends EVALSHA and falls back to EVAL when the server has not cached the script.
 */
const SCRIPT_RUNS: Record<string, string> = { Run: 'EVALSHA', RunRO: 'EVALSHA_RO', Eval: 'EVAL', EvalSha: 'EVALSHA', EvalRO: 'EVAL_RO', EvalShaRO: 'EVALSHA_RO' };

/** A script run the walk found: its command, the client it goes to, and its arguments after the context. */
export interface GoScriptRun {
  command: string;
  client: GoRef;
  clientText: string;
  args: Node[];
}

/**
 * `script.Run(ctx, rdb, keys, args...)` on a receiver that is no client: a script run when the first argument is a
 * context and the second a go-redis client. The call site is the client's (the script object sends nothing itself).
 */
export function goScriptRun(method: string, args: Node[], resolve: (node: Node) => GoRef | undefined): GoScriptRun | undefined {
  if (!Object.hasOwn(SCRIPT_RUNS, method) || args.length < 3 || !looksLikeContext(args[0])) return undefined;
  const client = resolve(args[1]);
  if (!client || client.library !== 'go-redis') return undefined;
  // Keep the client where a client's own Eval has its script, so the key list is the second argument either way.
  return { command: SCRIPT_RUNS[method], client, clientText: args[1].text, args: args.slice(1) };
}
