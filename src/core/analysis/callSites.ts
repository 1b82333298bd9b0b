/**
 * Builds the call sites of one file from its collected calls: which calls are Redis commands on a traced client,
 * their arguments, spans, loop and function context, listeners and deserializations. Receivers known only by name
 * are judged in callReceivers.ts, loops and calls between the file's functions are noted in loopAndLocalCalls.ts,
 * and deserializations are read in callDeserializations.ts.
 */
import type { Node } from 'web-tree-sitter';
import { CallDeserializations } from './callDeserializations';
import { CallReceivers } from './callReceivers';
import { buildCallSite } from './callSiteFields';
import type { ClientTracker } from './clientTracker';
import type { Collected, ContextSnapshot, RawCall } from './collect';
import { commandForMethod, jsonCommandForMethod } from './commandNames';
import type { ChunkOutputs } from './incremental';
import type { ClientCreation, ReceiverInfo, RedisCallSite } from './model';
import { noteClientEscapes } from './handOver';
import { innermostForLoop } from './indirectCalls';
import { boundCommands, normalizeReceiver } from './fileEvidence';
import { judgeReceiver } from './receiverEvidence';
import { LoopAndLocalCalls } from './loopAndLocalCalls';
import { spanOf } from './spans';
import type { CalleeHint, CallParts, LanguageSyntax } from './syntax';
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

/** Batch control commands are structure, not work: rules read them from helperCalls. */
const BATCH_CONTROL = new Set(['MULTI', 'EXEC', 'DISCARD']);

export class CallSiteBuilder {
  private readonly siteByOffset = new Map<number, RedisCallSite>();
  private readonly receivers: CallReceivers;
  private readonly loops: LoopAndLocalCalls;
  private readonly deserializations: CallDeserializations;

  constructor(
    private readonly tracker: ClientTracker,
    private readonly syntax: LanguageSyntax,
    private readonly text: string,
    collected: Collected,
    /** The workspace says the project uses a Redis client (evidence for files that never name Redis). */
    projectUsesRedis = false,
    /** The workspace has a Redis-issuing helper of this name: a method call of it in a loop is kept (crossFileHelpers.ts). */
    isHelperName?: (name: string) => boolean,
    /** Whether a project module (by import specifier) may attach an 'error' listener to a client handed to it. */
    private readonly moduleMayListen?: (specifier: string) => boolean,
    /** The project's serializer classes whose loads unpickles (picklingClasses.ts), for modules that only import one. */
    picklingClasses?: () => readonly string[],
    /** The command a project module (by import specifier) exports under a name, bound to its client (exportedBoundCommands.ts). */
    private readonly exportedBoundCommand?: (specifier: string, name: string) => ExportedCommand | undefined,
  ) {
    this.receivers = new CallReceivers(tracker, syntax, text, projectUsesRedis);
    this.loops = new LoopAndLocalCalls(syntax, text, isHelperName);
    this.deserializations = new CallDeserializations(tracker, syntax, text, collected, this.siteByOffset, picklingClasses);
  }

  /** A module-level deserializer may read a variable assigned from Redis in any statement of the file. */
  hasModuleLevelDeserializer(): boolean {
    return this.deserializations.hasModuleLevelDeserializer();
  }

  /** Unpickling is followed through the file's own functions (pickleFlow.ts): such files are analysed whole. */
  followsPickleAcrossFunctions(): boolean {
    return this.deserializations.followsPickleAcrossFunctions();
  }

  /**
   * Adds the deserializations found by analyzeCall to the outputs their calls belong to, and (in files that mention
   * pickle) those made through the file's own helpers, to the output `outputAt` names for their offset.
   */
  addDeserializations(root: Node, outputAt: (offset: number) => ChunkOutputs): void {
    this.deserializations.addDeserializations(root, outputAt);
  }

  analyzeCall(call: RawCall, out: ChunkOutputs): void {
    if (call.context.fnNode && call.type !== 'new_expression') this.loops.noteLocalCall(call, out);
    if (call.context.loops.length && call.type !== 'new_expression') this.loops.noteLoopCall(call, out);
    const hint = this.worthResolving(call);
    if (!hint) return;
    let parts = this.tracker.partsOf(call.node, hint);
    if (!parts) return;
    if (this.tracker.creationAt(call.node, call.context)) return;
    // Only `<module>.load(s)` can be a deserializer: the dotted path (several node reads) is built for those alone.
    if (this.syntax.family === 'python' && (parts.property === 'loads' || parts.property === 'load')) {
      const path = this.syntax.dottedPath(parts.callee);
      if (path && DESERIALIZERS.test(path) && (!parts.object || this.tracker.isImportedName(path.split('.')[0], call.context))) this.deserializations.noteCandidate(call, path, out);
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
    const jsonClient = this.jsonNamespaceOwner(parts);
    if (jsonClient) {
      this.analyzeJsonCommand(call, parts, jsonClient, out);
      return;
    }
    const receiver = this.receivers.receiverOf(parts.object, call.context, parts, method);
    if (!receiver) return;
    if (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') {
      const event = parts.args[0] ? this.syntax.evaluate(parts.args[0]) : undefined;
      if (event?.kind === 'string') out.listeners.push({ identity: receiver.identity, event: event.value, span: spanOf(call.node) });
      return;
    }
    if (receiver.kind === 'pool' || receiver.kind === 'sentinel') return;
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, method, this.loops.siteLoopInfo);
    if (site.command && !BATCH_CONTROL.has(site.command)) {
      out.callSites.push(site);
      this.siteByOffset.set(call.node.startIndex, site);
      // Only unbatched commands on a client can make an N+1 loop; the rest need no dependence check.
      const candidate = site.loop && !site.batched && (receiver.kind === 'client' || receiver.kind === 'cluster') && (this.syntax.family === 'python' || site.awaited);
      const loopNode = candidate && innermostForLoop(call.context, call.node.startIndex)?.node;
      if (loopNode) this.loops.noteSiteInLoop(site, call.node, loopNode);
    } else out.helperCalls.push(site);
  }

  /**
   * `r.json().set(k, '$', v)` (redis-py, redis-om) and `client.json.set(k, '$', v)` (node-redis): the owner of the
   * JSON namespace, when the call is a RedisJSON command on it. The owner is judged as a receiver like any other.
   */
  private jsonNamespaceOwner(parts: CallParts): Node | undefined {
    const namespace = parts.object;
    if (!namespace || !parts.property || !jsonCommandForMethod(parts.property)) return undefined;
    if (this.syntax.family === 'python') {
      if (namespace.type !== 'call' || namespace.childForFieldName('arguments')?.namedChildCount) return undefined;
      const callee = namespace.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'json') return undefined;
      return callee.childForFieldName('object') ?? undefined;
    }
    if (namespace.type !== 'member_expression' || namespace.childForFieldName('property')?.text !== 'json') return undefined;
    return namespace.childForFieldName('object') ?? undefined;
  }

  private analyzeJsonCommand(call: RawCall, parts: CallParts, owner: Node, out: ChunkOutputs): void {
    const command = jsonCommandForMethod(parts.property!)!;
    const receiver = this.receivers.receiverOf(owner, call.context, parts, parts.property!, command);
    if (!receiver || receiver.kind === 'pool' || receiver.kind === 'sentinel') return;
    const site = { ...buildCallSite(this.syntax, this.text, call, parts, receiver, parts.property!, this.loops.siteLoopInfo), command };
    out.callSites.push(site);
    this.siteByOffset.set(call.node.startIndex, site);
    const candidate = site.loop && !site.batched && (receiver.kind === 'client' || receiver.kind === 'cluster') && (this.syntax.family === 'python' || site.awaited);
    const loopNode = candidate && innermostForLoop(call.context, call.node.startIndex)?.node;
    if (loopNode) this.loops.noteSiteInLoop(site, call.node, loopNode);
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
      this.receivers.facts(),
    );
    const redisLike = verdict ?? (this.tracker.importsRedis ? { library: this.receivers.facts().libraries.has('ioredis') ? 'ioredis' as const : 'node-redis' as const, kind: 'client' as const, evidence: '' } : undefined);
    if (!redisLike) return;
    const evidence = `${parts.callee.text}() is ${bound.receiver}.${bound.method} bound to its client`;
    const receiver: ReceiverInfo = { kind: redisLike.kind, library: redisLike.library, confidence: 'likely', evidence, text: bound.receiver, identity: `name:${normalizeReceiver(bound.receiver)}`, origin: 'name', async: true };
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, bound.method, this.loops.siteLoopInfo);
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
    const site = buildCallSite(this.syntax, this.text, call, parts, receiver, exported.method, this.loops.siteLoopInfo);
    if (!site.command) return false;
    out.callSites.push(site);
    this.siteByOffset.set(call.node.startIndex, site);
    return true;
  }

  /** Statement for-loops whose round trips depend on earlier replies (retry, poll, paging) cannot be batched. */
  markReplyDependentLoops(): void {
    this.loops.markReplyDependentLoops();
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
        INTERESTING_METHODS.has(name) || commandForMethod(name) !== undefined || (jsonCommandForMethod(name) !== undefined && onJsonNamespace(callee)) || call.type === 'new_expression' || (this.exportedBoundCommand !== undefined && this.onImportedName(callee, type, call.context));
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
}

/**
 * The callee's object is a JSON namespace (`r.json().clear`, `client.json.merge`): RedisJSON's method names include
 * `clear`, `merge` and `toggle`, which every other call of those names (a Map's, a list's) must not make worth resolving.
 */
function onJsonNamespace(callee: Node): boolean {
  const object = callee.childForFieldName('object');
  return !!object && /\.json(?:\(\s*\))?$/.test(object.text);
}
