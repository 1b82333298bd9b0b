/** Static evaluation of argument expressions into literals, key patterns ("session:*") or unknown. */
import type { Node } from 'web-tree-sitter';
import type { Arg, ArgValue } from './model';
import { spanOf } from './spans';

const MAX_DEPTH = 12;

function pattern(parts: string[]): ArgValue {
  const joined = parts.join('').replace(/\*+/g, '*');
  return joined.includes('*') ? { kind: 'pattern', pattern: joined } : { kind: 'string', value: joined };
}

function textOf(value: ArgValue): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'pattern') return value.pattern;
  if (value.kind === 'number') return String(value.value);
  return undefined;
}

function unquote(raw: string): string {
  const bare = raw.replace(/^[rRbBuUfF]*('''|"""|'|"|`)/, '').replace(/('''|"""|'|"|`)$/, '');
  // Most literals escape nothing: the unescaping pass is for those with a backslash.
  return bare.includes('\\') ? bare.replace(/\\(["'\\`])/g, '$1') : bare;
}

function concat(left: ArgValue, right: ArgValue): ArgValue {
  const l = textOf(left);
  const r = textOf(right);
  if (l === undefined && r === undefined) return { kind: 'unknown' };
  return pattern([l ?? '*', r ?? '*']);
}

function numberValue(text: string): ArgValue {
  const value = Number(text.replace(/_/g, '').replace(/n$/, ''));
  return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unknown' };
}

export function evaluatePython(node: Node, depth = 0): ArgValue {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  switch (node.type) {
    case 'string': {
      // Children and their types are read once: each read is a call into Wasm.
      const children = node.namedChildren.filter((c): c is Node => c !== null).map((child) => ({ child, type: child.type }));
      const start = children.find((c) => c.type === 'string_start')?.child.text ?? '';
      const isFormat = /f/i.test(start);
      const parts: string[] = [];
      let interpolated = false;
      for (const { child, type } of children) {
        if (type === 'string_content' || type === 'escape_sequence') parts.push(isFormat ? child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : child.text);
        else if (type === 'escape_interpolation') parts.push(child.text[0]);
        else if (type === 'interpolation') {
          interpolated = true;
          parts.push('*');
        }
      }
      if (isFormat && interpolated) return pattern(parts);
      return { kind: 'string', value: unquote(node.text) };
    }
    case 'concatenated_string': {
      let value: ArgValue = { kind: 'string', value: '' };
      for (const child of node.namedChildren) if (child) value = concat(value, evaluatePython(child, depth + 1));
      return value;
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.text;
      if (!left || !right) return { kind: 'unknown' };
      if (operator === '+') return concat(evaluatePython(left, depth + 1), evaluatePython(right, depth + 1));
      if (operator === '%') {
        const format = evaluatePython(left, depth + 1);
        const text = textOf(format);
        return text === undefined ? { kind: 'unknown' } : pattern([text.replace(/%[-#0 +]*\d*(\.\d+)?[sdifrx]/g, '*')]);
      }
      return arithmetic(operator, evaluatePython(left, depth + 1), evaluatePython(right, depth + 1));
    }
    case 'call': {
      // "user:{}".format(uid)
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        const object = fn.childForFieldName('object');
        const text = object ? textOf(evaluatePython(object, depth + 1)) : undefined;
        if (text !== undefined) return pattern([text.replace(/\{[^{}]*\}/g, '*')]);
      }
      return { kind: 'unknown' };
    }
    case 'integer':
    case 'float':
      return numberValue(node.text);
    case 'unary_operator': {
      const argument = node.childForFieldName('argument');
      return signed(node, argument ? evaluatePython(argument, depth + 1) : { kind: 'unknown' });
    }
    case 'true':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'none':
      return { kind: 'null' };
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? evaluatePython(inner, depth + 1) : { kind: 'unknown' };
    }
    case 'dictionary': {
      const entries: Record<string, Arg> = {};
      for (const pair of node.namedChildren) {
        if (pair?.type !== 'pair') continue;
        const key = pair.childForFieldName('key');
        const value = pair.childForFieldName('value');
        const keyText = key ? textOf(evaluatePython(key, depth + 1)) : undefined;
        if (keyText !== undefined && value) entries[keyText] = argFromNode(value, 'python', undefined, pair, depth + 1);
      }
      return { kind: 'object', entries };
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: 'array', items: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => argFromNode(c, 'python', undefined, c, depth + 1)) };
    case 'identifier':
    case 'attribute':
      return { kind: 'name', name: node.text };
    default:
      return { kind: 'unknown' };
  }
}

export function evaluateScript(node: Node, depth = 0): ArgValue {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: unquote(node.text) };
    case 'template_string': {
      const parts: string[] = [];
      const text = node.text;
      const base = node.startIndex;
      let start = base + 1;
      let substituted = false;
      for (const child of node.namedChildren) {
        if (child?.type !== 'template_substitution') continue;
        substituted = true;
        parts.push(text.slice(start - base, child.startIndex - base), '*');
        start = child.endIndex;
      }
      parts.push(text.slice(start - base, text.length - 1));
      return substituted ? pattern(parts) : { kind: 'string', value: parts.join('') };
    }
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.text;
      if (!left || !right) return { kind: 'unknown' };
      const l = evaluateScript(left, depth + 1);
      const r = evaluateScript(right, depth + 1);
      if (operator === '+') {
        if (l.kind === 'number' && r.kind === 'number') return { kind: 'number', value: l.value + r.value };
        return concat(l, r);
      }
      return arithmetic(operator, l, r);
    }
    case 'number':
      return numberValue(node.text);
    case 'unary_expression': {
      const argument = node.childForFieldName('argument');
      return signed(node, argument ? evaluateScript(argument, depth + 1) : { kind: 'unknown' });
    }
    case 'true':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'null':
    case 'undefined':
      return { kind: 'null' };
    case 'parenthesized_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression': {
      const inner = node.namedChildren[0];
      return inner ? evaluateScript(inner, depth + 1) : { kind: 'unknown' };
    }
    case 'object': {
      const entries: Record<string, Arg> = {};
      for (const member of node.namedChildren) {
        if (!member) continue;
        if (member.type === 'pair') {
          const key = member.childForFieldName('key');
          const value = member.childForFieldName('value');
          if (!key || !value || key.type === 'computed_property_name') continue;
          entries[unquote(key.text)] = argFromNode(value, 'script', undefined, member, depth + 1);
        } else if (member.type === 'shorthand_property_identifier') {
          entries[member.text] = argFromNode(member, 'script', undefined, member, depth + 1);
        }
      }
      return { kind: 'object', entries };
    }
    case 'array':
      return { kind: 'array', items: node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => argFromNode(c, 'script', undefined, c, depth + 1)) };
    case 'identifier':
      return node.text === 'undefined' ? { kind: 'null' } : { kind: 'name', name: node.text };
    case 'shorthand_property_identifier':
    case 'member_expression':
      return { kind: 'name', name: node.text };
    default:
      return { kind: 'unknown' };
  }
}

export function argFromNode(node: Node, family: 'python' | 'script', keyword?: string, full: Node = node, depth = 0): Arg {
  const value = family === 'python' ? evaluatePython(node, depth) : evaluateScript(node, depth);
  const span = spanOf(node);
  return { value, text: node.text, span, keyword, fullSpan: full === node ? span : spanOf(full) };
}

/** Literal string or key pattern of an argument, if any ("session:*"). */
export function keyPatternOf(arg: Arg | undefined): string | undefined {
  if (!arg) return undefined;
  if (arg.value.kind === 'string') return arg.value.value;
  if (arg.value.kind === 'pattern') return arg.value.pattern;
  return undefined;
}

export function numberOf(arg: Arg | undefined): number | undefined {
  return arg?.value.kind === 'number' ? arg.value.value : undefined;
}

export function stringOf(arg: Arg | undefined): string | undefined {
  return arg?.value.kind === 'string' ? arg.value.value : undefined;
}

/** A unary operator keeps a number (negated for "-") and turns anything else into unknown. */
function signed(node: Node, inner: ArgValue): ArgValue {
  if (inner.kind !== 'number') return { kind: 'unknown' };
  return node.text.trim().startsWith('-') ? { kind: 'number', value: -inner.value } : inner;
}

/** Numeric * - / (and Python's //) on two known numbers; anything else is unknown. */
function arithmetic(operator: string | undefined, l: ArgValue, r: ArgValue): ArgValue {
  if (l.kind !== 'number' || r.kind !== 'number') return { kind: 'unknown' };
  switch (operator) {
    case '*':
      return { kind: 'number', value: l.value * r.value };
    case '-':
      return { kind: 'number', value: l.value - r.value };
    case '/':
      return { kind: 'number', value: l.value / r.value };
    case '//':
      return { kind: 'number', value: Math.floor(l.value / r.value) };
    default:
      return { kind: 'unknown' };
  }
}
