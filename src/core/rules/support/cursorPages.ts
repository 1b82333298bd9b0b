/**
 * Commands in a cursor loop nested in a for-loop (`for idx in indexes: while cursor != b'0': cursor, stale =
 * page(idx, cursor); r.hdel(idx, *stale)`): each round of the inner loop handles one page the reply returned, and
 * the next round waits for that reply's cursor, so the rounds cannot be sent together; the outer loop only repeats
 * the paging per collection.
 */
import { escapeRegExp } from '../../analysis/keyReferences';
import type { RedisCallSite } from '../rule';

/** `while cursor != b'0':`, `while (cursor !== '0') {`: the name the loop condition tests. */
const WHILE_HEADER = /^while\s*\(?\s*(?:not\s+|!\s*)?([A-Za-z_$][\w$]*)\b/;

export function pagesWithCursor(site: RedisCallSite, text: string): boolean {
  const inner = site.anyLoop;
  const loop = site.loop;
  if (!inner || !loop || inner.startOffset <= loop.span.startOffset || inner.endOffset > loop.span.endOffset) return false;
  const tested = WHILE_HEADER.exec(text.slice(inner.startOffset, inner.startOffset + 200))?.[1];
  if (!tested) return false;
  const name = escapeRegExp(tested);
  // Before the command, the round sets the tested name from a call it hands that name (`cursor, page = f(k, cursor)`,
  // `[cursor, keys] = await scan(cursor)`): the reply carries the next round's cursor.
  const carried = new RegExp(`(?:^|[\\s,[(])${name}\\s*(?:,[^=\\n]*)?\\]?\\)?\\s*=\\s*(?:await\\s+)?[\\w$.]+\\([^\\n]*\\b${name}\\b`, 'm');
  return carried.test(text.slice(inner.startOffset, site.callSpan.startOffset));
}
