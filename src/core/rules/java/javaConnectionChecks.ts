/** Java checks of round trips and connections: commands in loops, clients or connections per request, connections never given back. */
import { javaFactsOf } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { Span } from '../../findings';
import type { RuleContext } from '../rule';
import { spanFromOffsets } from '../../analysis/spans';
import { callText, receiverName } from './javaSupport';
import { isSecretPlaceholder } from '../support/secretPlaceholders';

/** Cursor paging and blocking reads are loops by nature, not N+1 round trips. */
const NOT_ROUND_TRIPS = new Set(['SCAN', 'HSCAN', 'SSCAN', 'ZSCAN', 'BLPOP', 'BRPOP', 'BLMOVE', 'XREAD', 'XREADGROUP', 'SUBSCRIBE', 'PSUBSCRIBE', 'MULTI', 'EXEC']);

function batchAdvice(site: RedisCallSite): string {
  switch (site.receiver.library) {
    case 'jedis':
      // A JedisPooled/UnifiedJedis pipelines with pipelined() too; a JedisPool lends a Jedis that does.
      return `queue them on a Pipeline (${receiverName(site, 'jedis')}.pipelined(), then sync()) or use one multi-key command`;
    case 'lettuce':
      return 'send them with the async API and await them together (LettuceFutures.awaitAll), or use one multi-key command';
    case 'redisson':
      return 'batch them with RBatch, or use the multi-key calls (RBuckets.get, RMap.getAll)';
    default:
      return 'send them in one redisTemplate.executePipelined(...) callback, or use a multi-key operation (multiGet, putAll)';
  }
}

/**
 * `for (String k : List.of(A, B, C))`, `Arrays.asList(...)`, `new String[] {...}`: a loop over a handful of items
 * written in the code runs a fixed number of commands (a cleanup of known keys), not one per data item.
 */
function overWrittenItems(text: string, site: RedisCallSite): boolean {
  const head = text.slice(site.loop!.span.startOffset, Math.min(site.loop!.span.endOffset, site.loop!.span.startOffset + 400));
  const literal = /^for\s*\([^:;)]*:\s*(?:(?:List|Set|Stream)\.of|Arrays\.asList|new\s+\w+\s*\[\s*\]\s*)\s*[({]([^(){}]*)[)}]\s*\)/.exec(head);
  return !!literal && literal[1].split(',').length <= 10;
}

/** Lifecycle hooks Spring runs once, at start-up: a round trip per item there costs once, not on every request. */
const START_UP_ANNOTATIONS = /^(PostConstruct|Bean)$/;

/**
 * `@PostConstruct void init()`, `run(String... args)` of a CommandLineRunner / ApplicationRunner, `afterPropertiesSet()`
 * of an InitializingBean: the loop seeds or warms data once when the application starts.
 */
function runsOnceAtStartUp(text: string, site: RedisCallSite, facts: ReturnType<typeof javaFactsOf>): boolean {
  const offset = site.span.startOffset;
  const method = facts?.methods.filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start)[0];
  if (!method) return false;
  if (method.annotations.some((a) => START_UP_ANNOTATIONS.test(a))) return true;
  if (method.name === 'run' && /\bimplements\b[^{]*\b(?:CommandLineRunner|ApplicationRunner)\b/.test(text)) return true;
  return method.name === 'afterPropertiesSet' && /\bimplements\b[^{]*\bInitializingBean\b/.test(text);
}

/**
 * `for (...) { if (failed) { redis.delete(lockKey); throw ...; } }`: the command is followed, in its own block, by a
 * statement that leaves the loop (throw, break; return from a for/while body), so it runs at most once per loop.
 */
function leavesLoopAfter(text: string, site: RedisCallSite): boolean {
  const loop = site.loop!.span;
  const rest = text.slice(site.callSpan.endOffset, loop.endOffset).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length));
  // A `return` in a forEach lambda only ends that round.
  const statementLoop = /^(?:for|while|do)\b/.test(text.slice(loop.startOffset, loop.startOffset + 6));
  const exits = statementLoop ? /^(?:throw\b|break\s*;|return\b)/ : /^(?:throw\b|break\s*;)/;
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth < 0) return false;
    } else if (depth === 0 && /[\s;]/.test(rest[i - 1] ?? ';') && exits.test(rest.slice(i))) return true;
  }
  return false;
}

/**
 * `for (...) { lock(id); … get/set …; unLock(id); }`, `lock.lock(); … ; lock.unlock();` per round: every iteration takes
 * and gives back a lock around its commands, so the rounds run one after the other by design and each command
 * depends on holding the lock: there is nothing to batch across iterations.
 */
function locksEachRound(text: string, site: RedisCallSite): boolean {
  const loop = site.loop!.span;
  const body = text.slice(loop.startOffset, loop.endOffset).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"/g, ' ');
  return /(?:^|[^\w])(?:lock|tryLock|acquireLock)\s*\(/.test(body) && /(?:^|[^\w])(?:unlock|unLock|releaseLock)\s*\(/.test(body);
}

/**
 * `template.executePipelined(cb)`, `template.execute(sessionCallback)`, `template.execute(script, keys, args)`: the
 * batch, transaction or script goes to the server in one request, so inside a loop over items it is one request per
 * item, however many commands the callback queues. A loop over slices of the items (`Lists.partition(ids, 500)`,
 * `subList`, a step of `i += size`) sends one batch per slice, and a while/do loop retries or polls: neither is N+1.
 */
function batchPerItem(text: string, site: RedisCallSite): boolean {
  if (site.receiver.library !== 'spring-data-redis' || (site.method !== 'executePipelined' && site.method !== 'execute') || !site.loop) return false;
  const start = site.loop.span.startOffset;
  const loop = text.slice(start, site.loop.span.endOffset);
  if (/^(?:while|do)\b/.test(loop)) return false;
  const before = text.slice(site.enclosingFunction?.span.startOffset ?? 0, start);
  // `for (T x : items) {`: its header; `items.stream().forEach(x -> ...)`: the statement the lambda is handed to.
  const header = /^for\b/.test(loop)
    ? loop.slice(0, Math.max(0, loop.indexOf('{')) || loop.length)
    : before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1);
  if (SLICES.test(header)) return false;
  // `parts = Lists.partition(ids, 100); parts.forEach(part -> ...)`: the loop walks a local holding the slices.
  const iterable = /^\s*(?:for\s*\([^:;)]*:\s*)?([A-Za-z_$][\w$]*)/.exec(header)?.[1];
  const assigned = iterable ? [...before.matchAll(new RegExp(`\\b${iterable.replace(/\$/g, '\\$')}\\s*=(?!=)\\s*([^;]+);`, 'g'))].pop()?.[1] : undefined;
  return !assigned || !SLICES.test(assigned);
}

/**
 * `futures.add(map.getAsync(id))` per item: Redisson's Async methods queue the command on the shared connection and
 * return at once, so a loop of them sends the commands back to back, pipelined, and waits for none of them. A future
 * waited on where it is made (`map.getAsync(id).get()`, `.join()`) is one round trip per item again.
 */
function unawaitedAsync(text: string, site: RedisCallSite): boolean {
  if (site.receiver.library !== 'redisson' || !/Async$/.test(site.method)) return false;
  return !/^\s*\.\s*(?:toCompletableFuture\s*\(\s*\)\s*\.\s*)?(?:get|join|sync\w*|await\w*|getNow)\s*\(/.test(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 80));
}

/** Slices of a collection: each round of a loop over them is one batch, not one item. */
const SLICES = /\b(?:partition|subList|chunk\w*|batch(?:es)?Of)\s*\(|\+=\s*\w/;

export function javaCommandInLoop(context: RuleContext): void {
  const seen = new Set<number>();
  const facts = javaFactsOf(context.model);
  const text = context.model.text;
  const batches = context.helperCalls.filter((s) => batchPerItem(text, s));
  const candidates = [...context.model.callSites, ...(context.model.indirectCallSites ?? []), ...batches]
    .filter((s) => s.loop && !s.batched && !s.inTransaction && !NOT_ROUND_TRIPS.has(s.command) && !s.isLoopIterable && !overWrittenItems(text, s))
    .filter((s) => !runsOnceAtStartUp(text, s, facts) && !leavesLoopAfter(text, s) && !locksEachRound(text, s) && !unawaitedAsync(text, s))
    .sort((a, b) => a.span.startOffset - b.span.startOffset);
  for (const site of candidates) {
    const loop = site.loop!.span.startOffset;
    if (seen.has(loop)) continue;
    seen.add(loop);
    context.report({
      messageId: '{{call}} sends {{command}} once per loop iteration{{via}}: one network round trip per item; {{advice}}.',
      data: batches.includes(site)
        ? { call: callText(site), command: site.method === 'executePipelined' ? 'its pipeline' : 'its callback or script', via: '', advice: 'run the loop inside one executePipelined(...) callback instead' }
        : { call: callText(site), command: site.command, via: site.via ? ` (through ${site.via.helper}())` : '', advice: batchAdvice(site) },
      span: site.span,
    });
  }
}

const FACTORIES = /^(JedisPool|JedisPooled|JedisCluster|Jedis|RedisClient|RedisClusterClient|LettuceConnectionFactory|JedisConnectionFactory)$/;

export function javaClientPerRequest(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  for (const acquisition of facts.acquisitions) {
    const method = acquisition.method === undefined ? undefined : facts.methods[acquisition.method];
    // Only a shared client (a field) connected per call; a client created, used and shut down in one method is a one-shot program.
    const client = acquisition.client?.replace(/^this\./, '');
    if (!client || !facts.fieldTypes.has(client)) continue;
    if (acquisition.library !== 'lettuce' || acquisition.handedOver || !method || method.isMain || method.isConstructor || method.annotations.includes('Bean') || method.annotations.includes('PostConstruct')) continue;
    context.report({
      messageId: '{{call}}() opens a new Lettuce connection (TCP and handshake) for this operation: one StatefulRedisConnection is thread-safe and meant to be shared; connect once and reuse it.',
      data: { call: acquisition.call },
      span: acquisition.span,
    });
  }
  for (const creation of facts.creations) {
    const method = creation.method === undefined ? undefined : facts.methods[creation.method];
    if (!method || !FACTORIES.test(creation.type) || creation.fieldInit) continue;
    const handler = method.annotations.some((a) => /Mapping$|Listener$/.test(a));
    if (!handler) continue;
    context.report({
      messageId: 'new {{type}}(…) in the request handler {{method}}() connects to Redis on every request; create it once (a @Bean or a field) and share it.',
      data: { type: creation.type, method: method.name },
      span: creation.span,
    });
  }
  for (const opened of connectionsOpenedThroughWrappers(context)) {
    context.report({
      messageId: '{{call}}() hands {{method}}() a Lettuce connection (its sync() commands are used here) opened on every call: one StatefulRedisConnection is thread-safe and meant to be shared; connect once and reuse it.',
      data: { call: opened.call, method: opened.method },
      span: opened.span,
    });
  }
  const reported = new Set<number>();
  for (const site of context.model.callSites.filter((s) => s.method === 'create' && /^(RedisClient|Redisson)$/.test(s.receiver.text) && s.enclosingFunction?.isRequestHandler)) {
    reported.add(site.span.startOffset);
    context.report({ messageId: '{{call}} creates a Redis client on every request; create it once and share it.', data: { call: callText(site) }, span: site.span });
  }
  reportClientsMadePerCall(context, reported);
}

/** Project methods named for opening a connection (`redis.redisConnect()`, `openConnection()`); a getter may hand out a shared one. */
const CONNECTING_METHOD = /^(?:connect\w*|[a-z]\w*Connect|open\w*Connection|new\w*Connection|create\w*Connection)$/;

/**
 * `Command command = redis.redisConnect(); RedisCommands<…> r = command.sync();` in an ordinary method: a project
 * object's connect method whose result the method uses as a Lettuce connection (`sync()`, `async()`, `reactive()`),
 * so each call opens its own. Known clients are read where they connect (the acquisitions); a result the method
 * returns, stores or hands on is kept by someone else.
 */
function connectionsOpenedThroughWrappers(context: RuleContext): { span: Span; call: string; method: string; closed: boolean }[] {
  const facts = javaFactsOf(context.model);
  if (!facts) return [];
  const text = context.model.text;
  const known = new Set(facts.acquisitions.map((a) => a.span.startOffset));
  const opened: { span: Span; call: string; method: string; closed: boolean }[] = [];
  for (const invocation of facts.invocations) {
    if (!CONNECTING_METHOD.test(invocation.name) || !invocation.object || known.has(invocation.span.startOffset) || invocation.method === undefined) continue;
    const method = facts.methods[invocation.method];
    if (!method || method.isMain || method.isConstructor || ONE_TIME_NAMES.test(method.name) || method.annotations.some((a) => ONE_TIME_ANNOTATIONS.test(a))) continue;
    const local = droppedLocal(text, invocation.callSpan.startOffset, invocation.callSpan.endOffset, method.end);
    if (!local) continue;
    const rest = text.slice(invocation.callSpan.endOffset, method.end);
    if (!new RegExp(`\\b${local}\\s*\\.\\s*(?:sync|async|reactive)\\s*\\(\\s*\\)`).test(rest)) continue;
    const closed = new RegExp(`\\b${local}\\s*\\.\\s*close\\s*\\(`).test(rest);
    opened.push({ span: invocation.span, call: `${invocation.object}.${invocation.name}`, method: method.name, closed });
  }
  return opened;
}

/** Calls and constructors that build a whole client: its own connections (a pool, or Netty event loops and threads). */
const CLIENT_FACTORY_CLASSES = /^(Redisson|RedisClient|RedisClusterClient)$/;
const CLIENT_TYPES = /^(JedisPool|JedisPooled|JedisCluster|JedisSentinelPool|UnifiedJedis)$/;
/** Methods that run once by their role: wiring, lifecycle hooks, tests. */
const ONE_TIME_ANNOTATIONS = /^(Bean|PostConstruct|Produces|Test|BeforeAll|BeforeEach|BeforeClass|Before)$/;
const ONE_TIME_NAMES = /^(init|initialize|setUp|setup|start|run|afterPropertiesSet|configure)$/i;

/**
 * A client that an ordinary method builds into a local, uses and drops: every call of the method pays for a new
 * client (connections, threads) and usually leaks it. A client the method returns, stores in a field or hands to
 * another call is kept by someone (a factory, a registry); wiring methods and lifecycle hooks run once.
 */
function reportClientsMadePerCall(context: RuleContext, reported: Set<number>): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  const text = context.model.text;
  const made: { start: number; end: number; span: Span; what: string; method: number }[] = [];
  for (const invocation of facts.invocations) {
    if (invocation.name === 'create' && CLIENT_FACTORY_CLASSES.test(invocation.object) && invocation.method !== undefined) made.push({ start: invocation.callSpan.startOffset, end: invocation.callSpan.endOffset, span: invocation.span, what: `${invocation.object}.create(…)`, method: invocation.method });
  }
  for (const creation of facts.creations) {
    if (CLIENT_TYPES.test(creation.type) && creation.method !== undefined && !creation.returned && !creation.fieldInit) made.push({ start: creation.callSpan.startOffset, end: creation.callSpan.endOffset, span: creation.span, what: `new ${creation.type}(…)`, method: creation.method });
  }
  for (const client of made) {
    const method = facts.methods[client.method];
    if (!method || reported.has(client.span.startOffset) || method.isMain || method.isConstructor || ONE_TIME_NAMES.test(method.name) || method.annotations.some((a) => ONE_TIME_ANNOTATIONS.test(a))) continue;
    const local = droppedLocal(text, client.start, client.end, method.end);
    if (!local) continue;
    reported.add(client.span.startOffset);
    context.report({
      messageId: '{{what}} in {{method}}() builds a new Redis client on every call (its own connections and threads) and drops it when the method returns; create the client once (a @Bean or a field) and share it.',
      data: { what: client.what, method: method.name },
      span: client.span,
    });
  }
}

/** The local a client is declared into, when nothing keeps it past the method: not returned (or captured by what is returned), stored in a field or handed on. */
function droppedLocal(text: string, start: number, end: number, methodEnd: number): string | undefined {
  const before = text.slice(Math.max(0, start - 200), start);
  const statementHead = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1);
  const declared = /^\s*(?:final\s+)?[\w.]+(?:<[^;=]*>)?\s+(\w+)\s*=\s*$/.exec(statementHead);
  if (!declared) return undefined;
  const name = declared[1];
  const rest = text.slice(end, methodEnd);
  // Also kept when a lambda in what the method returns captures it: `return createGenericObjectPool(() -> client.connect(), config);`.
  const kept = new RegExp(`\\breturn\\s+${name}\\s*;|\\breturn\\b[^;]*->[^;]*\\b${name}\\b|=\\s*${name}\\s*;|[(,]\\s*${name}\\s*[,)]`);
  return kept.test(rest) ? undefined : name;
}

const CONNECTION_NOT_RETURNED = {
  jedis: '{{call}}() borrows a Jedis from the pool{{where}} and not every path gives it back: an exception (or a missing close) leaks it, and the pool runs dry. Use try (Jedis jedis = pool.getResource()) { … }, or close() it in finally.',
  lettuce: '{{call}}() opens a Lettuce connection{{where}} that is never closed: each one holds a socket and event-loop resources. Close it (try-with-resources), or better, connect once and share the connection.',
  spring: '{{call}}() takes a RedisConnection from the connection factory{{where}} and not every path releases it: with a pooled factory each leak keeps a connection out of the pool. Release it in finally (RedisConnectionUtils.releaseConnection or close()), or let redisTemplate.execute(...) manage it.',
} as const;

export function javaConnectionNotReturned(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  for (const opened of connectionsOpenedThroughWrappers(context)) {
    if (opened.closed) continue;
    context.report({ messageId: CONNECTION_NOT_RETURNED.lettuce, data: { call: opened.call, where: ` in ${opened.method}()` }, span: opened.span });
  }
  for (const acquisition of facts.acquisitions) {
    if (acquisition.released || acquisition.handedOver || acquisition.tryWithResources) continue;
    const method = acquisition.method === undefined ? undefined : facts.methods[acquisition.method];
    context.report({
      messageId: CONNECTION_NOT_RETURNED[acquisition.library],
      data: { call: acquisition.call, where: method?.isConstructor ? ' in a constructor' : method ? ` in ${method.name}()` : '' },
      span: acquisition.span,
    });
  }
}

/** Password literals in redis:// URLs, auth("...") and setPassword("..."). */
export function javaHardcodedCredentials(context: RuleContext): void {
  const text = context.model.text;
  const facts = javaFactsOf(context.model);
  const reported = new Set<number>();
  const report = (start: number, end: number, what: string) => {
    if (reported.has(start)) return;
    reported.add(start);
    context.report({
      messageId: '{{what}} is written in the source: anyone with the code has the Redis password, and rotating it means a release. Read it from the environment or a secret store.',
      data: { what },
      span: spanFromOffsets(text, start, end),
    });
  };
  // Blanking comments only turns text into spaces: a file without `redis://` or `rediss://` has no such URL in its code.
  const urls = /rediss?:\/\//.test(text) ? (facts?.codeText ?? text).matchAll(/"rediss?:\/\/([^"@\s/]*)@[^"]*"/g) : [];
  for (const match of urls) {
    const userInfo = match[1];
    const password = userInfo.includes(':') ? userInfo.slice(userInfo.indexOf(':') + 1) : userInfo;
    if (!password || isSecretPlaceholder(password)) continue;
    report(match.index!, match.index! + match[0].length, 'The password in this redis:// URL');
  }
  for (const invocation of facts?.invocations ?? []) {
    if (!/^(auth|setPassword|withPassword|password)$/.test(invocation.name)) continue;
    const literal = invocation.args[invocation.args.length - 1];
    if (!literal || !/^"[^"$]+"$/.test(literal) || isSecretPlaceholder(literal)) continue;
    if (invocation.name !== 'auth' && !/redis|jedis|config|uri|server|sentinel|cluster/i.test(invocation.object)) continue;
    report(invocation.callSpan.startOffset, invocation.callSpan.endOffset, `The password given to ${invocation.name}(…)`);
  }
}
