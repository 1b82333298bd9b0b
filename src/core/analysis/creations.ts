/**
 * The client creations of a file: where a factory call or a derived client (duplicate(), master_for()) makes
 * a client, with its arguments and options, and where the result goes (the binding it is stored in, listeners
 * chained on it, whether it escapes).
 */
import type { Node } from 'web-tree-sitter';
import { argFromNode } from './argumentValues';
import { MODULE_SCOPE, functionInfo, type ContextSnapshot } from './collect';
import type { Effects } from './effects';
import type { Arg, ClientCreation } from './model';
import { mayAttachListener } from './handOver';
import { spanOf } from './spans';
import type { CallParts, FactoryInfo, LanguageSyntax } from './syntax';

/** Last name of every factory callee the syntaxes recognise (a cheap pre-check before qualifying the callee). */
export const FACTORY_NAMES = new Set([
  'Redis', 'StrictRedis', 'RedisCluster', 'ConnectionPool', 'BlockingConnectionPool', 'Sentinel', 'from_url', 'create_redis_pool',
  'create_redis', 'create_connection', 'get_redis_connection', 'createClient', 'createCluster', 'createClientPool', 'createSentinel', 'Cluster',
]);
/** Methods that return the client they are called on. */
export const SAME_CLIENT_METHODS = new Set(['connect', 'on', 'once', 'addListener', 'withOptions', 'withTypeMapping', 'withCommandOptions', 'withAbortSignal']);

/** Whether a creation makes an async client (everything but synchronous redis-py). */
export function isAsyncFactory(creation: ClientCreation): boolean {
  return creation.library !== 'redis-py' || /asyncio|aioredis/.test(creation.factory);
}

export class ClientCreations {
  /** In the order they were first reached. */
  readonly list: ClientCreation[] = [];
  private readonly creationByOffset = new Map<number, ClientCreation>();

  constructor(
    private readonly syntax: LanguageSyntax,
    private readonly partsOf: (node: Node) => CallParts | undefined,
  ) {}

  /**
   * The creation at a call node, recorded once per node. `effects` (when given) hears of every creation reached,
   * new or already known.
   */
  record(node: Node, info: FactoryInfo, context: ContextSnapshot, factory: string, effects?: Effects): ClientCreation {
    const existing = this.creationByOffset.get(node.startIndex);
    effects?.creations.push(node.startIndex);
    if (existing) return existing;
    const parts = this.partsOf(node);
    const family = this.syntax.family;
    const args: Arg[] = (parts?.args ?? []).map((a) => argFromNode(a, family));
    const options: Record<string, Arg> = {};
    for (const keyword of parts?.keywords ?? []) options[keyword.name] = argFromNode(keyword.value, family, keyword.name, keyword.node);
    const flatten = (entries: Record<string, Arg>, prefix: string, depth: number) => {
      for (const [key, arg] of Object.entries(entries)) {
        options[prefix + key] = arg;
        if (arg.value.kind === 'object' && depth < 3) flatten(arg.value.entries, `${prefix}${key}.`, depth + 1);
      }
    };
    for (const arg of args) if (arg.value.kind === 'object') flatten(arg.value.entries, '', 0);
    const propertyNode = parts?.propertyNode;
    const loop = [...context.loops].reverse().find((l) => node.startIndex >= l.bodyStart && node.startIndex < l.bodyEnd);
    const creation: ClientCreation = {
      library: info.library,
      kind: info.kind,
      factory,
      span: spanOf(propertyNode ?? parts?.callee ?? node),
      callSpan: spanOf(node),
      args,
      options,
      enclosingFunction: functionInfo(context, this.syntax),
      loop: loop ? spanOf(loop.node) : undefined,
      chainedErrorListener: false,
      escapes: false,
      moduleLevel: context.fnId === MODULE_SCOPE,
    };
    this.placeCreation(node, creation);
    this.creationByOffset.set(node.startIndex, creation);
    this.list.push(creation);
    return creation;
  }

  /** Finds the binding a creation is stored in, listeners chained on it, and whether it escapes. */
  private placeCreation(node: Node, creation: ClientCreation): void {
    let current = node;
    for (let i = 0; i < 12; i++) {
      const parent = current.parent;
      if (!parent) return;
      const type = parent.type;
      if (this.syntax.unwrap(parent) !== parent || type === 'await' || type === 'await_expression' || type === 'parenthesized_expression') {
        current = parent;
        continue;
      }
      if ((type === 'member_expression' || type === 'attribute') && parent.childForFieldName('object')?.startIndex === current.startIndex) {
        const call = parent.parent;
        const method = parent.childForFieldName(type === 'attribute' ? 'attribute' : 'property')?.text ?? '';
        if (!call || !this.syntax.callTypes.has(call.type) || !SAME_CLIENT_METHODS.has(method)) return;
        const first = this.partsOf(call)?.args[0];
        if ((method === 'on' || method === 'once' || method === 'addListener') && first && /^['"`]error['"`]$/.test(first.text)) creation.chainedErrorListener = true;
        current = call;
        continue;
      }
      // `client = url ? new Redis(url) : new Redis(opts)`: either branch's client is stored where the conditional is.
      if ((type === 'ternary_expression' || type === 'conditional_expression') && parent.childForFieldName('condition')?.startIndex !== current.startIndex) {
        current = parent;
        continue;
      }
      if (type === 'public_field_definition' || type === 'field_definition') {
        const name = (parent.childForFieldName('name') ?? parent.childForFieldName('property'))?.text;
        if (name) creation.binding = `this.${name}`;
        return;
      }
      if (type === 'variable_declarator' || type === 'assignment' || type === 'assignment_expression' || type === 'as_pattern') {
        const target = type === 'as_pattern' ? parent.parent : parent;
        const binding = target ? this.syntax.bindingsOf(target)[0] : undefined;
        if (binding?.name === 'export:default') creation.escapes = true;
        else if (binding) creation.binding = binding.name;
        return;
      }
      if (type === 'arguments' || type === 'argument_list' || type === 'keyword_argument' || type === 'pair') {
        creation.escapes = handedToProjectCode(parent);
        return;
      }
      if (['return_statement', 'export_statement', 'array', 'list', 'arrow_function', 'lambda'].includes(type)) {
        creation.escapes = true;
      }
      return;
    }
  }
}

const treeTexts = new WeakMap<object, string>();

function fileText(node: Node): string {
  let text = treeTexts.get(node.tree);
  if (text === undefined) treeTexts.set(node.tree, (text = node.tree.rootNode.text));
  return text;
}

/**
 * A creation written as an argument (or an option of one) escapes only to project code that may attach its
 * listener; an options object escapes when it is itself returned or exported.
 */
function handedToProjectCode(position: Node): boolean {
  let node: Node | null = position;
  if (node.type === 'pair' || node.type === 'keyword_argument') {
    const container = node.type === 'pair' ? node.parent?.parent : node.parent;
    if (!container) return false;
    if (container.type === 'return_statement' || container.type === 'export_statement') return true;
    if (container.type === 'assignment_expression' && /exports/.test(container.childForFieldName('left')?.text ?? '')) return true;
    if (container.type !== 'arguments' && container.type !== 'argument_list') return false;
    node = container;
  }
  const call = node.parent;
  const callee = call?.childForFieldName('function') ?? call?.childForFieldName('constructor');
  if (!call || !callee) return false;
  return mayAttachListener(call.type === 'new_expression' ? `new ${callee.text}` : callee.text, fileText(call));
}
