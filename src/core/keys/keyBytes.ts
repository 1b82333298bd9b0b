/** Binary-safe key helpers: display with escapes, glob escaping for SCAN MATCH, and stable ids for keys as bytes. */

const HEX = '0123456789abcdef';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The one rendering of a key name, used by every surface that shows one (Keys tab, Connections tree, analysis
 * tables, text/Markdown/JSON reports, diagnostics): valid UTF-8 text stays as is; control characters (C0, DEL,
 * C1), the bidirectional overrides that reorder what a reader sees, and bytes that are not valid UTF-8 are shown
 * as escapes (\n, \t, \xff, \u202e); a backslash as "\\" so the display is unambiguous (parseDisplayedKey
 * reads it back to the same bytes). Never U+FFFD: two different binary keys never look alike.
 */
export function displayKey(bytes: Uint8Array): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    let out = '';
    for (const byte of bytes) out += byte >= 0x20 && byte < 0x7f ? escapeChar(String.fromCharCode(byte)) : escapeByte(byte);
    return out;
  }
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += escapeByte(code);
    else if (isInvisibleControl(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += escapeChar(char);
  }
  return out;
}

/** C1 controls (U+0080-U+009F: a terminal acts on U+009B as on ESC [) and the bidi embeddings/overrides/isolates. */
function isInvisibleControl(code: number): boolean {
  return (code >= 0x80 && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Whether displayKey shows these bytes verbatim (valid UTF-8 with nothing escaped). */
export function isVerbatimKey(bytes: Uint8Array, shown: string = displayKey(bytes)): boolean {
  try {
    return strictUtf8.decode(bytes) === shown;
  } catch {
    return false;
  }
}

function escapeChar(char: string): string {
  return char === '\\' ? '\\\\' : char;
}

function escapeByte(byte: number): string {
  if (byte === 0x0a) return '\\n';
  if (byte === 0x0d) return '\\r';
  if (byte === 0x09) return '\\t';
  return `\\x${HEX[byte >> 4]}${HEX[byte & 15]}`;
}

/** Escape the glob metacharacters of SCAN MATCH (* ? [ ] \) so `bytes` matches itself literally. */
export function escapeGlob(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const byte of bytes) {
    // * ? [ ] \
    if (byte === 0x2a || byte === 0x3f || byte === 0x5b || byte === 0x5d || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  return Uint8Array.from(out);
}

/** The SCAN MATCH pattern for every key starting with `prefix`. */
export function prefixPattern(prefix: Uint8Array): Uint8Array {
  const escaped = escapeGlob(prefix);
  const out = new Uint8Array(escaped.length + 1);
  out.set(escaped);
  out[escaped.length] = 0x2a;
  return out;
}

/** Lossless, URL-safe text form of key bytes for ids and messages (base64). */
export function keyToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function keyFromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The inverse of displayKey: "\xff", "\u202e", "\n", "\r", "\t" and "\\" become their bytes, everything else is UTF-8.
 * Lets the user type (or edit) a binary key name in an input box and hit exactly those bytes.
 */
export function parseDisplayedKey(text: string): Uint8Array {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      const simple: Record<string, number> = { '\\': 0x5c, n: 0x0a, r: 0x0d, t: 0x09 };
      if (next in simple) {
        out.push(simple[next]);
        i++;
        continue;
      }
      const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(i + 1, i + 4));
      if (hex) {
        out.push(parseInt(hex[1], 16));
        i += 3;
        continue;
      }
      const unicode = /^u([0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
      if (unicode) {
        out.push(...encoder.encode(String.fromCharCode(parseInt(unicode[1], 16))));
        i += 5;
        continue;
      }
    }
    const code = text.codePointAt(i)!;
    const encoded = encoder.encode(String.fromCodePoint(code));
    out.push(...encoded);
    if (code > 0xffff) i++;
  }
  return Uint8Array.from(out);
}
