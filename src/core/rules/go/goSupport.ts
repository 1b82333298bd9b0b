/** Small helpers shared by the Go checks: key texts, how each Go client spells a command, receiver names. */
import type { Arg, RedisCallSite } from '../../analysis/model';
import { keyPatternOf } from '../../analysis/argumentValues';
import type { RuleContext } from '../rule';

/** A key as the rules compare it: its pattern when static, else the expression text. */
export function keyOf(arg: Arg | undefined): string | undefined {
  if (!arg) return undefined;
  return keyPatternOf(arg) ?? arg.text;
}

/** The key shown in messages: `"session:*"` for patterns, the expression otherwise. */
export function shownGoKey(arg: Arg | undefined): string {
  if (!arg) return '""';
  const pattern = keyPatternOf(arg);
  return pattern !== undefined ? JSON.stringify(pattern) : arg.text.length > 40 ? `${arg.text.slice(0, 37)}...` : arg.text;
}

/**
 * The client a call goes through, as written: `rdb`, `s.pool`, or for a rueidis builder the client before `.B()`
 * (the receiver of a builder step is the whole chain `client.B().Lrange().Key("h")…`).
 */
export function goClientText(site: RedisCallSite): string {
  if (site.receiver.library !== 'rueidis') return site.receiver.text;
  return /^(.*?)\.B\(\)/.exec(site.receiver.text)?.[1] ?? site.receiver.text;
}

/** How the call is written for this client: `rdb.HGetAll(ctx, …)`, `conn.Do("HGETALL", …)`, `client.B().Hgetall()…`. */
export function goCallText(site: RedisCallSite): string {
  if (site.receiver.library === 'redigo') return `${site.receiver.text}.${site.method}("${site.command}", …)`;
  if (site.receiver.library === 'rueidis') return `${goClientText(site)}.B().${site.method}()…`;
  return `${site.receiver.text}.${site.method}(…)`;
}

/** The Go spelling of another command on the same client (`Unlink`, `"UNLINK"`, `Unlink()`). */
export function goMethodFor(site: RedisCallSite, command: string, goRedisName: string): string {
  if (site.receiver.library === 'redigo') return `${site.receiver.text}.Do("${command}", …)`;
  if (site.receiver.library === 'rueidis') return `${goClientText(site)}.B().${goRedisName}()…`;
  return `${site.receiver.text}.${goRedisName}(…)`;
}

export function isNumber(arg: Arg | undefined, value: number): boolean {
  return arg?.value.kind === 'number' && arg.value.value === value;
}

/** Sites of the file in source order, non-batched first for loop rules. */
export function commandSites(context: RuleContext, commands: ReadonlySet<string>): RedisCallSite[] {
  return context.model.callSites.filter((site) => commands.has(site.command));
}

/** Literal string value of an argument ("EX", "MAXLEN"), upper-cased. */
export function upperString(arg: Arg | undefined): string | undefined {
  return arg?.value.kind === 'string' ? arg.value.value.toUpperCase() : undefined;
}

/**
 * A name used by the given expressions is assigned between two calls (`ttl := next()` after the SET), so an
 * expression of the later call cannot move into the earlier one.
 */
export function assignedBetween(text: string, from: number, to: number, expressions: readonly string[]): boolean {
  const between = text.slice(from, to);
  const names = new Set(expressions.flatMap((e) => e.replace(/"(?:[^"\\]|\\.)*"/g, '').match(/\b[A-Za-z_]\w*\b/g) ?? []));
  return [...names].some((name) => new RegExp(`\\b${name}\\s*(?:=(?!=)|:=|\\+\\+|--|[-+*/]=)|\\b${name}\\s*,[^\\n=]*:?=(?!=)`).test(between));
}

/**
 * An expiration of 0 (no TTL): the literal, or a variable or constant the code assigns 0 to before the call
 * (`ttl := 0`, `const noExpiration = 0`, `exp := time.Duration(0)`), its last assignment in the function first.
 */
export function isZeroExpiration(text: string, site: RedisCallSite, arg: Arg | undefined): boolean {
  if (isNumber(arg, 0)) return true;
  if (!arg || !/^[A-Za-z_]\w*$/.test(arg.text)) return false;
  const assignment = new RegExp(`(?:^|[^\\w.])${arg.text}(?:\\s+[\\w.]+)?\\s*:?=\\s*([^\\n;]+)`, 'g');
  const zero = (value: string) => /^(0|time\.Duration\(0\))\s*(\/\/.*)?$/.test(value.trim());
  let last: string | undefined;
  for (const match of text.slice(site.enclosingFunction?.span.startOffset ?? 0, site.callSpan.startOffset).matchAll(assignment)) last = match[1];
  if (last !== undefined) return zero(last);
  const declared = new RegExp(`^\\s*(?:const|var)\\s+${arg.text}(?:\\s+[\\w.]+)?\\s*=\\s*([^\\n;]+)`, 'm').exec(text);
  return !!declared && zero(declared[1]);
}

/**
 * The key expression starts at a parameter of its function (`key`, `req.Key`): the caller chooses the key, so the
 * same text in another function (a wrapper's `key`, another handler's `req.Key`) names another key.
 */
export function keyFromParameter(text: string, site: RedisCallSite, arg: Arg | undefined): boolean {
  const fn = site.enclosingFunction;
  const root = arg && !keyPatternOf(arg) ? /^[A-Za-z_]\w*/.exec(arg.text)?.[0] : undefined;
  if (!fn || !root) return false;
  // Up to the brace that opens the body: `interface{}` in a parameter list is no body.
  const body = /\{[ \t]*(?:\/\/[^\n]*)?\n/.exec(text.slice(fn.span.startOffset, fn.span.endOffset));
  const header = text.slice(fn.span.startOffset, body ? fn.span.startOffset + body.index : text.indexOf('{', fn.span.startOffset));
  const params = /^func\s*(?:\([^)]*\)\s*)?\w*\s*(?:\[[^\]]*\]\s*)?\(([^)]*)\)/.exec(header)?.[1] ?? '';
  return params.split(',').some((part) => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1] === root);
}

/**
 * Top-level comma-separated items of a Go argument list or composite literal body: commas inside calls, literals,
 * strings and runes do not split.
 */
export function literalItems(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === '`' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  items.push(body.slice(start));
  return items.map((item) => item.trim()).filter(Boolean);
}

/** The argument texts of the call whose parenthesis opens at `open`, split at its top-level commas. */
export function callArgumentsAt(text: string, open: number): string[] | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if ('([{'.includes(text[i])) depth++;
    else if (')]}'.includes(text[i]) && --depth === 0) return literalItems(text.slice(open + 1, i));
  }
  return undefined;
}
