/** Splits one config line into arguments exactly as Redis' sdssplitargs does (quotes, escapes, hex bytes). */

export interface Token {
  /** The argument after unquoting and unescaping. */
  value: string;
  /** Offsets of the raw token (quotes included) relative to the start of the line. */
  start: number;
  end: number;
  quoted: boolean;
}

export type SplitResult = { ok: true; tokens: Token[] } | { ok: false; error: string; at: number };

const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\v' || ch === '\f';
const isHex = (ch: string | undefined) => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/** Tokenize `line`; returns the unbalanced-quote error Redis reports ("Unbalanced quotes in configuration line"). */
export function splitArgs(line: string): SplitResult {
  const tokens: Token[] = [];
  let p = 0;
  const n = line.length;
  for (;;) {
    while (p < n && isSpace(line[p])) p++;
    if (p >= n) return { ok: true, tokens };
    const start = p;
    let value = '';
    let inDouble = false;
    let inSingle = false;
    let quoted = false;
    let done = false;
    while (!done) {
      const ch = line[p];
      if (inDouble) {
        if (p >= n) return { ok: false, error: 'Unbalanced quotes in configuration line: the closing " is missing', at: start };
        if (ch === '\\' && line[p + 1] === 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
          value += String.fromCharCode(parseInt(line.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (ch === '\\' && p + 1 < n) {
          p++;
          value += ESCAPES[line[p]] ?? line[p];
        } else if (ch === '"') {
          // Redis requires a space (or the end) after a closing quote.
          if (p + 1 < n && !isSpace(line[p + 1])) {
            return { ok: false, error: 'Unbalanced quotes in configuration line: a closing quote must be followed by a space', at: p };
          }
          done = true;
        } else {
          value += ch;
        }
      } else if (inSingle) {
        if (p >= n) return { ok: false, error: "Unbalanced quotes in configuration line: the closing ' is missing", at: start };
        if (ch === '\\' && line[p + 1] === "'") {
          p++;
          value += "'";
        } else if (ch === "'") {
          if (p + 1 < n && !isSpace(line[p + 1])) {
            return { ok: false, error: 'Unbalanced quotes in configuration line: a closing quote must be followed by a space', at: p };
          }
          done = true;
        } else {
          value += ch;
        }
      } else if (p >= n || isSpace(ch)) {
        done = true;
        p--;
      } else if (ch === '"') {
        inDouble = true;
        quoted = true;
      } else if (ch === "'") {
        inSingle = true;
        quoted = true;
      } else {
        value += ch;
      }
      p++;
    }
    tokens.push({ value, start, end: Math.min(p, n), quoted });
  }
}

/** Quote an argument so that splitArgs gives it back unchanged (used by fixes and the generator). */
export function quoteArg(value: string): string {
  if (value !== '' && !/[\s"'\\\x00-\x1f\x7f]/.test(value)) return value;
  const escaped = value.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/[\x00-\x1f\x7f]/g, (ch) => {
    const named = Object.entries(ESCAPES).find(([, v]) => v === ch);
    return named ? `\\${named[0]}` : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `"${escaped}"`;
}
