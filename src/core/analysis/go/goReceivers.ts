/** What a Go receiver expression is: a client, pool or pipeline proven from declarations, or likely from its name. */
import type { Node } from 'web-tree-sitter';
import type { ClientLibrary } from '../model';
import type { GoDeclarations } from './goDeclarations';
import { GO_REDIS_PIPELINES, nameSuggestsRedis } from './goLibraries';
import type { GoRef } from './goScan';

/** The library a receiver known only by name belongs to: the file's first Redis import, else go-redis. */
export function defaultLibrary(declared: GoDeclarations): ClientLibrary {
if (declared.packages.size) return [...declared.packages.values()][0];
return 'go-redis';
}

/**
 * The client a receiver expression is, proven or likely, or undefined when it is not a Redis client: `names` are
 * the clients of the enclosing function (parameters, locals), then the file's package variables and fields.
 */
export function resolveReceiver(node: Node, declared: GoDeclarations, names: ReadonlyMap<string, GoRef> | undefined): GoRef | undefined {
  switch (node.type) {
    case 'identifier': {
      const name = node.text;
      const local = names?.get(name) ?? declared.packageVars.get(name);
      if (local) return local;
      if (declared.importAliases.has(name)) return undefined;
      const shared = declared.packageClient(undefined, name);
      if (shared && !declaredInFunction(node, name)) return shared;
      return nameSuggestsRedis(name) ? likelyRef(declared, name, `its name ${name} suggests a Redis client`) : undefined;
    }
    case 'selector_expression': {
      const operand = node.childForFieldName('operand');
      const field = node.childForFieldName('field')?.text ?? '';
      const struct = operand?.type === 'identifier' ? methodReceiverStruct(node, operand.text) : undefined;
      const typed = (struct && declared.fields.get(`${struct}.${field}`)) || declared.fields.get(field);
      if (typed) return typed;
      if (operand?.type === 'identifier' && declared.packages.has(operand.text)) return undefined;
      const imported = operand?.type === 'identifier' && declared.importAliases.has(operand.text) && !names?.has(operand.text) ? declared.packageClient(operand.text, field) : undefined;
      if (imported && !declaredInFunction(node, operand!.text)) return imported;
      // A struct declared in another file of the package: in a file that imports a Redis client, its `client`/`pool` field is one.
      if (declared.packages.size > 0 && /^(client|cli|rdb|rc|conn|pool|redisClient|redisPool)$/i.test(field)) {
        const library = defaultLibrary(declared);
        return { ...likelyRef(declared, node.text, `the file imports ${library} and the field is named ${field}`), kind: library === 'redigo' && /pool/i.test(field) ? 'pool' : 'client' };
      }
      return nameSuggestsRedis(node.text) ? likelyRef(declared, node.text, `its name ${node.text} suggests a Redis client`) : undefined;
    }
    case 'call_expression': {
      const adapter = compatAdapter(node, declared, names);
      if (adapter) return adapter;
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'selector_expression') return callee && nameSuggestsRedis(callee.text) ? likelyRef(declared, callee.text, `it comes from ${callee.text}()`) : undefined;
      const method = callee.childForFieldName('field')?.text ?? '';
      const operand = callee.childForFieldName('operand');
      const base = operand ? resolveReceiver(operand, declared, names) : undefined;
      if (base?.library === 'redigo' && base.kind === 'pool' && /^Get(Context)?$/.test(method)) return { ...base, kind: 'client', identity: `conn:${node.startIndex}` };
      if (base && (method === 'WithContext' || method === 'Conn')) return base;
      // The go-redis client a project wrapper hands out (`s.cache.Redis()`, `c.GetClient()`) is its client too.
      if (base?.confidence === 'likely' && /^(Get|get)?(Redis|RDB|Rdb|Client|DB|Cli)\w*$/.test(method)) return base;
      if (base && Object.hasOwn(GO_REDIS_PIPELINES, method)) return { ...base, kind: GO_REDIS_PIPELINES[method].transaction ? 'transaction' : 'pipeline', identity: `pipe:${node.startIndex}` };
      // `r.Client()` of a method of the file declared to return a client: the client it hands out, whatever the name.
      const accessor = base ? undefined : declared.accessors.get(method);
      if (accessor) return { ...accessor, confidence: 'proven', identity: `accessor:${callee.text}`, origin: 'parameter' };
      if (!base && /^(Get|get)?(Redis|RDB|Rdb|Client|Conn|DB|Cli)\w*$/.test(method) && nameSuggestsRedis(callee.text)) return likelyRef(declared, callee.text, `it comes from ${callee.text}()`);
      return undefined;
    }
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? resolveReceiver(inner, declared, names) : undefined;
    }
    case 'index_expression': {
      const operand = node.childForFieldName('operand');
      return operand && nameSuggestsRedis(operand.text) ? likelyRef(declared, node.text, `its name ${operand.text} suggests Redis clients`) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `name` is a parameter or local of a function around `node` (`Grds := cache.New()`, `func f(Grds Store)`): it
 * shadows a package variable of that name.
 */
function declaredInFunction(node: Node, name: string): boolean {
  const declared = new RegExp(`(?<![\\w.])${name}\\s*(?:,\\s*\\w+\\s*)*:=|,\\s*${name}\\s*(?:,\\s*\\w+\\s*)*:=|\\bvar\\s+${name}\\b`);
  for (let fn: Node | null = node.parent; fn; fn = fn.parent) {
    if (fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') continue;
    for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')]) {
      for (const parameter of list?.namedChildren ?? []) if (parameter?.childrenForFieldName('name').some((id) => id?.text === name)) return true;
    }
    const body = fn.childForFieldName('body');
    if (body && declared.test(body.text.slice(0, node.startIndex - body.startIndex))) return true;
  }
  return false;
}

/** A receiver taken for a client on evidence (its name, the file's imports). */
export function likelyRef(declared: GoDeclarations, text: string, evidence: string): GoRef {
return { library: defaultLibrary(declared), kind: 'client', confidence: 'likely', evidence, identity: `name:${text}`, origin: 'name' };
}

/** The struct of the enclosing method's receiver when `name` is that receiver (`func (im *InMemory[T]) Set(…)` → InMemory). */
function methodReceiverStruct(node: Node, name: string): string | undefined {
  let method: Node | null = node.parent;
  while (method && method.type !== 'method_declaration') method = method.parent;
  const receiver = method?.childForFieldName('receiver')?.namedChildren.find((child) => child?.type === 'parameter_declaration');
  if (!receiver || receiver.childForFieldName('name')?.text !== name) return undefined;
  return /^\*?\s*(\w+)/.exec(receiver.childForFieldName('type')?.text ?? '')?.[1];
}

/**
 * `rueidiscompat.NewAdapter(client)`: rueidis behind the go-redis API (`adapter.FlushAll(ctx)`, `adapter.SMembers(ctx, k)`),
 * so its methods are read as go-redis commands. It wraps the client it is given and opens no connection of its own;
 * it is as much a cluster client as that client is (a rueidis.Client may be one).
 */
export function compatAdapter(node: Node, declared: GoDeclarations, names: ReadonlyMap<string, GoRef> | undefined): GoRef | undefined {
  if (node.type !== 'call_expression') return undefined;
  const callee = node.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : undefined;
  if (operand?.type !== 'identifier' || declared.packages.get(operand.text) !== 'rueidis' || callee?.childForFieldName('field')?.text !== 'NewAdapter') return undefined;
  const wrapped = node.childForFieldName('arguments')?.namedChild(0);
  const inner = wrapped ? resolveReceiver(wrapped, declared, names) : undefined;
  return { library: 'go-redis', kind: inner?.kind === 'cluster' ? 'cluster' : 'client', confidence: 'proven', identity: `adapter:${node.startIndex}`, origin: inner?.origin ?? 'local' };
}
