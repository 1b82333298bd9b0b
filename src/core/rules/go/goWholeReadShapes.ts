/**
 * Shapes of Go reads that decide whether they take a whole collection: a hash decoded into a struct (a record), a
 * sorted-set read from a recent score to +inf (a window), a range whose stop is a variable set to -1 on some path,
 * and the key a builder method of the file returns (`r.userSessionsKey(id)` is `fmt.Sprintf("user_sessions:%s", id)`).
 */
import type { RedisCallSite } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

/**
 * `rdb.HGetAll(ctx, key).Scan(&user)`: go-redis fills the struct's `redis:"…"` fields from the reply, so the hash is
 * one record with the struct's fields, not a map that grows per entry.
 */
export function scannedIntoStruct(text: string, site: RedisCallSite): boolean {
  return site.command === 'HGETALL' && /^\s*\.\s*Scan\(\s*&/.test(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 40));
}

/**
 * The range's `Min` is computed from the current time (`Min: strconv.FormatInt(time.Now().Add(-ttl).Unix(), 10)`,
 * `TimePre(time.Now(), timeout)`): the members scored within a recent window (heartbeats, a sliding window), which
 * ages out, not every member up to +inf.
 */
export function recentWindow(options: string): boolean {
  const min = /\bMin:\s*([^\n]+)/.exec(options)?.[1] ?? '';
  return /\btime\.Now\(\)|\bnow\b/i.test(min);
}

/**
 * A range from 0 whose stop is a local of the function that some path sets to -1 (`entryCount = -1` when the request
 * names no count): that path reads the whole collection.
 */
export function stopSetToWhole(text: string, site: RedisCallSite, stop: string | undefined): boolean {
  const fn = site.enclosingFunction;
  if (!fn || !stop || !/^[A-Za-z_]\w*$/.test(stop)) return false;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  return new RegExp(`(?:^|[^\\w.])${escapeRegExp(stop)}\\s*:?=\\s*-1\\b`).test(body);
}

/**
 * The expression a key builder of the file returns for a call of it (`r.userSessionsKey(userID.String())` →
 * `fmt.Sprintf("user_sessions:%s", userID)`, `func (r *Repo) userSessionsKey(userID string) string { return … }`),
 * so the key's template and the builder's parameter names can be read. Undefined for anything else.
 */
export function builderReturn(text: string, expression: string): string | undefined {
  const call = /^(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\(.*\)$/s.exec(expression.trim());
  if (!call) return undefined;
  const declared = new RegExp(`^func\\s*(?:\\([^)]*\\)\\s*)?${escapeRegExp(call[1])}\\s*\\([^)]*\\)\\s*string\\s*\\{\\s*return\\s+([^\\n;]+?)\\s*(?:\\}|\\n)`, 'm').exec(text);
  return declared?.[1].trim();
}
