/** missing-error-listener: node-redis exits the process on an unhandled 'error'; ioredis only logs it. */
import type { ClientCreation, Rule } from './rule';
import type { ListenerSite } from '../analysis/model';
import { escapeRegExp } from '../analysis/keyReferences';
import { fix, insertAt } from './support/edits';
import { IMPORT_IOREDIS } from './exampleImports';
import { isOneShotScript } from './support/oneShotScripts';
import { queueConnectionMark } from '../analysis/queueConnections';
import { unlistenedFactoryCalls } from './support/factoryCallerClients';
import { ERROR_LISTENER, fieldHandedToListeningPackage, listenedThroughEventList, listenedThroughList, publicField } from './support/listenerEvidence';

export const missingErrorListener: Rule = {
  meta: {
    id: 'missing-error-listener',
    code: 'RR203',
    category: 'reliability',
    defaultSeverity: 'error',
    languages: ['javascript'],
    subject: 'clients',
    fixable: 'safe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      nodeRedis: "This node-redis client has no 'error' listener: the first connection error is thrown as an unhandled 'error' event and crashes the Node process. Add {{name}}.on('error', ...).",
      ioredis: "This ioredis client has no 'error' listener: connection errors are only printed as \"[ioredis] Unhandled error event\" and the application never hears about them. Add {{name}}.on('error', ...).",
    },
    docs: {
      summary: "Clients without an 'error' listener crash (node-redis) or fail silently (ioredis).",
      what: "Reports ioredis and node-redis clients (including duplicate()d ones) that no code attaches an 'error' listener to — in the same file, chained on the constructor, or in another file of the workspace that imports the client (not a test's: a spec that attaches one to the application's client, `getRedis().on('error', ...)`, leaves the running application without one); a listener on a scan stream of the client (`const stream = redis.scanStream(...)`, then `stream.on('error', reject)`) is the stream's, not the client's. A `duplicate()` is a new connection and needs its own listener (listeners are not copied), also when the client it copies is an option the analyzer cannot trace. Clients handed to other code (returned, passed as an argument to project code that attaches a listener or may pass the client on to a module that does, held in a `public` field of a class) are not reported, except that with the workspace known a client returned by an exported factory is reported when no file attaches an 'error' listener to the factory's result (importers of a default-exported factory reach it as the module's default; an arrow's expression body is its result: `export const make = () => new Redis(url)`, and so is a local the factory binds the client to and returns: `const client = createClient({ url }); await client.connect(); return client`), each call of a factory imported from another module of the project that makes a new client on every call (`this.pub = createRedisClient()`, a class field `sub = makeRedis(url)`, `const c = make()`) is reported at the call when the caller neither attaches a listener to that client nor hands it on, unless the factory's module attaches one itself (a factory that keeps one client and hands it out again is judged at the factory only), a client that is its module's default export (`export default new Redis()`, `module.exports = createClient()`) when no importer attaches one or hands it to a queue package, a client returned by a factory the module does not export and calls once to bind its own client (`const redis = initRedis()`, also through a memoizing wrapper: `const redis = singleton('cache', initRedis)`) that it neither exports nor hands on, and one returned by a NestJS provider's `useFactory` when no class that injects its token (`@Inject('REDIS_CLIENT')`) attaches one. The same factory in both branches of a conditional (`prod ? createClient(a) : createClient(b)`), and the field or variable a function sets in either branch of an if/else (`if (url) this.client = new Redis(url); else this.client = new Redis(opts)`), is one client, reported once.",
      why: "node-redis emits 'error' on every connection problem; an EventEmitter 'error' without listener is thrown and exits the process. ioredis catches it but only logs a warning on every reconnect attempt, so outages go unnoticed.",
      examples: [
        { client: 'node-redis', file: 'src/redis.ts', bad: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: process.env.REDIS_URL });\nawait client.connect();\n", good: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: process.env.REDIS_URL });\nclient.on('error', (err) => console.error('Redis error', err));\nawait client.connect();\n" },
        { client: 'ioredis', file: 'src/redis.ts', bad: IMPORT_IOREDIS + "\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\n", good: IMPORT_IOREDIS + "\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\nredis.on('error', (err) => console.error('Redis error', err));\n" },
      ],
      fix: "The quick fix chains `.on('error', (err) => console.error('Redis error', err))` onto the creating expression (both clients return themselves from `on`). It is safe; replace console.error with your logger.",
      falsePositives: "A helper in another package that attaches listeners: pass the client to it (escaping clients are not reported) or suppress inline. Not reported: a client given to BullMQ/Bull/Bee-Queue (also as `{ connection }` in an options object, and from a field: `new Queue(name, { ...opts, connection: this.redis })`, also when a conditional creates it only when the caller passed none, and by another project file that imports it: `new Worker(name, run, { connection: redis })`: they attach their own listener), handed to project code through a cast (`wrap(raw as any)`), listened to through the property path of a shared object it is kept on (`global.redisClient = createClient()` then `global.redisClient.on('error', ...)`, `app.locals.redis`), through a loop over a list of clients (`for (const c of [pub, sub]) c.on('error', ...)`, `[pub, sub].forEach(...)`) or over a list of event names that includes 'error' (`events.forEach((e) => client.on(e, log))`, lodash `map(events, ...)`), or created in a test runner's setup file (`vitest.setup.ts`, `jest.setup.js`, `setupTests.ts`) or in a module that imports a test runner or Testcontainers (fixtures shared as a package of their own). Nor an ioredis client of a one-shot script: a file that exports nothing, starts no server, subscription, worker, timer or endless loop, and ends the client (`quit()`, `disconnect()`) or the process (`process.exit()`) when its work is done: ioredis prints the unhandled 'error' in front of whoever started the run (a node-redis client is still reported: the error kills the script halfway).",
      references: [
        { title: 'node-redis README: events', url: 'https://github.com/redis/node-redis#events' },
        { title: 'ioredis: connection events', url: 'https://github.com/redis/ioredis#connection-events' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    // Fixtures shared as a module of their own (a `testcontainers` package of the monorepo) live outside test folders.
    if (TEST_SUPPORT_IMPORT.test(model.text)) return;
    const listened = new Set(model.listeners.filter((l) => l.event === 'error' && !listensToScanStream(model.text, l)).map((l) => l.identity));
    // A listener on a field or variable that several branches assign (`if (a) this.sub = x.duplicate(); else this.sub = new Redis()`) covers each of them.
    const bindingKey = (c: ClientCreation) => (c.binding?.startsWith('this.') ? c.binding : `${c.enclosingFunction?.span.startOffset ?? -1}:${c.binding}`);
    const listenedBindings = new Set(model.creations.filter((c) => c.binding && listened.has(`creation:${c.callSpan.startOffset}`)).map(bindingKey));
    for (const creation of model.creations) {
      const alternative = model.creations.some((other) => other !== creation && (isOtherBranch(model.text, other, creation) || isOtherIfBranch(model.text, other, creation)));
      if (creation.binding && listenedBindings.has(bindingKey(creation))) continue;
      if (creation.library === 'redis-py' || creation.chainedErrorListener || alternative) continue;
      if (isOneShotScript(model, creation)) continue;
      const unlistenedDefault = unlistenedDefaultExport(context, creation);
      const unlistenedResult = unlistenedFactoryResult(context, creation);
      if (creation.escapes && !unlistenedDefault && !unlistenedResult && !unlistenedProvider(context, creation) && !keptByPrivateFactory(model.text, creation)) continue;
      // A client held in a public field is part of the class's API (`store.client.on('error', ...)` is the caller's to attach).
      if (creation.binding?.startsWith('this.') && publicField(model.text, creation.binding.slice(5))) continue;
      const identity = `creation:${creation.callSpan.startOffset}`;
      if (listened.has(identity) || (model.escapedIdentities.has(identity) && !unlistenedDefault && !unlistenedResult && !unlistenedProvider(context, creation))) continue;
      if (creation.binding && (listenedThroughList(model.text, creation.binding) || listenedThroughEventList(model.text, creation.binding))) continue;
      // A client kept on a shared object (`global.redisClient = createClient()`, `app.locals.redis = new Redis()`) is
      // reached, and listened to, through the same property path.
      const member = memberAssigned(model.text, creation.span.startOffset);
      if (member && listenedOnPath(model.text, member)) continue;
      const field = creation.binding ?? fieldAssigned(model.text, creation.span.startOffset);
      if (field?.startsWith('this.') && fieldHandedToListeningPackage(model.text, field)) continue;
      // The module that creates (and exports) a client is where its listener belongs, unless an importer attaches one.
      if (creation.moduleLevel && creation.binding && context.hasErrorListenerElsewhere(`${model.path}#${creation.binding}`)) continue;
      const name = creation.binding ?? 'client';
      const nodeRedis = creation.library === 'node-redis';
      context.report({
        messageId: nodeRedis ? 'nodeRedis' : 'ioredis',
        data: { name },
        span: creation.span,
        severity: nodeRedis ? 'error' : 'warning',
        fixes: [fix("Log the client's 'error' events", true, [insertAt(creation.callSpan.endOffset, ".on('error', (err) => console.error('Redis error', err))")])],
      });
    }
    for (const call of unlistenedFactoryCalls(context)) {
      const nodeRedis = call.library === 'node-redis';
      context.report({
        messageId: nodeRedis ? 'nodeRedis' : 'ioredis',
        data: { name: call.binding ?? 'client' },
        span: call.span,
        severity: nodeRedis ? 'error' : 'warning',
        fixes: [fix("Log the client's 'error' events", true, [insertAt(call.callSpan.endOffset, ".on('error', (err) => console.error('Redis error', err))")])],
      });
    }
  },
};

/** `cond ? createClient(a) : createClient(b)`: the same factory in the other branch configures one client (a Cluster in one branch and a Redis in the other are two). */
function isOtherBranch(text: string, first: ClientCreation, second: ClientCreation): boolean {
  return first.factory === second.factory && first.callSpan.endOffset <= second.callSpan.startOffset && second.callSpan.startOffset - first.callSpan.endOffset < 300 && /^\s*\)?\s*:\s*\(?\s*(?:new\s+)?$/.test(text.slice(first.callSpan.endOffset, second.span.startOffset).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/[\w$.]+$/, ''));
}

/** How far apart the two branches of one if/else may start for their clients to count as one. */
const IF_ELSE_REACH = 2000;

/**
 * `if (url) { this.client = new Redis(url) } else { this.client = new Redis(opts) }`: the field or variable one
 * function sets with the same factory in either branch of an if/else holds one client, which needs one listener:
 * reported once, at the first branch (a `duplicate()` in one branch and a `new Redis()` in the other are two).
 */
function isOtherIfBranch(text: string, first: ClientCreation, second: ClientCreation): boolean {
  if (!first.binding || first.binding !== second.binding || first.factory !== second.factory || first.callSpan.endOffset > second.span.startOffset) return false;
  if (second.span.startOffset - first.callSpan.endOffset > IF_ELSE_REACH) return false;
  if (!first.enclosingFunction || first.enclosingFunction.span.startOffset !== second.enclosingFunction?.span.startOffset) return false;
  return /\belse\b/.test(text.slice(first.callSpan.endOffset, second.span.startOffset));
}

type Context = Parameters<Rule['check']>[0];

/** `client.scanStream(...)` and its set, hash and sorted-set forms: a readable stream of keys with its own 'error' event. */
const SCAN_STREAM = /\.\s*[shz]?scanStream\s*\(/;

/**
 * `const stream = cond ? this.redis.scanStream(...) : this.redis.nodes()[0].scanStream(...)` then
 * `stream.on('error', reject)`: the listener is the scan stream's (it rejects one scan), not the client's.
 */
function listensToScanStream(text: string, site: ListenerSite): boolean {
  const receiver = /^([A-Za-z_$][\w$]*)\s*\.\s*(?:on|once|addListener|prependListener)\b/.exec(text.slice(site.span.startOffset, site.span.startOffset + 200))?.[1];
  if (!receiver) return false;
  const assigned = [...text.slice(0, site.span.startOffset).matchAll(new RegExp(`(?:^|[^\\w$.])${escapeRegExp(receiver)}\\s*(?::[^=;\\n]+)?=(?![=>])([\\s\\S]*?)(?:;|\\n\\s*\\n)`, 'g'))].pop();
  return !!assigned && SCAN_STREAM.test(assigned[1]);
}

/**
 * `function initRedis() { return new Redis(...) }` that the module does not export, called once to bind the module's
 * own client (`const redis = initRedis()`, or through a memoizing wrapper: `const redis = singleton('cache', initRedis)`)
 * that it neither exports nor hands to other code: the module is the client's only user, and the one place its
 * listener can be attached.
 */
function keptByPrivateFactory(text: string, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  if (!fn || !/^[A-Za-z_$][\w$]*$/.test(fn.name) || ERROR_LISTENER.test(text)) return false;
  const before = text.slice(Math.max(0, creation.callSpan.startOffset - 40), creation.callSpan.startOffset);
  if (!/(?:\breturn\s+|=>\s*)(?:await\s+)?(?:new\s+)?$/.test(before)) return false;
  const name = escapeRegExp(fn.name);
  // Strings and comments blanked, offsets kept: `from "@internal/redis"` does not use a client named `redis`.
  const code = text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])(?:\\.|(?!\1)[^\\\n])*\1/g, (m) => m.replace(/[^\n]/g, ' '));
  // The factory is named twice: where it is defined and where the module binds its client, and nowhere else.
  if ([...code.matchAll(new RegExp(`(?<![\\w$.])${name}(?![\\w$])`, 'g'))].length !== 2) return false;
  const binding = new RegExp(`^(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=\\n]+)?=\\s*(?:await\\s+)?(?:${name}\\s*\\(|[\\w$.]+\\s*\\([^()\\n]*(?<![\\w$.])${name}\\s*\\))`, 'm').exec(code);
  if (!binding) return false;
  const client = binding[1];
  const declared = binding.index + binding[0].indexOf(client);
  // Every other use of the client is a command or a null check: not exported, not passed on, not listened to.
  for (const use of code.matchAll(new RegExp(`(?<![\\w$.])${escapeRegExp(client)}(?![\\w$])`, 'g'))) {
    if (use.index === declared) continue;
    const after = code.slice(use.index! + client.length, use.index! + client.length + 4);
    if (/^\s*\??\./.test(after) || /!\s*$/.test(code.slice(Math.max(0, use.index! - 3), use.index!))) continue;
    return false;
  }
  return true;
}

/**
 * `export function createRedis(...) { return new Redis(...) }`: the factory's callers get the client. With the
 * workspace known, a factory whose result no file (this one included) attaches an 'error' listener to is reported.
 */
function unlistenedFactoryResult(context: Context, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  const { model } = context;
  if (!context.hasWorkspace || !fn || !/^[A-Za-z_$][\w$]*$/.test(fn.name)) return false;
  if (creation.binding) {
    // `const client = createClient(...); await client.connect(); return client`: the local is the factory's result.
    if (!/^[A-Za-z_$][\w$]*$/.test(creation.binding)) return false;
    const returned = new RegExp(`\\breturn\\s+${creation.binding.replace(/[$]/g, '\\$')}\\s*(?:;|\\}|\\n|$)`);
    const after = model.text.slice(creation.callSpan.endOffset, fn.span.endOffset);
    if (!returned.test(after)) return false;
    // Handed to other code before it is returned (`instrument(client)`), it may get its listener there.
    if (new RegExp(`[(,]\\s*${creation.binding.replace(/[$]/g, '\\$')}\\s*[,)]`).test(after)) return false;
  } else {
    const before = model.text.slice(Math.max(0, creation.callSpan.startOffset - 40), creation.callSpan.startOffset);
    if (!/(?:\breturn\s+|=>\s*)(?:await\s+)?$/.test(before)) return false;
  }
  const name = fn.name.replace(/[$]/g, '\\$');
  const exported = new RegExp(`export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${name}\\b|export\\s+const\\s+${name}\\b|exports\\.${name}\\s*=|module\\.exports\\s*=\\s*\\{?[^;]*\\b${name}\\b`).test(model.text);
  if (!exported || ERROR_LISTENER.test(model.text)) return false;
  // Importers of a default-exported factory (`import make from './make'`) reach it as the module's default.
  const asDefault = new RegExp(`export\\s+default\\s+(?:async\\s+)?function\\s*\\*?\\s*${name}\\b|^\\s*(?:export\\s+default|module\\.exports\\s*=)\\s*${name}\\s*;?\\s*$`, 'm').test(model.text);
  if (asDefault && context.hasErrorListenerElsewhere(`${model.path}#default`)) return false;
  return !context.hasErrorListenerElsewhere(`${model.path}#${fn.name}`);
}

/**
 * `export default new Redis(...)`, `module.exports = redis.createClient(...)`: the module is the client, and its
 * importers use it under a name of their own. With the workspace known, it is reported when no file attaches an
 * 'error' listener to the module's default export nor hands it to a queue package that attaches one, as a client
 * exported under a name is.
 */
function unlistenedDefaultExport(context: Context, creation: ClientCreation): boolean {
  const { model } = context;
  if (!context.hasWorkspace || !creation.moduleLevel || creation.binding) return false;
  const before = model.text.slice(Math.max(0, creation.callSpan.startOffset - 40), creation.callSpan.startOffset);
  if (!/(?:\bexport\s+default|(?<![\w$.])module\.exports\s*=)\s*(?:await\s+)?$/.test(before) || ERROR_LISTENER.test(model.text)) return false;
  const identity = `${model.path}#default`;
  return !context.hasErrorListenerElsewhere(identity) && !context.hasErrorListenerElsewhere(queueConnectionMark(identity));
}


/** `provide: 'REDIS_CLIENT'`, `provide: REDIS`, `provide: Tokens.redis`: a NestJS provider's token. */
const PROVIDE = /\bprovide\s*:\s*(?:(['"`])([^'"`$\n]+)\1|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*))/g;
/** How far around a `useFactory` its provider's `provide:` is looked for (the same object literal). */
const PROVIDER_REACH = 600;

/**
 * `{ provide: 'REDIS_CLIENT', useFactory: () => new Redis(url) }`: classes get the client through
 * `@Inject('REDIS_CLIENT')`, and the workspace index records listeners attached to it under the token. With the
 * workspace known, a client such a factory returns is reported when no file (this one included) listens to it.
 */
function unlistenedProvider(context: Context, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  const { model } = context;
  if (!context.hasWorkspace || !fn || fn.name !== 'useFactory' || ERROR_LISTENER.test(model.text)) return false;
  const returned = creation.binding
    ? new RegExp(`\\breturn\\s+${creation.binding.replace(/[$.]/g, (c) => `\\${c}`)}\\s*[;}\\n]`).test(model.text.slice(fn.span.startOffset, fn.span.endOffset))
    : /\breturn\s+(?:await\s+)?(?:new\s+)?$/.test(model.text.slice(Math.max(0, creation.span.startOffset - 40), creation.span.startOffset)) || /=>\s*(?:new\s+)?$/.test(model.text.slice(Math.max(0, creation.span.startOffset - 20), creation.span.startOffset));
  if (!returned) return false;
  const token = nearestProvideToken(model.text, fn.span.startOffset);
  return token !== undefined && !context.hasErrorListenerElsewhere(`inject#${token}`);
}

/** The token of the `provide:` nearest to `at` within the provider object around it. */
function nearestProvideToken(text: string, at: number): string | undefined {
  const from = Math.max(0, at - PROVIDER_REACH);
  const window = text.slice(from, at + PROVIDER_REACH);
  let best: { distance: number; token: string } | undefined;
  PROVIDE.lastIndex = 0;
  for (let match = PROVIDE.exec(window); match; match = PROVIDE.exec(window)) {
    const distance = Math.abs(from + match.index - at);
    if (!best || distance < best.distance) best = { distance, token: match[2] ?? match[3] };
  }
  return best?.token;
}

/** A module that imports a test runner or Testcontainers: test fixtures, whose clients live as long as one test. */
const TEST_SUPPORT_IMPORT = /\b(?:from\s+|require\(\s*)['"](?:vitest|@jest\/globals|mocha|ava|testcontainers|@testcontainers\/[\w-]+)['"]/;

/** `global.redisClient = createClient(...)`, `app.locals.redis = new Redis(...)`: the property path (not `this.`) the creation is assigned to. */
function memberAssigned(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 200), start);
  const path = /(?:^|[^\w$.])((?:[A-Za-z_$][\w$]*\.)+[A-Za-z_$][\w$]*)\s*=(?!=)\s*(?:await\s+)?(?:new\s+)?(?:[A-Za-z_$][\w$]*\.)*$/.exec(before)?.[1];
  return path && !path.startsWith('this.') ? path : undefined;
}

/** `global.redisClient.on('error', ...)`: an 'error' listener attached through the property path. */
function listenedOnPath(text: string, path: string): boolean {
  const escaped = path.replace(/[$.]/g, (c) => `\\${c}`);
  return new RegExp(`(?:^|[^\\w$.])${escaped}\\s*\\.\\s*(?:on|once|addListener|prependListener)\\s*\\(\\s*['"\`]error['"\`]`).test(text);
}

/** `this.redis = new Redis(...)`, `this.redis = given instanceof Redis ? given : new Redis(given)`: the field the creation is assigned to. */
function fieldAssigned(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 300), start);
  return /(this\.[A-Za-z_$][\w$]*)\s*=(?!=)(?:[^=;]*\?[^;]*:)?\s*(?:new\s+)?$/.exec(before)?.[1];
}
