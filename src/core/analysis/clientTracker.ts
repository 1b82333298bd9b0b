/**
 * Decides which expressions are Redis clients, pipelines or transactions: follows constructors and
 * factories, assignments, self/this attributes, typed parameters, function returns and imports of
 * module-level clients from other project files. Anything unproven resolves to undefined.
 */
import type { Node } from 'web-tree-sitter';
import { MODULE_SCOPE, type BoundName, type Collected, type ContextSnapshot } from './collect';
import { clientKindOfType, factoryOf, isRedisModule } from './clientFactories';
import { NEUTRAL, NON_CLIENT_CONSTRUCTORS, NOT_A_CLIENT, isClient, isolatedClientParameter, type BindingValue, type ClientRef, type Value } from './clientValues';
import { ClientCreations, FACTORY_NAMES, isAsyncFactory } from './creations';
import { clientAfterMethod } from './derivedClients';
import { forwardingClasses, type ForwardingClass } from './forwardingClasses';
import { IMPORTS_READ, normalEffects, noEffects, type Contribution, type Effects } from './effects';
import { injectedClientIdentity, injectedToken } from './injectionTokens';
import type { ClientCreation } from './model';
import { type CallParts, type CalleeHint, type FactoryInfo, type LanguageSyntax } from './syntax';
import { exportNameOf, fromWorkspace, importValue, importsProjectClient, returnedByImport } from './importedClients';
import type { WorkspaceLookup } from './workspaceLookup';

export class ClientTracker {
  private readonly clientCreations: ClientCreations;
  /** While set, receives what every resolution reaches and reads. */
  effects?: Effects;
  readonly importedModules = new Set<string>();
  private readonly memo = new Map<BoundName, BindingValue>();
  private readonly returnMemo = new Map<number, ClientRef | null>();
  /**
   * What a memoised answer depended on: a later hit depends on it too, so what a statement depends on does not
   * change with which statement asked first (statements kept across an edit rely on that).
   */
  private readonly memoEffects = new Map<BoundName, Effects>();
  private readonly returnEffects = new Map<number, Effects>();

  constructor(
    private readonly collected: Collected,
    readonly syntax: LanguageSyntax,
    readonly path: string,
    readonly workspace?: WorkspaceLookup,
    /** Remember which creations each answer reached (needed when statements are reused across edits). */
    private readonly trackReach = false,
  ) {
    this.clientCreations = new ClientCreations(syntax, (node) => this.partsOf(node));
    for (const list of collected.bindings.get(MODULE_SCOPE)?.values() ?? []) {
      for (const binding of list) if (binding.kind === 'import' && binding.module) this.importedModules.add(binding.module);
    }
    for (const list of [...(collected.bindings.get(MODULE_SCOPE)?.values() ?? []), ...collected.thisBindings.values()]) {
      for (const binding of list) {
        const functionStart = binding.resolved?.functionStart;
        if (functionStart === undefined) continue;
        this.returnMemo.set(functionStart, (binding.resolved!.returns as ClientRef | null) ?? null);
        this.returnEffects.set(functionStart, binding.resolved!.returnsEffects);
      }
    }
  }

  private touch(effects: Effects | undefined): void {
    if (!this.effects || !effects) return;
    for (const offset of effects.creations) this.effects.creations.push(offset);
    for (const name of effects.names) this.effects.names.push(name);
  }

  /** Names read are only worth recording when statements are reused across edits. */
  private read(name: string): void {
    if (this.trackReach) this.effects?.names.push(name);
  }

  /** Runs `work` collecting what it reaches and reads (and passes that on to whoever collects around it). */
  private reaching<T>(work: () => T): { result: T; effects: Effects } {
    const outer = this.effects;
    const effects = noEffects();
    this.effects = effects;
    try {
      return { result: work(), effects };
    } finally {
      this.effects = outer;
      this.touch(effects);
    }
  }

  /** Start of the function a binding names (`def f`, `function f`, `const f = () => ...`), if it names one. */
  functionStartOf(binding: BoundName): number | undefined {
    if (binding.resolved) return binding.resolved.functionStart;
    if (!binding.value) return undefined;
    if (binding.kind === 'function' || (binding.kind === 'assign' && this.syntax.functionTypes.has(binding.value.type))) return binding.value.startIndex;
    return undefined;
  }

  private readonly partsCache = new Map<number, CallParts | undefined>();

  /**
   * Call parts, read once per call node (node reads cross into wasm and dominate the analysis time). Keyed by
   * the node id, a plain field that is unique within one tree, so the lookup itself costs no Wasm call.
   */
  partsOf(node: Node, hint?: CalleeHint): CallParts | undefined {
    const key = node.id;
    if (this.partsCache.has(key)) return this.partsCache.get(key);
    const parts = this.syntax.callParts(node, hint);
    this.partsCache.set(key, parts);
    return parts;
  }

  /** True when the file imports a Redis client library, or a client exported by another project file. */
  get importsRedis(): boolean {
    this.read(IMPORTS_READ);
    if (this.importsRedisCache !== undefined) return this.importsRedisCache;
    let found = false;
    for (const module of this.importedModules) if (isRedisModule(module)) found = true;
    if (!found && this.workspace) found = importsProjectClient(this, this.collected);
    this.importsRedisCache = found;
    return found;
  }

  private importsRedisCache: boolean | undefined;

  /** The client creations reached so far, in that order. */
  get creations(): readonly ClientCreation[] {
    return this.clientCreations.list;
  }

  resolve(node: Node, context: ContextSnapshot, depth = 0): ClientRef | undefined {
    const value = this.evaluate(node, context, depth);
    return isClient(value) ? value : value?.whole;
  }

  /** Client created by a factory call at this node, or undefined. */
  creationAt(node: Node, context: ContextSnapshot): ClientCreation | undefined {
    const parts = this.partsOf(node);
    if (!parts || (parts.property && !parts.isNew && !FACTORY_NAMES.has(parts.property))) return undefined;
    const info = factoryOf(this, parts.callee, parts.isNew, context);
    return info ? this.creationFor(node, info, context, parts.isNew ? `new ${parts.callee.text}` : parts.callee.text) : undefined;
  }

  private evaluate(raw: Node, context: ContextSnapshot, depth: number): Value {
    if (depth > 24) return undefined;
    const node = this.syntax.unwrap(raw);
    // A type read is a call into Wasm: read it once.
    const type = node.type;
    switch (type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.lookupName(node.text, context, depth);
      case 'attribute':
      case 'member_expression': {
        const object = node.childForFieldName('object');
        const property = node.childForFieldName(type === 'attribute' ? 'attribute' : 'property')?.text;
        if (!object || !property) return undefined;
        if (this.syntax.isSelf(object)) return this.lookupAttribute(property, depth);
        const base = this.evaluate(object, context, depth + 1);
        if (base && 'module' in base) return fromWorkspace(this, base.module, property);
        return undefined;
      }
      case 'call':
      case 'call_expression':
      case 'new_expression':
        return this.evaluateCall(node, context, depth);
      case 'boolean_operator':
      case 'binary_expression':
      case 'conditional_expression':
      case 'ternary_expression': {
        for (const child of node.namedChildren) {
          if (!child) continue;
          const value = this.evaluate(child, context, depth + 1);
          if (isClient(value)) return value;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private evaluateCall(node: Node, context: ContextSnapshot, depth: number): Value {
    // `require('./conn')` in place: the client that project module exports.
    const required = this.syntax.requiredModule?.(node);
    if (required) return required.startsWith('.') ? fromWorkspace(this, required, 'default') : undefined;
    const creation = this.creationAt(node, context);
    if (creation) return { kind: creation.kind, library: creation.library, async: isAsyncFactory(creation), identity: `creation:${creation.callSpan.startOffset}`, origin: 'local', creation };
    const parts = this.partsOf(node);
    if (!parts) return undefined;
    if (parts.object && parts.property) {
      // One evaluation serves both outcomes (it is memoised per binding, so a second one gave the same value).
      const base = this.evaluate(parts.object, context, depth + 1);
      if (!isClient(base)) {
        if (base && 'module' in base) return returnedByImport(this, base.module, parts.property, node) ?? (base.whole && this.afterMethod(base.whole, parts.property, node, parts, context));
        if (base === undefined && parts.property === 'duplicate') return this.duplicateOfUntraced(node, context);
        return undefined;
      }
      return this.afterMethod(base, parts.property, node, parts, context);
    }
    if (parts.callee.type === 'identifier') {
      const forwarded = this.syntax.family === 'python' ? this.forwardingInstance(parts.callee.text, node, depth) : undefined;
      if (forwarded) return forwarded;
      const bindings = this.bindingsFor(parts.callee.text, context);
      for (const binding of bindings ?? []) {
        const functionStart = this.functionStartOf(binding);
        if (functionStart !== undefined) {
          const ref = this.returnedBy(functionStart, depth);
          if (ref) return ref;
        }
        if (binding.kind === 'import' && binding.module) {
          const returned = returnedByImport(this, binding.module, exportNameOf(this, binding), node);
          if (returned) return returned;
        }
      }
    }
    return undefined;
  }

  private forwarding?: Map<string, ForwardingClass>;

  /**
   * `Cache()` of a class of this module that forwards every attribute it lacks to a client it holds
   * (`__getattr__` returning `getattr(self.conn, name)`): the instance is that client, less the class's own methods.
   */
  private forwardingInstance(className: string, node: Node, depth: number): ClientRef | undefined {
    this.forwarding ??= forwardingClasses(node.tree.rootNode);
    const shape = this.forwarding.get(className);
    if (!shape) return undefined;
    const held = this.lookupAttribute(shape.attribute, depth + 1);
    return isClient(held) ? { ...held, ownMethods: shape.ownMethods } : undefined;
  }

  /**
   * `config.redis.duplicate()` on a client the tracker cannot trace (an option, a destructured setting), in a file
   * that imports one client library: a new connection of that library (listeners are not copied to it).
   */
  private duplicateOfUntraced(node: Node, context: ContextSnapshot): ClientRef | undefined {
    if (this.syntax.family !== 'script') return undefined;
    const ioredis = this.importedModules.has('ioredis');
    const nodeRedis = this.importedModules.has('redis') || this.importedModules.has('@redis/client');
    if (ioredis === nodeRedis) return undefined;
    const info = { library: ioredis ? 'ioredis' as const : 'node-redis' as const, kind: 'client' as const, async: true };
    const creation = this.creationFor(node, info, context, 'duplicate');
    return { ...info, creation, identity: `creation:${node.startIndex}`, origin: 'local' };
  }

  private creationFor(node: Node, info: FactoryInfo, context: ContextSnapshot, factory: string): ClientCreation {
    return this.clientCreations.record(node, info, context, factory, this.effects);
  }

  private afterMethod(base: ClientRef, method: string, node: Node, parts: CallParts, context: ContextSnapshot): ClientRef | undefined {
    return clientAfterMethod(base, method, node, parts, (info, factory) => this.creationFor(node, info, context, factory));
  }

  /**
   * A cheap pre-check that a name can resolve from this context: bound anywhere in the file, or (when scopes
   * are bound lazily) in this scope chain. Both give the same outcome: only the scope chain is ever read.
   */
  hasBinding(name: string, context: ContextSnapshot): boolean {
    return this.collected.bindings.lazy ? this.bindingsFor(name, context) !== undefined : this.collected.bindings.bound(name);
  }

  /** True when the name is bound to an import in this scope chain (a module or class, never a client instance). */
  isImportedName(name: string, context: ContextSnapshot): boolean {
    return !!this.bindingsFor(name, context)?.some((b) => b.kind === 'import');
  }

  /** The module an imported name comes from and the name it has there ('*' for a namespace or a whole require). */
  importOf(name: string, context: ContextSnapshot): { module: string; imported: string } | undefined {
    const binding = this.bindingsFor(name, context)?.find((b) => b.kind === 'import');
    return binding?.module ? { module: binding.module, imported: binding.imported ?? 'default' } : undefined;
  }

  /** The module an imported name comes from ("./redis", "$services/redis"), if it is imported. */
  importedModuleOf(name: string, context: ContextSnapshot): string | undefined {
    return this.bindingsFor(name, context)?.find((b) => b.kind === 'import')?.module;
  }

  /** True when the name has a binding that is definitely not a client (a dict, a number, a typed non-client). */
  isKnownNonClient(name: string, context: ContextSnapshot): boolean {
    const list = this.bindingsFor(name, context);
    return !!list?.some((b) => this.bindingValue(b, 0) === NOT_A_CLIENT || (b.typeText !== undefined && !DERIVED_TYPE.test(b.typeText) && !this.typeKind(b.typeText, b.context)));
  }

  /**
   * What a module-level or self/this binding tells the rest of the file, as plain data: the binding and the
   * value it resolves to (and the client a function returns). Equal contributions mean equal answers elsewhere.
   */
  contribution(binding: BoundName, scope: 'module' | 'this'): Contribution {
    const value = this.reaching(() => this.bindingValue(binding, 0));
    const functionStart = this.functionStartOf(binding);
    const returns = this.reaching(() => (functionStart === undefined ? undefined : this.returnedBy(functionStart)));
    return {
      scope,
      name: binding.name,
      kind: binding.kind,
      module: binding.module,
      imported: binding.imported,
      typeText: binding.typeText,
      moduleContext: binding.context.scopes.length === 1,
      bindingStart: binding.start,
      functionStart,
      value: value.result === NOT_A_CLIENT ? 'not-a-client' : value.result === NEUTRAL ? 'neutral' : (value.result ?? null),
      returns: returns.result ?? null,
      valueEffects: normalEffects(value.effects),
      returnsEffects: normalEffects(returns.effects),
    };
  }

  /** What a module-level name resolves to, as the file's other statements see it. */
  moduleValue(name: string): Value {
    return this.lookupName(name, { scopes: [MODULE_SCOPE], fnId: MODULE_SCOPE, loops: [], inClassBody: false }, 0);
  }

  bindingsFor(name: string, context: ContextSnapshot): BoundName[] | undefined {
    for (const scope of context.scopes) {
      // Reaching the module scope makes the answer depend on the module's names, found or not.
      if (scope === MODULE_SCOPE && this.trackReach && this.effects) this.read(`m:${name}`);
      const list = this.collected.bindings.get(scope)?.get(name);
      if (list) return list;
    }
    return undefined;
  }

  private lookupName(name: string, context: ContextSnapshot, depth: number): Value {
    const list = this.bindingsFor(name, context);
    if (!list) return undefined;
    const imported = list.find((b) => b.kind === 'import');
    if (imported?.module && list.length === 1) return importValue(this, imported);
    return this.decide(list, depth);
  }

  private lookupAttribute(name: string, depth: number): Value {
    if (this.trackReach && this.effects) this.read(`t:${name}`);
    const list = this.collected.thisBindings.get(name);
    return list ? this.decide(list, depth) : undefined;
  }

  private decide(list: BoundName[], depth: number): ClientRef | undefined {
    let found: ClientRef | undefined;
    for (const binding of list) {
      const value = this.bindingValue(binding, depth);
      if (value === NOT_A_CLIENT) return undefined;
      // A binding traced to a creation beats a type annotation of the same name (`ok: Redis` then `this.ok = new Redis()`).
      if (value && value !== NEUTRAL && (!found || (!found.creation && value.creation))) found = value;
    }
    return found;
  }

  private bindingValue(binding: BoundName, depth: number): BindingValue {
    if (binding.resolved) {
      this.touch(binding.resolved.valueEffects);
      return binding.resolved.value as BindingValue;
    }
    if (this.memo.has(binding)) {
      this.touch(this.memoEffects.get(binding));
      return this.memo.get(binding);
    }
    this.memo.set(binding, undefined);
    if (!this.trackReach) {
      const value = this.computeBindingValue(binding, depth);
      this.memo.set(binding, value);
      return value;
    }
    const { result, effects } = this.reaching(() => this.computeBindingValue(binding, depth));
    this.memo.set(binding, result);
    this.memoEffects.set(binding, effects);
    return result;
  }

  private computeBindingValue(binding: BoundName, depth: number): BindingValue {
    if (binding.kind === 'param' || binding.kind === 'field') {
      const typed = binding.typeText ? this.typeKind(binding.typeText, binding.context) : undefined;
      if (typed) return { ...typed, identity: this.injectedIdentity(binding) ?? (binding.kind === 'field' ? `this:${binding.name}` : `param:${binding.context.fnId}:${binding.name}`), origin: 'parameter' };
      if (binding.value) return this.resolve(binding.value, binding.context, depth + 1);
      return binding.kind === 'param' ? isolatedClientParameter(binding) : undefined;
    }
    if (binding.kind !== 'assign' || !binding.value) return undefined;
    const value = this.syntax.unwrap(binding.value);
    const evaluated = this.syntax.evaluate(value);
    if (evaluated.kind === 'null') return NEUTRAL;
    if (binding.typeText) {
      const typed = this.typeKind(binding.typeText, binding.context);
      if (typed) return this.resolve(value, binding.context, depth + 1) ?? { ...typed, identity: `typed:${binding.start}`, origin: 'parameter' };
    }
    const ref = this.resolve(value, binding.context, depth + 1);
    if (ref) return ref;
    if (['string', 'number', 'boolean', 'object', 'array', 'pattern'].includes(evaluated.kind)) return NOT_A_CLIENT;
    const callee = value.childForFieldName('function') ?? value.childForFieldName('constructor');
    if (callee && NON_CLIENT_CONSTRUCTORS.test(callee.text)) return NOT_A_CLIENT;
    return undefined;
  }

  /** A parameter or field given by dependency injection (`@Inject(TOKEN)`) holds the client every injector of the token shares. */
  private injectedIdentity(binding: BoundName): string | undefined {
    if (this.syntax.family !== 'script' || !binding.node) return undefined;
    const node = binding.node;
    const declaration = node.type === 'public_field_definition' ? node : node.childForFieldName('parameters')?.namedChildren.find((p) => p?.childForFieldName('pattern')?.text === binding.name);
    const token = injectedToken(declaration ?? undefined);
    return token === undefined ? undefined : injectedClientIdentity(token);
  }

  /** Client returned by the function starting at this offset (any return statement that resolves). */
  returnedBy(functionStart: number, depth = 0): ClientRef | undefined {
    if (this.returnMemo.has(functionStart)) {
      this.touch(this.returnEffects.get(functionStart));
      return this.returnMemo.get(functionStart) ?? undefined;
    }
    this.returnMemo.set(functionStart, null);
    const find = () => {
      for (const { statement, context } of this.collected.returns.get(functionStart) ?? []) {
        const value = statement.type === 'arrow_function' ? statement.childForFieldName('body') : statement.firstNamedChild;
        if (!value) continue;
        const ref = this.resolve(value, context, depth + 1);
        if (ref) return ref;
      }
      return undefined;
    };
    if (!this.trackReach) {
      const found = find();
      this.returnMemo.set(functionStart, found ?? null);
      return found;
    }
    const { result: found, effects } = this.reaching(find);
    this.returnMemo.set(functionStart, found ?? null);
    this.returnEffects.set(functionStart, effects);
    return found;
  }

  /** Client kind named by a type annotation, when the type is imported from a Redis library. */
  typeKind(typeText: string, context: ContextSnapshot): Omit<ClientRef, 'identity' | 'origin'> | undefined {
    return clientKindOfType(this, this.syntax.family, typeText, context);
  }
}

/**
 * `const multi: ReturnType<typeof this.client.multi> = this.client.multi()`: a type read off a value (`typeof`) is
 * whatever that value is, so it names no type that rules a client out.
 */
const DERIVED_TYPE = /\btypeof\b/;
