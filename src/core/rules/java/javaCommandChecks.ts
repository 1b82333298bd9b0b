/** Java checks of single commands: KEYS, whole-collection reads, O(N) list operations, DEL of collections, SELECT, streams and lists that only grow. */
import { javaFactsOf } from '../../analysis/java/javaModel';
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import type { RuleContext } from '../rule';
import { shownKey } from '../support/clients';
import { callText, clientName, importEdit, sameKey } from './javaSupport';

function keysAlternative(site: RedisCallSite): string {
  const pattern = site.args[0]?.text ?? '"*"';
  switch (site.receiver.library) {
    case 'jedis':
      return `jedis.scan(cursor, new ScanParams().match(${pattern}).count(500)) until the cursor is "0"`;
    case 'lettuce':
      return `ScanIterator.scan(commands, ScanArgs.Builder.matches(${pattern}).limit(500))`;
    case 'redisson':
      return `redisson.getKeys().getKeysByPattern(${pattern})`;
    default:
      return `redisTemplate.scan(ScanOptions.scanOptions().match(${pattern}).count(500).build())`;
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

export function javaKeysCommand(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'KEYS') continue;
    const fix = springScanFix(context, site);
    context.report({
      messageId: '{{call}} runs KEYS {{pattern}}, which scans every key and blocks the server while it runs; iterate with {{alternative}}.',
      data: { call: callText(site), pattern: site.args[0] ? shownKey(site) : "'*'", alternative: keysAlternative(site) },
      span: site.span,
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}

const WHOLE_READS: Record<string, string> = {
  SMEMBERS: 'SSCAN, or SRANDMEMBER/SISMEMBER for what you need',
  HVALS: 'HSCAN, or HMGET of the fields you need',
  HKEYS: 'HSCAN',
  HGETALL: 'HSCAN, or HMGET of the fields you need',
};

function isWholeRange(site: RedisCallSite): boolean {
  const start = site.args[1]?.value;
  const end = site.args[2];
  if (!start || !end || start.kind !== 'number' || start.value !== 0) return false;
  if (end.value.kind === 'number') return end.value.value === -1;
  // LRANGE 0 (LLEN - 1): the whole list in two commands.
  return /(llen|size|len)\w*\(.*\)-1$/i.test(end.text.replace(/\s+/g, ''));
}

/** ZRANGEBYSCORE up to +inf / Double.MAX_VALUE with no LIMIT (Redisson entryRange/valueRange without offset and count). */
function isOpenScoreRange(site: RedisCallSite): boolean {
  const text = site.args.map((a) => a.text).join(',');
  return site.args.length <= 4 && /MAX_VALUE|POSITIVE_INFINITY|"\+inf"/.test(text);
}

export function javaUnboundedCollectionRead(context: RuleContext): void {
  for (const site of context.model.callSites) {
    let how: string | undefined;
    if (Object.hasOwn(WHOLE_READS, site.command)) {
      // Redisson's readAllMap mostly reads small object maps; only the command-style clients are judged here.
      if (site.method === 'readAllMap' || site.method === 'readAllEntrySet') continue;
      how = WHOLE_READS[site.command];
    } else if ((site.command === 'LRANGE' || site.command === 'ZRANGE' || site.command === 'ZREVRANGE') && isWholeRange(site)) {
      how = site.command === 'LRANGE' ? 'LRANGE in pages (start, start + 99)' : `${site.command} with a bounded range`;
    } else if ((site.command === 'ZRANGEBYSCORE' || site.command === 'ZREVRANGEBYSCORE') && isOpenScoreRange(site)) {
      how = 'a LIMIT (offset, count), or ZCOUNT when only the number is needed';
    }
    if (!how) continue;
    context.report({
      messageId: '{{call}} reads the whole {{command}} reply of {{key}} in one command: O(N) on the server and one huge reply as the collection grows; use {{how}}.',
      data: { call: callText(site), command: site.command, key: site.args[0] ? shownKey(site) : 'the key', how },
      span: site.span,
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

export function javaDelLargeKey(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const writes = context.model.callSites.filter((s) => Object.hasOwn(COLLECTION_WRITES, s.command));
  for (const site of context.model.callSites) {
    if (site.command !== 'DEL' || site.method === 'forceUnlock' || site.args.length !== 1) continue;
    const key = site.args[0].text;
    if (/lock/i.test(key)) continue;
    const filled = writes.find((w) => sameKey(w, site, facts) && (w.command !== 'HSET' || !/^"/.test(w.args[1]?.text ?? '"')));
    if (!filled) continue;
    const type = COLLECTION_WRITES[filled.command];
    const unlink = site.method === 'del' ? 'unlink' : site.method === 'delete' && site.receiver.library !== 'spring-data-redis' ? 'unlink' : site.method === 'delete' ? 'unlink' : undefined;
    const fix: Fix | undefined = unlink ? { description: `Use ${unlink}() (UNLINK frees the ${type} in the background)`, safe: true, edits: [{ startOffset: site.span.startOffset, endOffset: site.span.endOffset, newText: unlink }] } : undefined;
    context.report({
      messageId: '{{call}} deletes the {{type}} {{key}} (filled with {{write}} here) with DEL, freeing every element on the main thread; {{client}} has unlink() (UNLINK frees it in the background).',
      data: { call: callText(site), type, key: shownKey(site), write: filled.command, client: clientName(site) },
      span: site.span,
      related: [{ span: filled.span, message: `the ${filled.command} that fills it` }],
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}

export function javaSelectDb(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'SELECT') continue;
    const db = site.args[0]?.value;
    if (db?.kind === 'number' && db.value === 0) continue;
    context.report({
      messageId: '{{call}} switches a pooled connection to database {{db}}: the connection keeps it for its next borrower, and numbered databases do not exist in Redis Cluster; use key prefixes, or set the database once in the pool configuration.',
      data: { call: callText(site), db: site.args[0]?.text ?? '?' },
      span: site.span,
    });
  }
  const facts = javaFactsOf(context.model);
  for (const creation of facts?.creations ?? []) {
    if (!/^(JedisPool|JedisPooled|Jedis|JedisSentinelPool)$/.test(creation.type)) continue;
    const url = creation.args.find((a) => /^"\w+:\/\/[^"]*\/(\d+)"$/.test(a));
    const db = url ? Number(/\/(\d+)"$/.exec(url)![1]) : undefined;
    if (!db) continue;
    context.report({
      messageId: 'new {{type}}(…) connects to database {{db}} of the URL: numbered databases share one server\'s CPU and memory and do not exist in Redis Cluster; use key prefixes.',
      data: { type: creation.type, db },
      span: creation.span,
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
      data: { call: callText(site), key: site.args[0] ? shownKey(site) : 'the stream', how: site.receiver.library === 'jedis' ? 'XAddParams.xAddParams().maxLen(n).approximateTrimming()' : site.receiver.library === 'lettuce' ? 'XAddArgs.Builder.maxlen(n).approximateTrimming()' : 'XAddOptions.maxlen(n) or a periodic trim()' },
      span: site.span,
    });
  }
}

const LIST_CONSUMERS = new Set(['LTRIM', 'LPOP', 'RPOP', 'BLPOP', 'BRPOP', 'LREM', 'EXPIRE', 'PEXPIRE', 'DEL', 'UNLINK', 'LMOVE', 'RPOPLPUSH', 'BRPOPLPUSH', 'SETEX']);

export function javaUnboundedListGrowth(context: RuleContext): void {
  const sites = context.model.callSites;
  if (sites.some((s) => LIST_CONSUMERS.has(s.command))) return;
  for (const site of sites) {
    if ((site.command !== 'RPUSH' && site.command !== 'LPUSH') || site.method === 'offer') continue;
    // Lists named as logs, histories and feeds grow by design; queues are usually consumed in another file.
    const named = site.receiver.library === 'redisson' ? redissonObjectName(context.model.text, site.receiver.text) : site.args[0]?.text;
    if (!named || !/history|feed|timeline|recent|log|messages|chat|events/i.test(named)) continue;
    context.report({
      messageId: '{{call}} appends to {{key}} and nothing in this file trims, pops or expires it: the list grows without bound; cap it with LTRIM after the push (or a TTL).',
      data: { call: callText(site), key: site.receiver.library === 'redisson' ? named : shownKey(site) },
      span: site.span,
    });
  }
}

/** The name a Redisson object was opened with (`list = redisson.getList("history:" + room)` → `"history:" + room`). */
function redissonObjectName(text: string, variable: string): string | undefined {
  const escaped = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${escaped}\\s*=\\s*[\\w.()]*?get(?:List|Deque|Queue)\\(([^;,)]*)`).exec(text)?.[1]?.trim();
}

const SET_ALGEBRA = new Set(['SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNION', 'ZINTER', 'ZDIFF', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);

export function javaBigSetAlgebra(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  for (const site of context.model.callSites) {
    if (!SET_ALGEBRA.has(site.command)) continue;
    // A wrapper that only forwards its caller's keys is judged at its callers.
    const method = facts?.methods.find((m) => m.span.startOffset === site.enclosingFunction?.span.startOffset);
    if (method && site.args.length > 0 && site.args.every((a) => method.params.includes(a.text))) continue;
    context.report({
      messageId: '{{call}} runs {{command}} on the server: its cost grows with the size of the sets involved and blocks every other client meanwhile; precompute the result, keep the sets small, or compute it on a replica.',
      data: { call: callText(site), command: site.command },
      span: site.span,
    });
  }
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
