/**
 * Calls whose error reply the code handles where it sends them: inside a `try` that has an `except`/`catch`
 * (`try: r.client_setinfo(...) except ResponseError: r.echo(...)`), or with a `.catch(…)` chained on the call. A
 * server without the command answers with an error the code already expects.
 */
import type { RedisCallSite } from '../rule';
import { enclosingPythonHeaders } from './pythonBlocks';

const HEADER = /^(?:def|async\s+def|class)\b/;

/** Python: an enclosing `try:` block of the function (the call's line indented under it) that has an `except` clause. */
function pythonGuarded(site: RedisCallSite, text: string): boolean {
  const lineStart = text.lastIndexOf('\n', site.callSpan.startOffset - 1) + 1;
  for (const { trimmed, depth } of enclosingPythonHeaders(text, lineStart)) {
    if (HEADER.test(trimmed)) return false;
    if (/^try\s*:/.test(trimmed) && exceptAfter(text, site.callSpan.endOffset, depth)) return true;
  }
  return false;
}

/** The first line after `from` indented at `depth` or less opens an `except` clause. */
function exceptAfter(text: string, from: number, depth: number): boolean {
  for (const line of text.slice(text.indexOf('\n', from) + 1).split('\n')) {
    const trimmed = line.trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (line.length - trimmed.length > depth) continue;
    return /^except\b/.test(trimmed);
  }
  return false;
}

/** JS/TS: an enclosing `try { … }` of the function followed by `catch`, or `.catch(` chained on the call. */
function scriptGuarded(site: RedisCallSite, text: string): boolean {
  if (/^\s*\.catch\s*\(/.test(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 80))) return true;
  let depth = 0;
  for (let i = site.callSpan.startOffset - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '}') depth++;
    else if (char === '{' && --depth < 0) {
      const head = text.slice(Math.max(0, i - 40), i);
      if (/\btry\s*$/.test(head)) return catchAfter(text, i);
      if (/(?:=>|\bfunction\b[^{]*|\)\s*(?::[^{]+)?)\s*$/.test(head) && !/\b(?:if|for|while|switch|catch)\s*\([^{]*$/.test(head)) return false;
      depth = 0;
    }
  }
  return false;
}

/** The block opened at `open` closes and a `catch` follows it. */
function catchAfter(text: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return /^\s*catch\b/.test(text.slice(i + 1, i + 40));
  }
  return false;
}

export function handlesErrorReply(site: RedisCallSite, text: string, language: string): boolean {
  if (language === 'python') return pythonGuarded(site, text);
  if (language === 'javascript' || language === 'typescript' || language === 'tsx') return scriptGuarded(site, text);
  return false;
}
