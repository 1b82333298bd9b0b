/** Java checks of single commands: KEYS, O(N) list operations, DEL of collections, streams and lists that only grow (SELECT: javaSelectDb.ts). */
import { javaFactsOf, type JavaFacts, type JavaInvocation, type JavaMethod } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import type { RuleContext } from '../rule';
import { callText, clientName, importEdit, methodOf, receiverName, redissonName, sameKey, shownJavaKey } from './javaSupport';
import { collectionOfPattern } from './javaDeletedCollections';
import { isWholeRange, redissonObject, replacedWholeList, WHOLE_READ_OF, writesObjectFields } from './javaWholeReads';

function keysAlternative(site: RedisCallSite): string {
  const pattern = site.args[0]?.text ?? '"*"';
  switch (site.receiver.library) {
    case 'jedis':
      return `${receiverName(site, 'jedis')}.scan(cursor, new ScanParams().match(${pattern}).count(500)) until the cursor is "0"`;
    case 'lettuce':
      return `ScanIterator.scan(${receiverName(site, 'commands')}, ScanArgs.Builder.matches(${pattern}).limit(500))`;
    case 'redisson':
      return `redisson.getKeys().getKeysByPattern(${pattern})`;
    default:
      // A RedisConnection scans with scan(ScanOptions) too (keyCommands().scan on Spring Data Redis 3).
      return `${receiverName(site, 'redisTemplate')}.scan(ScanOptions.scanOptions().match(${pattern}).count(500).build())`;
  }
}

/** `redisTemplate.keys(p)` → a SCAN cursor collected into a set (RedisTemplate.scan, Spring Data Redis 2.7+). */
function springScanFix(context: RuleContext, site: RedisCallSite): Fix | undefined {
  if (site.method !== 'keys' || site.args.length !== 1 || !/template/i.test(site.receiver.text) || site.receiver.library !== 'spring-data-redis') return undefined;
  const replacement = `${site.receiver.text}.scan(ScanOptions.scanOptions().match(${site.args[0].text}).count(500).build()).stream().collect(Collectors.toSet())`;
  return {
    description: 'Replace KEYS with a SCAN cursor (RedisTemplate.scan; SCAN may return a key twice and sees concurrent changes)',
    safe: false,
    edits: [
      { startOffset: site.callSpan.startOffset, endOffset: site.callSpan.endOffset, newText: replacement },
      ...importEdit(context.model.text, 'org.springframework.data.redis.core.ScanOptions'),
      ...importEdit(context.model.text, 'java.util.stream.Collectors'),
    ],
  };
}

const SYNC_COMMANDS = /\b(?:RedisCommands|RedisClusterCommands|RedisAdvancedClusterCommands)\s*<[^;()]*?>\s+/;

/**
 * Lettuce `commands.keys(p)` → `ScanIterator.scan(commands, ScanArgs.Builder.matches(p)).stream().collect(Collectors.toList())`,
 * the same List of keys. Only on the synchronous API (`connection.sync()`, or a variable declared as RedisCommands):
 * the async and reactive keys() return futures, which the iterator does not.
 */
function lettuceScanFix(context: RuleContext, site: RedisCallSite): Fix | undefined {
  if (site.receiver.library !== 'lettuce' || site.method !== 'keys' || site.args.length !== 1) return undefined;
  const receiver = site.receiver.text;
  const text = context.model.text;
  const name = receiver.replace(/^this\./, '');
  const declaredSync = /^\w+$/.test(name) && new RegExp(SYNC_COMMANDS.source + name + '\\b').test(text) && !new RegExp(`\\b\\w*(?:Async|Reactive)\\w*Commands\\s*<[^;()]*?>\\s+${name}\\b`).test(text);
  if (!/\.sync\(\)$/.test(receiver) && !declaredSync) return undefined;
  return {
    description: 'Replace KEYS with ScanIterator.scan (SCAN may return a key twice and sees concurrent changes)',
    safe: false,
    edits: [
      { startOffset: site.callSpan.startOffset, endOffset: site.callSpan.endOffset, newText: `ScanIterator.scan(${receiver}, ScanArgs.Builder.matches(${site.args[0].text}).limit(500)).stream().collect(Collectors.toList())` },
      ...importEdit(text, 'io.lettuce.core.ScanIterator'),
      ...importEdit(text, 'io.lettuce.core.ScanArgs'),
      ...importEdit(text, 'java.util.stream.Collectors'),
    ],
  };
}

export function javaKeysCommand(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'KEYS') continue;
    const fix = springScanFix(context, site) ?? lettuceScanFix(context, site);
    context.report({
      messageId: '{{call}} runs KEYS {{pattern}}, which scans every key and blocks the server while it runs; iterate with {{alternative}}.',
      data: { call: callText(site), pattern: shownJavaKey(site, '"*"'), alternative: keysAlternative(site) },
      span: site.span,
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}

export function javaExpensiveListOps(context: RuleContext): void {
  for (const site of context.model.callSites) {
    let reason: string | undefined;
    if (site.command === 'LREM' && site.args.length > 0) reason = 'LREM looks for the value by walking the list: O(N)';
    else if ((site.command === 'LINDEX' || site.command === 'LSET') && site.args.length >= 2) {
      const index = site.args[site.command === 'LINDEX' ? 1 : 1]?.value;
      if (index && index.kind === 'number' && (index.value === 0 || index.value === -1)) continue;
      reason = `${site.command} at an arbitrary index walks the list to it: O(N)`;
    } else if (site.command === 'LINSERT') reason = 'LINSERT walks the list to the pivot: O(N)';
    if (!reason) continue;
    context.report({
      messageId: '{{call}}: {{reason}}; keep such items in a set or sorted set, or a hash by id, when the list can be long.',
      data: { call: callText(site), reason },
      span: site.span,
    });
  }
}

const COLLECTION_WRITES: Record<string, string> = { RPUSH: 'list', LPUSH: 'list', SADD: 'set', ZADD: 'sorted set', HSET: 'hash', HMSET: 'hash', XADD: 'stream' };

/** What a ranking computed by its writer is called: `rankedSpots`, `top10`, `popularItems`, `bestSellers`. */
const RANKING = /^(?:ranked|ranking|top\d*|popular|best)(?![a-z])|(?:Ranked|Ranking|Top\d*|Popular|Best)(?![a-z])/;

const TYPED_DELETES: Record<string, string> = { Hash: 'hash', Set: 'set', ZSet: 'sorted set', List: 'list' };

/** Collection types by the letter or word a wrapper method's name gives them: `sdel`, `zdelete`, `delSet`, `deleteList`. */
const NAMED_TYPES: Record<string, string> = { s: 'set', z: 'sorted set', l: 'list', h: 'hash', set: 'set', zset: 'sorted set', sortedset: 'sorted set', list: 'list', hash: 'hash', map: 'hash', stream: 'stream' };

/**
 * A wrapper method named for deleting one collection type (`sdel(key)` beside `sadd(key, v)`, `delSet(key)`,
 * `deleteList(key)`) that DELs the key its caller passes: every key it deletes is such a collection. The finding
 * belongs on the wrapper's line, where its callers' keys are all deleted.
 */
function typeByMethodName(site: RedisCallSite, key: string, facts: JavaFacts | undefined): string | undefined {
  const method = methodOf(site, facts);
  if (!method || !method.params.includes(key)) return undefined;
  const named = /^([szlh])(?:del|delete|remove|clear)$/i.exec(method.name) ?? /^(?:del|delete|remove|clear)(set|zset|sortedset|list|hash|map|stream)s?$/i.exec(method.name);
  return named ? NAMED_TYPES[named[1].toLowerCase()] : undefined;
}

/** The items of `for (String name : List.of(A, B, C))` when the key is the loop variable `name` (constants the code lists). */
function loopItems(text: string, site: RedisCallSite, key: string): string[] {
  if (!site.loop || !/^\w+$/.test(key)) return [];
  const head = text.slice(site.loop.span.startOffset, Math.min(site.loop.span.endOffset, site.loop.span.startOffset + 400));
  const literal = /^for\s*\([^:;)]*\b(\w+)\s*:\s*(?:(?:List|Set|Stream)\.of|Arrays\.asList|new\s+\w+\s*\[\s*\]\s*)\s*[({]([^(){}]*)[)}]\s*\)/.exec(head);
  return literal && literal[1] === key ? literal[2].split(',').map((item) => item.trim()) : [];
}

export function javaDelLargeKey(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const writes = context.model.callSites.filter((s) => Object.hasOwn(COLLECTION_WRITES, s.command));
  for (const site of context.model.callSites) {
    // A Redisson object is its key: `board.delete()` of a sorted set this file fills with `board.add(...)`.
    const redisson = site.receiver.library === 'redisson' && site.method === 'delete' && site.args.length === 0 && site.receiver.text !== '';
    if (site.command !== 'DEL' || site.method === 'forceUnlock' || (site.args.length !== 1 && !redisson)) continue;
    const key = redisson ? redissonName(site, context.model.text) ?? site.receiver.text : site.args[0].text;
    if (/lock/i.test(key)) continue;
    const items = redisson ? [] : loopItems(context.model.text, site, key);
    const filled = redisson
      ? writes.find((w) => w.receiver.library === 'redisson' && w.receiver.text === site.receiver.text)
      : writes.find((w) => (sameKey(w, site, facts) || (items.includes(w.args[0]?.text ?? '') && /^[A-Z][A-Z0-9_]*$/.test(w.args[0].text.split('.').pop()!))) && !writesObjectFields(context.model.text, w));
    // Or read whole just before in the same method (`entries(cartKey)` merged elsewhere, then `delete(cartKey)`): a drained collection.
    const drained = filled || redisson ? undefined : context.model.callSites.find((r) => r.span.startOffset < site.span.startOffset && r.enclosingFunction?.span.startOffset === site.enclosingFunction?.span.startOffset && r.args[0]?.text === key && WHOLE_READ_OF[r.command] !== undefined && (!/RANGE$/.test(r.command) || isWholeRange(r)));
    // `opsForHash().getOperations().delete(key)`: the code says which type of key it deletes whole.
    const typed = /\.opsFor(Hash|Set|ZSet|List)\(\)\.getOperations\(\)$/.exec(site.receiver.text)?.[1];
    // Or a key pattern (`"cart:" + uid`, the pattern KEYS found the keys with) filled as a collection here or in another file.
    const byPattern = filled || drained || typed || redisson ? undefined : collectionOfPattern(context, site);
    // A ranking every push of which refills it whole after a DEL (`delete(key); leftPushAll(key, rankedSpots)`) holds
    // the top entries its writer computed, as the whole-read rule reads it; a refilled catalogue (`leftPushAll(key,
    // products)`) is as large as what it copies and stays reported.
    if (filled && COLLECTION_WRITES[filled.command] === 'list' && RANKING.test(filled.args[1]?.text ?? '') && replacedWholeList(context.model.text, site, context.model.callSites)) continue;
    const source = filled ?? drained ?? byPattern?.write;
    const named = source || typed || byPattern || redisson ? undefined : typeByMethodName(site, key, facts);
    if (!source && !typed && !byPattern && !named) continue;
    const type = filled ? COLLECTION_WRITES[filled.command] : drained ? WHOLE_READ_OF[drained.command] : byPattern ? byPattern.type : typed ? TYPED_DELETES[typed] : named!;
    const unlink = site.method === 'del' ? 'unlink' : site.method === 'delete' && site.receiver.library !== 'spring-data-redis' ? 'unlink' : site.method === 'delete' ? 'unlink' : undefined;
    const fix: Fix | undefined = unlink ? { description: `Use ${unlink}() (UNLINK frees the ${type} in the background)`, safe: true, edits: [{ startOffset: site.span.startOffset, endOffset: site.span.endOffset, newText: unlink }] } : undefined;
    context.report({
      messageId: '{{call}} deletes the {{type}} {{key}} ({{how}}) with DEL, freeing every element on the main thread; {{client}} has unlink() (UNLINK frees it in the background).',
      data: { call: callText(site), type, key: redisson ? key : shownJavaKey(site), how: filled ? `filled with ${filled.command} here` : drained ? `read whole with ${drained.command} here` : byPattern ? byPattern.how : typed ? `deleted through opsFor${typed}() here` : `deleted by ${site.enclosingFunction?.name}(), named for a ${named}`, client: clientName(site) },
      span: site.span,
      ...(source ? { related: [{ span: source.span, message: drained ? `the ${source.command} that reads it whole` : `the ${source.command} that fills it` }] } : {}),
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}

export function javaStreamWithoutMaxlen(context: RuleContext): void {
  const trims = context.model.callSites.some((s) => s.command === 'XTRIM');
  if (trims) return;
  for (const site of context.model.callSites) {
    if (site.command !== 'XADD') continue;
    const args = site.args.map((a) => a.text).join(',');
    if (/maxLen|maxlen|minId|minid|MAXLEN|MINID|trim/i.test(args)) continue;
    // Jedis 3: xadd(key, id, hash, maxLen, approximate).
    if (site.receiver.library === 'jedis' && site.args.length >= 5) continue;
    context.report({
      messageId: '{{call}} appends to the stream {{key}} without MAXLEN/MINID and nothing trims it here: acknowledged entries stay forever; cap it ({{how}}).',
      data: { call: callText(site), key: streamKey(site, context.model.text), how: STREAM_CAPS[site.receiver.library] ?? STREAM_CAPS['spring-data-redis'] },
      span: site.span,
    });
  }
}

/** How each client caps a stream as it adds to it. */
const STREAM_CAPS: Record<string, string> = {
  jedis: 'XAddParams.xAddParams().maxLen(n).approximateTrimming()',
  lettuce: 'XAddArgs.Builder.maxlen(n).approximateTrimming()',
  'spring-data-redis': 'add(record, XAddOptions.maxlen(n).approximateTrimming(true))',
  redisson: 'StreamAddArgs.entries(...).trimNonStrict().maxLen(n).noLimit()',
};

/** The stream a call adds to: its key argument, the key of a Spring record (`StreamRecords.newRecord().in("events")`), or a Redisson stream's name. */
function streamKey(site: RedisCallSite, text: string): string {
  if (site.receiver.library === 'redisson') return redissonObject(site, text) ?? 'the stream';
  const record = /\.in\(\s*([^()]+?)\s*\)|withStreamKey\(\s*([^()]+?)\s*\)|MapRecord\.create\(\s*([^,()]+)/.exec(site.args[0]?.text ?? '');
  const named = record?.[1] ?? record?.[2] ?? record?.[3];
  if (site.receiver.library === 'spring-data-redis' && named) return named;
  return shownJavaKey(site, 'the stream');
}

const LIST_CONSUMERS = new Set(['LTRIM', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LREM', 'EXPIRE', 'PEXPIRE', 'DEL', 'UNLINK', 'LMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'SETEX']);

export function javaUnboundedListGrowth(context: RuleContext): void {
  const sites = context.model.callSites;
  const text = context.model.text;
  const facts = javaFactsOf(context.model);
  const consumers = sites.filter((s) => LIST_CONSUMERS.has(s.command));
  for (const site of sites) {
    if ((site.command !== 'RPUSH' && site.command !== 'LPUSH') || site.method === 'offer') continue;
    // Lists named as logs, histories and feeds grow by design; queues are usually consumed in another file.
    const named = site.receiver.library === 'redisson' ? redissonObjectName(text, site.receiver.text) : site.args[0]?.text;
    const namedAsKept = named !== undefined && /history|feed|timeline|recent|log|messages|chat|events/i.test(named);
    if (namedAsKept && consumers.length === 0) {
      context.report({
        messageId: '{{call}} appends to {{key}} and nothing in this file trims, pops or expires it: the list grows without bound; cap it with LTRIM after the push (or a TTL).',
        data: { call: callText(site), key: site.receiver.library === 'redisson' ? named : shownJavaKey(site) },
        span: site.span,
      });
      continue;
    }
    // Pushed item by item in a loop, the list is loaded whole (a catalogue filled from the database), not appended per event.
    if (namedAsKept || site.loop) continue;
    const read = readBackElsewhere(site, sites, text, facts);
    // A key built the same way, or one this file cannot tell apart, that is trimmed, popped, expired or deleted.
    if (!read || consumers.some((c) => { const shape = builtKeyShape(c, text, facts); return !shape || onlyParameters(shape) || shape === read.shape; })) continue;
    context.report({
      messageId: '{{call}} appends to {{key}}, which {{reader}}() reads back with LRANGE, and nothing in this file trims, pops or expires it: a list kept for reading grows without bound; cap it with LTRIM after the push (or a TTL).',
      data: { call: callText(site), key: shownJavaKey(site), reader: read.reader },
      span: site.span,
    });
  }
}

/** Names of lists that a consumer pops, whichever file does it. */
const QUEUE_NAMED = /queue|job|task|mq|pending|backlog|outbox/i;

/**
 * The method of the file that reads the pushed list back with LRANGE (`say()` pushing to a conversation key that
 * `between()` builds the same way and ranges): a list kept to be read, as a history or a feed is, whatever its name.
 * Keys are compared as built, a local followed to its initializer and the method's parameters taken as holes
 * (`root + ":" + from + ":" + to` and `root + ":" + to + ":" + from` name one family). A read in the pushing method
 * itself is a cache filled on a miss, and a key that is only the caller's parameter names nothing here.
 */
function readBackElsewhere(push: RedisCallSite, sites: readonly RedisCallSite[], text: string, facts: JavaFacts | undefined): { reader: string; shape: string } | undefined {
  if (push.receiver.library === 'redisson') return undefined;
  const shape = builtKeyShape(push, text, facts);
  if (!shape || onlyParameters(shape) || QUEUE_NAMED.test(shape)) return undefined;
  const pushMethod = methodOf(push, facts);
  if (sites.some((s) => s.command === 'LRANGE' && methodOf(s, facts) === pushMethod && builtKeyShape(s, text, facts) === shape)) return undefined;
  const read = sites.find((s) => s.command === 'LRANGE' && methodOf(s, facts) !== pushMethod && builtKeyShape(s, text, facts) === shape);
  const reader = read ? (methodOf(read, facts)?.name ?? read.enclosingFunction?.name) : undefined;
  return reader ? { reader, shape } : undefined;
}

/**
 * A call's key as built: a local followed to its last assignment before the call in the enclosing methods (an
 * anonymous callback's outer method too), their parameters as `*`, whitespace and `this.` dropped.
 */
function builtKeyShape(site: RedisCallSite, text: string, facts: JavaFacts | undefined): string | undefined {
  let expression = site.args[0]?.text.trim();
  if (!expression) return undefined;
  const offset = site.span.startOffset;
  const enclosing = (facts?.methods ?? []).filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start);
  const params = enclosing.flatMap((m) => m.params);
  if (/^[a-z]\w*$/.test(expression) && !params.includes(expression)) {
    const local = expression;
    const assigned = enclosing.map((m) => [...text.slice(m.start, offset).matchAll(new RegExp(`\\b${local}\\s*=(?!=)\\s*([^;]+);`, 'g'))].pop()?.[1]).find((a) => a !== undefined);
    expression = assigned?.trim() ?? expression;
  }
  let shape = expression.replace(/\s+/g, '').replace(/\bthis\./g, '');
  for (const param of params) shape = shape.replace(new RegExp(`(?<![\\w.])${param}\\b(?!\\s*\\()`, 'g'), '*');
  return shape;
}

/** A shape that is the parameters alone, also converted (`key.getBytes(CHARSET)`, `String.valueOf(id)`): the caller's key. */
function onlyParameters(shape: string): boolean {
  const bare = shape.replace(/\*(?:\.\w+\([^()]*\))+/g, '*').replace(/^String\.valueOf\(\*\)$/, '*');
  return bare === '*';
}

/** The name a Redisson object was opened with (`list = redisson.getList("history:" + room)` → `"history:" + room`). */
function redissonObjectName(text: string, variable: string): string | undefined {
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${escaped}\\s*=\\s*[\\w.()]*?get(?:List|Deque|Queue)\\(([^;,)]*)`).exec(text)?.[1]?.trim();
}

const SET_ALGEBRA = new Set(['SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNION', 'ZINTER', 'ZDIFF', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);

export function javaBigSetAlgebra(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const reported = new Set<number>();
  const report = (call: string, command: string, span: RedisCallSite['span']): void => {
    if (reported.has(span.startOffset)) return;
    reported.add(span.startOffset);
    context.report({
      messageId: '{{call}} runs {{command}} on the server: its cost grows with the size of the sets involved and blocks every other client meanwhile; precompute the result, keep the sets small, or compute it on a replica.',
      data: { call, command },
      span,
    });
  };
  for (const site of context.model.callSites) {
    if (!SET_ALGEBRA.has(site.command)) continue;
    // A helper that only forwards its caller's keys is reported where this file calls it with the keys it builds; a
    // wrapper class's method that nothing in its file calls (RedisUtil.sIntersect(key, otherKey)) is the only place
    // the command shows, since its callers in other files see just a project method.
    const method = facts?.methods.find((m) => m.span.startOffset === site.enclosingFunction?.span.startOffset);
    const forwards = method && site.args.length > 0 && site.args.every((a) => method.params.includes(a.text));
    const callers = forwards && facts ? callsInFile(facts, method) : [];
    if (callers.length === 0) report(callText(site), site.command, site.span);
    for (const caller of callers) {
      const own = caller.method === undefined ? undefined : facts?.methods[caller.method];
      // A caller that forwards its own parameters in turn is a wrapper too: its callers are elsewhere.
      if (own && caller.args.length > 0 && caller.args.every((a) => own.params.includes(a.trim()))) continue;
      report(`${caller.name}(…)`, `${site.command} (through ${caller.name}())`, caller.span);
    }
  }
}

/** The file's own calls of `method` (`common(a, b)`, `this.common(a, b)`) from outside its body. */
function callsInFile(facts: JavaFacts, method: JavaMethod): JavaInvocation[] {
  return facts.invocations.filter((call) => call.name === method.name && (call.object === '' || call.object === 'this') && (call.span.startOffset < method.start || call.span.startOffset > method.end));
}

export function javaSortCommand(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'SORT' && site.command !== 'SORT_RO') continue;
    context.report({
      messageId: '{{call}} runs SORT: O(N+M*log(M)) on the server, worse with BY/GET patterns, blocking every other client; keep the data in a sorted set and read it with ZRANGE.',
      data: { call: callText(site) },
      span: site.span,
    });
  }
}

export function javaFlushInAppCode(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'FLUSHALL' && site.command !== 'FLUSHDB') continue;
    context.report({
      messageId: '{{call}} runs {{command}}: it deletes every key{{scope}} and blocks the server while it frees them; application code should delete its own keys (SCAN + UNLINK by prefix).',
      data: { call: callText(site), command: site.command, scope: site.command === 'FLUSHALL' ? ' of every database' : ' of the database' },
      span: site.span,
    });
  }
}

const ADMIN = new Set(['MONITOR', 'SHUTDOWN', 'SAVE', 'BGSAVE', 'BGREWRITEAOF', 'CONFIG SET', 'CONFIG REWRITE', 'CONFIG RESETSTAT', 'SLAVEOF', 'REPLICAOF', 'CLIENT KILL', 'SCRIPT FLUSH', 'FUNCTION FLUSH', 'SWAPDB', 'DEBUG']);

export function javaAdminCommandInApp(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (!ADMIN.has(site.command) || site.receiver.kind === 'pool') continue;
    context.report({
      messageId: '{{call}} runs the administrative command {{command}} from application code: it changes or stops the server for every client; leave it to operations (and deny it to the application\'s ACL user).',
      data: { call: callText(site), command: site.command },
      span: site.span,
    });
  }
}
