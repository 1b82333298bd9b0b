/**
 * The fields of one Redis call site: its command (also for generic `call`/`execute_command` forms), arguments,
 * spans (call, expression, whole-line statement), awaiting, loop and function context.
 */
import type { Node } from 'web-tree-sitter';
import { argFromNode } from './argumentValues';
import { functionInfo, type RawCall } from './collect';
import { CONTAINER_COMMANDS, GENERIC_COMMAND_METHODS, commandForMethod, commandFromName } from './commandNames';
import { commandTemplate } from './commandOfCall';
import { innermostForLoop } from './indirectCalls';
import { loopInfoOf } from './loopShape';
import type { Arg, LoopInfo, ReceiverInfo, RedisCallSite } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';

type CallSiteParts = NonNullable<ReturnType<LanguageSyntax['callParts']>>;

const AWAIT_TYPES = new Set(['await', 'await_expression']);

/**
 * `loopInfo` gives the LoopInfo of a for-loop node as a new object per call site (markReplyDependentLoops sets
 * dependsOnReply on each site's own); without it the loop is read from the tree again for every site.
 */
export function buildCallSite(
  syntax: LanguageSyntax,
  text: string,
  call: RawCall,
  parts: CallSiteParts,
  receiver: ReceiverInfo,
  method: string,
  loopInfo: (loop: Node) => LoopInfo = (loop) => loopInfoOf(loop, syntax, text),
): RedisCallSite {
  const family = syntax.family;
  let args: Arg[] = parts.args.map((a) => argFromNode(a, family));
  const keywords: Record<string, Arg> = {};
  for (const keyword of parts.keywords) keywords[keyword.name] = argFromNode(keyword.value, family, keyword.name, keyword.node);
  // redis-py also takes the key as `name=` (`r.expire(name=key, time=60)`): it is the first argument all the same.
  if (family === 'python' && keywords.name && receiver.library === 'redis-py' && !GENERIC_COMMAND_METHODS.has(method)) args = [keywords.name, ...args];
  let command: string | undefined;
  if (GENERIC_COMMAND_METHODS.has(method)) {
    const first = args[0];
    if (first?.value.kind === 'string') {
      command = commandFromName(first.value.value, args[1]?.value.kind === 'string' ? args[1].value.value : undefined);
      args = args.slice(command?.includes(' ') && !first.value.value.includes(' ') ? 2 : 1);
    } else if (first?.value.kind === 'array' && first.value.items[0]?.value.kind === 'string') {
      const items = first.value.items;
      const name = items[0].value.kind === 'string' ? items[0].value.value : '';
      const sub = items[1]?.value.kind === 'string' ? items[1].value.value : undefined;
      command = commandFromName(name, sub);
      args = items.slice(command?.includes(' ') ? 2 : 1);
    } else if (family === 'python' && parts.args[0]) {
      const template = commandTemplate(parts.args[0], syntax);
      command = template ? commandFromName(template) : undefined;
      if (command) args = args.slice(1);
    }
  } else {
    command = commandForMethod(method);
    if (command && CONTAINER_COMMANDS.has(command) && args[0]?.value.kind === 'string') {
      command = `${command} ${args[0].value.value.toUpperCase()}`;
      args = args.slice(1);
    }
  }
  let outer = call.node;
  let awaited = false;
  // Each `.parent` read walks down from the root inside Wasm: the loop keeps the last one for outerParent.
  let outerParent = outer.parent;
  let outerParentType = outerParent?.type;
  while (outerParent && outerParentType !== undefined && (AWAIT_TYPES.has(outerParentType) || outerParentType === 'parenthesized_expression')) {
    if (AWAIT_TYPES.has(outerParentType)) awaited = true;
    outer = outerParent;
    outerParent = outer.parent;
    outerParentType = outerParent?.type;
  }
  const statement = outerParentType === 'expression_statement' ? outerParent! : undefined;
  const statementNode = statement ?? call.node;
  const statementStart = statementNode.startIndex;
  // Line boundaries from node positions, never by scanning the text (minified files are one long line).
  const lineStart = statementStart - statementNode.startPosition.column;
  let statementSpan;
  if (statement && /^[ \t]*$/.test(text.slice(lineStart, statement.startIndex))) {
    // endIndex and endPosition are Wasm calls: read once.
    const statementEnd = statement.endIndex;
    const tail = text.slice(statementEnd, statementEnd + 200);
    const newline = tail.indexOf('\n');
    const rest = newline < 0 ? tail : tail.slice(0, newline);
    const atEnd = newline < 0 && statementEnd + tail.length >= text.length;
    if ((newline >= 0 || atEnd) && /^[ \t;\r]*$/.test(rest)) {
      const row = statement.startPosition.row;
      const endOffset = newline < 0 ? text.length : statementEnd + newline + 1;
      const endPosition = statement.endPosition;
      statementSpan = {
        start: { line: row, column: 0 },
        end: newline < 0 ? { line: endPosition.row, column: endPosition.column + rest.length } : { line: endPosition.row + 1, column: 0 },
        startOffset: lineStart,
        endOffset,
      };
    }
  }
  const start = call.node.startIndex;
  const callSpan = spanOf(call.node);
  const forLoop = innermostForLoop(call.context, start);
  const anyLoop = [...call.context.loops].reverse().find((l) => start >= l.bodyStart && start < l.bodyEnd);
  const loop: LoopInfo | undefined = forLoop ? loopInfo(forLoop.node) : undefined;
  const isLoopIterable =
    !!outerParent && (outerParentType === 'for_statement' || outerParentType === 'for_in_statement' || outerParentType === 'for_in_clause') && outerParent.childForFieldName('right')?.startIndex === outer.startIndex;
  return {
    command: command ?? '',
    method,
    receiver,
    args,
    keywords,
    span: spanOf(parts.propertyNode ?? parts.callee),
    callSpan,
    expressionSpan: outer === call.node ? { ...callSpan, start: { ...callSpan.start }, end: { ...callSpan.end } } : spanOf(outer),
    statementSpan,
    indentation: /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0],
    blockId: statement?.parent?.startIndex ?? -1,
    enclosingFunction: functionInfo(call.context, syntax),
    loop,
    anyLoop: anyLoop ? spanOf(anyLoop.node) : undefined,
    isLoopIterable,
    awaited,
    batched: receiver.kind === 'pipeline' || receiver.kind === 'transaction',
    inTransaction: receiver.kind === 'transaction',
  };
}
