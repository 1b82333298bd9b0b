/** Names bound to Redis clients (`rdb := redis.NewClient(...)`, `conn := pool.Get()`, `pipe := rdb.Pipeline()`), recording the creations and connection takes they make. */
import type { Node } from 'web-tree-sitter';
import type { Arg, ClientCreation } from '../model';
import { spanOf } from '../spans';
import type { Frame } from './goConnectionLife';
import type { GoConstructorCall } from './goDeclarations';
import { GO_REDIS_PIPELINES } from './goLibraries';
import { goArg } from './goValues';
import { compatAdapter } from './goReceivers';
import type { GoRef } from './goScan';
import type { GoScanState } from './goScanState';

export function scanBinding(scan: GoScanState, node: Node): void {
  const left = node.type === 'var_spec' ? node.childrenForFieldName('name').filter((n): n is Node => n !== null) : node.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const right = node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
  const frame = scan.frame;
  const type = node.type === 'var_spec' ? node.childForFieldName('type') : null;
  left.forEach((target, index) => {
    const value = right[index] ?? (right.length === 1 ? right[0] : null);
    const declaredType = type ? scan.declared.clientType(type) : undefined;
    let ref: GoRef | undefined = declaredType ? { ...declaredType, confidence: 'proven', identity: `var:${target.startIndex}`, origin: 'local' } : undefined;
    if (value && index === 0) ref = valueRef(scan, value, target) ?? ref;
    else if (value && right.length > 1) ref = valueRef(scan, value, target) ?? ref;
    if (!ref) return;
    if (target.type === 'identifier') {
      // `RedisPool = &redis.Pool{...}` in a function: stored in the package variable for every later caller to share.
      const storedInPackage = !!frame && node.type === 'assignment_statement' && !frame.names.has(target.text) && scan.declared.packageVars.has(target.text);
      if (storedInPackage && ref.creation) scan.escape(ref.creation);
      if (frame) frame.names.set(target.text, ref);
      else scan.declared.packageVars.set(target.text, ref);
    } else if (target.type === 'selector_expression') {
      const field = target.childForFieldName('field')?.text;
      if (field && !scan.declared.fields.has(field)) scan.declared.fields.set(field, { ...ref, identity: `field:${field}` });
      if (frame && ref.creation) scan.escape(ref.creation);
    }
  });
}

/** The client a value is (constructor, pool Get, pipeline, another client name), recording creations and takes. */
function valueRef(scan: GoScanState, value: Node, target: Node): GoRef | undefined {
  const frame = scan.frame;
  const created = scan.declared.constructorOf(value);
  if (created) {
    const creation = recordCreation(scan, created, target.text);
    const ref: GoRef = { library: created.library, kind: created.kind, confidence: 'proven', identity: `creation:${created.call.startIndex}`, creation, origin: 'local' };
    if (frame && target.type === 'identifier') {
      if (created.library === 'redigo' && created.kind === 'client') recordTake(target.text, created.nameNode.text, created.nameNode, frame);
      else if (created.kind !== 'pool' || created.factory.includes('Pool')) frame.created.push({ name: target.text, record: { factory: created.factory, span: spanOf(created.nameNode), closed: false, enclosingFunction: frame.info } });
    }
    return ref;
  }
  if (value.type === 'call_expression') {
    const adapter = compatAdapter(value, scan.declared, frame?.names);
    if (adapter) return adapter;
    const callee = value.childForFieldName('function');
    if (callee?.type === 'selector_expression') {
      const method = callee.childForFieldName('field')?.text ?? '';
      const operand = callee.childForFieldName('operand');
      const base = operand ? scan.resolve(operand) : undefined;
      if (base && base.library === 'redigo' && base.kind === 'pool' && /^Get(Context)?$/.test(method)) {
        if (frame && target.type === 'identifier') recordTake(target.text, method, callee.childForFieldName('field')!, frame);
        return { library: 'redigo', kind: 'client', confidence: base.confidence, evidence: base.evidence, identity: `conn:${value.startIndex}`, origin: 'local' };
      }
      if (base && Object.hasOwn(GO_REDIS_PIPELINES, method) && !GO_REDIS_PIPELINES[method].callback) {
        return { ...base, kind: GO_REDIS_PIPELINES[method].transaction ? 'transaction' : 'pipeline', identity: `pipe:${value.startIndex}` };
      }
      if (base && (method === 'WithContext' || method === 'Conn' || method === 'Dedicated')) return { ...base, kind: base.kind === 'cluster' && method !== 'WithContext' ? 'client' : base.kind };
      // `rdb := config.RedisClient()` closed again in the same function: a client per call, even from a factory elsewhere.
      if (frame && target.type === 'identifier' && /redis|rdb|cache.*client|client/i.test(callee.text) && /^(New|new|Get|get|Create|create|Open|open|Connect|connect)?\w*(Redis|Rdb|RDB|Client|Pool)\w*$/.test(method) && operand?.type === 'identifier' && scan.declared.importAliases.has(operand.text) && !scan.declared.packages.has(operand.text)) {
        frame.created.push({ name: target.text, record: { factory: callee.text, span: spanOf(callee), closed: false, enclosingFunction: frame.info } });
        return { library: scan.defaultLibrary(), kind: 'client', confidence: 'likely', evidence: `it comes from ${callee.text}()`, identity: `factory:${value.startIndex}`, origin: 'name' };
      }
    }
    // `conn, err := getRedis(r)`: a getter of the package that another file defines, named after Redis.
    if (callee?.type === 'identifier' && /^(get|new|must)\w*(Redis|Rdb)\w*$/i.test(callee.text)) return scan.resolve(value);
    return undefined;
  }
  if (value.type === 'identifier' || value.type === 'selector_expression') {
    const ref = scan.resolve(value);
    return ref ? { ...ref } : undefined;
  }
  return undefined;
}

export function recordCreation(scan: GoScanState, created: GoConstructorCall, binding: string): ClientCreation {
  const frame = scan.frame;
  const args = created.call.type === 'call_expression' ? created.call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null).map((n) => goArg(n)) ?? [] : [];
  const options: Record<string, Arg> = {};
  for (const element of created.call.descendantsOfType('keyed_element')) {
    if (!element) continue;
    const key = element.namedChild(0);
    const value = element.namedChild(1);
    const keyNode = key?.type === 'literal_element' ? key.namedChild(0) : key;
    const valueNode = value?.type === 'literal_element' ? value.namedChild(0) : value;
    if (keyNode && valueNode && /^[A-Z]\w*$/.test(keyNode.text) && !Object.hasOwn(options, keyNode.text)) options[keyNode.text] = goArg(valueNode);
  }
  const creation: ClientCreation = {
    library: created.library,
    kind: created.kind,
    factory: created.factory,
    span: spanOf(created.nameNode),
    callSpan: spanOf(created.call),
    args,
    options,
    binding,
    enclosingFunction: frame?.info,
    loop: scan.loops.length ? scan.loops[scan.loops.length - 1].info.span : undefined,
    chainedErrorListener: false,
    escapes: false,
    moduleLevel: !frame,
  };
  if (!scan.creations.some((c) => c.callSpan.startOffset === creation.callSpan.startOffset)) scan.creations.push(creation);
  return creation;
}

function recordTake(name: string, factory: string, at: Node, frame: Frame): void {
  frame.takes.push({ name, factory, span: spanOf(at), deferredClose: false, plainClose: false, returnBeforeDefer: false, handedOver: false, enclosingFunction: frame.info, inMain: frame.isMain });
}
