/**
 * What the client tracker's evaluation yields: a client reference, a project module (whose exports are looked up
 * when a property of it is read), or nothing; plus the two answers a binding can give besides a client.
 */
import type { BoundName } from './collect';
import type { ClientCreation, ClientLibrary, ReceiverKind } from './model';

export interface ClientRef {
  kind: ReceiverKind;
  library: ClientLibrary;
  async: boolean;
  identity: string;
  origin: 'local' | 'imported' | 'parameter';
  creation?: ClientCreation;
  /**
   * An object that forwards what it lacks to this client (see forwardingClasses): the methods it defines itself,
   * which are its own code and not the commands of the same name.
   */
  ownMethods?: readonly string[];
}

export interface ModuleRef {
  module: string;
  /**
   * The client a required module is as a whole: `const kv = require('./conn')` where conn.js ends with
   * `module.exports = client` (the binding holds module.exports itself, so `kv.get(...)` runs on that client).
   */
  whole?: ClientRef;
}

export type Value = ClientRef | ModuleRef | undefined;

/** A binding proven not to hold a client (a literal, a dict, a Map): it vetoes every other binding of the name. */
export const NOT_A_CLIENT = Symbol('not a client');
/** A binding that says nothing either way (`x = None` before the real assignment). */
export const NEUTRAL = Symbol('neutral');
export type BindingValue = ClientRef | typeof NOT_A_CLIENT | typeof NEUTRAL | undefined;

export const NON_CLIENT_CONSTRUCTORS = /^(dict|list|set|tuple|defaultdict|OrderedDict|Counter|Map|Set|WeakMap|Array|Object|URLSearchParams|Headers)$/;

export function isClient(value: Value): value is ClientRef {
  return !!value && 'kind' in value;
}

/**
 * The parameter of a callback given to node-redis v4's `client.executeIsolated(async (isolated) => ...)`: a client on
 * its own connection (where WATCH/MULTI belong).
 */
export function isolatedClientParameter(binding: BoundName): ClientRef | undefined {
  const fn = binding.context.fnNode;
  const call = fn?.parent?.type === 'arguments' ? fn.parent.parent : undefined;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  if (callee?.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'executeIsolated') return undefined;
  return { kind: 'client', library: 'node-redis', async: true, identity: `param:${binding.context.fnId}:${binding.name}`, origin: 'parameter' };
}
