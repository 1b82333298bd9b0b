/** Builds the FileModel of a Java file: Redis call sites of Jedis, Lettuce, Spring Data Redis, Redisson and project wrappers. */
import type { Node, Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, FileAnalysis } from '../buildModel';
import type { RedisCallSite } from '../model';
import { spanOf } from '../spans';
import { HELPER_RECEIVER, indirectSites, javaCallSite, wrapperSuperclass, type JavaSiteFile } from './javaCallSites';
import { javaCommandFor, withPivot } from './javaCommands';
import { acquisitionOf, declaredJedisBorrow, projectLender } from './javaConnections';
import { annotationNamesOf, annotationOf, creationOf } from './javaDeclarations';
import { unwrapLambda, walksItems } from './javaExpressions';
import type { JavaFileModel, JavaInvocation, JavaMethod } from './javaFacts';
import { JavaFileReceivers, type Scope } from './javaFileReceivers';
import { JavaUnits, type LocalCallTemplate } from './javaIncremental';
import type { JavaReceiver } from './javaReceivers';

const LOOPS = new Set(['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement']);
const ITEM_LOOPS = new Set(['for_statement', 'enhanced_for_statement']);
/** Stream and collection methods whose lambda runs once per element. */
const PER_ELEMENT = new Set(['forEach', 'forEachOrdered', 'forEachRemaining', 'map', 'filter', 'peek']);
const REQUEST_ANNOTATIONS = /^(GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping|KafkaListener|RabbitListener|JmsListener|MessageMapping)$/;
const PIPELINE_RUNNERS = new Set(['executePipelined']);
const CALLBACK_RUNNERS = new Set(['execute', 'executePipelined', 'executeWithStickyConnection']);

/** One walk over the tree; receivers are resolved from declared types of fields, parameters and locals (javaFileReceivers.ts). */
class JavaModelBuilder extends JavaFileReceivers {
  readonly callSites: RedisCallSite[] = [];
  readonly helperCalls: RedisCallSite[] = [];
  readonly localCalls: LocalCallTemplate[] = [];
  /** Set when the analysis keeps per-method results for the next one (see javaIncremental.ts). */
  units: JavaUnits | undefined;
  truncated = false;
  private steps = 0;
  private readonly siteFile: JavaSiteFile;

  constructor(
    text: string,
    private readonly deadline: number,
  ) {
    super(text);
    this.siteFile = { text, methods: this.facts.methods };
  }

  build(root: Node, unitsFor?: (builder: JavaModelBuilder) => JavaUnits): void {
    this.collectFields(root);
    this.units = unitsFor?.(this);
    this.visit(root, { vars: new Map(), types: new Map(), batched: false, blockStart: 0 });
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
      this.localCalls.push({ name, caller: scope.functionInfo?.name, callerArity, site: javaCallSite(this.siteFile, node, nameNode, null, HELPER_RECEIVER, name, '', callArgs, scope) });
    }
    // A lender class the receivers do not know (`JedisPoolMulti.get(name)`, a pool in another class's static field)
    // counts only for the connection it hands out.
    const lender = receiver ?? projectLender(object) ?? declaredJedisBorrow(node, name, object);
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
      } else if (arg.type === 'method_reference' && PER_ELEMENT.has(name)) {
        this.ownMethodPerElement(arg, argScope);
      } else this.visit(arg, argScope);
    }
  }

  /**
   * `sessions.forEach(this::saveSession)`: the file's own method runs once per element, as a lambda calling it would;
   * which command it sends is known once the file is walked, like any call of the file's methods in a loop.
   */
  private ownMethodPerElement(reference: Node, scope: Scope): void {
    const parts = reference.namedChildren.filter((c): c is Node => c !== null);
    const target = parts[parts.length - 1];
    if (parts.length !== 2 || parts[0].type !== 'this' || target?.type !== 'identifier') return;
    const callerArity = scope.method === undefined ? undefined : this.facts.methods[scope.method]?.params.length;
    const perElement: Scope = { ...scope, loop: reference, itemLoop: reference };
    this.localCalls.push({ name: target.text, caller: scope.functionInfo?.name, callerArity, site: javaCallSite(this.siteFile, reference, target, null, HELPER_RECEIVER, target.text, '', [], perElement) });
  }

  private addCallSite(node: Node, nameNode: Node, object: Node, receiver: JavaReceiver, name: string, argNodes: Node[], scope: Scope): void {
    const command = receiver.api ? withPivot(javaCommandFor(receiver.api, name), name, argNodes.length, object.text) : undefined;
    const site = javaCallSite(this.siteFile, node, nameNode, object, receiver, name, command ?? name.toUpperCase(), argNodes, scope);
    if (command) this.callSites.push(site);
    else this.helperCalls.push(site);
  }

  /** Calls of the file's own methods inside loops, when those methods send a command themselves (N+1 through a helper). */
  indirectSites(): RedisCallSite[] {
    return indirectSites(this.facts.methods, this.callSites, this.localCalls, wrapperSuperclass(this.text));
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
