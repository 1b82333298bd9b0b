/** unbounded-collection-read: whole-collection reads on collections that grow without bound. */
import { keyPatternOf, numberOf } from '../analysis/argumentValues';
import type { Arg, RedisCallSite } from '../analysis/model';
import { keyPatternCovered } from '../config/glob';
import type { Rule } from './rule';
import { growingHashes, isInFlightKey, trimmedKeys } from './support/sites';
import { methodName, shownKey } from './support/clients';
import { hasOption } from './support/options';
import { IMPORT_IOREDIS } from './exampleImports';

const WHOLE_SET = new Set(['SMEMBERS']);
const WHOLE_HASH = new Set(['HGETALL', 'HKEYS', 'HVALS']);
const RANGES = new Set(['LRANGE', 'ZRANGE', 'ZREVRANGE']);
const STREAM_RANGES = new Set(['XRANGE', 'XREVRANGE']);

function alternative(site: RedisCallSite): string {
  const lib = site.receiver.library;
  switch (site.command) {
    case 'SMEMBERS':
      return methodName(lib, 'sscan_iter', 'sscanStream', 'sScanIterator');
    case 'HGETALL':
    case 'HKEYS':
    case 'HVALS':
      return `${methodName(lib, 'hscan_iter', 'hscanStream', 'hScanIterator')} or HMGET of the fields you need`;
    case 'XRANGE':
    case 'XREVRANGE':
      return `a COUNT and paging by the last ID`;
    default:
      return `pages (e.g. 0..99) or a ${site.command === 'LRANGE' ? 'capped list (LTRIM)' : 'LIMIT'}`;
  }
}

/** Adding members to a set or sorted set is idempotent: fixed members keep it at a fixed size. */
const SET_WRITES = new Set(['SADD', 'ZADD', 'ZINCRBY']);

function isLiteral(arg: Arg): boolean {
  const value = arg.value;
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null') return !arg.spread;
  if (value.kind === 'array') return value.items.every(isLiteral);
  if (value.kind === 'object') return Object.values(value.entries).every(isLiteral);
  return false;
}

/**
 * Literal keys of sets and sorted sets that this file fills only with fixed literal members (a demo
 * leaderboard of three medals): bounded by construction. Any computed member, or any other write, or a
 * key that is never written here, leaves the key out.
 */
function fixedMemberSets(sites: readonly RedisCallSite[]): Set<string> {
  const fixed = new Set<string>();
  const grown = new Set<string>();
  for (const site of sites) {
    const key = keyPatternOf(site.args[0]);
    if (key === undefined || key.includes('*')) continue;
    if (SET_WRITES.has(site.command) && site.args.length > 1 && site.args.slice(1).every(isLiteral) && Object.values(site.keywords).every(isLiteral)) fixed.add(key);
    else if (WRITE_COMMANDS.has(site.command)) grown.add(key);
  }
  for (const key of grown) fixed.delete(key);
  return fixed;
}

/** Commands that add to a collection (anything besides the fixed-member writes makes it open-ended). */
const WRITE_COMMANDS = new Set(['SADD', 'ZADD', 'ZINCRBY', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'SMOVE', 'RPUSH', 'LPUSH', 'RPUSHX', 'LPUSHX', 'LINSERT', 'LMOVE', 'RPOPLPUSH', 'BLMOVE', 'BRPOPLPUSH', 'RESTORE', 'COPY', 'RENAME']);

export const unboundedCollectionRead: Rule = {
  meta: {
    id: 'unbounded-collection-read',
    code: 'RR102',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      whole: '{{command}} {{key}} returns the whole collection in one reply, O(N) on the server and in memory; read it with {{alternative}}.',
      range: '{{command}} {{key}} 0 -1 reads the whole {{kind}}; use {{alternative}}.',
      stream: '{{command}} {{key}} without COUNT returns the entire stream; use {{alternative}}.',
    },
    docs: {
      summary: 'SMEMBERS/HGETALL/LRANGE 0 -1 on growing collections block Redis and build huge replies.',
      what: 'Reports whole-collection reads: SMEMBERS, LRANGE/ZRANGE with end -1, XRANGE without COUNT, and HGETALL/HKEYS/HVALS on hashes this file fills with computed field names (maps that grow per entity). Key patterns listed in `boundedKeys` are not reported.',
      why: 'These commands are O(N) in the collection size and return a reply of the same size: server CPU, output buffers, network and client memory all grow with the data. A set of a million members read on every request stalls every other client.',
      examples: [
        { client: 'redis-py', file: 'app/followers.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef followers(uid):\n    return r.smembers(f"followers:{uid}")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef followers(uid):\n    return list(r.sscan_iter(f"followers:{uid}", count=500))\n' },
        { client: 'ioredis', file: 'src/timeline.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function timeline(uid: string) {\n  return redis.lrange(`timeline:${uid}`, 0, -1);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function timeline(uid: string, page = 0) {\n  return redis.lrange(`timeline:${uid}`, page * 50, page * 50 + 49);\n}\n" },
        { client: 'node-redis', file: 'src/board.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function leaderboard() {\n  return client.zRange('leaderboard', 0, -1);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function leaderboard() {\n  return client.zRange('leaderboard', 0, 99);\n}\n" },
      ],
      fix: 'Page the read (LRANGE/ZRANGE with a bounded end, XRANGE COUNT), iterate with SSCAN/HSCAN/ZSCAN, or fetch only the fields you need with HMGET. Cap collections on write (LTRIM, ZREMRANGEBYRANK).',
      falsePositives: 'Sets and sorted sets that the same file fills only with fixed literal members (ZADD of three medals) are bounded by construction and not reported, nor are collections the project trims (LTRIM, ZREMRANGEBYRANK/SCORE, XTRIM, ZPOPMIN/MAX, SPOP on the same key) or in-flight work lists (keys named processing, active, running…). Other collections that are small by construction (a user\'s roles, a 5-field object hash): declare them in `.redis-review.json`: `"boundedKeys": ["user:*:roles"]`. Object-shaped hashes (fixed field names) are not reported.',
      references: [
        { title: 'SMEMBERS', url: 'https://redis.io/docs/latest/commands/smembers/' },
        { title: 'HGETALL', url: 'https://redis.io/docs/latest/commands/hgetall/' },
        { title: 'SCAN family', url: 'https://redis.io/docs/latest/commands/scan/' },
      ],
    },
  },
  check(context) {
    const hashes = growingHashes(context.model);
    const fixed = fixedMemberSets(context.model.callSites);
    const isTrimmed = trimmedKeys(context.model.callSites, context.workspaceKeys);
    for (const site of context.model.callSites) {
      if (!WHOLE_SET.has(site.command) && !WHOLE_HASH.has(site.command) && !RANGES.has(site.command) && !STREAM_RANGES.has(site.command)) continue;
      const key = keyPatternOf(site.args[0]);
      if (key && keyPatternCovered(key, context.config.boundedKeys)) continue;
      if (key && fixed.has(key) && (WHOLE_SET.has(site.command) || RANGES.has(site.command))) continue;
      // Capped collections (trimmed on write) and in-flight work lists are bounded by design.
      if (isTrimmed(key) || (site.args[0] && isInFlightKey(site.args[0].text))) continue;
      const data = { command: site.command, key: shownKey(site), alternative: alternative(site) };
      if (WHOLE_SET.has(site.command)) context.report({ messageId: 'whole', data, span: site.span });
      else if (WHOLE_HASH.has(site.command) && key && hashes.has(key)) context.report({ messageId: 'whole', data, span: site.span });
      else if (RANGES.has(site.command) && numberOf(site.args[2]) === -1 && numberOf(site.args[1]) === 0 && !hasOption(site, ['limit', 'num', 'LIMIT'], 3)) {
        context.report({ messageId: 'range', data: { ...data, kind: site.command === 'LRANGE' ? 'list' : 'sorted set' }, span: site.span });
      } else if (STREAM_RANGES.has(site.command) && !hasOption(site, ['count', 'COUNT'], 1)) {
        context.report({ messageId: 'stream', data, span: site.span });
      }
    }
  },
};
