/**
 * Unpickling of Redis replies through the file's own code (Python): helpers that return a reply (`self.get(key)`),
 * functions that unpickle a parameter (arq's `deserialize_result(r, deserializer=None)`, which falls back to
 * pickle.loads), decoders handed to a cache wrapper that applies them to a reply, names bound to pickle.loads, and
 * serializer objects whose class pickles (taskiq / aiocache / django-redis `PickleSerializer`). File-wide: it runs
 * only for files that mention pickle, and those are analysed whole (see CallSiteBuilder.needsWholeFile).
 */
import type { Node } from 'web-tree-sitter';
import type { RawCall, ScopeBindings } from './collect';
import type { Deserialization, RedisCallSite } from './model';
import { ReplyFlow, type ReplyFunctions } from './replyFlow';
import { spanOf } from './spans';

/** The file can unpickle at all: only then is this module's file-wide work done. */
export const MENTIONS_PICKLE = /pickle/i;
const PICKLE_LOADS = /^(pickle|cPickle|_pickle|dill|cloudpickle)\.loads?$/;
const PICKLE_IMPORT = /^[ \t]*from[ \t]+(?:pickle|cPickle|_pickle|dill|cloudpickle)[ \t]+import[ \t]+([^\n#]+)/gm;
/** `x = PickleSerializer()`, `self.serializer = serializer or PickleSerializer()`, `serializer=PickleSerializer()`. */
const SERIALIZER_ASSIGNMENT = /([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]*)?=[ \t]*(?![=])[^\n]*?\b(PickleSerializer)[ \t]*\(/g;
/** SERIALIZER_ASSIGNMENT for PickleSerializer and the project's own pickling serializer classes. */
function serializerAssignment(classes: readonly string[]): RegExp {
  const names = ['PickleSerializer', ...classes].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`([A-Za-z_][\\w.]*)[ \\t]*(?::[^=\\n]*)?=[ \\t]*(?![=])[^\\n]*?\\b(${names})[ \\t]*\\(`, 'g');
}
const ALIAS_ASSIGNMENT = /([A-Za-z_][\w.]*)[ \t]*(?::[^=\n]*)?=[ \t]*([A-Za-z_]\w*)[ \t]*$/gm;
/** Methods of serializer objects that turn bytes back into objects. */
const SERIALIZER_LOADS = new Set(['loads', 'loadb', 'load', 'deserialize', 'decode', 'unpack']);
/** A deserializer passed explicitly that does not pickle: the helper's pickle default is not used. */
const SAFE_CODEC = /\b(json|orjson|ujson|simplejson|rapidjson|msgpack|cbor2?|yaml|protobuf)\b/i;
const MAX_ROUNDS = 4;

function named(node: Node | null | undefined): Node[] {
  return node ? node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') : [];
}

function unwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < 8 && (current.type === 'parenthesized_expression' || current.type === 'await'); i++) {
    const inner = named(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

function selfless(text: string): string {
  return text.replace(/^(self|cls)\./, 'this.');
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

function enclosingClass(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'class_definition') return current;
  return undefined;
}

/** A method's first parameter (self/cls) is bound by the call, unless it is a staticmethod. */
function isBoundMethod(def: Node): boolean {
  const container = def.parent?.type === 'decorated_definition' ? def.parent : def;
  if (container.parent?.parent?.type !== 'class_definition') return false;
  return !named(container).some((child) => child.type === 'decorator' && /staticmethod/.test(child.text));
}

interface Parameter {
  name: string;
  defaultValue?: Node;
}

/** The file's functions by name, their parameters, and the Redis reply they return (if any). */
export class FileFunctions implements ReplyFunctions {
  private readonly byName = new Map<string, Node[]>();
  private readonly returned = new Map<number, string | undefined>();
  private readonly parameterCache = new Map<number, Parameter[]>();

  constructor(root: Node, private readonly sites: ReadonlyMap<number, RedisCallSite>) {
    for (const def of root.descendantsOfType('function_definition')) {
      const name = def?.childForFieldName('name')?.text;
      if (!def || !name) continue;
      const list = this.byName.get(name) ?? [];
      list.push(def);
      this.byName.set(name, list);
    }
  }

  /** The function a call (or a reference: `helper`, `self.helper`) names: same class for self/cls, else a plain function. */
  resolve(callee: Node): Node | undefined {
    if (callee.type === 'identifier') return this.byName.get(callee.text)?.find((def) => !isBoundMethod(def) && !enclosingClass(def));
    if (callee.type !== 'attribute') return undefined;
    const object = callee.childForFieldName('object');
    const name = callee.childForFieldName('attribute')?.text;
    if (!object || !name) return undefined;
    const candidates = this.byName.get(name);
    if (!candidates) return undefined;
    if (object.type === 'identifier' && (object.text === 'self' || object.text === 'cls')) {
      const own = enclosingClass(callee);
      return own ? candidates.find((def) => enclosingClass(def)?.startIndex === own.startIndex) : undefined;
    }
    // `ClassName.helper` of a class of this file.
    return candidates.find((def) => enclosingClass(def)?.childForFieldName('name')?.text === object.text);
  }

  /** Parameters a caller passes (without a bound method's self/cls). */
  parameters(def: Node): Parameter[] {
    let list = this.parameterCache.get(def.startIndex);
    if (list) return list;
    list = [];
    for (const parameter of named(def.childForFieldName('parameters'))) {
      if (parameter.type === 'identifier') list.push({ name: parameter.text });
      else if (parameter.type === 'typed_parameter') {
        const first = named(parameter)[0];
        if (first?.type === 'identifier') list.push({ name: first.text });
      } else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
        const name = parameter.childForFieldName('name')?.text;
        if (name) list.push({ name, defaultValue: parameter.childForFieldName('value') ?? undefined });
      }
    }
    if (isBoundMethod(def)) list = list.slice(1);
    this.parameterCache.set(def.startIndex, list);
    return list;
  }

  /** The command whose reply a call of one of the file's functions returns (`return self.connection.get(k)`). */
  returnedReply(call: Node): string | undefined {
    const callee = call.childForFieldName('function');
    const def = callee ? this.resolve(callee) : undefined;
    if (!def) return undefined;
    if (this.returned.has(def.startIndex)) return this.returned.get(def.startIndex);
    this.returned.set(def.startIndex, undefined); // recursion guard
    const flow = new ReplyFlow(this.sites, def, this);
    let command: string | undefined;
    for (const statement of def.descendantsOfType('return_statement')) {
      if (!statement || enclosingFunction(statement)?.startIndex !== def.startIndex) continue;
      const value = named(statement)[0];
      command ??= value ? flow.replyOf(value) : undefined;
    }
    this.returned.set(def.startIndex, command);
    return command;
  }
}

interface Unpickler {
  /** Call nodes inside the function that unpickle one of its parameters, by parameter name. */
  byParameter: Map<string, Node[]>;
}

/** Unpickling the file's own code does on Redis replies, found once per analysis of a file that mentions pickle. */
export class PickleFlow {
  readonly functions: FileFunctions;
  private readonly loaderImports = new Set<string>();
  /** Names holding a pickling serializer, with its class. */
  private readonly serializerHolders = new Map<string, string>();
  /** Functions (by start offset) that unpickle a parameter. */
  private readonly unpicklers = new Map<number, Unpickler>();
  /** Deserializer calls (by start offset) whose bytes are a Redis reply, with its command. */
  private readonly fromRedis = new Map<number, string>();
  private readonly found: Deserialization[] = [];

  constructor(
    root: Node,
    private readonly text: string,
    private readonly calls: readonly RawCall[],
    private readonly sites: ReadonlyMap<number, RedisCallSite>,
    private readonly bindings: ScopeBindings,
    /** Project serializer classes (defined in other modules too) whose loads unpickles, named in this file. */
    private readonly picklingClasses: readonly string[] = [],
  ) {
    this.functions = new FileFunctions(root, sites);
    this.scanNames();
    this.analyse();
  }

  /** The command read from Redis that a `pickle.loads` call unpickles through a decoder parameter, if any. */
  decoderReply(call: Node): string | undefined {
    return this.fromRedis.get(call.startIndex);
  }

  /** Deserializations other than a direct `pickle.loads` call: helpers, bound loaders, serializer objects. */
  indirect(): Deserialization[] {
    return this.found;
  }

  private scanNames(): void {
    PICKLE_IMPORT.lastIndex = 0;
    for (let match = PICKLE_IMPORT.exec(this.text); match; match = PICKLE_IMPORT.exec(this.text)) {
      for (const part of match[1].replace(/[()]/g, '').split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (name === 'loads' || name === 'load') this.loaderImports.add((alias ?? name).trim());
      }
    }
    const assignment = this.picklingClasses.length ? serializerAssignment(this.picklingClasses) : SERIALIZER_ASSIGNMENT;
    assignment.lastIndex = 0;
    for (let match = assignment.exec(this.text); match; match = assignment.exec(this.text)) this.serializerHolders.set(selfless(match[1]), match[2]);
    if (!this.serializerHolders.size) return;
    // `self.serializer = serializer` after `serializer = PickleSerializer()`.
    for (let round = 0; round < 2; round++) {
      ALIAS_ASSIGNMENT.lastIndex = 0;
      for (let match = ALIAS_ASSIGNMENT.exec(this.text); match; match = ALIAS_ASSIGNMENT.exec(this.text)) {
        const held = this.serializerHolders.get(match[2]);
        if (held) this.serializerHolders.set(selfless(match[1]), held);
      }
    }
  }

  /** `self.serializer` of `self.serializer = PickleSerializer()`, or of a class attribute `serializer = PickleSerializer()`. */
  private heldSerializer(object: string): string | undefined {
    const holder = selfless(object);
    const own = this.serializerHolders.get(holder);
    if (own || !holder.startsWith('this.')) return own;
    const attribute = holder.slice('this.'.length);
    return this.classAttributeHolders().has(attribute) ? this.serializerHolders.get(attribute) : undefined;
  }

  private classAttributes?: Set<string>;

  /** Holders assigned in a class body (indented, not through self): read through self/cls in the methods. */
  private classAttributeHolders(): Set<string> {
    if (!this.classAttributes) {
      this.classAttributes = new Set();
      for (const holder of this.serializerHolders.keys()) {
        if (!/^\w+$/.test(holder)) continue;
        if (new RegExp(`^[ \\t]+${holder}[ \\t]*(?::[^=\\n]*)?=`, 'm').test(this.text)) this.classAttributes.add(holder);
      }
    }
    return this.classAttributes;
  }

  /** `pickle.loads`, a name bound to it (assigned, defaulted or imported), or a pickling serializer's loads method. */
  private loaderLabel(call: RawCall, callee: Node): string | undefined {
    if (callee.type === 'attribute') {
      const path = dottedText(callee);
      if (path && PICKLE_LOADS.test(path)) return path;
      const object = callee.childForFieldName('object');
      const method = callee.childForFieldName('attribute')?.text ?? '';
      const serializer = object && SERIALIZER_LOADS.has(method) ? this.heldSerializer(object.text) : undefined;
      if (serializer) return `${callee.text} (${serializer})`;
      return undefined;
    }
    if (callee.type !== 'identifier') return undefined;
    const name = callee.text;
    if (this.loaderImports.has(name)) return `${name} (pickle.loads)`;
    for (const scope of call.context.scopes) {
      for (const binding of this.bindings.get(scope)?.get(name) ?? []) {
        const value = binding.kind === 'assign' ? binding.value : undefined;
        const path = value ? dottedText(value) : undefined;
        if (path && PICKLE_LOADS.test(path)) return `${name} (pickle.loads)`;
      }
    }
    const def = call.context.fnNode;
    if (def?.type === 'function_definition') {
      const parameter = this.functions.parameters(def).find((p) => p.name === name);
      const path = parameter?.defaultValue ? dottedText(parameter.defaultValue) : undefined;
      if (path && PICKLE_LOADS.test(path)) return `${name} (pickle.loads)`;
    }
    return undefined;
  }

  private analyse(): void {
    const loaders: { call: RawCall; label: string; argument: Node; direct: boolean }[] = [];
    const helperCalls: { call: RawCall; def: Node }[] = [];
    const appliedCallbacks: { call: RawCall; callee: Node; argument: Node }[] = [];
    for (const call of this.calls) {
      if (call.type !== 'call') continue;
      const callee = call.node.childForFieldName('function');
      if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
      const args = named(call.node.childForFieldName('arguments'));
      const first = args.find((arg) => arg.type !== 'keyword_argument');
      const label = first && this.loaderLabel(call, callee);
      if (label && first) {
        loaders.push({ call, label, argument: unwrap(first), direct: PICKLE_LOADS.test(label) });
        continue;
      }
      const def = this.functions.resolve(callee);
      if (def) helperCalls.push({ call, def });
      else if (callee.type === 'identifier' && first) appliedCallbacks.push({ call, callee, argument: first });
    }
    for (const { call, label, argument, direct } of loaders) {
      const command = this.reply(call, argument);
      if (command) {
        // Direct pickle.loads calls are reported by the call-site builder.
        if (!direct) this.report(call.node, label, command);
        continue;
      }
      this.noteParameter(call, argument);
    }
    // Functions that pass their parameter on to an unpickling function unpickle it too.
    for (let round = 0, changed = true; changed && round < MAX_ROUNDS; round++) {
      changed = false;
      for (const { call, def } of helperCalls) {
        const argument = this.unpickledArgument(call.node, def);
        if (argument && !this.reply(call, argument) && this.noteParameter(call, argument)) changed = true;
      }
    }
    for (const { call, def } of helperCalls) {
      const argument = this.unpickledArgument(call.node, def);
      const command = argument && this.reply(call, argument);
      const name = def.childForFieldName('name')?.text ?? 'helper';
      if (command) this.report(call.node, `${name}() (unpickles its argument)`, command);
    }
    this.followDecoders(appliedCallbacks, helperCalls);
  }

  /**
   * A decoder handed to one of the file's functions that applies it to a reply: `decoder(self._redis.get(k))` in a
   * wrapper whose `decoder` parameter gets `self.pickle_decoder` (by position, keyword or default) -> that decoder's
   * unpickling calls read Redis data.
   */
  private followDecoders(applied: { call: RawCall; callee: Node; argument: Node }[], helperCalls: { call: RawCall; def: Node }[]): void {
    if (!this.unpicklers.size) return;
    const applying = new Map<number, { def: Node; parameters: Map<string, string> }>();
    for (const { call, callee, argument } of applied) {
      const owner = this.declaringFunction(call.node, callee.text);
      if (!owner) continue;
      const command = this.reply(call, unwrap(argument));
      if (!command) continue;
      const entry = applying.get(owner.startIndex) ?? { def: owner, parameters: new Map<string, string>() };
      entry.parameters.set(callee.text, command);
      applying.set(owner.startIndex, entry);
    }
    if (!applying.size) return;
    const mark = (decoder: Node, command: string) => {
      const def = this.functions.resolve(decoder);
      const unpickler = def && this.unpicklers.get(def.startIndex);
      if (!unpickler || !def) return;
      for (const [, calls] of unpickler.byParameter) {
        for (const node of calls) {
          if (this.fromRedis.has(node.startIndex)) continue;
          this.fromRedis.set(node.startIndex, command);
        }
      }
    };
    for (const { def, parameters } of applying.values()) {
      for (const parameter of this.functions.parameters(def)) {
        const command = parameters.get(parameter.name);
        if (command && parameter.defaultValue) mark(parameter.defaultValue, command);
      }
    }
    for (const { call, def } of helperCalls) {
      const byParameter = applying.get(def.startIndex)?.parameters;
      if (!byParameter) continue;
      const parameters = this.functions.parameters(def);
      named(call.node.childForFieldName('arguments')).forEach((arg, index) => {
        const keyword = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
        const name = keyword ?? parameters[index]?.name;
        const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
        const command = name ? byParameter.get(name) : undefined;
        if (command && value) mark(value, command);
      });
    }
    // Decoder calls that are not `pickle.loads` itself (`deserializer(data)` inside the decoder) are reported here.
    for (const [start, command] of this.fromRedis) {
      const pending = this.pendingLoaders.get(start);
      if (pending) this.report(pending.node, pending.label, command);
    }
  }

  /** The innermost enclosing function that declares `name` as a parameter (the callback a wrapper was given). */
  private declaringFunction(node: Node, name: string): Node | undefined {
    for (let def = enclosingFunction(node); def; def = enclosingFunction(def)) {
      const all = named(def.childForFieldName('parameters'));
      if (all.some((p) => (p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? named(p)[0])?.text) === name)) return def;
    }
    return undefined;
  }

  private readonly pendingLoaders = new Map<number, { node: Node; label: string }>();

  /** `argument` is a parameter of the function around the call: that function unpickles it. */
  private noteParameter(call: RawCall, argument: Node): boolean {
    const def = call.context.fnNode;
    if (argument.type !== 'identifier' || def?.type !== 'function_definition') return false;
    if (!this.functions.parameters(def).some((p) => p.name === argument.text) && !named(def.childForFieldName('parameters')).some((p) => p.text === argument.text)) return false;
    const unpickler = this.unpicklers.get(def.startIndex) ?? { byParameter: new Map<string, Node[]>() };
    const list = unpickler.byParameter.get(argument.text) ?? [];
    if (list.some((node) => node.startIndex === call.node.startIndex)) return false;
    list.push(call.node);
    unpickler.byParameter.set(argument.text, list);
    this.unpicklers.set(def.startIndex, unpickler);
    const callee = call.node.childForFieldName('function');
    if (callee && !PICKLE_LOADS.test(dottedText(callee) ?? '')) this.pendingLoaders.set(call.node.startIndex, { node: call.node, label: this.loaderLabel(call, callee) ?? callee.text });
    return true;
  }

  /** The argument of a call of an unpickling function at the position (or keyword) of a parameter it unpickles. */
  private unpickledArgument(call: Node, def: Node): Node | undefined {
    const unpickler = this.unpicklers.get(def.startIndex);
    if (!unpickler) return undefined;
    const parameters = this.functions.parameters(def);
    const args = named(call.childForFieldName('arguments'));
    // An explicit deserializer that does not pickle replaces the helper's pickle default.
    if (args.some((arg) => arg.type === 'keyword_argument' && SAFE_CODEC.test(arg.childForFieldName('value')?.text ?? ''))) return undefined;
    let position = 0;
    for (const arg of args) {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value && unpickler.byParameter.has(name)) return unwrap(value);
        continue;
      }
      if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined;
      const parameter = parameters[position++];
      if (parameter && unpickler.byParameter.has(parameter.name)) return unwrap(arg);
    }
    return undefined;
  }

  private reply(call: RawCall, argument: Node): string | undefined {
    return new ReplyFlow(this.sites, call.context.fnNode ?? call.node.tree.rootNode, this.functions).replyOf(argument);
  }

  private report(node: Node, label: string, command: string): void {
    if (this.found.some((item) => item.span.startOffset === node.startIndex)) return;
    this.found.push({ function: label, span: spanOf(node), fromRedis: true, readCommand: command });
  }
}

function dottedText(node: Node): string | undefined {
  const text = node.text;
  return /^[A-Za-z_][\w.]*$/.test(text) ? text : undefined;
}
