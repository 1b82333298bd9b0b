/**
 * One cursor walk over the syntax tree that records calls, bindings, returns and the scope/loop context of
 * each, without materialising nodes the analysis does not need (the walk is the hot path of the linter).
 */
import type { Node, Tree } from 'web-tree-sitter';
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
  context: ContextSnapshot;
}

export interface Collected {
  calls: RawCall[];
  bindings: Map<number, Map<string, BoundName[]>>;
  /** Attributes of self/this (and class-body names), keyed by attribute name. */
  thisBindings: Map<string, BoundName[]>;
  /** Return expressions per function node start offset. */
  returns: Map<number, { value: Node; context: ContextSnapshot }[]>;
}

interface Entry {
  depth: number;
  pop: () => void;
}

function addBinding(map: Map<string, BoundName[]>, binding: BoundName): void {
  const list = map.get(binding.name);
  if (list) list.push(binding);
  else map.set(binding.name, [binding]);
}

const functionInfos = new WeakMap<ContextSnapshot, FunctionInfo>();

/** The enclosing function of a context as plain data (computed once per context, only for Redis-relevant sites). */
export function functionInfo(context: ContextSnapshot, syntax: LanguageSyntax): FunctionInfo | undefined {
  const node = context.fnNode;
  if (!node) return undefined;
  let info = functionInfos.get(context);
  if (!info) {
    info = { name: syntax.functionName(node), span: spanOf(node), isRequestHandler: syntax.isRequestHandler(node), isAsync: syntax.isAsyncFunction(node) };
    functionInfos.set(context, info);
  }
  return info;
}

export function collect(tree: Tree, syntax: LanguageSyntax, deadline: number): Collected {
  const calls: RawCall[] = [];
  const bindings = new Map<number, Map<string, BoundName[]>>([[MODULE_SCOPE, new Map()]]);
  const thisBindings = new Map<string, BoundName[]>();
  const returns = new Map<number, { value: Node; context: ContextSnapshot }[]>();
  const globalsByScope = new Map<number, Set<string>>();

  let context: ContextSnapshot = { scopes: [MODULE_SCOPE], fnId: MODULE_SCOPE, loops: [], inClassBody: false };
  const stack: Entry[] = [];

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

  const cursor = tree.walk();
  let depth = 0;
  let visited = 0;
  for (;;) {
    const type = cursor.nodeType;
    if ((++visited & 4095) === 0 && Date.now() > deadline) break;

    if (syntax.callTypes.has(type)) {
      calls.push({ node: cursor.currentNode, context });
    }
    if (syntax.bindingTypes.has(type) || type === 'global_statement' || type === syntax.returnType) {
      const node = cursor.currentNode;
      if (type === 'global_statement') {
        let set = globalsByScope.get(context.scopes[0]);
        if (!set) globalsByScope.set(context.scopes[0], (set = new Set()));
        for (const child of node.namedChildren) if (child) set.add(child.text);
      } else if (type === syntax.returnType) {
        const value = node.namedChildren[0];
        if (value && context.fnId !== MODULE_SCOPE) {
          const list = returns.get(context.fnId) ?? [];
          list.push({ value, context });
          returns.set(context.fnId, list);
        }
      } else {
        for (const raw of syntax.bindingsOf(node)) bind(raw, node);
      }
    }
    if (syntax.functionTypes.has(type)) {
      const node = cursor.currentNode;
      const saved = context;
      context = { scopes: [node.startIndex, ...saved.scopes], fnNode: node, fnId: node.startIndex, loops: [], inClassBody: false };
      for (const raw of syntax.parametersOf(node)) bind(raw, node);
      stack.push({ depth, pop: () => (context = saved) });
    } else if (syntax.classTypes.has(type)) {
      const saved = context;
      context = { ...saved, inClassBody: true };
      stack.push({ depth, pop: () => (context = saved) });
    } else if (syntax.forLoopTypes.has(type) || syntax.whileLoopTypes.has(type)) {
      const node = cursor.currentNode;
      const body = node.childForFieldName(syntax.forLoopTypes.get(type) ?? 'body');
      if (body) {
        const saved = context;
        const kind = syntax.forLoopTypes.has(type) ? 'for' : 'while';
        context = { ...saved, loops: [...saved.loops, { node, kind, bodyStart: body.startIndex, bodyEnd: body.endIndex }] };
        stack.push({ depth, pop: () => (context = saved) });
      }
    }

    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
      depth--;
    }
    if (done) break;
    while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop()!.pop();
  }
  cursor.delete();
  return { calls, bindings, thisBindings, returns };
}
