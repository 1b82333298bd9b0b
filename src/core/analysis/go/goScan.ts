/**
 * One walk over a Go syntax tree that finds the Redis clients (go-redis, rueidis, redigo) and the commands sent on
 * them. Go is typed, so most receivers are proven from a constructor, a parameter or struct field type, or a pool;
 * a receiver known only by its name (`global.Redis`, `s.rdb` of a struct in another file) is `likely`.
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { Arg, ClientCreation, ClientLibrary, ReceiverInfo, ReceiverKind, RedisCallSite } from '../model';
import { spanOf } from '../spans';
import type { GoClientPerCall, GoConnectionTake, GoDial } from './goFacts';
import { deferredCloses, markClosed, markEarlyReturns, markHandOvers, type Frame } from './goConnectionLife';
import { GoDeclarations, type GoConstructorCall } from './goDeclarations';
import { GO_REDIS_PIPELINES, goRedisCommand, rueidisCommand } from './goLibraries';
import { goArg, looksLikeContext, withRedigoArgsElements } from './goValues';
import { goCallSite, goScriptRun, insideBatch, redigoDial, type GoLoop } from './goCallSites';
import { goLoop } from './goLoops';
import { compatAdapter, defaultLibrary, likelyRef, resolveReceiver } from './goReceivers';

const SCANNED_TYPES = ['function_declaration', 'method_declaration', 'func_literal', 'for_statement', 'short_var_declaration', 'assignment_statement', 'var_spec', 'call_expression', 'defer_statement', 'return_statement'];

export interface GoRef {
  library: ClientLibrary;
  kind: ReceiverKind;
  confidence: 'proven' | 'likely';
  evidence?: string;
  identity: string;
  creation?: ClientCreation;
  origin: ReceiverInfo['origin'];
}


// Not `\b` in front: a pointer type's `*` follows a space, and there is no word boundary between the two.
export const REQUEST_PARAM = /(?<![\w.])(http\.ResponseWriter|\*http\.Request|\*gin\.Context|echo\.Context|\*fiber\.Ctx|\*fasthttp\.RequestCtx|\*ghttp\.Request|\*app\.RequestContext|iris\.Context|\*beego\.Controller)\b/;

export class GoScan {
  readonly callSites: RedisCallSite[] = [];
  readonly helperCalls: RedisCallSite[] = [];
  readonly creations: ClientCreation[] = [];
  readonly dials: GoDial[] = [];
  readonly takes: GoConnectionTake[] = [];
  readonly clientsPerCall: GoClientPerCall[] = [];
  get importedModules(): Set<string> {
    return this.declared.importedModules;
  }
  readonly declared: GoDeclarations;
  /**
   * Marks a client creation as leaving its function; re-analysis after an edit replaces it to note marks on
   * creations of other declarations (see goChanges.ts).
   */
  escape: (creation: ClientCreation) => void = (creation) => {
    creation.escapes = true;
  };
  private readonly frames: Frame[] = [];
  private readonly loops: GoLoop[] = [];
  private readonly deadline: number;
  truncated = false;

  constructor(
    private readonly tree: Tree,
    private readonly text: string,
    private readonly path: string,
    deadline: number,
  ) {
    this.deadline = deadline;
    this.declared = new GoDeclarations(path);
  }

  get usesRedisLibrary(): boolean {
    return this.declared.packages.size > 0;
  }

  run(): void {
    const root = this.tree.rootNode;
    this.declared.read(root);
    this.walk(root);
  }

  // ---- the walk ----

/** The node kinds the scan reacts to, captured in one query (far cheaper than visiting every node from JS). */
  private static queries = new Map<Language, Query>();

  private static query(language: Language): Query {
    let query = GoScan.queries.get(language);
    if (!query) {
      query = new Query(language, SCANNED_TYPES.map((type) => `(${type}) @${type}`).join('\n'));
      GoScan.queries.set(language, query);
    }
    return query;
  }

  /**
   * Visits the scanned nodes in document order. Functions and loops are opened when their node comes and closed
   * once the visit passes their end, so the function and loop stacks are what a recursive walk would hold.
   * Walking the top-level declarations one by one visits the same nodes as walking the root.
   */
  walk(root: Node): void {
    const open: { end: number; close: () => void }[] = [];
    const remaining = this.deadline - Date.now();
    const captures = GoScan.query(this.tree.language).captures(root, Number.isFinite(remaining) ? { timeoutMicros: Math.max(1, Math.floor(remaining * 1000)) } : {});
    let count = 0;
    for (const { node } of captures) {
      if ((++count & 255) === 0 && Date.now() > this.deadline) {
        this.truncated = true;
        break;
      }
      const start = node.startIndex;
      while (open.length && open[open.length - 1].end <= start) open.pop()!.close();
      switch (node.type) {
        case 'function_declaration':
        case 'method_declaration':
        case 'func_literal': {
          if (!node.childForFieldName('body')) break;
          const close = this.openFunction(node);
          open.push({ end: node.endIndex, close });
          break;
        }
        case 'for_statement':
          this.openLoop(node);
          open.push({ end: node.endIndex, close: () => this.loops.pop() });
          break;
        case 'short_var_declaration':
        case 'assignment_statement':
        case 'var_spec':
          this.binding(node);
          break;
        case 'call_expression':
          this.call(node);
          break;
        case 'defer_statement':
          this.deferred(node);
          break;
        case 'return_statement':
          this.returned(node);
          break;
        default:
          break;
      }
    }
    while (open.length) open.pop()!.close();
  }

  private get frame(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** Opens a function's frame; returns what closes it when the walk leaves the function. */
  private openFunction(node: Node): () => void {
    const name = node.type === 'func_literal' ? '(anonymous)' : node.childForFieldName('name')?.text ?? '(anonymous)';
    const parameters = node.childForFieldName('parameters');
    const outer = this.frame;
    const isRequestHandler = REQUEST_PARAM.test(parameters?.text ?? '') || (node.type === 'func_literal' && !!outer?.info.isRequestHandler);
    const calledBy = node.parent?.type === 'argument_list' ? node.parent.parent?.childForFieldName('function') : undefined;
    const transactionCallback = !!calledBy && /\.(TxPipelined|Watch)$/.test(calledBy.text);
    const frame: Frame = {
      node,
      info: { name, span: spanOf(node), isRequestHandler, isAsync: false },
      names: new Map(outer && node.type === 'func_literal' ? outer.names : []),
      isMain: (name === 'main' && this.declared.packageName === 'main') || (node.type === 'func_literal' && !!outer?.isMain),
      takes: [],
      created: [],
      inMulti: new Set(),
      transactionCallback,
    };
    const declared = [node.childForFieldName('receiver'), parameters];
    for (const list of declared) {
      for (const parameter of list?.namedChildren ?? []) {
        if (!parameter) continue;
        const type = parameter.childForFieldName('type');
        const typed = type && this.declared.clientType(type);
        if (!typed) continue;
        const kind = transactionCallback && typed.kind === 'pipeline' ? 'transaction' : typed.kind;
        for (const id of parameter.childrenForFieldName('name')) if (id) frame.names.set(id.text, { ...typed, kind, confidence: 'proven', identity: `param:${id.startIndex}`, origin: 'parameter' });
      }
    }
    // Loops of the enclosing function do not run the body of a function literal.
    const savedLoops = this.loops.splice(0);
    this.frames.push(frame);
    return () => {
      this.frames.pop();
      this.loops.splice(0, this.loops.length, ...savedLoops);
      this.finishFunction(frame);
    };
  }

  private finishFunction(frame: Frame): void {
    for (const take of frame.takes) this.takes.push(take);
    for (const created of frame.created) this.clientsPerCall.push(created.record);
  }

  private openLoop(node: Node): void {
    this.loops.push(goLoop(node));
  }

  // ---- names ----

  private binding(node: Node): void {
    const left = node.type === 'var_spec' ? node.childrenForFieldName('name').filter((n): n is Node => n !== null) : node.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    const right = node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
    const frame = this.frame;
    const type = node.type === 'var_spec' ? node.childForFieldName('type') : null;
    left.forEach((target, index) => {
      const value = right[index] ?? (right.length === 1 ? right[0] : null);
      const declaredType = type ? this.declared.clientType(type) : undefined;
      let ref: GoRef | undefined = declaredType ? { ...declaredType, confidence: 'proven', identity: `var:${target.startIndex}`, origin: 'local' } : undefined;
      if (value && index === 0) ref = this.valueRef(value, target) ?? ref;
      else if (value && right.length > 1) ref = this.valueRef(value, target) ?? ref;
      if (!ref) return;
      if (target.type === 'identifier') {
        // `RedisPool = &redis.Pool{...}` in a function: stored in the package variable for every later caller to share.
        const storedInPackage = !!frame && node.type === 'assignment_statement' && !frame.names.has(target.text) && this.declared.packageVars.has(target.text);
        if (storedInPackage && ref.creation) this.escape(ref.creation);
        if (frame) frame.names.set(target.text, ref);
        else this.declared.packageVars.set(target.text, ref);
      } else if (target.type === 'selector_expression') {
        const field = target.childForFieldName('field')?.text;
        if (field && !this.declared.fields.has(field)) this.declared.fields.set(field, { ...ref, identity: `field:${field}` });
        if (frame && ref.creation) this.escape(ref.creation);
      }
    });
  }

  /** The client a value is (constructor, pool Get, pipeline, another client name), recording creations and takes. */
  private valueRef(value: Node, target: Node): GoRef | undefined {
    const frame = this.frame;
    const created = this.declared.constructorOf(value);
    if (created) {
      const creation = this.recordCreation(created, target.text);
      const ref: GoRef = { library: created.library, kind: created.kind, confidence: 'proven', identity: `creation:${created.call.startIndex}`, creation, origin: 'local' };
      if (frame && target.type === 'identifier') {
        if (created.library === 'redigo' && created.kind === 'client') this.recordTake(target.text, created.nameNode.text, created.nameNode, frame);
        else if (created.kind !== 'pool' || created.factory.includes('Pool')) frame.created.push({ name: target.text, record: { factory: created.factory, span: spanOf(created.nameNode), closed: false, enclosingFunction: frame.info } });
      }
      return ref;
    }
    if (value.type === 'call_expression') {
      const adapter = compatAdapter(value, this.declared, frame?.names);
      if (adapter) return adapter;
      const callee = value.childForFieldName('function');
      if (callee?.type === 'selector_expression') {
        const method = callee.childForFieldName('field')?.text ?? '';
        const operand = callee.childForFieldName('operand');
        const base = operand ? this.resolve(operand) : undefined;
        if (base && base.library === 'redigo' && base.kind === 'pool' && /^Get(Context)?$/.test(method)) {
          if (frame && target.type === 'identifier') this.recordTake(target.text, method, callee.childForFieldName('field')!, frame);
          return { library: 'redigo', kind: 'client', confidence: base.confidence, evidence: base.evidence, identity: `conn:${value.startIndex}`, origin: 'local' };
        }
        if (base && Object.hasOwn(GO_REDIS_PIPELINES, method) && !GO_REDIS_PIPELINES[method].callback) {
          return { ...base, kind: GO_REDIS_PIPELINES[method].transaction ? 'transaction' : 'pipeline', identity: `pipe:${value.startIndex}` };
        }
        if (base && (method === 'WithContext' || method === 'Conn' || method === 'Dedicated')) return { ...base, kind: base.kind === 'cluster' && method !== 'WithContext' ? 'client' : base.kind };
        // `rdb := config.RedisClient()` closed again in the same function: a client per call, even from a factory elsewhere.
        if (frame && target.type === 'identifier' && /redis|rdb|cache.*client|client/i.test(callee.text) && /^(New|new|Get|get|Create|create|Open|open|Connect|connect)?\w*(Redis|Rdb|RDB|Client|Pool)\w*$/.test(method) && operand?.type === 'identifier' && this.declared.importAliases.has(operand.text) && !this.declared.packages.has(operand.text)) {
          frame.created.push({ name: target.text, record: { factory: callee.text, span: spanOf(callee), closed: false, enclosingFunction: frame.info } });
          return { library: this.defaultLibrary(), kind: 'client', confidence: 'likely', evidence: `it comes from ${callee.text}()`, identity: `factory:${value.startIndex}`, origin: 'name' };
        }
      }
      // `conn, err := getRedis(r)`: a getter of the package that another file defines, named after Redis.
      if (callee?.type === 'identifier' && /^(get|new|must)\w*(Redis|Rdb)\w*$/i.test(callee.text)) return this.resolve(value);
      return undefined;
    }
    if (value.type === 'identifier' || value.type === 'selector_expression') {
      const ref = this.resolve(value);
      return ref ? { ...ref } : undefined;
    }
    return undefined;
  }

  private recordCreation(created: GoConstructorCall, binding: string): ClientCreation {
    const frame = this.frame;
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
      loop: this.loops.length ? this.loops[this.loops.length - 1].info.span : undefined,
      chainedErrorListener: false,
      escapes: false,
      moduleLevel: !frame,
    };
    if (!this.creations.some((c) => c.callSpan.startOffset === creation.callSpan.startOffset)) this.creations.push(creation);
    return creation;
  }

  private recordTake(name: string, factory: string, at: Node, frame: Frame): void {
    frame.takes.push({ name, factory, span: spanOf(at), deferredClose: false, plainClose: false, returnBeforeDefer: false, handedOver: false, enclosingFunction: frame.info, inMain: frame.isMain });
  }

  private defaultLibrary(): ClientLibrary {
    return defaultLibrary(this.declared);
  }

  /** The client a receiver expression is, proven or likely, or undefined when it is not a Redis client. */
  resolve(node: Node): GoRef | undefined {
    return resolveReceiver(node, this.declared, this.frame?.names);
  }

  private likely(text: string, evidence: string): GoRef {
    return likelyRef(this.declared, text, evidence);
  }

  // ---- calls ----

  private call(node: Node): void {
    const callee = node.childForFieldName('function');
    if (!callee) return;
    const args = node.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
    if (callee.type === 'selector_expression') {
      const operand = callee.childForFieldName('operand');
      const field = callee.childForFieldName('field');
      if (!operand || !field) return;
      const library = operand.type === 'identifier' ? this.declared.packages.get(operand.text) : undefined;
      if (library) {
        this.packageCall(node, library, field.text, args);
        return;
      }
      if (field.text === 'B' && args.length === 0) {
        this.rueidisBuilder(node, operand);
        return;
      }
      this.methodCall(node, operand, field, args);
    }
  }

  /** Calls of a library's package functions: redigo dials (timeouts) and constructors outside assignments. */
  private packageCall(node: Node, library: ClientLibrary, name: string, args: Node[]): void {
    if (library === 'redigo' && /^Dial(URL)?(Context)?$|^DialURLContext$|^DialTimeout$/.test(name)) this.dials.push(redigoDial(node, name, args, this.frame?.info, !!this.frame?.isMain || this.declared.packageName === 'main'));
    const created = this.declared.constructorOf(node);
    if (created && !(node.parent?.type === 'expression_list' && /short_var_declaration|assignment_statement|var_spec/.test(node.parent.parent?.type ?? ''))) {
      const creation = this.recordCreation(created, '');
      if (node.parent?.type === 'return_statement' || node.parent?.parent?.type === 'return_statement' || node.parent?.type === 'argument_list') creation.escapes = true;
    }
  }

  private methodCall(node: Node, operand: Node, field: Node, args: Node[]): void {
    const method = field.text;
    if (method === 'Close') {
      this.closed(operand.text, false);
      return;
    }
    const ref = this.resolve(operand);
    // redigo: conn.Do("KEYS", ...), conn.Send("MULTI"), DoWithTimeout(timeout, "GET", ...).
    if (/^(Do|Send|DoContext|DoWithTimeout)$/.test(method)) {
      const contextFirst = !!args[0] && looksLikeContext(args[0]) && ref?.library !== 'redigo';
      const commandIndex = (method === 'Do' || method === 'Send' ? 0 : 1) + (contextFirst ? 1 : 0);
      const commandNode = args[commandIndex];
      const name = commandNode && /^["`]/.test(commandNode.text) ? commandNode.text.slice(1, -1).trim().toUpperCase() : undefined;
      const isRedigo = contextFirst ? !!ref : ref?.library === 'redigo' || (!!name && (this.declared.packages.has('redis') ? [...this.declared.packages.values()].includes('redigo') : false)) || (!!name && /conn|redis|^c$|rc$/i.test(operand.text));
      if (name && isRedigo && /^[A-Z][A-Z_]*( [A-Z]+)?$/.test(name)) {
        const subcommandNode = args[commandIndex + 1];
        const sub = subcommandNode && /^["`][A-Za-z]+["`]$/.test(subcommandNode.text) ? subcommandNode.text.slice(1, -1).toUpperCase() : undefined;
        const command = goRedisCommand(name.charAt(0) + name.slice(1).toLowerCase()) ? (/ /.test(name) ? name : ['CONFIG', 'CLIENT', 'CLUSTER', 'SCRIPT', 'OBJECT', 'MEMORY', 'XGROUP', 'XINFO', 'SLOWLOG', 'DEBUG', 'ACL'].includes(name) && sub ? `${name} ${sub}` : name) : name;
        const library = contextFirst && ref ? ref.library : ('redigo' as const);
        const receiver = ref ? { ...ref, library } : { ...this.likely(operand.text, `it sends the Redis command ${name} with Do/Send`), library };
        const frame = this.frame;
        const connection = operand.text;
        let inTransaction = !!frame?.inMulti.has(connection);
        if (frame && name === 'MULTI') frame.inMulti.add(connection);
        if (frame && (name === 'EXEC' || name === 'DISCARD')) {
          frame.inMulti.delete(connection);
          inTransaction = true;
        }
        const skip = command === 'CONFIG SET' || command === 'CONFIG GET' || command === 'CLIENT KILL' ? 2 : 1;
        this.addSite(node, field, method, command, receiver, withRedigoArgsElements(args.slice(commandIndex + (command.includes(' ') && sub ? skip : 1))), method === 'Send' || inTransaction, inTransaction);
      }
      return;
    }
    if (!ref) {
      const run = goScriptRun(method, args, (n) => this.resolve(n));
      if (run) this.addSite(node, field, method, run.command, run.client, run.args, run.client.kind === 'pipeline' || run.client.kind === 'transaction', run.client.kind === 'transaction', run.clientText);
      return;
    }
    if (ref.library === 'rueidis') return;
    if (Object.hasOwn(GO_REDIS_PIPELINES, method)) {
      this.helperCalls.push(this.site(node, field, method, method.toUpperCase(), ref, [], false, false));
      return;
    }
    if (ref.library === 'redigo') return;
    const command = goRedisCommand(method);
    if (!command) return;
    // A name-only receiver must look like go-redis: Redis-only method names, or a context first (v8+).
    if (ref.confidence === 'likely' && !this.usesRedisLibrary && !(args[0] && looksLikeContext(args[0])) && /^(Get|Set|Del|Exists|Keys|Type|Append|Info|Time|Echo|Ping|Dump|Sort|Watch|Scan)$/.test(method) && !/redis|rdb/i.test(operand.text)) return;
    const commandArgs = args[0] && looksLikeContext(args[0]) ? args.slice(1) : args;
    const batched = ref.kind === 'pipeline' || ref.kind === 'transaction';
    this.addSite(node, field, method, command, ref, commandArgs, batched, ref.kind === 'transaction');
  }

  /** rueidis: `client.Do(ctx, client.B().Set().Key(k).Value(v).Ex(ttl).Build())` — the first step names the command. */
  private rueidisBuilder(bCall: Node, operand: Node): void {
    const step = bCall.parent;
    if (step?.type !== 'selector_expression') return;
    const stepName = step.childForFieldName('field');
    const stepCall = step.parent;
    if (!stepName || stepCall?.type !== 'call_expression') return;
    const command = rueidisCommand(stepName.text);
    if (!command) return;
    const ref = this.resolve(operand) ?? (this.declared.packages.size && [...this.declared.packages.values()].includes('rueidis') ? this.likely(operand.text, 'it builds commands with B()') : undefined);
    if (!ref) return;
    const args: Arg[] = [];
    const keywords: Record<string, Arg> = {};
    let top: Node = stepCall;
    for (let current: Node | null = stepCall; current; ) {
      const next: Node | null = current.parent?.type === 'selector_expression' && current.parent.parent?.type === 'call_expression' ? current.parent.parent : null;
      if (!next) break;
      const name = current.parent!.childForFieldName('field')?.text ?? '';
      if (name === 'Build' || name === 'Cache') {
        top = next;
        break;
      }
      const stepArgs = next.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
      const converted = stepArgs.map((n) => goArg(n));
      args.push(...converted);
      keywords[name.toLowerCase()] = converted[0] ?? { value: { kind: 'boolean', value: true }, text: name, span: spanOf(next), fullSpan: spanOf(next) };
      top = next;
      current = next;
    }
    const batched = insideBatch(top);
    const site = this.site(top, stepName, stepName.text, command, { ...ref, library: 'rueidis' }, [], batched, false);
    site.args = args;
    site.keywords = keywords;
    site.callSpan = spanOf(top);
    this.callSites.push(site);
  }

  private site(node: Node, field: Node, method: string, command: string, ref: GoRef, args: Arg[], batched: boolean, inTransaction: boolean): RedisCallSite {
    return goCallSite({ node, field, method, command, ref, args, batched, inTransaction }, this.frame?.info, this.loops[this.loops.length - 1], this.text);
  }

  /** `receiverText`: the client's own text when the call is made on something else (a script run). */
  private addSite(node: Node, field: Node, method: string, command: string, ref: GoRef, args: Node[], batched: boolean, inTransaction: boolean, receiverText?: string): void {
    const site = this.site(node, field, method, command, ref, args.map((a) => goArg(a)), batched, inTransaction);
    if (receiverText !== undefined) site.receiver.text = receiverText;
    this.callSites.push(site);
  }

  private closed(name: string, deferred: boolean): void {
    markClosed([...this.frames].reverse(), name, deferred);
  }

  private deferred(node: Node): void {
    for (const name of deferredCloses(node)) this.closed(name, true);
  }

  private returned(node: Node): void {
    if (this.frame) markEarlyReturns(this.frame.takes, node);
  }

  /** Marks connections handed to other code (stored in a field, passed to a call, sent to a goroutine). */
  markHandOvers(): void {
    markHandOvers(this.takes, this.text);
  }
}
