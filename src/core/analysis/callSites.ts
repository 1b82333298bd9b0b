/**
 * Builds the call sites of one file from its collected calls: which calls are Redis commands on a traced client,
 * their arguments, spans, loop and function context, listeners and deserializations.
 */
import type { Node } from 'web-tree-sitter';
import { buildCallSite } from './callSiteFields';
import type { ClientTracker } from './clientTracker';
import { MODULE_SCOPE, type Collected, type ContextSnapshot, type RawCall } from './collect';
import { GENERIC_COMMAND_METHODS, WRITE_COMMANDS, commandForMethod } from './commandNames';
import type { ChunkOutputs } from './incremental';
import type { ClientCreation, ClientLibrary, Deserialization, LoopInfo, ReceiverInfo, RedisCallSite } from './model';
import { noteClientEscapes } from './handOver';
import { argShape, genericCommand } from './commandOfCall';
import { isDjangoCache, ScopeAssignments, setsWithoutTimeout } from './djangoCache';
import { innermostForLoop, localCallAt, loopCallAt, type CallerInfo } from './indirectCalls';
import { boundCommands, normalizeReceiver } from './fileEvidence';
import { judgeReceiver, type ProjectFacts } from './receiverEvidence';
import { loopInfoOf } from './loopShape';
import { assignsFunctionTo } from './methodAssignment';
import { loopDependsOnReply } from './replyDependence';
import { handedUnpicklers } from './handedDeserializers';
import { MENTIONS_PICKLE, PickleFlow } from './pickleFlow';
import { ReplyFlow } from './replyFlow';
import { spanOf } from './spans';
import { REDIS_MODULES, type CalleeHint, type CallParts, type LanguageSyntax } from './syntax';
import type { ExportedCommand } from './workspaceLookup';

const DESERIALIZERS = /^(pickle|cPickle|_pickle|dill|cloudpickle)\.loads?$/;
/** Method names that create, derive or listen to clients, or deserialize (besides Redis command names). */
const INTERESTING_METHODS = new Set([
  'Redis', 'StrictRedis', 'RedisCluster', 'ConnectionPool', 'BlockingConnectionPool', 'Sentinel', 'from_url', 'create_redis_pool', 'create_redis',
  'create_connection', 'get_redis_connection', 'createClient', 'createCluster', 'createClientPool', 'createSentinel', 'Cluster', 'duplicate',
  'connect', 'pipeline', 'multi', 'pubsub', 'client', 'master_for', 'slave_for', 'on', 'once', 'addListener', 'prependListener', 'loads',
  'lock', 'register_script', 'defineCommand', 'transaction', 'execute', 'exec', 'execAsPipeline', 'withOptions', 'withTypeMapping', 'withCommandOptions',
  'sendCommand', 'execute_command', 'call', 'send_command', 'callBuffer', 'apply',
]);

/** A call of a serializer's bytes-to-object method (`codec.loads(raw)`, `serializer.deserialize(raw)`). */
const LOADING_CALL = /\.(?:loads|loadb|load|deserialize|unpack)\s*\(/;

/** Batch control commands are structure, not work: rules read them from helperCalls. */
const BATCH_CONTROL = new Set(['MULTI', 'EXEC', 'DISCARD']);

export class CallSiteBuilder {
  private readonly pickleCandidates: { call: RawCall; fn: string; out: ChunkOutputs }[] = [];
  private readonly siteByOffset = new Map<number, RedisCallSite>();
  private readonly sitesInLoops: { site: RedisCallSite; call: Node; loop: Node }[] = [];

  constructor(
    private readonly tracker: ClientTracker,
    private readonly syntax: LanguageSyntax,
    private readonly text: string,
    private readonly collected: Collected,
    /** The workspace says the project uses a Redis client (evidence for files that never name Redis). */
    private readonly projectUsesRedis = false,
    /** The workspace has a Redis-issuing helper of this name: a method call of it in a loop is kept (crossFileHelpers.ts). */
    private readonly isHelperName?: (name: string) => boolean,
    /** Whether a project module (by import specifier) may attach an 'error' listener to a client handed to it. */
    private readonly moduleMayListen?: (specifier: string) => boolean,
    /** The project's serializer classes whose loads unpickles (picklingClasses.ts), for modules that only import one. */
    private readonly picklingClasses?: () => readonly string[],
    /** The command a project module (by import specifier) exports under a name, bound to its client (exportedBoundCommands.ts). */
    private readonly exportedBoundCommand?: (specifier: string, name: string) => ExportedCommand | undefined,
  ) {}

  /** Project pickling serializer classes this file names, computed once. */
  private namedPicklingClasses?: string[];

  private picklingClassesNamed(): string[] {
    // The index is asked only by files that call a loading method, so that other analyses do not depend on its answer.
    this.namedPicklingClasses ??= this.picklingClasses && LOADING_CALL.test(this.text) ? this.picklingClasses().filter((name) => this.text.includes(name)) : [];
    return this.namedPicklingClasses;
  }

  /** A module-level deserializer may read a variable assigned from Redis in any statement of the file. */
  hasModuleLevelDeserializer(): boolean {
    return this.pickleCandidates.some(({ call }) => call.context.scopes[0] === MODULE_SCOPE);
  }

  /** Unpickling is followed through the file's own functions (pickleFlow.ts): such files are analysed whole. */
  followsPickleAcrossFunctions(): boolean {
    return this.syntax.family === 'python' && (MENTIONS_PICKLE.test(this.text) || this.picklingClassesNamed().length > 0);
  }

  private pickleFlow?: PickleFlow;

  /**
   * Adds the deserializations found by analyzeCall to the outputs their calls belong to, and (in files that mention
   * pickle) those made through the file's own helpers, to the output `outputAt` names for their offset.
   */
  addDeserializations(root: Node, outputAt: (offset: number) => ChunkOutputs): void {
    if (this.followsPickleAcrossFunctions()) this.pickleFlow = new PickleFlow(root, this.text, this.collected.calls, this.siteByOffset, this.collected.bindings, this.picklingClassesNamed());
    for (const { call, fn, out } of this.pickleCandidates) out.deserializations.push(this.deserialization(call, fn));
    for (const item of this.pickleFlow?.indirect() ?? []) outputAt(item.span.startOffset).deserializations.push(item);
    if (!this.pickleFlow) return;
    for (const item of handedUnpicklers(this.text, this.collected.calls, (node, context) => !!this.tracker.resolve(node, context))) outputAt(item.span.startOffset).deserializations.push(item);
  }

  analyzeCall(call: RawCall, out: ChunkOutputs): void {
    if (call.context.fnNode && call.type !== 'new_expression') this.noteLocalCall(call, out);
    if (call.context.loops.length && call.type !== 'new_expression') this.noteLoopCall(call, out);
    const hint = this.worthResolving(call);
    if (!hint) return;
    let parts = this.tracker.partsOf(call.node, hint);
    if (!parts) return;
    if (this.tracker.creationAt(call.node, call.context)) return;
    // Only `<module>.load(s)` can be a deserializer: the dotted path (several node reads) is built for those alone.
    if (this.syntax.family === 'python' && (parts.property === 'loads' || parts.property === 'load')) {
      const path = this.syntax.dottedPath(parts.callee);
      if (path && DESERIALIZERS.test(path) && (!parts.object || this.tracker.isImportedName(path.split('.')[0], call.context))) this.pickleCandidates.push({ call, fn: path, out });
    }
    if (!parts.object && parts.callee.type === 'identifier' && this.syntax.family === 'script') {
      this.analyzeBoundCommand(call, parts, out);
      return;
    }
    if (!parts.object || !parts.property) return;
    // `redis.getAsync(k)` after `import * as redis from './redis'` (or a whole `require`): a command that module binds.
    if (this.exportedBoundCommand && parts.object.type === 'identifier') {
      const source = this.tracker.importOf(parts.object.text, call.context);
      if (source && (source.imported === '*' || source.imported === 'default') && this.analyzeImportedCommand(call, parts, out, source.module, parts.property)) return;
    }
    if ((parts.property === 'apply' || parts.property === 'call') && this.syntax.family === 'script') parts = this.throughFunctionMethod(parts);
    if (!parts.object || !parts.property) return;
    const method = parts.property;
    const receiver = this.receiverOf(parts.object, call.context, parts, method);
    if (!receiver) return;
    if (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') {
      const event = parts.args[0] ? this.syntax.evaluate(parts.args[0]) : undefined;
      if (event?.kind === 'string') out.listeners.push({ identity: receiver.identity, event: event.value, span: spanOf(call.node) });
      return;
    }
    if (receiver.kind === 'pool' || receiver.kind === 'sentinel') return;
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, method, this.siteLoopInfo);
    if (site.command && !BATCH_CONTROL.has(site.command)) {
      out.callSites.push(site);
      this.siteByOffset.set(call.node.startIndex, site);
      // Only unbatched commands on a client can make an N+1 loop; the rest need no dependence check.
      const candidate = site.loop && !site.batched && (receiver.kind === 'client' || receiver.kind === 'cluster') && (this.syntax.family === 'python' || site.awaited);
      const loopNode = candidate && innermostForLoop(call.context, call.node.startIndex)?.node;
      if (loopNode) this.sitesInLoops.push({ site, call: call.node, loop: loopNode });
    } else out.helperCalls.push(site);
  }

  /**
   * `client.brpop.apply(client, args)` / `client.get.call(client, key)`: the command method called through
   * Function.prototype, on the client it is bound to (the arguments of `apply` come as one unknown array).
   */
  private throughFunctionMethod(parts: CallParts): CallParts {
    const inner = parts.object;
    if (inner?.type !== 'member_expression') return parts;
    const object = inner.childForFieldName('object');
    const propertyNode = inner.childForFieldName('property');
    const thisArg = parts.args[0]?.text;
    if (!object || !propertyNode || !commandForMethod(propertyNode.text) || thisArg !== object.text) return parts;
    return { ...parts, callee: inner, object, property: propertyNode.text, propertyNode, args: parts.property === 'call' ? parts.args.slice(1) : [] };
  }

  private receiverOf(object: Node, context: ContextSnapshot, parts: CallParts, method: string): ReceiverInfo | undefined {
    const ref = this.tracker.resolve(object, context);
    if (ref) return { kind: ref.kind, library: ref.library, confidence: 'proven', text: object.text, creation: ref.creation, identity: ref.identity, origin: ref.origin, async: ref.async };
    const command = GENERIC_COMMAND_METHODS.has(method) ? genericCommand(parts, this.syntax) : commandForMethod(method);
    if (!command) return undefined;
    const text = object.text;
    if ((command === 'KEYS' || (command === 'SET' && setsWithoutTimeout(parts))) && this.facts().usesRedis && isDjangoCache(object, context, this.syntax, this.tracker, this.text, this.scopeAssignments)) {
      const evidence = command === 'KEYS' ? "Django's cache API has keys() only with the django-redis backend, where it runs KEYS" : 'the Django cache API on a project that uses Redis (django-redis)';
      return { kind: 'client', library: 'redis-py', confidence: 'likely', evidence, text, identity: `name:${normalizeReceiver(text)}`, origin: 'name', async: false, facade: 'django-cache' };
    }
    if (this.syntax.family === 'script' && this.assignsMethod(text, method)) return undefined;
    const first = /^[A-Za-z_$][\w$]*/.exec(text)?.[0];
    const verdict = judgeReceiver(
      {
        receiverText: text,
        method,
        command,
        args: argShape(parts, command, this.syntax),
        knownNonClient: !!first && this.tracker.isKnownNonClient(first, context),
        importedName: !!first && this.tracker.isImportedName(first, context) && !this.fromProjectRedisModule(first, context),
      },
      this.facts(),
    );
    if (!verdict) return undefined;
    const awaited = this.syntax.family === 'script' || parts.callee.parent?.parent?.type === 'await';
    return { kind: verdict.kind, library: verdict.library, confidence: 'likely', evidence: verdict.evidence, text, identity: `name:${normalizeReceiver(text)}`, origin: 'name', async: awaited };
  }

  /** `import { client } from '$services/redis'`: a name from the project's own Redis module (an alias path the index cannot resolve). */
  private fromProjectRedisModule(name: string, context: ContextSnapshot): boolean {
    const module = this.tracker.importedModuleOf(name, context);
    if (!module || REDIS_MODULES.has(module) || REDIS_MODULES.has(module.split(/[./]/)[0]) || /^@(redis|node-redis)\//.test(module)) return false;
    return /(^|[/.$@_-])(redis|valkey)([/._-]|$)/i.test(module);
  }

  /** Assignments per scope, for the Django cache check (see isDjangoCache). */
  private readonly scopeAssignments = new ScopeAssignments();

  private readonly assignedMethods = new Map<string, boolean>();

  /** The file assigns the method itself (`module.flushdb = async function () {...}`): project code, not the client's command. */
  private assignsMethod(receiver: string, method: string): boolean {
    const key = `${receiver}\n${method}`;
    let found = this.assignedMethods.get(key);
    if (found === undefined) {
      found = assignsFunctionTo(this.text, receiver, method);
      this.assignedMethods.set(key, found);
    }
    return found;
  }

  /**
   * `bumpCounter(key)` where `bumpCounter = promisify(conn.incr).bind(conn)`: the command of the bound method,
   * on a receiver judged like any other (likely: the binding is read from the text, not traced).
   */
  private analyzeBoundCommand(call: RawCall, parts: CallParts, out: ChunkOutputs): void {
    const bound = boundCommands(this.text).get(parts.callee.text);
    if (!bound && this.exportedBoundCommand) {
      // `const { asyncGet } = require('../configs/redis')`, `import { getAsync } from './redis'`
      const source = this.tracker.importOf(parts.callee.text, call.context);
      // `const keys = require('./models/keys')`, `import keys from './keys'`: a module whose whole export sends one command.
      if (source) this.analyzeImportedCommand(call, parts, out, source.module, source.imported === '*' ? 'default' : source.imported);
      return;
    }
    const command = bound && commandForMethod(bound.method);
    if (!bound || !command) return;
    const verdict = judgeReceiver(
      { receiverText: bound.receiver, method: bound.method, command, args: { strings: [], objectKeys: [], keywords: [] }, knownNonClient: false, importedName: false },
      this.facts(),
    );
    const redisLike = verdict ?? (this.tracker.importsRedis ? { library: this.facts().libraries.has('ioredis') ? 'ioredis' as const : 'node-redis' as const, kind: 'client' as const, evidence: '' } : undefined);
    if (!redisLike) return;
    const evidence = `${parts.callee.text}() is ${bound.receiver}.${bound.method} bound to its client`;
    const receiver: ReceiverInfo = { kind: redisLike.kind, library: redisLike.library, confidence: 'likely', evidence, text: bound.receiver, identity: `name:${normalizeReceiver(bound.receiver)}`, origin: 'name', async: true };
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, bound.method, this.siteLoopInfo);
    if (!site.command) return;
    out.callSites.push(site);
    this.siteByOffset.set(call.node.startIndex, site);
  }

  /**
   * A call of a command that the project module `module` exports as `name`, bound to its client: the command of the
   * bound method on that module's client (likely: the binding is read from the other module's text, not traced).
   */
  private analyzeImportedCommand(call: RawCall, parts: CallParts, out: ChunkOutputs, module: string, name: string): boolean {
    if (!module.startsWith('.')) return false;
    const exported = this.exportedBoundCommand!(module, name);
    if (!exported || !commandForMethod(exported.method)) return false;
    const evidence = `${name}() of ${module} is its client's ${exported.method} bound to the client`;
    const receiver: ReceiverInfo = { kind: 'client', library: exported.library, confidence: 'likely', evidence, text: parts.callee.text, identity: exported.identity, origin: 'imported', async: true };
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, exported.method, this.siteLoopInfo);
    if (!site.command) return false;
    out.callSites.push(site);
    this.siteByOffset.set(call.node.startIndex, site);
    return true;
  }

  /** LoopInfo per for-loop (by start offset: no two loop nodes start together), read from the tree once. */
  private readonly loopInfos = new Map<number, LoopInfo>();

  private loopInfoAt(loop: Node): LoopInfo {
    const start = loop.startIndex;
    let info = this.loopInfos.get(start);
    if (!info) this.loopInfos.set(start, (info = loopInfoOf(loop, this.syntax, this.text)));
    return info;
  }

  /**
   * A call site's own copy of its loop's LoopInfo: its dependsOnReply is set per site (markReplyDependentLoops),
   * and its span is the site's as spanOf would have made it.
   */
  private readonly siteLoopInfo = (loop: Node): LoopInfo => {
    const info = this.loopInfoAt(loop);
    const span = info.span;
    return { ...info, span: { ...span, start: { ...span.start }, end: { ...span.end } } };
  };

  /** A call of one of this file's item accessors inside a for-loop, for command-in-loop through helpers. */
  private noteLoopCall(call: RawCall, out: ChunkOutputs): void {
    const loop = innermostForLoop(call.context, call.node.startIndex);
    const callee = loop && call.node.childForFieldName('function');
    if (!loop || !callee) return;
    const found = loopCallAt(call.node, callee, loop, this.text, this.syntax, (frame) => this.loopInfoAt(frame.node), call.context.fnNode && this.callerOf(call.context.fnNode).name, this.isHelperName);
    if (found) out.loopCalls.push(found);
  }

  private readonly callers = new WeakMap<Node, CallerInfo>();
  private readonly localCallKeys = new WeakMap<ChunkOutputs, Set<string>>();

  private callerOf(fnNode: Node): CallerInfo {
    let info = this.callers.get(fnNode);
    if (!info) this.callers.set(fnNode, (info = { name: this.syntax.functionName(fnNode), lines: fnNode.endPosition.row - fnNode.startPosition.row, isAsync: this.syntax.isAsyncFunction(fnNode) }));
    return info;
  }

  /** A call between the file's own functions (`self.getHash(...)` inside `getUser`), for helpers that send commands through others. */
  private noteLocalCall(call: RawCall, out: ChunkOutputs): void {
    const start = call.node.startIndex;
    // The iterable of a loop or comprehension (`for bv in self.buckets_counts(name)`) is called once, not per round.
    const found = localCallAt(this.text, start, this.callerOf(call.context.fnNode!), call.context.loops.some((loop) => start >= loop.bodyStart && start < loop.bodyEnd));
    if (!found) return;
    let keys = this.localCallKeys.get(out);
    if (!keys) this.localCallKeys.set(out, (keys = new Set()));
    const key = `${found.caller}\n${found.callee}`;
    if (keys.has(key)) return;
    keys.add(key);
    out.localCalls.push(found);
  }

  private factsCache?: ProjectFacts;

  /** What the file (and, for files that do not mention Redis, the project) says about Redis use. */
  private facts(): ProjectFacts {
    if (!this.factsCache) {
      const libraries = new Set<ClientLibrary>();
      for (const module of this.tracker.importedModules) {
        if (module === 'ioredis') libraries.add('ioredis');
        else if (module === 'redis' || module.startsWith('@redis/') || module.startsWith('@node-redis/')) libraries.add(this.syntax.family === 'python' ? 'redis-py' : 'node-redis');
      }
      const usesRedis = /redis/i.test(this.text) || this.tracker.importsRedis || this.projectUsesRedis;
      this.factsCache = { family: this.syntax.family, usesRedis, libraries, text: this.text };
    }
    return this.factsCache;
  }

  /** Statement for-loops whose round trips depend on earlier replies (retry, poll, paging) cannot be batched. */
  markReplyDependentLoops(): void {
    const byLoop = new Map<number, typeof this.sitesInLoops>();
    for (const entry of this.sitesInLoops) {
      if (entry.loop.type !== 'for_statement' && entry.loop.type !== 'for_in_statement') continue;
      const list = byLoop.get(entry.loop.startIndex) ?? [];
      list.push(entry);
      byLoop.set(entry.loop.startIndex, list);
    }
    for (const entries of byLoop.values()) {
      const loop = entries[0].loop;
      const body = loop.childForFieldName('body');
      if (!body) continue;
      const calls = entries.map((entry) => entry.call);
      const dependent = entries.some((entry) => loopDependsOnReply(loop, body, entry.call, calls, WRITE_COMMANDS.has(entry.site.command)));
      for (const entry of entries) entry.site.loop!.dependsOnReply = dependent;
    }
  }

  /** Where this file hands its clients to other code (handOver.ts); only the TS/JS error-listener rule asks. */
  noteEscapes(creations: ClientCreation[], escapedIdentities: Set<string>, exportedIdentities: Set<string>): void {
    noteClientEscapes(this.text, creations, escapedIdentities, exportedIdentities, this.moduleMayListen);
  }

  /**
   * Cheap filter before the expensive node reads: only calls that could involve a Redis client. Returns the
   * callee reads it made, so the call parts reuse them instead of crossing into Wasm again.
   */
  private worthResolving(call: RawCall): CalleeHint | undefined {
    const node = call.node;
    const callee = node.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
    if (!callee) return undefined;
    const type = callee.type;
    if (type === 'attribute' || type === 'member_expression') {
      const propertyNode = callee.childForFieldName(type === 'attribute' ? 'attribute' : 'property');
      const property = propertyNode?.text;
      const name = property ?? '';
      const worth =
        INTERESTING_METHODS.has(name) || commandForMethod(name) !== undefined || call.type === 'new_expression' || (this.exportedBoundCommand !== undefined && this.onImportedName(callee, type, call.context));
      return worth ? { callType: call.type, callee, calleeType: type, propertyNode, property } : undefined;
    }
    if (type === 'identifier') return this.tracker.hasBinding(callee.text, call.context) ? { callType: call.type, callee, calleeType: type } : undefined;
    return undefined;
  }

  private importsProjectModule?: boolean;

  /** `redis.getAsync(...)` where `redis` is an imported module: the property may be a command that module binds. */
  private onImportedName(callee: Node, type: string, context: ContextSnapshot): boolean {
    this.importsProjectModule ??= /(?:\bfrom\s*|\brequire\(\s*)['"]\./.test(this.text);
    if (!this.importsProjectModule) return false;
    const object = type === 'member_expression' ? callee.childForFieldName('object') : null;
    return object?.type === 'identifier' && this.tracker.isImportedName(object.text, context);
  }

  private deserialization(call: RawCall, fn: string): Deserialization {
    const parts = this.tracker.partsOf(call.node)!;
    const result: Deserialization = { function: fn, span: spanOf(call.node), fromRedis: false };
    const first = parts.args[0] ? this.syntax.unwrap(parts.args[0]) : undefined;
    if (!first) return result;
    let site: RedisCallSite | undefined;
    let readCommand: string | undefined;
    if (this.syntax.family === 'python') {
      // Replies reached directly, through variables, indexing, iteration, unpacking or a pipeline's execute() (replyFlow.ts).
      readCommand = new ReplyFlow(this.siteByOffset, call.context.fnNode ?? call.node.tree.rootNode, this.pickleFlow?.functions).replyOf(first);
      // A decoder function a wrapper applies to a reply (`decoder(r.get(k))` given `self.pickle_decoder`).
      readCommand ??= this.pickleFlow?.decoderReply(call.node);
    }
    if (!readCommand) site = this.siteByOffset.get(first.startIndex);
    if (!readCommand && !site && first.type === 'identifier') {
      const assignments = this.collected.bindings.get(call.context.scopes[0])?.get(first.text) ?? [];
      for (const binding of assignments) {
        if (binding.kind !== 'assign' || !binding.value || binding.value.startIndex > call.node.startIndex) continue;
        site = this.siteByOffset.get(this.syntax.unwrap(binding.value).startIndex) ?? site;
      }
    }
    readCommand ??= site?.command;
    if (readCommand !== undefined) {
      result.fromRedis = true;
      result.readCommand = readCommand;
    }
    return result;
  }
}
