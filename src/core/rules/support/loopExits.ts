/**
 * Loop commands followed, in their own block, by a `break` or `return` (`for p in positions: if p.symbol == s:
 * r.set(k, v); r.expire(k, 10); break`): they run at most once per pass of the loop, not once per item.
 */
import type { RedisCallSite } from '../rule';

const LEAVES = /^(?:break|return)\b/;

/** Python: a `break`/`return` at the call's own indentation, below it and before its block ends. */
function pythonBlockLeaves(site: RedisCallSite, text: string, loopEnd: number): boolean {
  const lineEnd = text.indexOf('\n', site.callSpan.endOffset);
  if (lineEnd < 0) return false;
  // The call's own line (a helper call's site carries the helper's indentation, not the loop's).
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, site.callSpan.startOffset))![0].length;
  for (const line of text.slice(lineEnd + 1, loopEnd).split('\n')) {
    const trimmed = line.trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const depth = line.length - trimmed.length;
    if (depth < indent) return false;
    if (depth === indent && LEAVES.test(trimmed)) return true;
  }
  return false;
}

/** JS/TS: a `break`/`return` statement after the call's line, at the call's brace depth, before its block closes. */
function scriptBlockLeaves(site: RedisCallSite, text: string, loopEnd: number): boolean {
  const lineEnd = text.indexOf('\n', site.callSpan.endOffset);
  if (lineEnd < 0) return false;
  let depth = 0;
  for (let i = site.callSpan.startOffset; i < loopEnd; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = text.indexOf(ch, i + 1);
      if (close < 0) return false;
      i = close;
    } else if (ch === '/' && text[i + 1] === '/') {
      const next = text.indexOf('\n', i);
      if (next < 0) return false;
      i = next;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth < 0) return false;
    } else if (depth === 0 && i > lineEnd && /[a-z]/.test(ch) && !/[\w$.]/.test(text[i - 1]) && LEAVES.test(text.slice(i, i + 7)) && startsStatement(text, i)) return true;
  }
  return false;
}

/**
 * The keyword at `at` is a statement of the block, not the body of an `if (x) return` without braces: what precedes
 * it ends a statement (`;`, `{`, `}`), or is a line of its own that no `if`/`else`/loop header starts.
 */
function startsStatement(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && /\s/.test(text[j])) j--;
  if (j < 0 || ';{}'.includes(text[j])) return true;
  if (!text.slice(j, at).includes('\n')) return false;
  const previous = text.slice(text.lastIndexOf('\n', j) + 1, j + 1).trim();
  return !/^(?:\}\s*)?(?:if|else|for|while|do)\b/.test(previous);
}

/**
 * The command's block ends the loop right after it. Not when a function, a switch or a while loop sits between the
 * loop and the command (a `return` of a callback, a `break` of a switch or an inner loop), nor for a comprehension.
 */
export function leavesLoopAfter(site: RedisCallSite, text: string, language: string): boolean {
  const loop = site.loop;
  if (!loop) return false;
  if (site.anyLoop && site.anyLoop.startOffset !== loop.span.startOffset) return false;
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset) + 1;
  // A comprehension or a loop written on the call's own line: its rounds are the expression itself.
  if (loop.span.startOffset >= lineStart) return false;
  const between = text.slice(loop.span.startOffset, site.callSpan.startOffset);
  if (/=>|\bfunction\b|\bdef\b|\blambda\b|\bswitch\s*\(/.test(between)) return false;
  return language === 'python' ? pythonBlockLeaves(site, text, loop.span.endOffset) : scriptBlockLeaves(site, text, loop.span.endOffset);
}
