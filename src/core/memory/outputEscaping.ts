/**
 * Escaping of untrusted text (key names, namespace patterns, evidence that quotes them) for each report format.
 * Key names are arbitrary bytes chosen by whoever writes to Redis: raw in a terminal, an ESC sequence can
 * recolour, retitle or rewrite the screen; raw in Markdown, `<script>` or a stray backtick becomes markup.
 */

/** C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what a reader sees. */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function codeEscape(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of terminal output: control characters become visible escapes (\x1b), so the terminal never acts on them. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, codeEscape);
}

/** Plain Markdown text: HTML is shown, not interpreted; emphasis, links and code characters are literal ("|" is left to table cells). */
export function markdownText(text: string): string {
  return terminalSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#~!]/g, (char) => `\\${char}`);
}

/**
 * A Markdown code span holding `text` literally: the fence is one backtick longer than the longest run inside,
 * and padded with spaces when the text starts or ends with a backtick (CommonMark strips one space each side).
 */
export function markdownCode(text: string): string {
  const safe = terminalSafe(text);
  const longestRun = (safe.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') || (safe.startsWith(' ') && safe.endsWith(' ') && safe.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/**
 * JSON text that is safe to print: JSON.stringify already escapes C0 controls, but leaves DEL, C1 controls and
 * bidi overrides raw; as \u escapes they stay lossless and valid JSON.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
