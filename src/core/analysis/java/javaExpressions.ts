/** What Java expressions and loops say on their own, without the file's receivers: literal values, comment-blanked text, lambdas behind casts, item-walking loops. */
import type { Node } from 'web-tree-sitter';
import type { ArgValue } from '../model';

/** A while/do loop that steps through items (`while ((i = next(i)) >= 0)`), not a polling or consumer loop (`while (running)`). */
export function walksItems(loop: Node): boolean {
  const condition = loop.childForFieldName('condition')?.text ?? '';
  if (walksCollectionIterator(loop, condition) || walksScanCursorKeys(loop, condition)) return true;
  return /[<>]=?|==|!=/.test(condition) && !/cursor|hasNext|running|isInterrupted|\btrue\b|currentTimeMillis|nanoTime|Instant|time|retr|attempt|wait/i.test(condition);
}

/**
 * `Iterator<T> it = dataSet.iterator(); while (it.hasNext()) { ops.add(it.next()); }`: a for-each written by hand over
 * a collection the code holds. A cursor (`scan(...)`, `Cursor<...>`) pages through Redis instead and stays a paging loop.
 */
function walksCollectionIterator(loop: Node, condition: string): boolean {
  const name = /^\(?\s*([A-Za-z_$][\w$]*)\.hasNext\(\)\s*\)?$/.exec(condition.trim())?.[1];
  const scope = loop.parent?.text;
  if (!name || !scope) return false;
  const declared = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*([^;]*)\\.iterator\\(\\s*\\)\\s*;`).exec(scope);
  return !!declared && !/scan|cursor/i.test(declared[1]);
}

/**
 * `try (Cursor<byte[]> cursor = connection.scan(options)) { while (cursor.hasNext()) { … cursor.next() … } }`: Spring's
 * scan Cursor fetches its pages itself and hands out one key per `next()`, so a command in the body runs once per key
 * found. (A Jedis `do { scan(cursor, params) } while (!cursor.equals("0"))` loop pages, and stays a paging loop.)
 */
function walksScanCursorKeys(loop: Node, condition: string): boolean {
  const name = /^\(?\s*([A-Za-z_$][\w$]*)\.hasNext\(\)\s*\)?$/.exec(condition.trim())?.[1];
  if (!name) return false;
  const declared = new RegExp(`\\bCursor\\s*<[^;=]*>\\s+${name.replace(/\$/g, '\\$')}\\s*=`);
  for (let up = loop.parent; up; up = up.parent) {
    if (declared.test(up.text.slice(0, Math.max(0, loop.startIndex - up.startIndex)))) return true;
    if (up.type === 'method_declaration' || up.type === 'lambda_expression' || up.type === 'constructor_declaration') return false;
  }
  return false;
}

export function unwrapLambda(node: Node): Node | undefined {
  let current: Node | null = node;
  while (current && (current.type === 'cast_expression' || current.type === 'parenthesized_expression')) current = current.childForFieldName('value') ?? current.namedChildren[current.namedChildren.length - 1];
  return current?.type === 'lambda_expression' ? current : undefined;
}

/** Comments replaced by spaces (line breaks kept), string and char literals left alone. */
export function withoutComments(text: string): string {
  return text.replace(/"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, (match) => (match.startsWith('/') ? match.replace(/[^\n]/g, ' ') : match));
}

/** `this.redis` and `redis` are the same field. */
export function identityOf(node: Node): string {
  return node.text.replace(/^this\./, '').replace(/\s+/g, '');
}

/** Literal values of arguments; string concatenations become patterns (`"user:" + id` → `user:*`). */
export function evaluate(node: Node): ArgValue {
  switch (node.type) {
    case 'string_literal': {
      const text = node.text;
      const quote = text.startsWith('"""') ? 3 : 1;
      const inner = text.slice(quote, text.length - quote).replace(/\\(["\\])/g, '$1');
      return { kind: 'string', value: inner };
    }
    case 'decimal_integer_literal':
    case 'hex_integer_literal':
    case 'decimal_floating_point_literal': {
      const value = Number(node.text.replace(/[lLfFdD_]/g, ''));
      return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unknown' };
    }
    case 'unary_expression': {
      const operand = node.childForFieldName('operand');
      const inner = operand ? evaluate(operand) : { kind: 'unknown' as const };
      return node.text.startsWith('-') && inner.kind === 'number' ? { kind: 'number', value: -inner.value } : { kind: 'unknown' };
    }
    case 'true':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'null_literal':
      return { kind: 'null' };
    case 'identifier':
      return { kind: 'name', name: node.text };
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? evaluate(inner) : { kind: 'unknown' };
    }
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.text !== '+') return { kind: 'unknown' };
      const parts: string[] = [];
      let sawString = false;
      const flatten = (part: Node): void => {
        if (part.type === 'binary_expression' && part.childForFieldName('operator')?.text === '+') {
          const left = part.childForFieldName('left');
          const right = part.childForFieldName('right');
          if (left) flatten(left);
          if (right) flatten(right);
          return;
        }
        const value = evaluate(part);
        if (value.kind === 'string') {
          sawString = true;
          parts.push(value.value);
        } else parts.push('*');
      };
      flatten(node);
      if (!sawString) return { kind: 'unknown' };
      return { kind: 'pattern', pattern: parts.join('').replace(/\*+/g, '*') };
    }
    default:
      return { kind: 'unknown' };
  }
}
