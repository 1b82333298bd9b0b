/** How a Go function treats the redigo connections and clients it creates: closes (deferred or not), early returns, hand-overs. */
import type { Node } from 'web-tree-sitter';
import type { FunctionInfo } from '../model';
import type { GoClientPerCall, GoConnectionTake } from './goFacts';
import type { GoRef } from './goScan';

/** What the walk knows about one function while inside it. */
export interface Frame {
  node: Node;
  info: FunctionInfo;
  names: Map<string, GoRef>;
  isMain: boolean;
  takes: GoConnectionTake[];
  created: { name: string; record: GoClientPerCall }[];
  /** Connections in MULTI (redigo Send("MULTI") ... Do("EXEC")). */
  inMulti: Set<string>;
  /** The func literal is the callback of TxPipelined/Watch: its pipeline parameters are transactions. */
  transactionCallback: boolean;
}

/** `name.Close()` seen: the innermost function that took or created `name` (frames innermost first) counts it closed. */
export function markClosed(frames: readonly Frame[], name: string, deferred: boolean): void {
  for (const scope of frames) {
    for (const take of scope.takes) if (take.name === name) deferred ? (take.deferredClose = true) : (take.plainClose = true);
    for (const created of scope.created) if (created.name === name) created.record.closed = true;
  }
}

/** Names a `defer` statement closes: `defer conn.Close()`, or Close calls inside a deferred function literal. */
export function deferredCloses(node: Node): string[] {
  const call = node.namedChild(0);
  if (call?.type !== 'call_expression') return [];
  const callee = call.childForFieldName('function');
  if (callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Close') return [callee.childForFieldName('operand')?.text ?? ''];
  if (callee?.type !== 'func_literal') return [];
  const names: string[] = [];
  for (const inner of callee.descendantsOfType('selector_expression')) {
    if (inner?.childForFieldName('field')?.text === 'Close') names.push(inner.childForFieldName('operand')?.text ?? '');
  }
  return names;
}

/** A `return` before the connection is closed: a leak, unless it returns the connection or leaves on its error. */
export function markEarlyReturns(takes: readonly GoConnectionTake[], node: Node): void {
  const text = node.text;
  for (const take of takes) {
    if (take.deferredClose || take.plainClose) continue;
    // Returned as a value (`return conn`, `return conn, nil`), not merely used in the returned expression.
    if (new RegExp(`^return\\s+(?:[^\\n]*,\\s*)?${take.name}\\s*(?:,|$)`).test(text)) {
      take.handedOver = true;
      continue;
    }
    // An early return on the connection's own error (redigo hands back an error connection) is no leak.
    let guard: Node | null = node.parent;
    for (let depth = 0; guard && guard.type !== 'if_statement' && depth < 3; depth++) guard = guard.parent;
    const condition = guard?.type === 'if_statement' ? `${guard.childForFieldName('initializer')?.text ?? ''}; ${guard.childForFieldName('condition')?.text ?? ''}` : '';
    if (new RegExp(`\\b${take.name}\\.Err\\(\\)`).test(condition)) continue;
    // Dial and pool.GetContext hand back an error with the connection: returning on it leaves nothing to close.
    if (/err\s*!=\s*nil/.test(condition) && (take.factory.startsWith('Dial') || take.factory === 'GetContext')) continue;
    take.returnBeforeDefer = true;
  }
}

/** Connections handed to other code: stored in a field or a struct literal (`&wrapper{c}`), passed to a call, returned, sent on a channel. */
export function markHandOvers(takes: readonly GoConnectionTake[], text: string): void {
  for (const take of takes) {
    if (take.handedOver) continue;
    const fn = take.enclosingFunction;
    if (!fn) continue;
    const body = text.slice(take.span.endOffset, fn.span.endOffset);
    const name = take.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A named result (`func() (c redis.Conn, err error)`) leaves with a bare return.
    const header = text.slice(fn.span.startOffset, text.indexOf('{', fn.span.startOffset) + 1);
    if (new RegExp(`[(,]\\s*${name}\\s+[\\w.*\\[\\]]+\\s*[,)]`).test(header.slice(header.indexOf(')') + 1))) {
      take.handedOver = true;
      continue;
    }
    if (new RegExp(`(\\.\\w+\\s*=\\s*${name}\\b)|([(,]\\s*${name}\\s*[,)])|(\\breturn\\s+(?:[^\\n]*,\\s*)?${name}\\s*(?:,|$))|(<-\\s*${name}\\b)|(\\w:\\s*${name}\\b)|(\\w\\{\\s*(?:[^{}\\n]*,\\s*)?${name}\\s*[,}])`, 'm').test(body)) take.handedOver = true;
  }
}
