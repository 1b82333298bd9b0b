/**
 * Whether Go code keeps a stream it appends to from growing without MAXLEN: it trims the stream or gives it a TTL,
 * or deletes the entries it consumes (XDEL in the function that acknowledges or reads them), as a job queue on a
 * stream does. Used by stream-without-maxlen.
 */
import type { RedisCallSite } from '../../analysis/model';

const TRIMS = new Set(['XTRIM', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
const CONSUMES = new Set(['XACK', 'XREADGROUP', 'XREAD', 'XRANGE', 'XREVRANGE', 'XCLAIM', 'XAUTOCLAIM']);

/** `stream` is the key text of the XADD (`q.stream`, `"events"`); calls on the same text are on the same stream. */
export function streamKeptShort(sites: readonly RedisCallSite[], stream: string): boolean {
  const onStream = (site: RedisCallSite): boolean => site.args[0]?.text.trim() === stream;
  if (sites.some((site) => TRIMS.has(site.command) && onStream(site))) return true;
  return sites.some((del) => {
    if (del.command !== 'XDEL' || !onStream(del) || !del.enclosingFunction) return false;
    const fn = del.enclosingFunction.span.startOffset;
    return sites.some((other) => CONSUMES.has(other.command) && other.enclosingFunction?.span.startOffset === fn);
  });
}
