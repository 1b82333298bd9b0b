/** Static values of Go expressions (string literals, `+` concatenations, fmt.Sprintf patterns, numbers) as Args. */
import type { Node } from 'web-tree-sitter';
import type { Arg, ArgValue } from '../model';
import { spanOf } from '../spans';

function unquote(node: Node): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  try {
    return JSON.parse(node.text) as string;
  } catch {
    return node.text.slice(1, -1);
  }
}

/** fmt.Sprintf("user:%d:%s", ...) → "user:*:*". */
function sprintfPattern(format: string): string {
  return format.replace(/%[-+# 0]*\d*(?:\.\d+)?[vTtbcdoOqxXUeEfFgGsp]/g, '*').replace(/%%/g, '%');
}

export function goValue(node: Node, depth = 0): ArgValue {
  if (depth > 8) return { kind: 'unknown' };
  switch (node.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { kind: 'string', value: unquote(node) ?? '' };
    case 'int_literal':
    case 'float_literal': {
      const value = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unknown' };
    }
    case 'true':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'nil':
      return { kind: 'null' };
    case 'identifier':
      return { kind: 'name', name: node.text };
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? goValue(inner, depth + 1) : { kind: 'unknown' };
    }
    case 'unary_expression': {
      const operand = node.childForFieldName('operand');
      const value = operand ? goValue(operand, depth + 1) : undefined;
      if (value?.kind === 'number' && node.text.startsWith('-')) return { kind: 'number', value: -value.value };
      return { kind: 'unknown' };
    }
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.text !== '+') return { kind: 'unknown' };
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return { kind: 'unknown' };
      const parts = [goValue(left, depth + 1), goValue(right, depth + 1)];
      if (!parts.some((p) => p.kind === 'string' || p.kind === 'pattern')) return { kind: 'unknown' };
      const text = parts.map((p) => (p.kind === 'string' ? p.value : p.kind === 'pattern' ? p.pattern : '*')).join('');
      return parts.every((p) => p.kind === 'string') ? { kind: 'string', value: text } : { kind: 'pattern', pattern: text.replace(/\*+/g, '*') };
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function')?.text;
      const first = node.childForFieldName('arguments')?.namedChild(0);
      if (callee === 'fmt.Sprintf' && first) {
        const format = unquote(first);
        if (format !== undefined) return { kind: 'pattern', pattern: sprintfPattern(format) };
      }
      return { kind: 'unknown' };
    }
    case 'composite_literal': {
      const body = node.childForFieldName('body');
      if (!body) return { kind: 'unknown' };
      const items: Arg[] = [];
      for (const element of body.namedChildren) {
        if (!element) continue;
        const value = element.type === 'literal_element' ? element.namedChild(0) : element;
        if (value && element.type !== 'keyed_element') items.push(goArg(value, depth + 1));
      }
      return { kind: 'array', items };
    }
    default:
      return { kind: 'unknown' };
  }
}

export function goArg(node: Node, depth = 0): Arg {
  const span = spanOf(node);
  if (node.type === 'variadic_argument') {
    const inner = node.namedChild(0);
    return { value: inner ? goValue(inner, depth) : { kind: 'unknown' }, text: inner?.text ?? node.text, span, fullSpan: span, spread: true };
  }
  const spread = node.nextSibling?.type === '...';
  return { value: goValue(node, depth), text: node.text, span, fullSpan: span, ...(spread ? { spread } : {}) };
}

/** True for an argument that is a context.Context as go-redis v8+ and rueidis take first. */
export function looksLikeContext(node: Node): boolean {
  const text = node.text;
  return /^(ctx|c|cx|context|reqCtx|requestCtx)$/i.test(text) || /ctx$|Ctx$|Context$/.test(text) || /^context\.\w+\(/.test(text) || /\.Context\(\)$/.test(text) || /^\w+\.(Ctx|ctx)$/.test(text);
}

/**
 * redigo's `conn.Do("HSET", redis.Args{key}.AddFlat(item)...)`: the command's arguments start with the elements
 * written in the Args literal (the key), then whatever Add/AddFlat append, which stay one spread argument. Any
 * other argument list is returned as it is; so is an empty literal (`redis.Args{}.AddFlat(keys)...`), whose
 * arguments are all unknown.
 */
export function withRedigoArgsElements(args: Node[]): Node[] {
  if (args.length !== 1 || args[0].type !== 'variadic_argument') return args;
  let chain = args[0].namedChild(0);
  while (chain?.type === 'call_expression') {
    const callee = chain.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || !/^Add(Flat)?$/.test(callee.childForFieldName('field')?.text ?? '')) return args;
    chain = callee.childForFieldName('operand');
  }
  if (chain?.type !== 'composite_literal' || !/(^|\.)Args$/.test(chain.childForFieldName('type')?.text ?? '')) return args;
  const elements = (chain.childForFieldName('body')?.namedChildren ?? [])
    .filter((n): n is Node => n !== null && n.type !== 'comment')
    .map((n) => (n.type === 'literal_element' ? n.namedChild(0) : n))
    .filter((n): n is Node => n !== null);
  if (!elements.length) return args;
  return chain === args[0].namedChild(0) ? elements : [...elements, args[0]];
}
