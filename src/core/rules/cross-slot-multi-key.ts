/** cross-slot-multi-key: multi-key commands fail with CROSSSLOT in Cluster unless all keys share a slot. */
import type { Arg, FileModel, RedisCallSite } from '../analysis/model';
import { keyPatternOf } from '../analysis/argumentValues';
import type { Rule } from './rule';
import { mayBeCluster } from './support/clusterReceivers';
import { hasHashTag, keyCollectionOf } from './support/keyCollections';
import { hashTag, keySlot } from './support/slots';
import { IMPORT_IOREDIS_CLUSTER } from './exampleImports';
import { GO_REDIS, goFile, javaFile } from './exampleFiles';

const ALL_KEYS = new Set(['MGET', 'JSON.MGET', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'RENAME', 'RENAMENX', 'SMOVE', 'LMOVE', 'RPOPLPUSH', 'PFMERGE', 'PFCOUNT', 'BLMOVE', 'BRPOPLPUSH', 'COPY']);
const KEY_VALUE_PAIRS = new Set(['MSET', 'MSETNX']);
/** Commands taking any number of keys: a collection of keys may be passed to them. */
const VARIADIC = new Set(['MGET', 'JSON.MGET', 'JSON.MSET', 'MSET', 'MSETNX', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'SUNION', 'SINTER', 'SDIFF', 'PFCOUNT']);
/** Commands of key-path-value triplets (`JSON.MSET key path value [key path value ...]`): every third argument is a key. */
const KEY_PATH_VALUE_TRIPLETS = new Set(['JSON.MSET']);
/** Commands whose last argument is not a key (`JSON.MGET key [key ...] path`). */
const KEYS_THEN_PATH = new Set(['JSON.MGET']);
/** Multi-key commands redis-py's RedisCluster sends per slot on its own. */
const SPLIT_BY_REDIS_PY = new Set(['DEL', 'UNLINK', 'EXISTS', 'TOUCH']);

/**
 * The keys of JSON.MSET: redis-py takes a list of (key, path, value) tuples, node-redis a list of { key, path,
 * value } objects, a raw command the triplets themselves.
 */
function tripletKeys(site: RedisCallSite): Arg[] | undefined {
  const flat: Arg[] = [];
  for (const arg of site.args) {
    if (arg.spread || arg.text.startsWith('...') || arg.text.startsWith('*')) return undefined;
    if (arg.value.kind !== 'array') {
      flat.push(arg);
      continue;
    }
    for (const item of arg.value.items) {
      if (item.value.kind === 'array') flat.push(item.value.items[0]);
      else if (item.value.kind === 'object' && item.value.entries.key) flat.push(item.value.entries.key);
      else return undefined;
    }
    return flat.filter((key) => key !== undefined);
  }
  return flat.filter((_, i) => i % 3 === 0);
}

/** The arguments of the call that may be key collections: not JSON.MGET's trailing path. */
function collectionCandidates(site: RedisCallSite): Arg[] {
  return KEYS_THEN_PATH.has(site.command) && site.args.length > 1 ? site.args.slice(0, -1) : site.args;
}

function keyArgs(site: RedisCallSite): Arg[] | undefined {
  if (KEY_PATH_VALUE_TRIPLETS.has(site.command)) return tripletKeys(site);
  const flat: Arg[] = [];
  for (const arg of site.args) {
    if (arg.spread || arg.text.startsWith('...') || arg.text.startsWith('*')) return undefined;
    if (arg.value.kind === 'array') flat.push(...arg.value.items);
    else if (arg.value.kind === 'object' && KEY_VALUE_PAIRS.has(site.command)) {
      for (const [key, value] of Object.entries(arg.value.entries)) flat.push({ ...value, value: { kind: 'string', value: key }, text: key });
      return flat;
    } else flat.push(arg);
  }
  if (KEY_VALUE_PAIRS.has(site.command)) return flat.filter((_, i) => i % 2 === 0);
  // The path closes JSON.MGET; with a single list argument there is none to drop.
  if (KEYS_THEN_PATH.has(site.command)) return site.args.length > 1 ? flat.slice(0, -1) : flat;
  if (site.command === 'SMOVE' || site.command === 'COPY') return flat.slice(0, 2);
  if (site.command === 'LMOVE' || site.command === 'BLMOVE') return flat.slice(0, 2);
  return flat;
}

/** True when the keys provably hash to one slot: same literal tag, or literal keys with equal slots. */
function sameSlot(keys: string[]): boolean {
  const tags = keys.map(hashTag);
  // A shared {tag} (even one filled from the same kind of variable) means the author co-locates on purpose.
  if (tags.every((tag) => tag === tags[0]) && (keys.every((k) => k.includes('{')) || !tags[0].includes('*'))) return true;
  if (keys.every((k) => !k.includes('*'))) return keys.every((k) => keySlot(k) === keySlot(keys[0]));
  return false;
}

/**
 * The function around the call minds Cluster itself: it branches on cluster mode (`if (this.isCluster)`,
 * `if self.cluster_mode:`) — the multi-key call then sits on the standalone branch — or groups keys by slot.
 */
function handlesClusterMode(model: FileModel, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  const body = fn ? model.text.slice(fn.span.startOffset, fn.span.endOffset) : '';
  return /\b(if|elif|else\s+if)\b[^\n]*cluster|cluster\w*\s*\?|\b(key_?slot|keySlot|calculateSlot|cluster-key-slot|slotOf|groupBySlot|by_slot)\b/i.test(body);
}

export const crossSlotMultiKey: Rule = {
  meta: {
    id: 'cross-slot-multi-key',
    code: 'RR403',
    category: 'cluster',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'keep', script: 'keep' },
    clusterAware: true,
    messages: {
      collection: '{{command}} of the keys in {{keys}} {{where}} fails with CROSSSLOT as soon as they hash to different slots, and keys built per item do; give them a shared hash tag (e.g. "doc:{batch}:1") or issue per-key commands in a pipeline.',
      crossSlot: '{{command}} of {{keys}} {{where}} fails with CROSSSLOT unless all keys hash to one slot{{slots}}; give them a shared hash tag (e.g. "cart:{42}:items" and "cart:{42}:total") or issue per-key commands in a pipeline.',
    },
    docs: {
      summary: 'Multi-key commands on keys without a shared hash tag fail in Cluster.',
      what: 'In projects that declare `"cluster": true`, for calls on cluster clients (RedisCluster, new Cluster, createCluster), and on clients declared with a type that admits a cluster (`RedisClientType | RedisClusterType`, `Redis | Cluster`), reports multi-key commands (MGET, MSET, DEL/UNLINK/EXISTS with several keys, set algebra, RENAME, SMOVE, LMOVE, PFMERGE, RedisJSON\'s JSON.MGET and JSON.MSET, …) whose keys are not provably in one slot. Literal keys are hashed (CRC16) to compare slots. Keys passed as a collection — a spread (`...keys`, `*keys`), a `.map(…)` result, a comprehension, or a local or parameter holding one — are reported unless their template carries a `{hash tag}`. redis-py\'s RedisCluster splits DEL/UNLINK/EXISTS/TOUCH per slot itself, so those are not reported for it, nor are clients whose `keyPrefix` carries a hash tag, nor calls in functions that branch on cluster mode or group keys by slot themselves. In Go, scripts count as multi-key commands too: `Eval`/`EvalSha`/`EvalRO`/`FCall` and `Script.Run` with several keys in their key list, and so do `XRead`/`XReadGroup` over several streams (the first half of `Streams`); when an unexported helper passes its key-list parameter to a script, each call of the helper is reported instead of the helper.',
      why: 'Redis Cluster only executes a multi-key command when every key maps to the same hash slot; otherwise it replies CROSSSLOT. Code that works on a single instance breaks the day it moves to Cluster.',
      examples: [
        { client: 'redis-py', file: 'app/cart.py', bad: 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cluster")\n\ndef totals(uid):\n    return rc.mget(f"cart:{uid}:items", f"cart:{uid}:total")\n', good: 'from redis.cluster import RedisCluster\n\nrc = RedisCluster(host="cluster")\n\ndef totals(uid):\n    return rc.mget(f"cart:{{{uid}}}:items", f"cart:{{{uid}}}:total")\n' },
        { client: 'ioredis', file: 'src/cart.ts', bad: IMPORT_IOREDIS_CLUSTER + "const cluster = new Cluster([{ host: 'cluster', port: 6379 }]);\ncluster.on('error', console.error);\n\nexport function rename(id: string) {\n  return cluster.rename(`cart:${id}`, `cart:${id}:old`);\n}\n", good: IMPORT_IOREDIS_CLUSTER + "const cluster = new Cluster([{ host: 'cluster', port: 6379 }]);\ncluster.on('error', console.error);\n\nexport function rename(id: string) {\n  return cluster.rename(`cart:{${id}}`, `cart:{${id}}:old`);\n}\n" },
        { client: 'node-redis', file: 'src/cart.ts', bad: "import { createCluster } from 'redis';\nconst cluster = createCluster({ rootNodes: [{ url: 'redis://cluster:6379' }] });\ncluster.on('error', console.error);\n\nexport function both() {\n  return cluster.mGet(['user:1', 'user:2']);\n}\n", good: "import { createCluster } from 'redis';\nconst cluster = createCluster({ rootNodes: [{ url: 'redis://cluster:6379' }] });\ncluster.on('error', console.error);\n\nexport function both() {\n  return cluster.mGet(['{users}:1', '{users}:2']);\n}\n" },
        {
          client: 'go-redis',
          file: 'carts/merge.go',
          bad: goFile('carts', ['"context"', '', GO_REDIS], `
func Merge(ctx context.Context, rdb *redis.ClusterClient, user, guest string) error {
    return rdb.SUnionStore(ctx, "cart:"+user, "cart:"+user, "guest-cart:"+guest).Err()
}
`),
          good: goFile('carts', ['"context"', '', GO_REDIS], `
// Both carts of a user carry the user's hash tag, so they live in one slot.
func Merge(ctx context.Context, rdb *redis.ClusterClient, user, session string) error {
    return rdb.SUnionStore(ctx, "cart:{"+user+"}", "cart:{"+user+"}", "guest-cart:{"+user+"}:"+session).Err()
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Carts.java',
          bad: javaFile(['java.util.List', 'redis.clients.jedis.JedisCluster'], `
public class Carts {
    private final JedisCluster cluster;

    public Carts(JedisCluster cluster) {
        this.cluster = cluster;
    }

    public List<String> totals(String user) {
        return cluster.mget("cart:" + user + ":items", "cart:" + user + ":total");
    }
}
`),
          good: javaFile(['java.util.List', 'redis.clients.jedis.JedisCluster'], `
public class Carts {
    private final JedisCluster cluster;

    public Carts(JedisCluster cluster) {
        this.cluster = cluster;
    }

    public List<String> totals(String user) {
        return cluster.mget("cart:{" + user + "}:items", "cart:{" + user + "}:total");
    }
}
`),
        },
      ],
      fix: 'Put related keys in one slot with a hash tag — only the text inside the first non-empty `{…}` is hashed — or split the command into per-key commands sent in a pipeline (not atomic).',
      falsePositives: 'Standalone and Sentinel deployments are not affected: the rule only runs for cluster clients (or clients typed as possibly one) or with `"cluster": true`. A key collection whose keys the caller already groups by slot is reported; suppress inline or give the template a hash tag.',
      references: [
        { title: 'Cluster spec: hash tags and multi-key operations', url: 'https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/' },
        { title: 'redis-py clustering', url: 'https://redis.readthedocs.io/en/stable/clustering.html' },
      ],
    },
  },
  check(context) {
    const { model, config } = context;
    for (const site of model.callSites) {
      if (!ALL_KEYS.has(site.command) && !KEY_VALUE_PAIRS.has(site.command) && !KEY_PATH_VALUE_TRIPLETS.has(site.command)) continue;
      // redis-py's RedisCluster splits these per slot itself (and the *_nonatomic helpers say so in their name).
      if (site.receiver.library === 'redis-py' && site.receiver.kind === 'cluster' && SPLIT_BY_REDIS_PY.has(site.command)) continue;
      if (/nonatomic/i.test(site.method)) continue;
      // A client-wide key prefix with a hash tag (`keyPrefix: '{app}:'`) puts every key in one slot.
      if (Object.entries(site.receiver.creation?.options ?? {}).some(([name, option]) => /(^|\.)(keyPrefix|prefix)$/i.test(name) && /\{[^{}]+\}/.test(option.text))) continue;
      const cluster = config.cluster || site.receiver.kind === 'cluster';
      if (!cluster && !mayBeCluster(model, site)) continue;
      if (handlesClusterMode(model, site)) continue;
      const where = cluster ? 'in Redis Cluster' : `on ${site.receiver.text}, declared as possibly a Cluster client,`;
      const severity = config.cluster ? 'error' : undefined;
      if (VARIADIC.has(site.command)) {
        const candidates = collectionCandidates(site);
        const collections = candidates.map((arg) => keyCollectionOf(model, site, arg));
        const collection = collections.find((c) => c !== undefined);
        if (collection) {
          const python = model.language === 'python';
          const tagged = candidates.some((arg, i) => hasHashTag(collections[i]?.builder ?? arg.text, python));
          if (!tagged) context.report({ messageId: 'collection', data: { command: site.command, keys: collection.text, where }, span: site.span, severity });
          continue;
        }
      }
      const args = keyArgs(site);
      if (!args || args.length < 2) continue;
      const keys = args.map(keyPatternOf);
      if (keys.some((k) => k === undefined)) continue;
      const literal = keys as string[];
      if (sameSlot(literal)) continue;
      const slots = literal.every((k) => !k.includes('*')) ? ` (slots ${[...new Set(literal.map(keySlot))].join(', ')})` : '';
      context.report({
        messageId: 'crossSlot',
        data: { command: site.command, keys: literal.slice(0, 3).map((k) => `'${k}'`).join(', ') + (literal.length > 3 ? ', …' : ''), slots, where },
        span: site.span,
        severity,
      });
    }
  },
};
