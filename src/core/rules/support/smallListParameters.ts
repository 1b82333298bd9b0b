/**
 * Loops over a parameter that every caller in the file fills with a short literal list (`multiply_delete(client,
 * ['full', 'db_data'])`): the rounds are bounded by those lists, not by data that grows.
 */
import { parenthesised, topLevelParts } from '../../analysis/bracketText';
import type { RedisCallSite } from '../rule';

/** The most items a literal argument may have for the loop over it to count as a short fixed list. */
const SHORT_LIST = 3;
const FOR_OVER_NAME = /^\s*(?:async\s+)?for\s*(?:await\s*)?\(?\s*(?:const|let|var)?\s*[^\n]*?\s(?:in|of)\s+([A-Za-z_$][\w$]*)\s*\)?\s*:?\s*(?:\{|$)/;

/** Items of a literal list or tuple argument (`['a', 'b']`, `("a",)`), or undefined when the argument is not one. */
function literalListLength(argument: string): number | undefined {
  if (!/^[[(][\s\S]*[\])]$/.test(argument) || /\bfor\b|\.\.\.|\*/.test(argument)) return undefined;
  return topLevelParts(argument.slice(1, -1)).length;
}

/** The parameter names of the function whose definition starts at `start` (self/cls and annotations dropped). */
function parameterNames(text: string, start: number): string[] | undefined {
  const open = text.indexOf('(', start);
  if (open < 0 || open - start > 200) return undefined;
  const inner = parenthesised(text, open);
  if (inner === undefined) return undefined;
  const names = topLevelParts(inner).map((part) => /^\**([A-Za-z_$][\w$]*)/.exec(part)?.[1] ?? '');
  return names[0] === 'self' || names[0] === 'cls' ? names.slice(1) : names;
}

/**
 * True when the loop of a site runs over a parameter of its function and each call of that function in the file
 * (at least one) passes a literal list of at most three items for it, by position or by name.
 */
export function loopsOverShortListArgument(site: RedisCallSite, text: string): boolean {
  const loop = site.loop;
  const fn = site.enclosingFunction;
  if (!loop || !fn || site.via || !/^[A-Za-z_$][\w$]*$/.test(fn.name)) return false;
  const header = text.slice(loop.span.startOffset, text.indexOf('\n', loop.span.startOffset) < 0 ? loop.span.endOffset : text.indexOf('\n', loop.span.startOffset));
  const iterable = FOR_OVER_NAME.exec(header)?.[1];
  const parameters = parameterNames(text, fn.span.startOffset);
  const position = iterable && parameters ? parameters.indexOf(iterable) : -1;
  if (position < 0) return false;
  let calls = 0;
  for (const match of text.matchAll(new RegExp(`(?<![\\w$])${fn.name.replace(/\$/g, '\\$')}\\s*\\(`, 'g'))) {
    const at = match.index!;
    // The definition itself, not a call.
    if (/(?:def|function)\s+$/.test(text.slice(Math.max(0, at - 12), at))) continue;
    const args = parenthesised(text, at + match[0].length - 1);
    if (args === undefined) return false;
    const parts = topLevelParts(args);
    const named = parts.find((part) => new RegExp(`^${iterable}\\s*=(?!=)`).test(part));
    const argument = named ? named.replace(/^[^=]*=/, '').trim() : parts.filter((part) => !/^[A-Za-z_]\w*\s*=(?!=)/.test(part))[position];
    const length = argument === undefined ? undefined : literalListLength(argument);
    if (length === undefined || length > SHORT_LIST) return false;
    calls++;
  }
  return calls > 0;
}
