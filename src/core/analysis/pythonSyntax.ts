/** Python (redis-py, redis.asyncio, aioredis, django-redis) knowledge for the collector and tracker. */
import type { Node } from 'web-tree-sitter';
import { evaluatePython } from './argumentValues';
import type { CallParts, CalleeHint, FactoryInfo, LanguageSyntax, RawBinding } from './syntax';

const ROUTE_DECORATOR = /^@\s*[\w.]+\.(get|post|put|patch|delete|route|api_route|websocket|head|options)\s*\(/;

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function factory(qualified: string): FactoryInfo | undefined {
  const parts = qualified.split('.');
  const root = parts[0];
  // redis-om hands out the redis-py client its models use (`aredis_om`: the redis.asyncio one).
  if ((root === 'redis_om' || root === 'aredis_om') && parts[parts.length - 1] === 'get_redis_connection') return { library: 'redis-py', kind: 'client', async: root === 'aredis_om' };
  if (root !== 'redis' && root !== 'aioredis' && root !== 'django_redis') return undefined;
  const isAsync = root === 'aioredis' || parts[1] === 'asyncio';
  let name = parts[parts.length - 1];
  if (name === 'from_url' && parts.length >= 2) {
    name = parts[parts.length - 2];
    if (name === 'redis' || name === 'asyncio' || name === 'aioredis') name = 'Redis';
  }
  const info = (kind: FactoryInfo['kind']): FactoryInfo => ({ library: 'redis-py', kind, async: isAsync });
  switch (name) {
    case 'Redis':
    case 'StrictRedis':
    case 'create_redis_pool':
    case 'create_redis':
    case 'create_connection':
    case 'get_redis_connection':
      return info('client');
    case 'RedisCluster':
      return info('cluster');
    case 'ConnectionPool':
    case 'BlockingConnectionPool':
      return info('pool');
    case 'Sentinel':
      return info('sentinel');
    default:
      return undefined;
  }
}

function dottedPath(node: Node, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    const base = object ? dottedPath(object, depth + 1) : undefined;
    return base && attribute ? `${base}.${attribute.text}` : undefined;
  }
  return undefined;
}

function targetName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    if (object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls') && attribute) return `this.${attribute.text}`;
  }
  return undefined;
}

const UNPACKED_LITERALS = new Set(['list', 'dictionary', 'set', 'tuple', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'integer', 'float', 'string', 'true', 'false', 'none']);

/**
 * `current_ids, redis_errors = [], []`: each name unpacked from a literal of the same position holds that literal, so
 * `redis_errors.append(e)` is a list's append whatever the name says. Names unpacked from anything else stay unbound.
 */
function unpackedLiterals(left: Node, right: Node | null): RawBinding[] {
  if ((left.type !== 'pattern_list' && left.type !== 'tuple_pattern') || (right?.type !== 'expression_list' && right?.type !== 'tuple')) return [];
  const targets = named(left);
  const values = named(right);
  if (targets.length !== values.length) return [];
  const out: RawBinding[] = [];
  targets.forEach((target, i) => {
    const name = targetName(target);
    if (name && UNPACKED_LITERALS.has(values[i].type)) out.push({ name, kind: 'assign', value: values[i] });
  });
  return out;
}

function importBindings(node: Node): RawBinding[] {
  const out: RawBinding[] = [];
  if (node.type === 'import_statement') {
    for (const child of named(node)) {
      if (child.type === 'dotted_name') {
        const first = child.text.split('.')[0];
        out.push({ name: first, kind: 'import', module: first, imported: '*' });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) out.push({ name: alias, kind: 'import', module: name, imported: '*' });
      }
    }
    return out;
  }
  const moduleNode = node.childForFieldName('module_name');
  const module = moduleNode?.text ?? '';
  for (const child of named(node)) {
    if (child === moduleNode || child.startIndex === moduleNode?.startIndex) continue;
    if (child.type === 'dotted_name') out.push({ name: child.text, kind: 'import', module, imported: child.text });
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias) out.push({ name: alias, kind: 'import', module, imported: name });
    }
  }
  return out;
}

function parameter(node: Node): RawBinding | undefined {
  switch (node.type) {
    case 'identifier':
      return { name: node.text, kind: 'param' };
    case 'typed_parameter': {
      const name = named(node).find((c) => c.type === 'identifier')?.text;
      return name ? { name, kind: 'param', typeText: node.childForFieldName('type')?.text } : undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = node.childForFieldName('name')?.text;
      return name
        ? { name, kind: 'param', typeText: node.childForFieldName('type')?.text, value: node.childForFieldName('value') ?? undefined }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Route-decorated functions and functions taking the request. */
function runsPerRequest(node: Node, parent: Node | null): boolean {
  if (parent?.type === 'decorated_definition') {
    for (const child of named(parent)) if (child.type === 'decorator' && ROUTE_DECORATOR.test(child.text)) return true;
  }
  const params = node.childForFieldName('parameters');
  return !!params && named(params).some((p) => /^(request|req)\b/.test(p.text));
}

export const pythonSyntax: LanguageSyntax = {
  family: 'python',
  callTypes: new Set(['call']),
  functionTypes: new Set(['function_definition', 'lambda']),
  classTypes: new Set(['class_definition']),
  forLoopTypes: new Map([
    ['for_statement', 'body'],
    ['list_comprehension', 'body'],
    ['set_comprehension', 'body'],
    ['dictionary_comprehension', 'body'],
    ['generator_expression', 'body'],
  ]),
  whileLoopTypes: new Set(['while_statement']),
  bindingTypes: new Set(['assignment', 'with_item', 'import_statement', 'import_from_statement', 'function_definition', 'for_statement']),
  returnType: 'return_statement',
  selfName: 'self',

  callParts(node: Node, hint?: CalleeHint): CallParts | undefined {
    const callee = hint ? hint.callee : node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    if (!callee) return undefined;
    const args: Node[] = [];
    const keywords: CallParts['keywords'] = [];
    if (argumentList?.type === 'argument_list') {
      for (const arg of named(argumentList)) {
        if (arg.type === 'comment') continue;
        if (arg.type === 'keyword_argument') {
          const name = arg.childForFieldName('name')?.text;
          const value = arg.childForFieldName('value');
          if (name && value) keywords.push({ name, value, node: arg });
        } else args.push(arg);
      }
    } else if (argumentList) args.push(argumentList);
    if ((hint ? hint.calleeType : callee.type) === 'attribute') {
      const object = callee.childForFieldName('object') ?? undefined;
      const propertyNode = (hint && hint.propertyNode !== undefined ? hint.propertyNode : callee.childForFieldName('attribute')) ?? undefined;
      const property = hint && hint.propertyNode !== undefined ? hint.property : propertyNode?.text;
      return { callee, object, property, propertyNode, args, keywords, isNew: false };
    }
    return { callee, args, keywords, isNew: false };
  },

  bindingsOf(node: Node, type = node.type): RawBinding[] {
    switch (type) {
      case 'assignment': {
        const left = node.childForFieldName('left');
        const name = left ? targetName(left) : undefined;
        if (!name) return left ? unpackedLiterals(left, node.childForFieldName('right')) : [];
        const right = node.childForFieldName('right') ?? undefined;
        return [{ name, kind: 'assign', value: right?.type === 'assignment' ? right.childForFieldName('right') ?? undefined : right, typeText: node.childForFieldName('type')?.text }];
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type !== 'as_pattern') return [];
        const expression = named(value)[0];
        const alias = value.childForFieldName('alias');
        const name = alias ? named(alias)[0] : undefined;
        return expression && name?.type === 'identifier' ? [{ name: name.text, kind: 'assign', value: expression }] : [];
      }
      case 'import_statement':
      case 'import_from_statement':
        return importBindings(node);
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        return name ? [{ name, kind: 'function', value: node }] : [];
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        return left?.type === 'identifier' ? [{ name: left.text, kind: 'loop' }] : [];
      }
      default:
        return [];
    }
  },

  functionName(node: Node): string {
    return node.childForFieldName('name')?.text ?? '<lambda>';
  },

  isAsyncFunction(node: Node): boolean {
    return node.type === 'function_definition' && node.text.startsWith('async');
  },

  isRequestHandler(node: Node): boolean {
    // A function nested in a handler (a callback it defines) runs per request as well.
    let current: Node | null = node;
    for (let depth = 0; current && depth < 40; depth++) {
      // Each parent read walks down from the root inside Wasm: the step up and the decorator check share one.
      const parent: Node | null = current.parent;
      const type = current.type;
      if ((type === 'function_definition' || type === 'lambda') && runsPerRequest(current, parent)) return true;
      current = parent;
    }
    return false;
  },

  parametersOf(node: Node): RawBinding[] {
    const params = node.childForFieldName('parameters');
    if (!params) return [];
    return named(params).map(parameter).filter((b): b is RawBinding => !!b);
  },

  unwrap(node: Node): Node {
    let current = node;
    for (let i = 0; i < 8; i++) {
      const type = current.type;
      if (type === 'await' || type === 'parenthesized_expression') {
        const inner = named(current)[0];
        if (!inner) break;
        current = inner;
      } else break;
    }
    return current;
  },

  evaluate: evaluatePython,
  dottedPath,
  factory: (qualified) => factory(qualified),

  isSelf(node: Node): boolean {
    return node.type === 'identifier' && (node.text === 'self' || node.text === 'cls');
  },

  literalIterationCount(loop: Node): number | undefined {
    const iterable = pythonSyntax.loopIterable(loop);
    if (iterable && (iterable.type === 'list' || iterable.type === 'tuple')) return named(iterable).length;
    return undefined;
  },

  loopIterable(loop: Node): Node | null {
    if (loop.type === 'for_statement') return loop.childForFieldName('right');
    const clause = named(loop).find((c) => c.type === 'for_in_clause');
    return clause?.childForFieldName('right') ?? null;
  },
};
