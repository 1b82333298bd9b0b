/**
 * Go's client-per-request: a go-redis/rueidis client or redigo connection made in code that runs per request or per
 * call — in a handler, by a factory of the package that hands out a fresh client, or made, used and dropped by one
 * function — instead of once at start-up.
 */
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';
import { calledOnlyAtStartup } from './goStartupOnly';
import { REQUEST_PARAM } from '../../analysis/go/goScan';
import { goFreshClientFactories } from '../../analysis/go/goProjectFacts';

/** Constructors and set-up functions (`NewStore`, `initRedis`, `configureCache`): they run once at start-up. */
const FACTORY = /^(new|New|init|Init|setup|Setup|configure|Configure|connect|Connect|open|Open|Must|must|create|Create|build|Build|provide|Provide|make|Make|main|TestMain|(get|Get).*(Client|Pool|Conn|Redis)|.*(Client|Pool|Redis|RDB|Rdb)$)/;

function returnsName(text: string, start: number, end: number, name: string): boolean {
  return new RegExp(`\\breturn\\b[^\\n]*\\b${name}\\b|[.\\w]+\\s*=\\s*${name}\\s*$|\\b${name}\\s*\\}`, 'm').test(text.slice(start, end));
}

/** A `return` hands out the value named `name` itself (`return client, nil`, `&Store{rdb: client}`), not a reply of it. */
function returnsItself(text: string, start: number, end: number, name: string): boolean {
  return new RegExp(`\\breturn\\b[^\\n]*\\b${name}\\b(?!\\s*[.(\\[])`).test(text.slice(start, end));
}

/**
 * The client a loop round creates is kept per item of the loop (`clients[cfg.Name] = client`,
 * `pools = append(pools, client)`): one client per configured server, made once, not one per call.
 */
function keptPerLoopItem(text: string, creation: { binding?: string; loop?: { startOffset: number; endOffset: number } }): boolean {
  const name = creation.binding;
  if (!creation.loop || !name || !/^\w+$/.test(name)) return false;
  const body = text.slice(creation.loop.startOffset, creation.loop.endOffset);
  return new RegExp(`\\b\\w+(?:\\.\\w+)*\\[[^\\]\\n]+\\]\\s*=\\s*${name}\\b|=\\s*append\\(\\s*[\\w.]+\\s*,\\s*${name}\\s*\\)`).test(body);
}

/**
 * The function ends in an endless loop that uses the client it created (`client := redis.NewClient(opt)`, then
 * `for { consume(client, topic) }`): a consumer goroutine or poller keeps that client for its whole life, one per
 * long-lived worker, not one per call. A loop that more code follows (a retry until the server answers) is no
 * worker's life.
 */
function keptForEndlessLoop(text: string, fnEnd: number, createdAt: number, name: string | undefined): boolean {
  if (!name || !/^\w+$/.test(name)) return false;
  const after = text.slice(createdAt, fnEnd);
  const loop = /\bfor\s*\{/.exec(after);
  if (!loop) return false;
  let depth = 0;
  let end = -1;
  for (let i = loop.index + loop[0].length - 1; i < after.length; i++) {
    if (after[i] === '{') depth++;
    else if (after[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0 || after.slice(end + 1).trim().replace(/\}$/, '').trim() !== '') return false;
  return new RegExp(`\\b${name}\\b`).test(after.slice(loop.index, end));
}

interface PackageFactories {
  goPackageFreshClientFactories?(path: string): ReadonlyMap<string, string>;
}

/** Start-up and test functions: a client they make and drop is made once per run. */
const STARTUP = /^(init|Init|setup|Setup|configure|Configure|main|Test|Benchmark|Example)/;

/**
 * The client bound to `name` at `from` is only used through its methods afterwards (`rdb.Get(…)`, `defer
 * rdb.Close()`): never returned, stored, or handed to another function, so it is dropped when the function returns.
 */
function droppedAfterUse(body: string, from: number, name: string): boolean {
  return ![...body.slice(from).matchAll(new RegExp(`\\b${name}\\b(?!\\s*\\.)`, 'g'))].length;
}

/**
 * `client, err := connect()` where a function of the package (another file's, or this file's) constructs and returns
 * a new client on every call: the call makes a client per call as a constructor here would. Reported in a request
 * handler; in a function that closes the client again and is no factory or start-up code; and in a function that
 * only calls methods on it (`rdb := newLabRedisClient(); return rdb.Get(ctx, "lab").Result()`, also
 * `newClient().Subscribe(…)`) and is no start-up code: every call leaves one more pool behind.
 */
function packageFactoryClients(context: RuleContext): Set<number> {
  const { model } = context;
  const lines = new Set<number>();
  const factories = new Map((context.workspaceKeys as PackageFactories | undefined)?.goPackageFreshClientFactories?.(model.path) ?? []);
  for (const name of goFreshClientFactories(model.text)) factories.set(name, model.path);
  if (!factories.size) return lines;
  const names = [...factories.keys()].filter((name) => /^\w+$/.test(name));
  if (!names.length) return lines;
  const call = new RegExp(`^[ \\t]*(\\w+)\\s*(?:,\\s*\\w+\\s*)?:?=\\s*(${names.join('|')})\\(`, 'gm');
  const chained = new RegExp(`(?<![\\w.])(${names.join('|')})\\([^()\\n]*\\)\\s*\\.\\s*\\w+\\(`, 'g');
  for (const fn of model.text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(([^\n]*)\{\n([\s\S]*?)^\}/gm)) {
    const name = fn[1];
    if (factories.has(name)) continue;
    const handler = REQUEST_PARAM.test(fn[2]);
    const bodyStart = fn.index! + fn[0].length - fn[3].length - 1;
    const startup = STARTUP.test(name) || calledOnlyAtStartup(model.text, name);
    const made: { at: number; factory: string; closed: boolean; dropped: boolean }[] = [];
    for (const bound of fn[3].matchAll(call)) {
      const binding = bound[1];
      const closed = new RegExp(`\\b${binding}\\.Close\\(\\)`).test(fn[3]);
      made.push({ at: bound.index! + bound[0].length - bound[2].length - 1, factory: bound[2], closed, dropped: binding !== '_' && droppedAfterUse(fn[3], bound.index! + bound[0].length, binding) });
    }
    for (const used of fn[3].matchAll(chained)) if (!made.some((m) => m.at === used.index!)) made.push({ at: used.index!, factory: used[1], closed: false, dropped: true });
    for (const { at, factory, closed, dropped } of made) {
      if (!handler && !(closed && !FACTORY.test(name) && !startup) && !(dropped && !startup)) continue;
      const start = bodyStart + at;
      const file = factories.get(factory)!;
      const span = spanFromOffsets(model.text, start, start + factory.length);
      lines.add(span.start.line);
      context.report({
        messageId: '{{factory}}() in {{where}} creates a new client on every call ({{file}} constructs it){{closed}}: a new connection pool per call; create it once and share it.',
        data: { factory, where: handler ? 'a request handler' : `${name}()`, file: file === model.path ? 'this file' : file.split('/').pop()!, closed: closed ? ', closed again when the function returns' : dropped ? ', dropped when the function returns' : '' },
        span,
      });
    }
  }
  return lines;
}

export function goClientPerRequest(context: RuleContext): void {
  const { model } = context;
  // A creation on a line where a factory call was reported is that same client.
  const factoryLines = packageFactoryClients(context);
  const reported = new Set<number>();
  for (const creation of model.creations) {
    const fn = creation.enclosingFunction;
    if (!fn || creation.moduleLevel || creation.kind === 'pool' && creation.library !== 'redigo' || factoryLines.has(creation.span.start.line)) continue;
    if (creation.library === 'redigo' && creation.kind === 'client') continue;
    if (!fn.isRequestHandler && keptPerLoopItem(model.text, creation)) continue;
    if (!fn.isRequestHandler && !creation.loop && keptForEndlessLoop(model.text, fn.span.endOffset, creation.callSpan.endOffset, creation.binding)) continue;
    const perCall = model.go?.clientsPerCall.find((c) => c.span.startOffset === creation.span.startOffset);
    const inHandler = fn.isRequestHandler || !!creation.loop;
    // A constructor that closes its client only when the health check fails and returns it otherwise
    // (`if err := c.Ping(ctx).Err(); err != nil { c.Close(); return nil, err }; return c, nil`) hands it out.
    const closedHere = !!perCall?.closed && !(!!creation.binding && /^\w+$/.test(creation.binding) && returnsItself(model.text, fn.span.startOffset, fn.span.endOffset, creation.binding));
    // A function that is no constructor or set-up and keeps the client to itself makes one per call.
    const localUse = !creation.escapes && !!creation.binding && /^\w+$/.test(creation.binding) && !returnsName(model.text, fn.span.startOffset, fn.span.endOffset, creation.binding);
    if (!inHandler && !((closedHere || localUse) && !FACTORY.test(fn.name) && fn.name !== '(anonymous)')) continue;
    if (creation.escapes && !inHandler) continue;
    // Made and closed in a function that only start-up code calls: one client per start, not per call.
    if (!inHandler && calledOnlyAtStartup(model.text, fn.name)) continue;
    reported.add(creation.span.startOffset);
    context.report({ messageId: '{{factory}} in {{where}} opens a new connection pool on every call; create the client once at start-up and share it (it is safe for concurrent use).', data: { factory: creation.factory, where: fn.isRequestHandler ? 'a request handler' : creation.loop ? 'a loop' : `${fn.name}()` }, span: creation.span });
  }
  for (const perCall of model.go?.clientsPerCall ?? []) {
    if (reported.has(perCall.span.startOffset) || !perCall.closed || factoryLines.has(perCall.span.start.line)) continue;
    const fn = perCall.enclosingFunction;
    if (!fn || (!fn.isRequestHandler && (FACTORY.test(fn.name) || fn.name === '(anonymous)'))) continue;
    if (model.creations.some((c) => c.span.startOffset === perCall.span.startOffset)) continue;
    if (!fn.isRequestHandler && calledOnlyAtStartup(model.text, fn.name)) continue;
    context.report({ messageId: '{{factory}}() in {{where}} creates a client that is closed again when the function returns: a new connection pool per call; create it once and share it.', data: { factory: perCall.factory, where: fn.isRequestHandler ? 'a request handler' : `${fn.name}()` }, span: perCall.span });
  }  // redigo has no client object: a connection dialled and closed again in the function is its client per call.
  for (const take of model.go?.connectionTakes ?? []) {
    const fn = take.enclosingFunction;
    if (!/^Dial/.test(take.factory) || take.handedOver || !(take.deferredClose || take.plainClose) || take.inMain || !fn) continue;
    if (!fn.isRequestHandler && (FACTORY.test(fn.name) || fn.name === '(anonymous)' || calledOnlyAtStartup(model.text, fn.name))) continue;
    if (!fn.isRequestHandler && keptForEndlessLoop(model.text, fn.span.endOffset, take.span.endOffset, take.name)) continue;
    context.report({ messageId: 'redis.{{factory}} in {{where}} opens a new TCP connection on every call and closes it again; take connections from a redis.Pool created once at start-up.', data: { factory: take.factory, where: fn.isRequestHandler ? 'a request handler' : `${fn.name}()` }, span: take.span });
  }
}
