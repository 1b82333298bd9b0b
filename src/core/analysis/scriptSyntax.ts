/** TypeScript/JavaScript (ioredis, node-redis) knowledge for the collector and tracker. */
import type { Node } from 'web-tree-sitter';
import { evaluateScript } from './argumentValues';
import type { CallParts, CalleeHint, FactoryInfo, LanguageSyntax, RawBinding } from './syntax';

const IOREDIS = new Set(['ioredis']);
const NODE_REDIS = new Set(['redis', '@redis/client', '@node-redis/client']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'use', 'head', 'options', 'route']);

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  return node.text.slice(1, -1);
}

const NPM_SPECIFIER = /^npm:((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/;

/**
 * The module a specifier names. Deno loads npm packages as `npm:name@range/subpath`: that is package `name` (and
 * its subpath), so `npm:redis@^4.5` makes the same clients as `redis`.
 */
function moduleOf(specifier: string | undefined): string | undefined {
  if (!specifier?.startsWith('npm:')) return specifier;
  const npm = NPM_SPECIFIER.exec(specifier);
  return npm ? npm[1] + (npm[2] ?? '') : specifier;
}

/** `require('x')` → 'x'. */
function requiredModule(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.text !== 'require') return undefined;
  const args = node.childForFieldName('arguments');
  // The first argument alone: reading every argument node (namedChildren) to keep one cost more Wasm calls.
  return moduleOf(stringValue(args?.namedChild(0)));
}

/** `import('x')` → 'x': a dynamic import of a module named by a literal. */
function dynamicImport(node: Node): string | undefined {
  if (node.type !== 'call_expression' || node.childForFieldName('function')?.type !== 'import') return undefined;
  return moduleOf(stringValue(node.childForFieldName('arguments')?.namedChild(0)));
}

function unparenthesized(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.firstNamedChild) current = current.firstNamedChild;
  return current;
}

/**
 * The module a declaration's value loads and which of its exports it names, the way a static import would:
 * `require('x')` and `await import('x')` are the namespace, `(await import('x')).default` (or `.createClient`)
 * that export of it.
 */
function loadedModule(value: Node | undefined): { module: string; imported: string } | undefined {
  if (!value) return undefined;
  const required = requiredModule(value);
  if (required) return { module: required, imported: '*' };
  let node = unparenthesized(value);
  let imported = '*';
  if (node.type === 'member_expression') {
    const property = node.childForFieldName('property');
    const object = node.childForFieldName('object');
    if (!property || property.type !== 'property_identifier' || !object) return undefined;
    imported = property.text;
    node = unparenthesized(object);
  }
  if (node.type !== 'await_expression') return undefined;
  const awaited = node.firstNamedChild ? unparenthesized(node.firstNamedChild) : undefined;
  if (!awaited) return undefined;
  const module = dynamicImport(awaited);
  if (module) return { module, imported };
  // `await import(lib).then((m) => m.default)`: the export the callback picks.
  const picked = imported === '*' ? pickedExport(awaited) : undefined;
  return picked;
}

/** `import('x').then((m) => m.name)` → x and name. */
function pickedExport(call: Node): { module: string; imported: string } | undefined {
  const callee = call.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'then') return undefined;
  const object = callee.childForFieldName('object');
  const module = object ? dynamicImport(unparenthesized(object)) : undefined;
  const callback = call.childForFieldName('arguments')?.namedChild(0);
  if (!module || callback?.type !== 'arrow_function') return undefined;
  const params = callback.childForFieldName('parameter') ?? callback.childForFieldName('parameters');
  const param = params?.type === 'identifier' ? params : unwrapParameter(params?.namedChildCount === 1 ? params.namedChild(0) : null);
  const body = callback.childForFieldName('body');
  if (param?.type !== 'identifier' || body?.type !== 'member_expression' || body.childForFieldName('object')?.text !== param.text) return undefined;
  const property = body.childForFieldName('property');
  return property?.type === 'property_identifier' ? { module, imported: property.text } : undefined;
}

/**
 * A destructuring pattern of a loaded module: `{ default: Redis }`, `{ createClient }` of its namespace, or of one
 * of its exports (`(await import('redis')).default` is a CommonJS package's exports, createClient among them).
 */
function patternImports(pattern: Node, module: string, from = '*'): RawBinding[] {
  const out: RawBinding[] = [];
  const path = (key: string) => (from === '*' ? key : `${from}.${key}`);
  for (const part of named(pattern)) {
    if (part.type === 'shorthand_property_identifier_pattern') out.push({ name: part.text, kind: 'import', module, imported: path(part.text) });
    else if (part.type === 'pair_pattern') {
      const key = part.childForFieldName('key')?.text;
      const alias = part.childForFieldName('value');
      if (key && alias?.type === 'identifier') out.push({ name: alias.text, kind: 'import', module, imported: path(key) });
    }
  }
  return out;
}

const dynamicImports = new WeakMap<object, boolean>();

function hasDynamicImport(node: Node): boolean {
  let found = dynamicImports.get(node.tree);
  if (found === undefined) dynamicImports.set(node.tree, (found = /\bimport\s*\(/.test(node.tree.rootNode.text)));
  return found;
}

/**
 * The module whose namespace a callback receives: `import('x').then((mod) => ...)`, the callback being the
 * first argument of that `then`.
 */
function thenOfImport(fn: Node): string | undefined {
  // Every function's parameters are read: its parent (a walk down from the root) only in a file with an import().
  if (!hasDynamicImport(fn)) return undefined;
  const args = fn.parent;
  if (args?.type !== 'arguments' || args.namedChild(0)?.startIndex !== fn.startIndex) return undefined;
  const call = args.parent;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'then') return undefined;
  const object = callee.childForFieldName('object');
  return object ? dynamicImport(unparenthesized(object)) : undefined;
}

function factory(qualified: string, isNew: boolean): FactoryInfo | undefined {
  const colon = qualified.indexOf(':');
  if (colon < 0) return undefined;
  const module = qualified.slice(0, colon);
  const path = qualified.slice(colon + 1).split('.');
  const last = path[path.length - 1];
  if (IOREDIS.has(module) && (isNew || qualified.endsWith(':require'))) {
    if (last === 'Cluster') return { library: 'ioredis', kind: 'cluster', async: true };
    if (path.length <= 2 && ['default', '*', 'Redis', 'require'].includes(last)) return { library: 'ioredis', kind: 'client', async: true };
  }
  if (NODE_REDIS.has(module) && !isNew) {
    if (last === 'createClient' || last === 'createClientPool' || last === 'createSentinel') return { library: 'node-redis', kind: 'client', async: true };
    if (last === 'createCluster') return { library: 'node-redis', kind: 'cluster', async: true };
  }
  return undefined;
}

function dottedPath(node: Node, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  if (node.type === 'identifier' || node.type === 'this') return node.text;
  if (node.type === 'member_expression') {
    const object = node.childForFieldName('object');
    const property = node.childForFieldName('property');
    const base = object ? dottedPath(object, depth + 1) : undefined;
    return base && property ? `${base}.${property.text}` : undefined;
  }
  return undefined;
}

function targetName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'member_expression') {
    const object = node.childForFieldName('object');
    const property = node.childForFieldName('property');
    if (object?.type === 'this' && property) return `this.${property.text}`;
    const path = dottedPath(node);
    if (path === 'module.exports') return 'export:default';
    if (path?.startsWith('exports.') || path?.startsWith('module.exports.')) return `export:${property?.text}`;
  }
  return undefined;
}

function objectExports(object: Node): RawBinding[] {
  const out: RawBinding[] = [];
  for (const part of named(object)) {
    if (part.type === 'shorthand_property_identifier') out.push({ name: `export:${part.text}`, kind: 'assign', value: part });
    else if (part.type === 'pair') {
      const key = part.childForFieldName('key');
      const value = part.childForFieldName('value');
      if (key && value && (key.type === 'property_identifier' || key.type === 'string')) out.push({ name: `export:${key.text.replace(/^['"]|['"]$/g, '')}`, kind: 'assign', value });
    }
  }
  return out;
}

function importBindings(node: Node): RawBinding[] {
  const module = moduleOf(stringValue(node.childForFieldName('source')));
  if (!module) return [];
  const out: RawBinding[] = [];
  const clause = named(node).find((c) => c.type === 'import_clause');
  if (!clause) return out;
  for (const part of named(clause)) {
    if (part.type === 'identifier') out.push({ name: part.text, kind: 'import', module, imported: 'default' });
    else if (part.type === 'namespace_import') {
      const id = named(part).find((c) => c.type === 'identifier');
      if (id) out.push({ name: id.text, kind: 'import', module, imported: '*' });
    } else if (part.type === 'named_imports') {
      for (const spec of named(part)) {
        if (spec.type !== 'import_specifier') continue;
        const name = spec.childForFieldName('name')?.text;
        const alias = spec.childForFieldName('alias')?.text;
        if (name) out.push({ name: alias ?? name, kind: 'import', module, imported: name });
      }
    }
  }
  return out;
}

const FUNCTION_VALUES = new Set(['function_expression', 'arrow_function', 'function']);

/** The function a module-level `function name() {}` or `const name = () => ...` of the statement's module defines. */
function moduleFunction(statement: Node, name: string): Node | undefined {
  for (const sibling of statement.parent ? named(statement.parent) : []) {
    if (sibling.type === 'function_declaration' || sibling.type === 'generator_function_declaration') {
      if (sibling.childForFieldName('name')?.text === name) return sibling;
    } else if (sibling.type === 'lexical_declaration' || sibling.type === 'variable_declaration') {
      for (const declarator of named(sibling)) {
        const value = declarator.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name ? declarator.childForFieldName('value') : null;
        if (value && FUNCTION_VALUES.has(value.type)) return value;
      }
    }
  }
  return undefined;
}

function declaratorBindings(node: Node): RawBinding[] {
  const name = node.childForFieldName('name');
  const value = node.childForFieldName('value') ?? undefined;
  if (!name) return [];
  const loaded = loadedModule(value);
  const module = loaded?.module;
  if (name.type === 'identifier') {
    if (loaded) return [{ name: name.text, kind: 'import', module: loaded.module, imported: loaded.imported }];
    return [{ name: name.text, kind: 'assign', value, typeText: node.childForFieldName('type')?.text }];
  }
  // `const { createClient } = redisPkg`: properties of an imported namespace, resolved by the tracker.
  if (name.type === 'object_pattern' && !module && value?.type === 'identifier') {
    return named(name)
      .filter((part) => part.type === 'shorthand_property_identifier_pattern')
      .map((part) => ({ name: part.text, kind: 'alias' as const, module: value.text, imported: part.text }));
  }
  if (name.type === 'object_pattern' && loaded) return patternImports(name, loaded.module, loaded.imported);
  return [];
}

/** The pattern a TypeScript parameter declares (`({ default: R }: typeof import('x'))`), or a JavaScript one itself. */
function unwrapParameter(node: Node | null): Node | null {
  if (node && (node.type === 'required_parameter' || node.type === 'optional_parameter')) return node.childForFieldName('pattern');
  return node;
}

function parameter(node: Node): RawBinding[] {
  switch (node.type) {
    case 'identifier':
      return [{ name: node.text, kind: 'param' }];
    case 'required_parameter':
    case 'optional_parameter': {
      const pattern = node.childForFieldName('pattern');
      if (pattern?.type !== 'identifier') return [];
      const typeText = node.childForFieldName('type')?.text.replace(/^:\s*/, '');
      const value = node.childForFieldName('value') ?? undefined;
      const out: RawBinding[] = [{ name: pattern.text, kind: 'param', typeText, value }];
      // `constructor(private readonly redis: Redis)` also declares this.redis, and so does `@Inject(KV) readonly redis: Redis`.
      // Modifiers come before the name: a parameter that starts with its name has none (its children are not read).
      const modified = pattern.startIndex !== node.startIndex && named(node).some((c) => c.type === 'accessibility_modifier' || c.type === 'override_modifier');
      if (modified || /^(?:\s*@[\w.]+(?:\([^()]*\))?)*\s*readonly\b/.test(node.text)) {
        out.push({ name: `this.${pattern.text}`, kind: 'field', typeText, value });
      }
      return out;
    }
    case 'assignment_pattern': {
      const left = node.childForFieldName('left');
      return left?.type === 'identifier' ? [{ name: left.text, kind: 'param', value: node.childForFieldName('right') ?? undefined }] : [];
    }
    default:
      return [];
  }
}

/** Route callbacks (`app.get(path, fn)`), per-connection callbacks (`wss.on('connection', fn)`) and (req, res) functions. */
function runsPerRequest(node: Node, parent: Node | null): boolean {
  if (parent?.type === 'arguments') {
    const call = parent.parent;
    const fn = call?.childForFieldName('function');
    if (fn?.type === 'member_expression') {
      const method = fn.childForFieldName('property')?.text ?? '';
      const object = fn.childForFieldName('object')?.text ?? '';
      if (ROUTE_METHODS.has(method) && /^(app|router|server|api|fastify|routes?|\w*Router)$/.test(object)) return true;
      // ws / socket.io / net servers call this once per client connection.
      if ((method === 'on' || method === 'once' || method === 'addListener') && /^['"]connection['"]$/.test(named(parent)[0]?.text ?? '')) return true;
    }
  }
  // Only the first two parameters decide: they are read alone, not the whole list (each node read is a Wasm call).
  const params = node.childForFieldName('parameters');
  if (!params || params.namedChildCount < 2) return false;
  const nameOf = (index: number) => params.namedChild(index)?.text.split(/[:=\s]/)[0] ?? '';
  return /^(req|request|ctx)$/.test(nameOf(0)) && /^(res|reply|response|h)$/.test(nameOf(1));
}

/** Expressions that wrap the value they hold: await, parentheses, type assertions. */
const WRAPPER_TYPES = new Set(['await_expression', 'parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

export const scriptSyntax: LanguageSyntax = {
  family: 'script',
  callTypes: new Set(['call_expression', 'new_expression']),
  functionTypes: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']),
  classTypes: new Set(['class_declaration', 'class']),
  forLoopTypes: new Map([
    ['for_in_statement', 'body'],
    ['for_statement', 'body'],
  ]),
  whileLoopTypes: new Set(['while_statement', 'do_statement']),
  bindingTypes: new Set(['variable_declarator', 'assignment_expression', 'import_statement', 'function_declaration', 'public_field_definition', 'field_definition', 'for_in_statement', 'export_statement']),
  returnType: 'return_statement',
  selfName: 'this',

  callParts(node: Node, hint?: CalleeHint): CallParts | undefined {
    const isNew = (hint ? hint.callType : node.type) === 'new_expression';
    const callee = hint ? hint.callee : node.childForFieldName(isNew ? 'constructor' : 'function');
    if (!callee) return undefined;
    const argumentList = node.childForFieldName('arguments');
    const args = argumentList && argumentList.type === 'arguments' ? named(argumentList).filter((a) => a.type !== 'comment') : argumentList ? [argumentList] : [];
    if ((hint ? hint.calleeType : callee.type) === 'member_expression') {
      const object = callee.childForFieldName('object') ?? undefined;
      const propertyNode = (hint && hint.propertyNode !== undefined ? hint.propertyNode : callee.childForFieldName('property')) ?? undefined;
      const property = hint && hint.propertyNode !== undefined ? hint.property : propertyNode?.text;
      return { callee, object, property, propertyNode, args, keywords: [], isNew };
    }
    return { callee, args, keywords: [], isNew };
  },

  bindingsOf(node: Node, type = node.type): RawBinding[] {
    switch (type) {
      case 'variable_declarator':
        return declaratorBindings(node);
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const name = left ? targetName(left) : undefined;
        const right = node.childForFieldName('right') ?? undefined;
        // `module.exports = { kv: require('./conn'), cache }`: each property is an export of its own.
        if (name === 'export:default' && right?.type === 'object') return objectExports(right);
        return name ? [{ name, kind: 'assign', value: right }] : [];
      }
      case 'import_statement':
        return importBindings(node);
      case 'function_declaration': {
        const name = node.childForFieldName('name')?.text;
        return name ? [{ name, kind: 'function', value: node }] : [];
      }
      case 'public_field_definition':
      case 'field_definition': {
        const name = node.childForFieldName('name') ?? node.childForFieldName('property');
        if (!name) return [];
        const typeText = node.childForFieldName('type')?.text.replace(/^:\s*/, '');
        return [{ name: `this.${name.text}`, kind: 'field', typeText, value: node.childForFieldName('value') ?? undefined }];
      }
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        return left?.type === 'identifier' ? [{ name: left.text, kind: 'loop' }] : [];
      }
      case 'export_statement': {
        const value = node.childForFieldName('value');
        if (value) {
          // `export default model` naming a function of the module: the default export is that function (a factory).
          const exportedFunction = value.type === 'identifier' ? moduleFunction(node, value.text) : undefined;
          return [exportedFunction ? { name: 'export:default', kind: 'function', value: exportedFunction } : { name: 'export:default', kind: 'assign', value }];
        }
        // `export default function model() {}`: also the module's default export.
        const declaration = node.childForFieldName('declaration');
        const isDefault = declaration && (declaration.type === 'function_declaration' || declaration.type === 'generator_function_declaration') && node.children.some((c) => c?.type === 'default');
        return isDefault ? [{ name: 'export:default', kind: 'function', value: declaration }] : [];
      }
      default:
        return [];
    }
  },

  functionName(node: Node): string {
    const name = node.childForFieldName('name')?.text;
    if (name) return name;
    const parent = node.parent;
    if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text ?? '<anonymous>';
    if (parent?.type === 'pair') return parent.childForFieldName('key')?.text ?? '<anonymous>';
    return '<anonymous>';
  },

  isAsyncFunction(node: Node): boolean {
    return /^(async\b|(static\s+|public\s+|private\s+|protected\s+)*async\b)/.test(node.text);
  },

  isRequestHandler(node: Node): boolean {
    // A function nested in a handler (a callback it passes on) runs per request as well.
    let current: Node | null = node;
    for (let depth = 0; current && depth < 40; depth++) {
      // Each parent read walks down from the root inside Wasm: the step up and the route-callback check share one.
      const parent: Node | null = current.parent;
      if (scriptSyntax.functionTypes.has(current.type) && runsPerRequest(current, parent)) return true;
      current = parent;
    }
    return false;
  },

  parametersOf(node: Node): RawBinding[] {
    const params = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
    if (!params) return [];
    // `import(lib).then(({ default: Redis }) => ...)`: the callback's parameter is the module's namespace.
    const loaded = thenOfImport(node);
    if (loaded) {
      const first = params.type === 'identifier' ? params : unwrapParameter(params.namedChild(0));
      if (first?.type === 'identifier') return [{ name: first.text, kind: 'import', module: loaded, imported: '*' }];
      if (first?.type === 'object_pattern') return patternImports(first, loaded);
    }
    if (params.type === 'identifier') return [{ name: params.text, kind: 'param' }];
    // A loop rather than flatMap, which costs more than the parameters it reads (it ran for every function).
    const out: RawBinding[] = [];
    for (const child of named(params)) for (const binding of parameter(child)) out.push(binding);
    return out;
  },

  requiredModule(callee: Node): string | undefined {
    let node = callee;
    while (node.type === 'parenthesized_expression' && node.firstNamedChild) node = node.firstNamedChild;
    return requiredModule(node);
  },

  unwrap(node: Node): Node {
    let current = node;
    for (let i = 0; i < 8; i++) {
      if (WRAPPER_TYPES.has(current.type)) {
        const inner = named(current).find((c) => !c.type.endsWith('type') && c.type !== 'type_arguments' && c.type !== 'type_identifier');
        if (!inner) break;
        current = inner;
      } else break;
    }
    return current;
  },

  evaluate: evaluateScript,
  dottedPath,
  factory,

  isSelf(node: Node): boolean {
    return node.type === 'this';
  },

  literalIterationCount(loop: Node): number | undefined {
    const iterable = scriptSyntax.loopIterable(loop);
    return iterable?.type === 'array' ? named(iterable).length : undefined;
  },

  loopIterable(loop: Node): Node | null {
    return loop.type === 'for_in_statement' ? loop.childForFieldName('right') : null;
  },
};
