/** Reads command options across clients: SET's EX/PX/NX, XADD's MAXLEN, SCAN's COUNT, in each client's style. */
import { keyPatternOf, numberOf, stringOf } from '../../analysis/argumentValues';
import type { Arg, RedisCallSite } from '../../analysis/model';

/** Upper-cased string tokens among positional args (ioredis style "EX", 60, "NX"). */
function tokens(args: readonly Arg[]): string[] {
  return args.map((a) => (a.value.kind === 'string' ? a.value.value.toUpperCase() : ''));
}

/** The trailing options object (node-redis style `{ EX: 60, NX: true }`). */
export function optionsObject(site: RedisCallSite, from = 0): Record<string, Arg> | undefined {
  for (let i = site.args.length - 1; i >= from; i--) {
    const value = site.args[i].value;
    if (value.kind === 'object') return value.entries;
  }
  return undefined;
}

/** Option by name in whichever style the client uses (Python keyword, JS options object key, or a positional token). */
export function hasOption(site: RedisCallSite, names: readonly string[], positionalFrom = 0): boolean {
  for (const name of names) {
    const keyword = site.keywords[name.toLowerCase()];
    if (keyword && !(keyword.value.kind === 'null' || (keyword.value.kind === 'boolean' && !keyword.value.value))) return true;
  }
  const object = optionsObject(site, positionalFrom);
  if (object) {
    for (const name of names) {
      const entry = object[name] ?? object[name.toUpperCase()] ?? object[name.toLowerCase()];
      if (entry && !(entry.value.kind === 'null' || (entry.value.kind === 'boolean' && !entry.value.value))) return true;
    }
    if (names.some((n) => ['EX', 'PX', 'EXAT', 'PXAT'].includes(n.toUpperCase())) && object.expiration) return true;
  }
  const upper = names.map((n) => n.toUpperCase());
  return tokens(site.args.slice(positionalFrom)).some((t) => upper.includes(t));
}

/** Python keyword arguments passed through a splat (`**options`): whatever they hold is unknown here. */
export function hasSplatOptions(site: RedisCallSite, from = 1): boolean {
  return site.args.slice(from).some((a) => a.text.startsWith('**'));
}

/** SET-family write sets a TTL in the same command. */
export function setSetsTtl(site: RedisCallSite): boolean {
  if (site.command === 'SETEX' || site.command === 'PSETEX') return true;
  if (site.command !== 'SET') return false;
  if (site.receiver.library === 'redis-py' && site.args.length >= 3) {
    // r.set(name, value, ex, px, ...) positionally.
    const ex = site.args[2]?.value;
    const px = site.args[3]?.value;
    if ((ex && ex.kind !== 'null') || (px && px.kind !== 'null')) return true;
  }
  // aioredis 1.x takes the TTL as `expire=` / `pexpire=`.
  return hasOption(site, ['ex', 'px', 'exat', 'pxat', 'keepttl', ...(site.receiver.library === 'redis-py' ? ['expire', 'pexpire'] : [])], 2);
}

export function setIsNx(site: RedisCallSite): boolean {
  if (site.command === 'SETNX') return true;
  if (site.command !== 'SET') return false;
  // aioredis 1.x: `set(key, value, exist=redis.SET_IF_NOT_EXIST)`.
  const exist = site.keywords.exist;
  if (exist && /NOT_EXIST/.test(exist.text)) return true;
  return hasOption(site, ['nx'], 2);
}

/** COUNT of a SCAN-family call, when literal. */
export function scanCount(site: RedisCallSite): Arg | undefined {
  const keyword = site.keywords.count;
  if (keyword) return keyword;
  const object = optionsObject(site);
  if (object) return object.count ?? object.COUNT;
  const index = tokens(site.args).indexOf('COUNT');
  if (index >= 0) return site.args[index + 1];
  if (site.receiver.library === 'redis-py' && site.command === 'SCAN' && site.method === 'scan') return site.args[2];
  return undefined;
}

/** Key argument (first argument) as a literal or pattern. */
export function keyOf(site: RedisCallSite): string | undefined {
  return keyPatternOf(site.args[0]);
}

export { keyPatternOf, numberOf, stringOf };
