/**
 * command-in-loop: loop commands that already go out in one batch per loop.
 * - queued on a batch builder the function made before the loop: a pipeline the client name was rebound to
 *   (`if use_pipeline: client = client.pipeline()`), or a redis-py BITFIELD builder (`ops = r.bitfield(key)`,
 *   sent by `ops.execute()`);
 * - sent by a helper that is handed a pipeline (`cls._get_raw_by_pk(pk, pipe)` inside `with get_pipeline() as pipe`).
 */
import type { RedisCallSite } from '../rule';

const BATCH_BUILDER_CALL = /\.(?:pipeline|multi|bitfield|bitfield_ro|get_pipeline)\s*\(|\bget_pipeline\s*\(/;

function escaped(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/** The text of the site's function before its loop (the whole file before the loop outside functions). */
function functionTextBeforeLoop(site: RedisCallSite, text: string): string {
  const start = site.enclosingFunction ? site.enclosingFunction.span.startOffset : 0;
  return text.slice(start, site.loop!.span.startOffset);
}

/** `name = <...>.pipeline(...)` or `with <...pipeline(...)> as name` before the loop, in the loop's function. */
function boundToBatchBuilder(name: string, before: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const n = escaped(name);
  for (const match of before.matchAll(new RegExp(`(?:^|[\\s;(])(?:(?:const|let|var)\\s+)?${n}\\s*(?::[^=\\n]*)?=(?![=>])([^\\n;]*)`, 'gm'))) {
    if (BATCH_BUILDER_CALL.test(match[1])) return true;
  }
  for (const match of before.matchAll(new RegExp(`\\bwith\\s+([^\\n]*?)\\s+as\\s+${n}\\s*[:,)]`, 'g'))) {
    if (BATCH_BUILDER_CALL.test(match[1])) return true;
  }
  return false;
}

/** The site's receiver, or for a helper call one of its arguments, is a batch builder the function made before the loop. */
export function queuedOnBatchBuilder(site: RedisCallSite, text: string): boolean {
  if (!site.loop) return false;
  const before = functionTextBeforeLoop(site, text);
  if (site.via) {
    const call = text.slice(site.callSpan.startOffset, site.callSpan.endOffset);
    const open = call.indexOf('(');
    if (open < 0) return false;
    const names = call.slice(open + 1).match(/(?<![\w$.'"])[A-Za-z_$][\w$]*(?![\w$]*\s*[(=])/g) ?? [];
    return names.some((name) => boundToBatchBuilder(name, before));
  }
  const root = /^[A-Za-z_$][\w$]*/.exec(site.receiver.text)?.[0];
  return !!root && root === site.receiver.text && boundToBatchBuilder(root, before);
}
