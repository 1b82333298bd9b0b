/** Follows a pooled Jedis, a Lettuce connection or a Spring RedisConnection from where it is taken to where (and whether) it is given back. */
import type { Node } from 'web-tree-sitter';
import { spanOf } from '../spans';
import type { JavaAcquisition, JavaMethod } from './javaFacts';
import type { JavaReceiver } from './javaReceivers';

/** Calls that give a Jedis back to its pool or close a connection, as methods of it or with it as argument. */
const RELEASE_METHODS = /^(close|quit|disconnect|shutdown|return(?:[A-Z]\w*)?|release(?:[A-Z]\w*)?|recycle(?:[A-Z]\w*)?|closeJedis|closeConnection|closeResource)$/;

function isAcquisition(name: string, receiver: JavaReceiver): 'jedis' | 'lettuce' | 'spring' | undefined {
  if (name === 'getResource' && receiver.role === 'pool') return 'jedis';
  if (name === 'getConnection' && receiver.role === 'connection-factory') return 'spring';
  if (name === 'connect' && receiver.role === 'lettuce-client') return 'lettuce';
  if (/^get(Jedis|Resource)$/.test(name) && receiver.api === 'wrapper') return 'jedis';
  return undefined;
}

/**
 * A project class that lends Jedis connections, called by name (`JedisPoolMulti.get(name)`, `RedisPools.borrow()`):
 * named after Redis but not a known wrapper, so only what its result is declared as says it hands out a connection.
 */
export function projectLender(object: Node | null): JavaReceiver | undefined {
  if (object?.type !== 'identifier' || !/^[A-Z]\w*(?:Jedis|Redis)\w*$|^(?:Jedis|Redis)\w*$/.test(object.text)) return undefined;
  return { api: 'wrapper', library: 'jedis' as JavaReceiver['library'], kind: 'client', confidence: 'likely', evidence: `${object.text} is a project class named after Redis` };
}

/** Jedis types a borrowed connection is declared as: `ShardedJedis jedis = redisService.getRedisClient();`. */
const JEDIS_CONNECTION_TYPE = /^(?:Jedis|ShardedJedis|BinaryJedis|BinaryShardedJedis)$/;

/**
 * A project wrapper's getter whose result is declared as a Jedis connection: whatever the getter is called, the caller
 * holds a connection it has to give back (the wrapper's own `returnResource`, or `close()`).
 */
function borrowsThroughGetter(node: Node, name: string, receiver: JavaReceiver): boolean {
  if (receiver.api !== 'wrapper') return false;
  // A getter of no argument (`getRedisClient()`), or a lender's named pool (`JedisPoolMulti.get("local")`, `borrow(name)`).
  const args = node.childForFieldName('arguments')?.namedChildCount ?? 0;
  if (!(/^get[A-Z]\w*$/.test(name) && args === 0) && !(/^(?:get|borrow|take|acquire)(?:[A-Z]\w*)?$/.test(name) && args <= 1)) return false;
  const declaration = node.parent?.type === 'variable_declarator' ? node.parent.parent : undefined;
  const type = declaration?.type === 'local_variable_declaration' ? declaration.childForFieldName('type')?.text : undefined;
  return type !== undefined && JEDIS_CONNECTION_TYPE.test(type);
}

/**
 * `Jedis jedis = ConstValue.jedisPool.getResource();` (or `jedis = …getResource()` into a local declared a Jedis): a
 * pool the receivers do not know, such as a static field of another class, whose `getResource()` result the code
 * declares a Jedis connection. The caller borrowed a connection it has to give back, like one from a known pool.
 */
export function declaredJedisBorrow(node: Node, name: string, object: Node | null): JavaReceiver | undefined {
  // A pool named by a field or variable; what a getter of unknown type returns (`shared().getResource()`) is not read into it.
  if (name !== 'getResource' || (object?.type !== 'field_access' && object?.type !== 'identifier')) return undefined;
  const parent = node.parent;
  let type: string | undefined;
  if (parent?.type === 'variable_declarator' && parent.parent?.type === 'local_variable_declaration') type = parent.parent.childForFieldName('type')?.text;
  else if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.type === 'identifier') {
    const variable = parent.childForFieldName('left')!.text;
    const method = enclosing(node, METHOD_TYPES, null);
    type = new RegExp(`\\b(Jedis|ShardedJedis|BinaryJedis|BinaryShardedJedis)\\s+${variable}\\b`).exec(method?.text ?? '')?.[1];
  }
  if (type === undefined || !JEDIS_CONNECTION_TYPE.test(type)) return undefined;
  return { role: 'pool', library: 'jedis', kind: 'client', confidence: 'likely', evidence: `its getResource() is declared a ${type}` };
}

function enclosing(node: Node, types: ReadonlySet<string>, stop: Node | null): Node | undefined {
  for (let up = node.parent; up && up !== stop; up = up.parent) if (types.has(up.type)) return up;
  return undefined;
}

const METHOD_TYPES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']);

/** Releases of `variable` inside a node: `v.close()`, `pool.returnResource(v)`, `closeJedis(v)`. */
function releases(node: Node | null | undefined, variable: string): boolean {
  if (!node) return false;
  const text = node.text;
  if (!text.includes(variable)) return false;
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`\\b${escaped}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g');
  for (const match of text.matchAll(own)) if (RELEASE_METHODS.test(match[1])) return true;
  // Given as any argument: `pool.returnResource(jedis)`, `Lender.returnSource(name, jedis)`.
  const given = new RegExp(`\\b(\\w+)\\s*\\((?:[^(),]*,)*\\s*${escaped}\\s*[,)]`, 'g');
  for (const match of text.matchAll(given)) if (RELEASE_METHODS.test(match[1])) return true;
  return false;
}

/** `finally` blocks and `catch` clauses of the try statements of a method body. */
function tryParts(body: Node): { finallies: Node[]; catches: Node[] } {
  const finallies: Node[] = [];
  const catches: Node[] = [];
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'finally_clause') finallies.push(node);
    if (node.type === 'catch_clause') catches.push(node);
    for (const child of node.namedChildren) if (child && child.type !== 'lambda_expression' && child.type !== 'class_body') stack.push(child);
  }
  return { finallies, catches };
}

/** An acquisition at `node` (a method invocation), with whether every path gives it back. */
export function acquisitionOf(node: Node, name: string, receiver: JavaReceiver, object: Node, method: JavaMethod | undefined): Omit<JavaAcquisition, 'method'> | undefined {
  const library = isAcquisition(name, receiver) ?? (borrowsThroughGetter(node, name, receiver) ? 'jedis' : undefined);
  if (!library) return undefined;
  const base = { library, call: name, span: spanOf(node.childForFieldName('name') ?? node), callSpan: spanOf(node), client: object.text };
  const owner = enclosing(node, METHOD_TYPES, null);
  const parent = node.parent;
  // Taken in a try-with-resources header: closed on every path.
  if (enclosing(node, new Set(['resource']), owner ?? null)) return { ...base, released: true, handedOver: false, tryWithResources: true };
  // Kept in a field (a long-lived shared connection) or handed to the caller.
  if (!owner || enclosing(node, new Set(['field_declaration']), null)) return { ...base, released: false, handedOver: true, tryWithResources: false };
  if (enclosing(node, new Set(['return_statement']), owner)) return { ...base, released: false, handedOver: true, tryWithResources: false };
  let variable: string | undefined;
  if (parent?.type === 'variable_declarator') variable = parent.childForFieldName('name')?.text;
  if (parent?.type === 'assignment_expression') {
    const left = parent.childForFieldName('left');
    if (left?.type === 'field_access') return { ...base, released: false, handedOver: true, tryWithResources: false };
    variable = left?.text;
  }
  const body = owner.childForFieldName('body');
  if (!body) return { ...base, released: false, handedOver: false, tryWithResources: false };
  const { finallies, catches } = tryParts(body);
  // Shutting a Lettuce client down closes every connection it opened; a Lettuce connection closed at all is not leaked.
  if (library === 'lettuce' && (releases(body, object.text) || (variable !== undefined && releases(body, variable)))) return { ...base, variable, released: true, handedOver: false, tryWithResources: false };
  if (!variable) return { ...base, released: finallies.some((f) => releases(f, object.text)), handedOver: false, tryWithResources: false };
  const released = finallies.some((f) => releases(f, variable) && onEveryPathOf(f, node, body) && !leavesBeforeTry(f, node, variable)) || (catches.some((c) => releases(c, variable)) && releasesOutside(body, catches, variable));
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const returned = new RegExp(`return\\s+${escaped}\\s*;`).test(body.text) || new RegExp(`this\\.\\w+\\s*=\\s*${escaped}\\s*;`).test(body.text);
  // A one-shot main that closes or shuts down what it opened.
  const oneShot = method?.isMain === true && (releases(body, variable) || /\.shutdown\s*\(/.test(body.text));
  return { ...base, variable, released, handedOver: returned || oneShot, tryWithResources: false };
}

/** Statements that run only on some paths: a `finally` nested in one of them, away from where the connection is taken, runs only there. */
const BRANCHES = new Set(['if_statement', 'switch_block_statement_group', 'switch_rule', 'catch_clause', 'while_statement', 'for_statement', 'enhanced_for_statement', 'do_statement', 'lambda_expression']);

/**
 * The `finally` belongs to a try statement that runs whenever the connection was taken: no branch between the try
 * and the method body leaves the acquisition out (`if (pipelined) { … } else { try { … } finally { release } }`
 * gives the connection back in one branch only).
 */
function onEveryPathOf(finallyClause: Node, acquisition: Node, body: Node): boolean {
  for (let up = finallyClause.parent?.parent; up && up.id !== body.id; up = up.parent) {
    if (BRANCHES.has(up.type) && !(up.startIndex <= acquisition.startIndex && acquisition.endIndex <= up.endIndex)) return false;
  }
  return true;
}

/**
 * A `return` or `throw` between where the connection is taken and the `try` whose `finally` gives it back
 * (`Jedis j = pool.getResource(); if (j.incr("n") > 30) return false; try { … } finally { j.close(); }`): that path
 * leaves with the connection. A return guarded by the connection being null has nothing to give back, and one
 * preceded by its own release gives it back.
 */
function leavesBeforeTry(finallyClause: Node, acquisition: Node, variable: string): boolean {
  const tryStatement = finallyClause.parent;
  // The statements after the one taking the connection, up to the try, in the same block.
  let statement: Node | null = acquisition;
  while (statement && statement.parent && statement.parent.type !== 'block') statement = statement.parent;
  if (!tryStatement || !statement || tryStatement.parent?.id !== statement.parent?.id) return false;
  const skipped: string[] = [];
  for (let next = statement.nextNamedSibling; next && next.id !== tryStatement.id; next = next.nextNamedSibling) skipped.push(next.text);
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const between = skipped
    .join('\n')
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
    .replace(new RegExp(`if\\s*\\(\\s*(?:${escaped}\\s*==\\s*null|null\\s*==\\s*${escaped})\\s*\\)\\s*(?:\\{[^{}]*\\}|[^;{}]*;)`, 'g'), '');
  for (const exit of between.matchAll(/\b(?:return|throw)\b/g)) {
    const before = between.slice(0, exit.index);
    const released = new RegExp(`\\b${escaped}\\s*\\.\\s*(\\w+)\\s*\\(|\\b(\\w+)\\s*\\(\\s*${escaped}\\s*[,)]`, 'g');
    if (![...before.matchAll(released)].some((m) => RELEASE_METHODS.test(m[1] ?? m[2]))) return true;
  }
  return false;
}

/** The variable is also released outside the catch clauses (the normal path). */
function releasesOutside(body: Node, catches: Node[], variable: string): boolean {
  let text = body.text;
  for (const c of catches) text = text.replace(c.text, '');
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`\\b${escaped}\\s*\\.\\s*(\\w+)\\s*\\(|\\b(\\w+)\\s*\\(\\s*${escaped}\\s*[,)]`, 'g');
  for (const match of text.matchAll(own)) if (RELEASE_METHODS.test(match[1] ?? match[2])) return true;
  return false;
}
