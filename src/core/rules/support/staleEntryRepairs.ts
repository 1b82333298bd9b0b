/**
 * Python loop commands that remove a stale entry from the handler of its failed lookup (`for key in due: try:
 * entry = Entry.from_key(key) except KeyError: r.zrem(schedule, key)`, `except User.DoesNotExist: r.lrem(likes, 0,
 * uid)`): they repair the rare item whose record is gone, not one round trip per item. Other commands of a handler
 * (re-queueing the failed item, recording the error) can run for every item and stay reported, as do the `try` body,
 * `finally` and `else`, which run every round, and a loop that the handler itself contains.
 */
import type { RedisCallSite } from '../rule';
import { enclosingPythonHeaders } from './pythonBlocks';

const HEADER = /^(?:def|async\s+def|class)\b/;

/** Python: an `except` clause between the loop's header and the call, enclosing the call by indentation. */
function pythonInHandler(site: RedisCallSite, text: string, loopStart: number): boolean {
  const loopLineStart = text.lastIndexOf('\n', loopStart - 1) + 1;
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset - 1) + 1;
  // A comprehension or a loop on the call's own line leaves no room for a handler between them.
  if (lineStart <= loopLineStart) return false;
  // The walk starts at the loop's own line, which is neither a definition nor a handler.
  for (const { trimmed, depth, index, lines } of enclosingPythonHeaders(text, lineStart, loopLineStart)) {
    if (HEADER.test(trimmed)) return false;
    if (/^except\b/.test(trimmed)) return tryBodyCalls(lines, index, depth);
  }
  return false;
}

/**
 * The `try` body of the `except` clause at `before[at]` calls something: work that can fail. A body that only
 * subscripts or reads an attribute (`try: item["copy_history"] except KeyError:`) is a test, and its handler the
 * ordinary branch of every round that lacks the entry.
 */
function tryBodyCalls(before: string[], at: number, depth: number): boolean {
  const body: string[] = [];
  for (let i = at - 1; i > 0; i--) {
    const trimmed = before[i].trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const lineDepth = before[i].length - trimmed.length;
    if (lineDepth > depth) {
      body.push(trimmed);
      continue;
    }
    if (lineDepth < depth || !/^try\s*:/.test(trimmed)) return lineDepth === depth && /^except\b/.test(trimmed) ? tryBodyCalls(before, i, depth) : false;
    return body.some((line) => /[\w\])]\s*\(/.test(line.replace(/^(?:if|elif|while|for|return|yield|await|not)\b/, '')));
  }
  return false;
}

const REMOVALS = new Set(['DEL', 'UNLINK', 'SREM', 'ZREM', 'LREM', 'HDEL', 'XDEL']);

export function removesStaleEntryOnFailure(site: RedisCallSite, text: string, language: string): boolean {
  const loop = site.loop;
  if (!loop || language !== 'python' || !REMOVALS.has(site.command)) return false;
  // A while loop nested in the for-loop around the handler makes its commands per round of that loop again.
  if (site.anyLoop && site.anyLoop.startOffset !== loop.span.startOffset) return false;
  return pythonInHandler(site, text, loop.span.startOffset);
}
