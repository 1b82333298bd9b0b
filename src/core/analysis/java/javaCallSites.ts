/** Java call sites: the shared RedisCallSite of a command call, and the calls of the file's own methods that send commands from a loop. */
import type { Node } from 'web-tree-sitter';
import type { Arg, RedisCallSite } from '../model';
import { indentationAt, spanOf } from '../spans';
import { evaluate, identityOf } from './javaExpressions';
import type { JavaMethod } from './javaFacts';
import type { Scope } from './javaFileReceivers';
import type { LocalCallTemplate } from './javaIncremental';
import { javaCommandFor } from './javaCommands';
import { isWrapperType, receiverForType, simpleType, type JavaReceiver } from './javaReceivers';

/** Stands in for the receiver of a call of the file's own method until the command it sends is known. */
export const HELPER_RECEIVER: JavaReceiver = { library: 'jedis', kind: 'client', confidence: 'proven' };

/** The file a call site is built in: its text, and its methods walked so far. */
export interface JavaSiteFile {
  readonly text: string;
  readonly methods: readonly JavaMethod[];
}

export function javaCallSite(file: JavaSiteFile, node: Node, nameNode: Node, object: Node | null, receiver: JavaReceiver, name: string, command: string, argNodes: Node[], scope: Scope): RedisCallSite {
  const statement = node.parent?.type === 'expression_statement' ? node.parent : undefined;
  const batched = scope.batched || receiver.batched === true;
  const loop = scope.itemLoop;
  return {
    command,
    method: name,
    receiver: {
      kind: receiver.kind,
      library: receiver.library,
      confidence: receiver.confidence,
      ...(receiver.evidence ? { evidence: receiver.evidence } : {}),
      text: object?.text ?? '',
      identity: object ? identityOf(object) : name,
      origin: 'local',
      async: false,
    },
    args: argNodes.map((arg) => javaArg(arg)),
    keywords: {},
    span: spanOf(nameNode),
    callSpan: spanOf(node),
    expressionSpan: spanOf(node),
    ...(statement ? { statementSpan: spanOf(statement) } : {}),
    indentation: indentationAt(file.text, node.startIndex),
    blockId: scope.blockStart,
    ...(scope.functionInfo ? { enclosingFunction: scope.functionInfo } : {}),
    ...(loop ? { loop: { span: spanOf(loop), dependsOnReply: false } } : {}),
    ...(scope.loop ? { anyLoop: spanOf(scope.loop) } : {}),
    isLoopIterable: loop?.type === 'enhanced_for_statement' && loop.childForFieldName('value')?.startIndex === node.startIndex,
    awaited: false,
    batched,
    inTransaction: receiver.transaction === true || (scope.method !== undefined && afterMulti(file, node, scope)),
  };
}

/** Inside a SessionCallback or Lettuce block that ran `multi()` earlier in the same method. */
function afterMulti(file: JavaSiteFile, node: Node, scope: Scope): boolean {
  const method = file.methods[scope.method!];
  const before = file.text.slice(method.start, node.startIndex);
  return /\.multi\(\)/.test(before) && /\.exec\(\)/.test(file.text.slice(node.endIndex, method.end));
}

function javaArg(node: Node): Arg {
  const span = spanOf(node);
  return { value: evaluate(node), text: node.text, span, fullSpan: span };
}

/**
 * The project superclass a class of the file extends when its name says it wraps Redis (`class CartRedisServiceImpl
 * extends BaseRedisServiceImpl`): the methods the class calls without defining them are that wrapper's.
 */
export function wrapperSuperclass(text: string): string | undefined {
  for (const match of text.matchAll(/\bclass\s+\w+\s*(?:<[^{]*?>\s*)?extends\s+([\w.]+)/g)) {
    const type = simpleType(match[1]);
    if (isWrapperType(type)) return type;
  }
  return undefined;
}

/**
 * Calls of the file's own methods inside loops, when those methods send a command themselves (N+1 through a helper),
 * and, in a class that extends a Redis wrapper of the project, calls of the methods it inherits from it
 * (`this.hashGet(key, field)` per item), read as that wrapper's commands like any call on a wrapper.
 */
export function indirectSites(methods: readonly JavaMethod[], callSites: readonly RedisCallSite[], localCalls: readonly LocalCallTemplate[], superclass?: string): RedisCallSite[] {
  const sending = new Map<string, RedisCallSite>();
  // The same by name and number of parameters, for calls of another overload of the calling method.
  const sendingOverload = new Map<string, RedisCallSite>();
  // The file's methods by name, in file order: each call site looks among the methods of its function's name only
  // (a walk of all methods per call site was a visible part of every re-analysis of a large file).
  const methodsNamed = new Map<string, JavaMethod[]>();
  for (const m of methods) {
    const same = methodsNamed.get(m.name);
    if (same) same.push(m);
    else methodsNamed.set(m.name, [m]);
  }
  for (const site of callSites) {
    const name = site.enclosingFunction?.name;
    if (!name || site.batched) continue;
    if (!sending.has(name)) sending.set(name, site);
    const offset = site.span.startOffset;
    const method = (methodsNamed.get(name) ?? []).filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start)[0];
    const overload = method ? `${name}/${method.params.length}` : undefined;
    if (overload && !sendingOverload.has(overload)) sendingOverload.set(overload, site);
  }
  const sites: RedisCallSite[] = [];
  for (const call of localCalls) {
    // `drop(user)` looping over `drop(system, user)`: another overload, whose own commands are the ones sent.
    const overload = call.caller === call.name;
    if (overload && call.callerArity === call.site.args.length) continue;
    const inner = overload ? sendingOverload.get(`${call.name}/${call.site.args.length}`) : sending.get(call.name);
    if (!inner) {
      const inherited = superclass && !methodsNamed.has(call.name) ? javaCommandFor('wrapper', call.name) : undefined;
      if (inherited) {
        const evidence = `${call.name}() is inherited from ${superclass}, a project class named after Redis`;
        sites.push({ ...call.site, command: inherited, receiver: { ...call.site.receiver, library: wrapperLibrary(superclass!), confidence: 'likely', evidence } });
      }
      continue;
    }
    const { kind, library, confidence, evidence, text, identity } = inner.receiver;
    const receiver = { kind, library, confidence, ...(evidence ? { evidence } : {}), text, identity, origin: 'local' as const, async: false };
    sites.push({ ...call.site, command: inner.command, receiver, via: { helper: call.name, command: inner.command, span: inner.span } });
  }
  return sites;
}

/** The library a wrapper type's name suggests, as its receivers take it. */
function wrapperLibrary(type: string): RedisCallSite['receiver']['library'] {
  return receiverForType(type)?.library ?? 'spring-data-redis';
}
