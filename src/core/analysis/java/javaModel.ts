/** Builds the FileModel of a Java file: Redis call sites of Jedis, Lettuce, Spring Data Redis, Redisson and project wrappers. */
import type { Node, Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, FileAnalysis } from '../buildModel';
import type { Arg, FunctionInfo, RedisCallSite } from '../model';
import { indentationAt, spanOf } from '../spans';
import { javaCommandFor, withPivot } from './javaCommands';
import { acquisitionOf, projectLender } from './javaConnections';
import { annotationNamesOf, annotationOf, creationOf } from './javaDeclarations';
import { evaluate, identityOf, unwrapLambda, walksItems, withoutComments } from './javaExpressions';
import type { JavaFacts, JavaFileModel, JavaInvocation, JavaMethod } from './javaFacts';
import { JavaUnits, type LocalCallTemplate } from './javaIncremental';
import { receiverForGetter, receiverForName, receiverForStaticClass, receiverForType, receiverFromCall, simpleType, type JavaReceiver } from './javaReceivers';

const LOOPS = new Set(['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement']);
const ITEM_LOOPS = new Set(['for_statement', 'enhanced_for_statement']);
/** Stream and collection methods whose lambda runs once per element. */
const PER_ELEMENT = new Set(['forEach', 'forEachOrdered', 'map', 'filter', 'peek']);
const REQUEST_ANNOTATIONS = /^(GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping|KafkaListener|RabbitListener|JmsListener|MessageMapping)$/;
const PIPELINE_RUNNERS = new Set(['executePipelined']);
const CALLBACK_RUNNERS = new Set(['execute', 'executePipelined', 'executeWithStickyConnection']);

interface Scope {
  vars: Map<string, JavaReceiver | null>;
  /** Declared type text of local variables and parameters. */
  types: Map<string, string>;
  method?: number;
  functionInfo?: FunctionInfo;
  loop?: Node;
  itemLoop?: Node;
  batched: boolean;
  blockStart: number;
}

/** Stands in for the receiver of a call of the file's own method until the command it sends is known. */
const HELPER_RECEIVER: JavaReceiver = { library: 'jedis', kind: 'client', confidence: 'proven' };

/** One walk over the tree; receivers are resolved from declared types of fields, parameters and locals. */
class JavaModelBuilder {
  readonly callSites: RedisCallSite[] = [];
  readonly helperCalls: RedisCallSite[] = [];
  readonly facts: JavaFacts;
  private readonly fieldReceivers = new Map<string, JavaReceiver | null>();
  /**
   * The file's own no-argument methods that return a Redis type (`private JedisPool getJedisPool()`, a pool made
   * lazily on first use): `getJedisPool().getResource()` borrows from that pool. Overloads and methods of the same
   * name in two classes of the file are left out (null): which one a call reaches is not read here.
   */
  private readonly ownGetters = new Map<string, JavaReceiver | null>();
  readonly localCalls: LocalCallTemplate[] = [];
  /** Set when the analysis keeps per-method results for the next one (see javaIncremental.ts). */
  units: JavaUnits | undefined;
  truncated = false;
  private steps = 0;

  constructor(
    private readonly text: string,
    private readonly deadline: number,
  ) {
    let codeText: string | undefined;
    this.facts = {
      methods: [],
      invocations: [],
      creations: [],
      annotations: [],
      acquisitions: [],
      fieldTypes: new Map(),
      imports: [],
      // Blanked on first read: most re-analyses of an edit never read it (the checks that do look for text that is rare).
      get codeText(): string {
        return (codeText ??= withoutComments(text));
      },
    };
  }

  build(root: Node, unitsFor?: (builder: JavaModelBuilder) => JavaUnits): void {
    this.collectFields(root);
    this.units = unitsFor?.(this);
    this.visit(root, { vars: new Map(), types: new Map(), batched: false, blockStart: 0 });
  }

  /**
   * What every method is read against besides its own code: the client-typed fields, the other fields whose
   * names alone would make them clients (a field hides that), and the imports.
   */
  environment(): string {
    const fields = [...this.fieldReceivers].filter(([name, receiver]) => receiver !== null || (/^[A-Z]/.test(name) ? receiverForStaticClass(name) : receiverForName(name)) !== undefined);
    const getters = [...this.ownGetters].filter(([, receiver]) => receiver !== null);
    return JSON.stringify(getters.length ? [fields, this.facts.imports, getters] : [fields, this.facts.imports]);
  }

  /** Fields of every class of the file, first, so methods may use fields declared below them. */
  private collectFields(root: Node): void {
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'import_declaration') this.facts.imports.push(node.text.replace(/^import\s+(static\s+)?|;$/g, '').trim());
      if (node.type === 'field_declaration') {
        const typeNode = node.childForFieldName('type');
        if (!typeNode) continue;
        for (const declarator of node.namedChildren) {
          if (declarator?.type !== 'variable_declarator') continue;
          const name = declarator.childForFieldName('name')?.text;
          if (!name) continue;
          this.facts.fieldTypes.set(name, simpleType(typeNode.text));
          this.fieldReceivers.set(name, receiverForType(typeNode.text) ?? null);
        }
        continue;
      }
      if (node.type === 'method_declaration') this.noteGetter(node);
      if (node.type === 'method_declaration' || node.type === 'constructor_declaration') continue;
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  }

  private noteGetter(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    const type = node.childForFieldName('type')?.text;
    if (!name || !type) return;
    const parameters = node.childForFieldName('parameters')?.namedChildren.filter((c) => c !== null && c.type !== 'comment').length ?? 0;
    const receiver = parameters === 0 ? receiverForType(type) : undefined;
    // A wrapper class's getter is already read from its name where it is called; only typed clients and pools here.
    const known = receiver && receiver.api !== 'wrapper' ? receiver : null;
    this.ownGetters.set(name, this.ownGetters.has(name) ? null : known);
  }

  private visit(node: Node, scope: Scope): void {
    if ((++this.steps & 1023) === 0 && Date.now() > this.deadline) {
      this.truncated = true;
      return;
    }
    switch (node.type) {
      case 'method_declaration':
      case 'constructor_declaration':
        if (this.units) this.units.visit(node, scope.batched, () => this.visitMethod(node, scope));
        else this.visitMethod(node, scope);
        return;
      case 'lambda_expression':
        this.visitLambda(node, scope);
        return;
      case 'local_variable_declaration':
        this.declareLocals(node, scope);
        break;
      case 'enhanced_for_statement': {
        const type = node.childForFieldName('type');
        const name = node.childForFieldName('name');
        if (type && name) this.declare(scope, name.text, type.text);
        break;
      }
      case 'catch_formal_parameter':
      case 'resource': {
        const type = node.childForFieldName('type');
        const name = node.childForFieldName('name');
        // `try (var jedis = pool.getResource())`: a `var` resource is what its initialiser gives.
        if (type && name) this.declare(scope, name.text, type.text, node.childForFieldName('value'));
        break;
      }
      case 'method_invocation':
        this.visitInvocation(node, scope);
        return;
      case 'object_creation_expression': {
        const creation = creationOf(node, scope.method);
        if (creation) this.facts.creations.push(creation);
        break;
      }
      case 'annotation':
      case 'marker_annotation':
        this.facts.annotations.push(annotationOf(node, scope.method));
        return;
      case 'block':
        scope = { ...scope, blockStart: node.startIndex };
        break;
      default:
        break;
    }
    if (LOOPS.has(node.type)) scope = { ...scope, loop: node, itemLoop: ITEM_LOOPS.has(node.type) || walksItems(node) ? node : scope.itemLoop };
    // Leaves (names, literals, types) hold nothing to visit: reading their children would only cross into Wasm.
    const count = node.namedChildCount;
    for (let index = 0; index < count; index++) {
      const child = node.namedChild(index);
      if (child && (child.namedChildCount > 0 || child.type === 'marker_annotation')) this.visit(child, scope);
    }
  }

  private declare(scope: Scope, name: string, typeText: string, value?: Node | null): void {
    const simple = simpleType(typeText);
    scope.types.set(name, simple);
    let receiver = simple === 'var' ? undefined : receiverForType(typeText);
    if (!receiver && value) receiver = this.resolve(value, scope);
    scope.vars.set(name, receiver ?? null);
  }

  private declareLocals(node: Node, scope: Scope): void {
    const typeNode = node.childForFieldName('type');
    if (!typeNode) return;
    for (const declarator of node.namedChildren) {
      if (declarator?.type !== 'variable_declarator') continue;
      const name = declarator.childForFieldName('name');
      if (name) this.declare(scope, name.text, typeNode.text, declarator.childForFieldName('value'));
    }
  }

  private visitMethod(node: Node, outer: Scope): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<init>';
    const annotations = annotationNamesOf(node);
    const params: string[] = [];
    const scope: Scope = { vars: new Map(), types: new Map(), batched: outer.batched, blockStart: node.startIndex };
    const parameters = node.childForFieldName('parameters');
    for (const param of parameters?.namedChildren ?? []) {
      if (!param || (param.type !== 'formal_parameter' && param.type !== 'spread_parameter')) continue;
      const type = param.childForFieldName('type') ?? param.namedChildren.find((c) => c?.type.endsWith('type') || c?.type === 'type_identifier') ?? null;
      const pname = param.childForFieldName('name') ?? param.namedChildren.find((c) => c?.type === 'variable_declarator')?.childForFieldName('name') ?? null;
      if (!pname) continue;
      params.push(pname.text);
      if (type) this.declare(scope, pname.text, type.text);
    }
    const modifiersText = node.namedChildren.find((c) => c?.type === 'modifiers')?.text ?? '';
    const method: JavaMethod = {
      name,
      span: spanOf(nameNode ?? node),
      start: node.startIndex,
      end: node.endIndex,
      annotations,
      isConstructor: node.type === 'constructor_declaration',
      // `static void main(String[] args)`, or Java 21's instance `void main()` of a launched source file.
      isMain: name === 'main' && (/\bstatic\b/.test(modifiersText) || node.childForFieldName('type')?.text === 'void'),
      params,
    };
    scope.method = this.facts.methods.push(method) - 1;
    scope.functionInfo = {
      name,
      span: spanOf(nameNode ?? node),
      isRequestHandler: annotations.some((a) => REQUEST_ANNOTATIONS.test(a)),
      isAsync: false,
    };
    for (const child of node.namedChildren) if (child && child !== parameters) this.visit(child, scope);
  }

  /** Lambdas see the enclosing method's names; their parameters are typed when declared, or by the runner they are given to. */
  private visitLambda(node: Node, outer: Scope, parameterReceiver?: JavaReceiver, perElement = false): void {
    const scope: Scope = { ...outer, vars: new Map(outer.vars), types: new Map(outer.types) };
    // A lambda runs per element when handed to forEach/map; otherwise later or elsewhere (a thread, a callback), not per iteration of an enclosing loop.
    if (perElement) scope.loop = scope.itemLoop = node;
    else scope.loop = scope.itemLoop = undefined;
    const parameters = node.childForFieldName('parameters');
    if (parameters) {
      const names: Node[] = [];
      if (parameters.type === 'identifier') names.push(parameters);
      for (const child of parameters.namedChildren) {
        if (!child) continue;
        if (child.type === 'identifier') names.push(child);
        if (child.type === 'formal_parameter') {
          const type = child.childForFieldName('type');
          const pname = child.childForFieldName('name');
          if (type && pname) this.declare(scope, pname.text, type.text);
        }
      }
      if (parameterReceiver && names.length === 1) scope.vars.set(names[0].text, parameterReceiver);
      else for (const n of names) scope.vars.set(n.text, null);
    }
    const body = node.childForFieldName('body');
    if (body) this.visit(body, scope);
  }

  /** The receiver an expression denotes, if it is Redis. */
  resolve(node: Node, scope: Scope): JavaReceiver | undefined {
    switch (node.type) {
      case 'parenthesized_expression':
      case 'cast_expression': {
        const inner = node.childForFieldName('value') ?? node.namedChildren[node.namedChildren.length - 1];
        return inner ? this.resolve(inner, scope) : undefined;
      }
      case 'identifier': {
        const name = node.text;
        if (scope.vars.has(name)) return scope.vars.get(name) ?? undefined;
        if (this.fieldReceivers.has(name)) return this.fieldReceivers.get(name) ?? undefined;
        if (/^[A-Z]/.test(name)) return receiverForStaticClass(name);
        return receiverForName(name);
      }
      case 'field_access': {
        const object = node.childForFieldName('object');
        const field = node.childForFieldName('field')?.text;
        if (object?.type === 'this' && field) return this.fieldReceivers.get(field) ?? receiverForName(field);
        return undefined;
      }
      case 'method_invocation': {
        const object = node.childForFieldName('object');
        const name = node.childForFieldName('name')?.text;
        if (!name) return undefined;
        // `Objects.requireNonNull(template.getConnectionFactory())` is the factory itself.
        if (name === 'requireNonNull' && object?.text === 'Objects') {
          const first = node.childForFieldName('arguments')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
          return first ? this.resolve(first, scope) : undefined;
        }
        const receiver = object ? this.resolve(object, scope) : undefined;
        const handed = receiver ? receiverFromCall(receiver, name) : undefined;
        if (!handed && (!object || object.type === 'this') && node.childForFieldName('arguments')?.namedChildCount === 0) {
          const own = this.ownGetters.get(name);
          if (own) return own;
        }
        // A project object that hands out its template (`engine.redisTemplate().opsForStream()`): the getter's name says what it returns.
        if (!handed && node.childForFieldName('arguments')?.namedChildCount === 0) return receiverForGetter(name);
        return handed;
      }
      default:
        return undefined;
    }
  }

  private visitInvocation(node: Node, scope: Scope): void {
    const object = node.childForFieldName('object');
    const nameNode = node.childForFieldName('name');
    const argsNode = node.childForFieldName('arguments');
    const name = nameNode?.text ?? '';
    const argNodes = (argsNode?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
    const invocation: JavaInvocation = {
      name,
      object: object?.text ?? '',
      args: argNodes.map((a) => a.text),
      span: spanOf(nameNode ?? node),
      callSpan: spanOf(node),
      method: scope.method,
    };
    this.facts.invocations.push(invocation);

    const receiver = object ? this.resolve(object, scope) : undefined;
    if (receiver && nameNode) this.addCallSite(node, nameNode, object!, receiver, name, argNodes, scope);
    // `helper(x)` and `this.helper(x)` both call the file's own method.
    else if ((!object || object.type === 'this') && nameNode && (scope.loop || scope.itemLoop)) {
      // The call site is built now, from the tree; which command the method sends is known once the file is walked.
      const callArgs = (argsNode?.namedChildren ?? []).filter((c): c is Node => c !== null);
      const callerArity = scope.method === undefined ? undefined : this.facts.methods[scope.method]?.params.length;
      this.localCalls.push({ name, caller: scope.functionInfo?.name, callerArity, site: this.site(node, nameNode, null, HELPER_RECEIVER, name, '', callArgs, scope) });
    }
    // A lender class the receivers do not know (`JedisPoolMulti.get(name)`) counts only for the connection it hands out.
    const lender = receiver ?? projectLender(object);
    const acquisition = lender && nameNode ? acquisitionOf(node, name, lender, object!, this.facts.methods[scope.method ?? -1]) : undefined;
    if (acquisition) this.facts.acquisitions.push({ ...acquisition, method: scope.method });

    if (object) this.visit(object, scope);
    // Commands inside a callback given to executePipelined are queued; a lambda handed to forEach runs per element.
    const runsCallback = receiver?.api === 'template' && CALLBACK_RUNNERS.has(name);
    // The file's own `executePipelined(RedisCallback)` that hands the callback on to a template: a pipeline the same way.
    const ownPipelineRunner = !object && PIPELINE_RUNNERS.has(name) && /\.executePipelined\s*\(/.test(this.text);
    const argScope: Scope = (runsCallback && PIPELINE_RUNNERS.has(name)) || ownPipelineRunner ? { ...scope, batched: true } : scope;
    for (const arg of argNodes) {
      const lambda = unwrapLambda(arg);
      if (lambda && runsCallback) {
        this.visitLambda(lambda, argScope, { api: 'commands', library: receiver.library, kind: 'client', confidence: receiver.confidence, evidence: receiver.evidence, batched: argScope.batched });
      } else if (lambda && ownPipelineRunner) {
        this.visitLambda(lambda, argScope, { api: 'commands', library: 'spring-data-redis', kind: 'client', confidence: 'likely', evidence: `${name}() of this file runs the callback with a pipelined RedisConnection`, batched: true });
      } else if (lambda && PER_ELEMENT.has(name)) {
        this.visitLambda(lambda, argScope, undefined, true);
      } else this.visit(arg, argScope);
    }
  }

  private addCallSite(node: Node, nameNode: Node, object: Node, receiver: JavaReceiver, name: string, argNodes: Node[], scope: Scope): void {
    const command = receiver.api ? withPivot(javaCommandFor(receiver.api, name), name, argNodes.length, object.text) : undefined;
    const site = this.site(node, nameNode, object, receiver, name, command ?? name.toUpperCase(), argNodes, scope);
    if (command) this.callSites.push(site);
    else this.helperCalls.push(site);
  }

  private site(node: Node, nameNode: Node, object: Node | null, receiver: JavaReceiver, name: string, command: string, argNodes: Node[], scope: Scope): RedisCallSite {
    const statement = node.parent?.type === 'expression_statement' ? node.parent : undefined;
    const batched = scope.batched || receiver.batched === true;
    const loop = scope.itemLoop;
    return {
      command,
      method: name,
      receiver: {
        kind: receiver.kind,
        library: receiver.library,
        confidence: receiver.confidence,
        ...(receiver.evidence ? { evidence: receiver.evidence } : {}),
        text: object?.text ?? '',
        identity: object ? identityOf(object) : name,
        origin: 'local',
        async: false,
      },
      args: argNodes.map((arg) => this.arg(arg)),
      keywords: {},
      span: spanOf(nameNode),
      callSpan: spanOf(node),
      expressionSpan: spanOf(node),
      ...(statement ? { statementSpan: spanOf(statement) } : {}),
      indentation: indentationAt(this.text, node.startIndex),
      blockId: scope.blockStart,
      ...(scope.functionInfo ? { enclosingFunction: scope.functionInfo } : {}),
      ...(loop ? { loop: { span: spanOf(loop), dependsOnReply: false } } : {}),
      ...(scope.loop ? { anyLoop: spanOf(scope.loop) } : {}),
      isLoopIterable: loop?.type === 'enhanced_for_statement' && loop.childForFieldName('value')?.startIndex === node.startIndex,
      awaited: false,
      batched,
      inTransaction: receiver.transaction === true || (scope.method !== undefined && this.afterMulti(node, scope)),
    };
  }

  /** Inside a SessionCallback or Lettuce block that ran `multi()` earlier in the same method. */
  private afterMulti(node: Node, scope: Scope): boolean {
    const method = this.facts.methods[scope.method!];
    const before = this.text.slice(method.start, node.startIndex);
    return /\.multi\(\)/.test(before) && /\.exec\(\)/.test(this.text.slice(node.endIndex, method.end));
  }

  arg(node: Node): Arg {
    const span = spanOf(node);
    return { value: evaluate(node), text: node.text, span, fullSpan: span };
  }

  /** Calls of the file's own methods inside loops, when those methods send a command themselves (N+1 through a helper). */
  indirectSites(): RedisCallSite[] {
    const sending = new Map<string, RedisCallSite>();
    // The same by name and number of parameters, for calls of another overload of the calling method.
    const sendingOverload = new Map<string, RedisCallSite>();
    // The file's methods by name, in file order: each call site looks among the methods of its function's name only
    // (a walk of all methods per call site was a visible part of every re-analysis of a large file).
    const methodsNamed = new Map<string, JavaMethod[]>();
    for (const m of this.facts.methods) {
      const same = methodsNamed.get(m.name);
      if (same) same.push(m);
      else methodsNamed.set(m.name, [m]);
    }
    for (const site of this.callSites) {
      const name = site.enclosingFunction?.name;
      if (!name || site.batched) continue;
      if (!sending.has(name)) sending.set(name, site);
      const offset = site.span.startOffset;
      const method = (methodsNamed.get(name) ?? []).filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start)[0];
      const overload = method ? `${name}/${method.params.length}` : undefined;
      if (overload && !sendingOverload.has(overload)) sendingOverload.set(overload, site);
    }
    const sites: RedisCallSite[] = [];
    for (const call of this.localCalls) {
      // `drop(user)` looping over `drop(system, user)`: another overload, whose own commands are the ones sent.
      const overload = call.caller === call.name;
      if (overload && call.callerArity === call.site.args.length) continue;
      const inner = overload ? sendingOverload.get(`${call.name}/${call.site.args.length}`) : sending.get(call.name);
      if (!inner) continue;
      const { kind, library, confidence, evidence, text, identity } = inner.receiver;
      const receiver = { kind, library, confidence, ...(evidence ? { evidence } : {}), text, identity, origin: 'local' as const, async: false };
      sites.push({ ...call.site, command: inner.command, receiver, via: { helper: call.name, command: inner.command, span: inner.span } });
    }
    return sites;
  }
}

/** The model of a Java file. Malformed source yields a partial model, never an exception. */
export function analyzeJavaTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  const builder = new JavaModelBuilder(text, options.deadline ?? Number.POSITIVE_INFINITY);
  const previous = options.previous && 'kind' in options.previous && options.previous.kind === 'java' ? options.previous : undefined;
  // In an editor methods are walked one by one, so the next analysis can keep those an edit did not touch.
  const forReuse = options.keepForReuse === true || options.previous !== undefined;
  builder.build(tree.rootNode, forReuse ? (host) => new JavaUnits(host, text, options.path, options.context, host.environment(), previous) : undefined);
  const model: JavaFileModel = {
    path: options.path,
    language: options.language,
    context: options.context,
    text,
    callSites: builder.callSites,
    indirectCallSites: builder.indirectSites(),
    creations: [],
    listeners: [],
    importedModules: new Set(builder.facts.imports.filter((i) => /redis|jedis|lettuce|redisson/i.test(i)).map((i) => i.split('.').slice(0, 3).join('.'))),
    deserializations: [],
    escapedIdentities: new Set(),
    exportedIdentities: new Set(),
    java: builder.facts,
  };
  return { model, exports: [], helperCalls: builder.helperCalls, truncated: builder.truncated, incremental: builder.units && !builder.truncated ? builder.units.state() : undefined };
}
