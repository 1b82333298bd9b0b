/** Calls that send Redis commands: go-redis methods, redigo Do/Send, rueidis builders, script runs, and the package functions that dial or construct clients. */
import type { Node } from 'web-tree-sitter';
import type { Arg, ClientLibrary, RedisCallSite } from '../model';
import { spanOf } from '../spans';
import { GO_REDIS_PIPELINES, goRedisCommand, rueidisCommand } from './goLibraries';
import { goArg, looksLikeContext, withRedigoArgsElements } from './goValues';
import { goCallSite, goScriptRun, insideBatch, redigoDial } from './goCallSites';
import { recordCreation } from './goClientBindings';
import type { GoRef } from './goScan';
import type { GoScanState } from './goScanState';

export function scanCall(scan: GoScanState, node: Node): void {
  const callee = node.childForFieldName('function');
  if (!callee) return;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  if (callee.type === 'selector_expression') {
    const operand = callee.childForFieldName('operand');
    const field = callee.childForFieldName('field');
    if (!operand || !field) return;
    const library = operand.type === 'identifier' ? scan.declared.packages.get(operand.text) : undefined;
    if (library) {
      packageCall(scan, node, library, field.text, args);
      return;
    }
    if (field.text === 'B' && args.length === 0) {
      rueidisBuilder(scan, node, operand);
      return;
    }
    methodCall(scan, node, operand, field, args);
  }
}

/**
 * The library of the client the file's method `name` hands its variadic arguments to (`args ...interface{}` passed
 * on as `.Do(ctx, args...)`), when the file declares such a method; undefined otherwise.
 */
function forwardsToDo(text: string, name: string): ClientLibrary | undefined {
  const declared = new RegExp(`^func\\s*\\([^)]*\\)\\s*${name}\\s*\\((?:\\s*(\\w+)\\s+context\\.Context\\s*,)?\\s*(\\w+)\\s+\\.\\.\\.(?:interface\\{\\}|any)\\s*\\)[^\\n{]*\\{\\n([\\s\\S]*?)^\\}`, 'm').exec(text);
  if (!declared) return undefined;
  const [, ctx, args, body] = declared;
  if (!new RegExp(`\\.Do\\(\\s*(?:\\w+\\s*,\\s*)?${args}\\s*\\.\\.\\.\\s*\\)`).test(body)) return undefined;
  return ctx ? 'go-redis' : 'redigo';
}

/** Calls of a library's package functions: redigo dials (timeouts) and constructors outside assignments. */
function packageCall(scan: GoScanState, node: Node, library: ClientLibrary, name: string, args: Node[]): void {
  if (library === 'redigo' && /^Dial(URL)?(Context)?$|^DialURLContext$|^DialTimeout$/.test(name)) scan.dials.push(redigoDial(node, name, args, scan.frame?.info, !!scan.frame?.isMain || scan.declared.packageName === 'main'));
  const created = scan.declared.constructorOf(node);
  if (created && !(node.parent?.type === 'expression_list' && /short_var_declaration|assignment_statement|var_spec/.test(node.parent.parent?.type ?? ''))) {
    const creation = recordCreation(scan, created, '');
    if (node.parent?.type === 'return_statement' || node.parent?.parent?.type === 'return_statement' || node.parent?.type === 'argument_list') creation.escapes = true;
  }
}

function methodCall(scan: GoScanState, node: Node, operand: Node, field: Node, args: Node[]): void {
  const method = field.text;
  if (method === 'Close') {
    scan.closed(operand.text, false);
    return;
  }
  let ref = scan.resolve(operand);
  // A method of the file that hands its variadic arguments on to a client's Do (`func (c v9Client) DoWrite(ctx
  // context.Context, args ...interface{}) error { return c.client.Do(ctx, args...).Err() }`) sends the command its
  // caller names first, as Do does.
  const forwarding = !ref && /^Do\w+$/.test(method) && !/^(DoContext|DoWithTimeout)$/.test(method) ? forwardsToDo(scan.text, method) : undefined;
  if (forwarding) ref = { ...scan.likely(operand.text, `its method ${method} hands its arguments to Do`), library: forwarding };
  // redigo: conn.Do("KEYS", ...), conn.Send("MULTI"), DoWithTimeout(timeout, "GET", ...).
  if (/^(Do|Send|DoContext|DoWithTimeout)$/.test(method) || forwarding) {
    const contextFirst = !!args[0] && looksLikeContext(args[0]) && ref?.library !== 'redigo';
    const commandIndex = (method === 'Do' || method === 'Send' || forwarding ? 0 : 1) + (contextFirst ? 1 : 0);
    const commandNode = args[commandIndex];
    const name = commandNode && /^["`]/.test(commandNode.text) ? commandNode.text.slice(1, -1).trim().toUpperCase() : undefined;
    const isRedigo = contextFirst ? !!ref : ref?.library === 'redigo' || (!!name && (scan.declared.packages.has('redis') ? [...scan.declared.packages.values()].includes('redigo') : false)) || (!!name && /conn|redis|^c$|rc$/i.test(operand.text));
    if (name && isRedigo && /^[A-Z][A-Z_]*( [A-Z]+)?$/.test(name)) {
      const subcommandNode = args[commandIndex + 1];
      const sub = subcommandNode && /^["`][A-Za-z]+["`]$/.test(subcommandNode.text) ? subcommandNode.text.slice(1, -1).toUpperCase() : undefined;
      const command = goRedisCommand(name.charAt(0) + name.slice(1).toLowerCase()) ? (/ /.test(name) ? name : ['CONFIG', 'CLIENT', 'CLUSTER', 'SCRIPT', 'OBJECT', 'MEMORY', 'XGROUP', 'XINFO', 'SLOWLOG', 'DEBUG', 'ACL'].includes(name) && sub ? `${name} ${sub}` : name) : name;
      const library = contextFirst && ref ? ref.library : ('redigo' as const);
      const receiver = ref ? { ...ref, library } : { ...scan.likely(operand.text, `it sends the Redis command ${name} with Do/Send`), library };
      const frame = scan.frame;
      const connection = operand.text;
      let inTransaction = !!frame?.inMulti.has(connection);
      if (frame && name === 'MULTI') frame.inMulti.add(connection);
      if (frame && (name === 'EXEC' || name === 'DISCARD')) {
        frame.inMulti.delete(connection);
        inTransaction = true;
      }
      const skip = command === 'CONFIG SET' || command === 'CONFIG GET' || command === 'CLIENT KILL' ? 2 : 1;
      addSite(scan, node, field, method, command, receiver, withRedigoArgsElements(args.slice(commandIndex + (command.includes(' ') && sub ? skip : 1))), method === 'Send' || inTransaction, inTransaction);
    }
    return;
  }
  if (!ref) {
    const run = goScriptRun(method, args, (n) => scan.resolve(n));
    if (run) addSite(scan, node, field, method, run.command, run.client, run.args, run.client.kind === 'pipeline' || run.client.kind === 'transaction', run.client.kind === 'transaction', run.clientText);
    return;
  }
  if (ref.library === 'rueidis') return;
  if (Object.hasOwn(GO_REDIS_PIPELINES, method)) {
    scan.helperCalls.push(site(scan, node, field, method, method.toUpperCase(), ref, [], false, false));
    return;
  }
  if (ref.library === 'redigo') return;
  const command = goRedisCommand(method);
  if (!command) return;
  // A name-only receiver must look like go-redis: Redis-only method names, or a context first (v8+).
  if (ref.confidence === 'likely' && !scan.usesRedisLibrary && !(args[0] && looksLikeContext(args[0])) && /^(Get|Set|Del|Exists|Keys|Type|Append|Info|Time|Echo|Ping|Dump|Sort|Watch|Scan)$/.test(method) && !/redis|rdb/i.test(operand.text)) return;
  const commandArgs = args[0] && looksLikeContext(args[0]) ? args.slice(1) : args;
  const batched = ref.kind === 'pipeline' || ref.kind === 'transaction';
  addSite(scan, node, field, method, command, ref, commandArgs, batched, ref.kind === 'transaction');
}

/** rueidis: `client.Do(ctx, client.B().Set().Key(k).Value(v).Ex(ttl).Build())` — the first step names the command. */
function rueidisBuilder(scan: GoScanState, bCall: Node, operand: Node): void {
  const step = bCall.parent;
  if (step?.type !== 'selector_expression') return;
  const stepName = step.childForFieldName('field');
  const stepCall = step.parent;
  if (!stepName || stepCall?.type !== 'call_expression') return;
  const command = rueidisCommand(stepName.text);
  if (!command) return;
  const ref = scan.resolve(operand) ?? (scan.declared.packages.size && [...scan.declared.packages.values()].includes('rueidis') ? scan.likely(operand.text, 'it builds commands with B()') : undefined);
  if (!ref) return;
  const args: Arg[] = [];
  const keywords: Record<string, Arg> = {};
  let top: Node = stepCall;
  for (let current: Node | null = stepCall; current; ) {
    const next: Node | null = current.parent?.type === 'selector_expression' && current.parent.parent?.type === 'call_expression' ? current.parent.parent : null;
    if (!next) break;
    const name = current.parent!.childForFieldName('field')?.text ?? '';
    if (name === 'Build' || name === 'Cache') {
      top = next;
      break;
    }
    const stepArgs = next.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    const converted = stepArgs.map((n) => goArg(n));
    args.push(...converted);
    keywords[name.toLowerCase()] = converted[0] ?? { value: { kind: 'boolean', value: true }, text: name, span: spanOf(next), fullSpan: spanOf(next) };
    top = next;
    current = next;
  }
  const batched = insideBatch(top);
  const built = site(scan, top, stepName, stepName.text, command, { ...ref, library: 'rueidis' }, [], batched, false);
  built.args = args;
  built.keywords = keywords;
  built.callSpan = spanOf(top);
  scan.callSites.push(built);
}

function site(scan: GoScanState, node: Node, field: Node, method: string, command: string, ref: GoRef, args: Arg[], batched: boolean, inTransaction: boolean): RedisCallSite {
  return goCallSite({ node, field, method, command, ref, args, batched, inTransaction }, scan.frame?.info, scan.loops[scan.loops.length - 1], scan.text);
}

/** `receiverText`: the client's own text when the call is made on something else (a script run). */
function addSite(scan: GoScanState, node: Node, field: Node, method: string, command: string, ref: GoRef, args: Node[], batched: boolean, inTransaction: boolean, receiverText?: string): void {
  const added = site(scan, node, field, method, command, ref, args.map((a) => goArg(a)), batched, inTransaction);
  if (receiverText !== undefined) added.receiver.text = receiverText;
  scan.callSites.push(added);
}
