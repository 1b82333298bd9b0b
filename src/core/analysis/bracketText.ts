/**
 * Reading argument lists and literals from source text where no tree is at hand (checks that work on a line or a
 * call's text): brackets are balanced and commas split only at the top level, with strings skipped so that a
 * comma or bracket inside quotes does not count.
 */

const CLOSING: Record<string, string> = { '[': ']', '{': '}', '(': ')' };

/** Splits text at its top-level commas (strings and brackets skipped); a trailing comma adds no part. */
export function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/** The text inside the parentheses that open at `open`, or undefined when they do not close. */
export function parenthesised(text: string, open: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** The bracketed text (brackets included) that opens at `open`, any bracket kind, or undefined when it does not close. */
export function balancedFrom(text: string, open: number): string | undefined {
  const stack: string[] = [];
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (CLOSING[ch]) stack.push(CLOSING[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return text.slice(open, i + 1);
    }
  }
  return undefined;
}
