/**
 * Go keys built by a small function of the same file (`func (s *RoomStore) roomKey(id string) string { return
 * fmt.Sprintf("chat:room:%s", id) }`), called where the key is written and again where it is deleted, directly or
 * through a local bound to the call (`key := s.roomKey(msg.RoomID)`). The key text differs at each call
 * (`key`, `s.roomKey(roomID)`), but the builder names one family of keys.
 */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { literalItems } from './goSupport';
import { escapeRegExp } from '../../analysis/keyReferences';

/** The expression a local name of the call's function was last bound to before the call (`key := s.roomKey(id)`). */
export function boundExpression(text: string, site: RedisCallSite, name: string): string | undefined {
  const fn = site.enclosingFunction;
  if (!fn) return undefined;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  let last: string | undefined;
  for (const match of body.matchAll(new RegExp(`(?:^|[\\s;])${escapeRegExp(name)}\\s*:?=\\s*([^\\n;]+)`, 'g'))) last = match[1];
  return last?.replace(/\s*\/\/.*$/, '').trim();
}

/**
 * The family of keys the argument names when a function of this file that returns a string builds it:
 * `roomKey(*)`, with string-literal arguments kept (`key("members",*)` and `key("info",*)` are two families).
 */
export function keyBuilderFamily(text: string, site: RedisCallSite, arg: Arg | undefined): string | undefined {
  if (!arg) return undefined;
  let expr = arg.text.trim();
  if (/^[A-Za-z_]\w*$/.test(expr)) expr = boundExpression(text, site, expr) ?? '';
  const call = /^(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\((.*)\)$/s.exec(expr);
  if (!call) return undefined;
  const [, name, args] = call;
  // Declared here with a string result: `func (s *T) roomKey(id string) string {`.
  if (!new RegExp(`^func\\s*(?:\\([^)]*\\)\\s*)?${escapeRegExp(name)}\\s*\\([^)]*\\)\\s*string\\s*\\{`, 'm').test(text)) return undefined;
  const shown = literalItems(args).map((a) => (/^"[^"\n]*"$|^`[^`]*`$/.test(a) ? a : '*'));
  return `${name}(${shown.join(',')})`;
}
