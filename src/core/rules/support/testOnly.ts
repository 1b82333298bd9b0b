/**
 * Functions that their own comment declares test-only (`// only relevant for the test-suite, not used during
 * runtime`, a docstring "Used by tests only"): production files often carry such reset helpers, and what they
 * do to the data set is the test's business, like the code under test/ that rules skip by path.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';

const TEST_ONLY = /\b(only|solely|just)\b[^\n]{0,40}\b(tests?|test[- ]?suite|testing|specs?)\b|\b(tests?|test[- ]?suite|testing)\b[^\n]{0,20}\bonly\b|not used (during|at|in) (runtime|production)|\bfor (unit |integration )?(tests|testing)\b/i;
const COMMENT_LINE = /^\s*(\/\/|\/\*+|\*|#)/;

/** The comment block right above the function, and a Python docstring at the top of its body. */
function functionComments(model: FileModel, start: number, end: number): string {
  const above = model.text.slice(Math.max(0, start - 600), start).split('\n');
  above.pop(); // the text on the function's own line before its span (indentation, modifiers)
  const block: string[] = [];
  while (above.length && (COMMENT_LINE.test(above[above.length - 1]) || (block.length === 0 && /^\s*@/.test(above[above.length - 1])))) block.unshift(above.pop()!);
  const body = model.text.slice(start, Math.min(end, start + 600));
  const docstring = /^[^\n]*\n\s*("""|''')([\s\S]*?)\1/.exec(body);
  return `${block.join('\n')}\n${docstring ? docstring[2] : ''}`;
}

/** The call sits in a function whose comment says it serves tests only. */
export function inTestOnlyFunction(model: FileModel, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  return TEST_ONLY.test(functionComments(model, fn.span.startOffset, fn.span.endOffset));
}
