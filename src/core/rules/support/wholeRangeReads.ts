/**
 * The shapes of unbounded-collection-read's whole reads: a range from the start to the end of a list or sorted set,
 * an XRANGE of one entry (not a whole read), and what each client offers instead.
 */
import { numberOf } from '../../analysis/argumentValues';
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { methodName } from './clients';
import { numericParameterDefault } from './enclosingFunctions';

/** The paging read to suggest instead, in the client's own method names. */
export function pagingAlternative(site: RedisCallSite): string {
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

/**
 * LRANGE/ZRANGE from 0 to -1, to the list's length, or with redis-py's start=/end= keywords; bounds may be
 * parameters that default to them (`findById(id, start = 0, stop = -1)`) when a caller leaves them out.
 */
export function readsWholeRange(model: FileModel, site: RedisCallSite): boolean {
  const start = site.args[1] ?? site.keywords.start;
  const end = site.args[2] ?? site.keywords.end;
  // The start only has to default to 0 (a caller's offset still reads to the end); the end must be left out somewhere.
  const valueOf = (arg: typeof start, whenLeftOut: boolean) => numberOf(arg) ?? (arg && /^[A-Za-z_$][\w$]*$/.test(arg.text.trim()) ? numericParameterDefault(model, site.callSpan.startOffset, arg.text.trim(), whenLeftOut) : undefined);
  if (valueOf(start, false) !== 0) return false;
  if (valueOf(end, true) === -1) return true;
  // LRANGE key 0 LLEN: the length read just before (or inline) is the whole list.
  return !!end && site.command === 'LRANGE' && /llen|^len$|_len$|^length$/i.test(end.text.trim());
}

/** XRANGE key id id reads one entry. */
export function singleEntry(site: RedisCallSite): boolean {
  const start = site.args[1];
  const end = site.args[2];
  return !!start && !!end && start.text.trim() === end.text.trim() && start.text.trim() !== "'-'" && start.text.trim() !== '"-"';
}
