/**
 * The receiver of a method call: a client the tracker traced, or one judged likely from its name, the command and
 * what the file (or, for files that never name Redis, the project) says about Redis use.
 */
import type { Node } from 'web-tree-sitter';
import type { ClientTracker } from './clientTracker';
import type { ContextSnapshot } from './collect';
import { GENERIC_COMMAND_METHODS, commandForMethod } from './commandNames';
import { argShape, genericCommand } from './commandOfCall';
import { isDjangoCache, ScopeAssignments, setsWithoutTimeout } from './djangoCache';
import { normalizeReceiver } from './fileEvidence';
import { assignsFunctionTo } from './methodAssignment';
import type { ClientLibrary, ReceiverInfo } from './model';
import { judgeReceiver, type ProjectFacts } from './receiverEvidence';
import { REDIS_MODULES, type CallParts, type LanguageSyntax } from './syntax';

export class CallReceivers {
  constructor(
    private readonly tracker: ClientTracker,
    private readonly syntax: LanguageSyntax,
    private readonly text: string,
    /** The workspace says the project uses a Redis client (evidence for files that never name Redis). */
    private readonly projectUsesRedis: boolean,
  ) {}

  /** `sent` is the command when the method name alone does not say it (a RedisJSON command through `json()`). */
  receiverOf(object: Node, context: ContextSnapshot, parts: CallParts, method: string, sent?: string): ReceiverInfo | undefined {
    const ref = this.tracker.resolve(object, context);
    if (ref?.ownMethods?.includes(sent ? 'json' : method)) return undefined;
    if (ref) return { kind: ref.kind, library: ref.library, confidence: 'proven', text: object.text, creation: ref.creation, identity: ref.identity, origin: ref.origin, async: ref.async };
    const command = sent ?? (GENERIC_COMMAND_METHODS.has(method) ? genericCommand(parts, this.syntax) : commandForMethod(method));
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

  private factsCache?: ProjectFacts;

  /** What the file (and, for files that do not mention Redis, the project) says about Redis use. */
  facts(): ProjectFacts {
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
}
