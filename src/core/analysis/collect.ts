/**
 * Collects the calls, bindings and returns of a syntax tree with the scope/loop context of each, from one
 * tree-sitter query (the hot path of the linter: no per-node JavaScript work for nodes nobody looks at).
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { FunctionInfo } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax, RawBinding } from './syntax';

export const MODULE_SCOPE = -1;

export interface LoopFrame {
  node: Node;
  kind: 'for' | 'while';
  bodyStart: number;
  bodyEnd: number;
}

export interface ContextSnapshot {
  /** Scope ids, innermost first, ending with MODULE_SCOPE. */
  scopes: number[];
  /** Enclosing function node; its FunctionInfo is computed on demand (see functionInfo) as it costs many node reads. */
  fnNode?: Node;
  fnId: number;
  /** Loops inside the current function, outermost first. */
  loops: LoopFrame[];
  inClassBody: boolean;
}

export interface BoundName extends RawBinding {
  context: ContextSnapshot;
  node: Node;
}

export interface RawCall {
  node: Node;
  /** Node type ("call", "call_expression", "new_expression"), known from the query without a Wasm call. */
  type: string;
  context: ContextSnapshot;
}

export interface Collected {
  calls: RawCall[];
  bindings: Map<number, Map<string, BoundName[]>>;
  /** Attributes of self/this (and class-body names), keyed by attribute name. */
  thisBindings: Map<string, BoundName[]>;
  /** Return expressions per function node start offset. */
  returns: Map<number, { value: Node; context: ContextSnapshot }[]>;
  /** The time budget ran out before the tree was searched: the collection is empty or partial. */
  truncated: boolean;
}

function addBinding(map: Map<string, BoundName[]>, binding: BoundName): void {
  const list = map.get(binding.name);
  if (list) list.push(binding);
  else map.set(binding.name, [binding]);
}

const functionInfos = new WeakMap<Node, FunctionInfo>();

/**
 * The enclosing function of a context as plain data (computed once per function node, only for Redis-relevant
 * sites). Keyed by the node object, which every context inside the function (loops included) shares.
 */
export function functionInfo(context: ContextSnapshot, syntax: LanguageSyntax): FunctionInfo | undefined {
  const node = context.fnNode;
  if (!node) return undefined;
  let info = functionInfos.get(node);
  if (!info) {
    info = { name: syntax.functionName(node), span: spanOf(node), isRequestHandler: syntax.isRequestHandler(node), isAsync: syntax.isAsyncFunction(node) };
    functionInfos.set(node, info);
  }
  return info;
}

/** Node types of interest per capture group; types a grammar does not know are left out of its query. */
const CAPTURE_GROUPS = {
  call: ['call', 'call_expression', 'new_expression'],
  function: ['function_definition', 'lambda', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function'],
  class: ['class_definition', 'class_declaration', 'class'],
  loop: ['for_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'while_statement', 'for_in_statement', 'do_statement'],
  binding: ['assignment', 'with_item', 'import_statement', 'import_from_statement', 'global_statement', 'return_statement', 'variable_declarator', 'assignment_expression', 'public_field_definition', 'field_definition', 'export_statement'],
};

const queries = new WeakMap<Language, Query>();

/**
 * One query per grammar that captures every node the analysis looks at. Running it inside tree-sitter is
 * several times faster than stepping a cursor over every node from JavaScript.
 */
function interestingNodesQuery(language: Language): Query {
  let query = queries.get(language);
  if (!query) {
    const types = new Set(Object.values(CAPTURE_GROUPS).flat().filter((type) => language.idForNodeType(type, true)));
    // Each capture is named after its node type, so the collector reads types without a call into Wasm per node.
    query = new Query(language, [...types].map((type) => `(${type}) @${type}`).join('\n'));
    queries.set(language, query);
  }
  return query;
}

export function collect(tree: Tree, syntax: LanguageSyntax, deadline: number): Collected {
  const calls: RawCall[] = [];
  const bindings = new Map<number, Map<string, BoundName[]>>([[MODULE_SCOPE, new Map()]]);
  const thisBindings = new Map<string, BoundName[]>();
  const returns = new Map<number, { value: Node; context: ContextSnapshot }[]>();
  const globalsByScope = new Map<number, Set<string>>();

  let context: ContextSnapshot = { scopes: [MODULE_SCOPE], fnId: MODULE_SCOPE, loops: [], inClassBody: false };
  const frames: { end: number; restore: ContextSnapshot }[] = [];

  const bind = (raw: RawBinding, node: Node) => {
    const bound: BoundName = { ...raw, context, node };
    if (raw.name.startsWith('this.')) {
      addBinding(thisBindings, { ...bound, name: raw.name.slice(5) });
      return;
    }
    if (context.inClassBody && raw.kind !== 'import') addBinding(thisBindings, bound);
    let scope = context.scopes[0];
    if (globalsByScope.get(scope)?.has(raw.name)) scope = MODULE_SCOPE;
    let map = bindings.get(scope);
    if (!map) bindings.set(scope, (map = new Map()));
    addBinding(map, bound);
  };

  const remaining = deadline - Date.now();
  if (remaining <= 0) return { calls, bindings, thisBindings, returns, truncated: true };
  const captured = interestingNodesQuery(tree.language).captures(tree.rootNode, Number.isFinite(remaining) ? { timeoutMicros: Math.max(1, Math.floor(remaining * 1000)) } : {});
  // Outer nodes first when two start at the same offset, so scopes open before what they contain.
  // A query that hits its timeout returns nothing at all.
  const truncated = captured.length === 0 && Date.now() >= deadline && tree.rootNode.namedChildCount > 0;
  // End offsets are read once per node (each read is a call into Wasm), not in every sort comparison.
  const entries = captured.map((capture) => ({ node: capture.node, type: capture.name, start: capture.node.startIndex, end: capture.node.endIndex }));
  entries.sort((a, b) => a.start - b.start || b.end - a.end);
  let previous: (typeof entries)[number] | undefined;
  for (const entry of entries) {
    if (previous && previous.start === entry.start && previous.end === entry.end && previous.type === entry.type) continue;
    previous = entry;
    const { node, type } = entry;
    while (frames.length && frames[frames.length - 1].end <= entry.start) context = frames.pop()!.restore;

    if (syntax.callTypes.has(type)) calls.push({ node, type, context });
    if (type === 'global_statement') {
      let set = globalsByScope.get(context.scopes[0]);
      if (!set) globalsByScope.set(context.scopes[0], (set = new Set()));
      for (const child of node.namedChildren) if (child) set.add(child.text);
    } else if (type === syntax.returnType) {
      // Module-level returns are never read: skip the child read (a Wasm call) for them.
      const value = context.fnId !== MODULE_SCOPE ? node.firstNamedChild : null;
      if (value) {
        const list = returns.get(context.fnId) ?? [];
        list.push({ value, context });
        returns.set(context.fnId, list);
      }
    } else if (syntax.bindingTypes.has(type)) {
      for (const raw of syntax.bindingsOf(node, type)) bind(raw, node);
    }

    if (syntax.functionTypes.has(type)) {
      frames.push({ end: entry.end, restore: context });
      context = { scopes: [node.startIndex, ...context.scopes], fnNode: node, fnId: node.startIndex, loops: [], inClassBody: false };
      for (const raw of syntax.parametersOf(node)) bind(raw, node);
    } else if (syntax.classTypes.has(type)) {
      frames.push({ end: entry.end, restore: context });
      context = { ...context, inClassBody: true };
    } else if (syntax.forLoopTypes.has(type) || syntax.whileLoopTypes.has(type)) {
      const body = node.childForFieldName(syntax.forLoopTypes.get(type) ?? 'body');
      if (body) {
        // `for (;;)` is a worker loop like `while (true)`, not an iteration over items.
        const endless = type === 'for_statement' && /^for\s*\(\s*[^;]*;\s*;/.test(node.text.slice(0, 200));
        const kind = syntax.forLoopTypes.has(type) && !endless ? 'for' : 'while';
        frames.push({ end: entry.end, restore: context });
        context = { ...context, loops: [...context.loops, { node, kind, bodyStart: body.startIndex, bodyEnd: body.endIndex }] };
      }
    }
  }
  return { calls, bindings, thisBindings, returns, truncated };
}
