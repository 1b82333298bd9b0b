/**
 * command-in-loop: a loop over a table the module writes out as a literal (`MESSAGES = {...}` at column 0, however
 * it is named) and never changes: its rounds are fixed by the code, like a loop over `METRICS`.
 */
import { balancedFrom } from '../../analysis/bracketText';
import type { RedisCallSite } from '../rule';

/** `for k in A.keys()`, `for (const k of Object.keys(A))`, `for k, v in A.items()`: the table iterated. */
const TABLE_ITERATION = /^\s*(?:async\s+)?for\s*\(?\s*(?:const|let|var)?\s*[^\n]*?\s(?:in|of)\s+(?:Object\.(?:keys|values|entries)\(\s*)?([A-Za-z_$][\w$]*)(?:\.(?:keys|values|items|entries)\(\s*\))?\s*\)?\s*\)?\s*:?\s*(?:\{|$)/;

/** The table's name is bound once, at column 0, to a literal dict/list/object/array, and never changed after. */
function literalTableOfModule(name: string, text: string): boolean {
  const n = name.replace(/[$]/g, '\\$');
  const bindings = [...text.matchAll(new RegExp(`^(?:export[ \\t]+)?(?:(?:const|let|var)[ \\t]+)?${n}[ \\t]*(?::[^=\\n]*)?=(?!=)[ \\t]*([\\[{(])`, 'gm'))];
  if (bindings.length !== 1) return false;
  // A literal written out item by item, not a comprehension or a spread of other data.
  const literal = balancedFrom(text, bindings[0].index! + bindings[0][0].length - 1);
  if (literal === undefined || /\bfor\b[^\n]*\bin\b|\.\.\.|\*\s*[A-Za-z_$]/.test(literal)) return false;
  // An empty `{}` / `[]` is a container the code fills, not a table.
  if (!/[^\s\[\]{}()]/.test(literal)) return false;
  if (new RegExp(`(?:^|[^\\w$.])${n}\\s*=(?!=)`, 'gm').exec(text.slice(bindings[0].index! + bindings[0][0].length)) !== null) return false;
  return !new RegExp(`(?:^|[^\\w$.])${n}\\s*(?:\\[[^\\]\\n]*\\]\\s*=(?!=)|\\.\\s*(?:append|extend|insert|update|add|push|unshift|splice|set|setdefault)\\s*\\()`).test(text);
}

/** The loop's function binds the name itself (a parameter or a local assignment), shadowing the module's table. */
function boundInFunction(name: string, site: RedisCallSite, text: string): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  const n = name.replace(/[$]/g, '\\$');
  const body = text.slice(fn.span.startOffset, site.loop!.span.startOffset);
  const open = body.indexOf('(');
  const close = body.indexOf(')', open);
  if (open >= 0 && close > open && new RegExp(`(?:^|[^\\w$.])${n}(?![\\w$])`).test(body.slice(open + 1, close))) return true;
  return new RegExp(`(?:^|[^\\w$.])(?:(?:const|let|var)\\s+)?${n}\\s*(?::[^=\\n]*)?=(?![=>])`, 'm').test(body.slice(close + 1));
}

/** The site's loop runs over such a table of the module (directly, or over its keys, values or items). */
export function loopsOverModuleTable(site: RedisCallSite, text: string): boolean {
  const loop = site.loop;
  if (!loop) return false;
  const stop = text.indexOf('\n', loop.span.startOffset);
  const header = text.slice(loop.span.startOffset, stop < 0 || stop > loop.span.endOffset ? loop.span.endOffset : stop);
  const table = TABLE_ITERATION.exec(header)?.[1];
  if (!table || boundInFunction(table, site, text)) return false;
  return literalTableOfModule(table, text);
}
