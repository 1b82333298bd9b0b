/**
 * Python wrapper classes that hand every attribute they do not define to a client they hold:
 *
 *     class Cache:
 *         def get(self, key): return loads(self.conn.get(key))
 *         def __getattr__(self, name): return getattr(self.conn, name)
 *
 * An instance (`cache = Cache()`, imported across the project) runs the held client's commands
 * (`cache.incr(k)`, `cache.delete(k)`), except through the methods the class defines itself: its own get/set may
 * pickle, add a TTL or do anything else, so they are not the commands of the same name.
 */
import type { Node } from 'web-tree-sitter';

export interface ForwardingClass {
  /** The self attribute every other attribute is read from (`conn` in `getattr(self.conn, name)`). */
  attribute: string;
  /** Methods the class defines itself (`get`, `set`, `__getattr__`, ...). */
  ownMethods: string[];
}

/** The module-level classes of a Python module that forward unknown attributes to one of their own. */
export function forwardingClasses(root: Node): Map<string, ForwardingClass> {
  const out = new Map<string, ForwardingClass>();
  for (const statement of root.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    const name = definition.childForFieldName('name')?.text;
    const body = definition.childForFieldName('body');
    if (!name || !body) continue;
    const methods = body.namedChildren.map((child) => (child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child)).filter((child): child is Node => child?.type === 'function_definition');
    const getattr = methods.find((method) => method.childForFieldName('name')?.text === '__getattr__');
    const attribute = getattr && forwardedAttribute(getattr);
    if (attribute) out.set(name, { attribute, ownMethods: methods.map((method) => method.childForFieldName('name')?.text ?? '').filter(Boolean) });
  }
  return out;
}

/** `def __getattr__(self, name): return getattr(self.<attribute>, name)` (a docstring first is allowed). */
function forwardedAttribute(method: Node): string | undefined {
  const parameters = method.childForFieldName('parameters')?.namedChildren ?? [];
  const [self, key] = parameters;
  if (parameters.length !== 2 || self?.type !== 'identifier' || key?.type !== 'identifier') return undefined;
  const statements = (method.childForFieldName('body')?.namedChildren ?? []).filter((statement) => statement && statement.type !== 'comment');
  const docstring = statements[0]?.type === 'expression_statement' && statements[0].firstNamedChild?.type === 'string';
  const rest = docstring ? statements.slice(1) : statements;
  if (rest.length !== 1 || rest[0]?.type !== 'return_statement') return undefined;
  const call = rest[0].firstNamedChild;
  if (call?.type !== 'call' || call.childForFieldName('function')?.text !== 'getattr') return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const [held, asked] = args;
  if (args.length !== 2 || held?.type !== 'attribute' || asked?.text !== key.text) return undefined;
  if (held.childForFieldName('object')?.text !== self.text) return undefined;
  return held.childForFieldName('attribute')?.text;
}
