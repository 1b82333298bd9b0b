/**
 * Whether handing a client to a call may give it an 'error' listener elsewhere. Only code of the project can:
 * a function of this file (when the file attaches 'error' listeners at all) or one imported from a relative
 * module. Packages (a rate limiter's options, `app.decorate(...)`, a session store) and `.bind(client)` do not
 * attach listeners to a client they are given.
 */
import type { ClientCreation } from './model';
import { escapeRegExp } from './keyReferences';

const ERROR_LISTENER = /\.(on|once|addListener|prependListener)\(\s*['"`]error['"`]/;

/** Index of the `(` that opens the argument list holding `index`, or -1 (scans back over balanced brackets). */
export function openingParen(text: string, index: number): number {
  return enclosingOpener(text, index, '(');
}

/** Index of the innermost unclosed bracket before `index` when it is `wanted`, or -1 (looks back at most 2,000 characters). */
function enclosingOpener(text: string, index: number, wanted: '(' | '{'): number {
  let depth = 0;
  const stop = Math.max(0, index - 2000);
  for (let i = index; i >= stop; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return c === wanted ? i : -1;
      depth--;
    }
  }
  return -1;
}

/**
 * The `(` of the call a value at `index` is an argument of, also when it sits in an object literal argument
 * (`new Worker('mail', fn, { connection })`, `{ prefix: 'q', connection: redis }`): one object level is looked through.
 */
export function argumentParen(text: string, index: number): number {
  const paren = openingParen(text, index);
  if (paren >= 0) return paren;
  const brace = text[index] === '{' ? index : enclosingOpener(text, index, '{');
  return brace > 0 ? openingParen(text, brace - 1) : -1;
}

/** The callee chain written just before `(` at `paren` (`this.attach`, `new Throttle`, `app.decorate`). */
export function calleeBefore(text: string, paren: number): string {
  const before = text.slice(Math.max(0, paren - 200), paren);
  const match = /((?:new\s+)?[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*)*)\s*$/.exec(before);
  return match ? match[1].replace(/\s+/g, ' ') : '';
}

const SPACE = /\s/;
const WORD = /\w/;

/** `exports` or `exports.<word>` ends at `end` (exclusive), as `exports(?:\.\w+)?` would match it. */
function exportsEndsAt(text: string, end: number): boolean {
  if (text.endsWith('exports', end)) return true;
  let at = end - 1;
  while (at >= 0 && WORD.test(text[at])) at--;
  return at < end - 1 && text[at] === '.' && text.endsWith('exports', at);
}

/**
 * Whether an identifier occurs anywhere the hand-over patterns of noteEscapes could match it: followed by `,` `)`
 * `}`, returned (not as `return name.x`), after `default`, or assigned to `exports`/`exports.x` (whitespace skipped
 * as `\s` does). Every match of those patterns has such an occurrence, so a false answer spares building and running
 * them (a new regex per client, over the whole file).
 */
export function occursAsValue(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    let after = at + name.length;
    while (after < text.length && SPACE.test(text[after])) after++;
    const next = text[after];
    if (next === ',' || next === ')' || next === '}') return true;
    // A TypeScript cast of the value (`raw as any`, `raw!`) hands over the same client.
    if (next === '!' || (next === 'a' && /^as\s/.test(text.slice(after, after + 3)))) return true;
    let before = at - 1;
    while (before >= 0 && SPACE.test(text[before])) before--;
    if (text.startsWith('default', before - 6)) return true;
    if (text.startsWith('return', before - 5) && next !== '.' && next !== '(' && next !== '[' && next !== '?') return true;
    if (text[before] === '=') {
      let end = before;
      while (end > 0 && SPACE.test(text[end - 1])) end--;
      if (exportsEndsAt(text, end)) return true;
    }
  }
  return false;
}

/** Packages that attach their own 'error' listener to a connection they are given (BullMQ's RedisConnection). */
const LISTENING_PACKAGES = "bullmq|bull|bee-queue";

/**
 * The module specifier when the file imports `name` from a relative module (`./`, `../`: project code, which
 * may attach listeners) or from a package known to attach one; undefined otherwise.
 */
function importedFromProject(name: string, text: string): string | undefined {
  const id = escapeRegExp(name);
  const source = `((?:\\.|(?:${LISTENING_PACKAGES})['"])[^'"]*)`;
  const esm = new RegExp(`import\\s+(?:[\\w$]+\\s*,\\s*)?(?:\\{[^}]*\\b${id}\\b[^}]*\\}|${id}|\\*\\s+as\\s+${id})\\s+from\\s+['"]${source}`);
  const cjs = new RegExp(`\\b${id}\\b[^=\\n]*=\\s*require\\(\\s*['"]${source}`);
  const match = esm.exec(text) ?? cjs.exec(text);
  return match ? match[1].replace(/['"]$/, '') : undefined;
}

/** True when the file defines a function (or method) called `name`. */
function definedHere(name: string, text: string): boolean {
  const id = escapeRegExp(name);
  return new RegExp(`(function\\s*\\*?\\s*${id}\\s*\\(|\\b${id}\\s*[:=]\\s*(async\\s*)?(function|\\([^)]*\\)\\s*=>|[\\w$]+\\s*=>)|^\\s*(async\\s+)?${id}\\s*\\([^)]*\\)\\s*\\{)`, 'm').test(text);
}

/**
 * Whether a client passed to `callee` may get its 'error' listener there. `moduleMayListen` answers for a
 * project module (by its import specifier) from the workspace: false when the module is known and attaches no
 * 'error' listener anywhere (a helper that only runs commands on the client it is given).
 */
export function mayAttachListener(callee: string, text: string, moduleMayListen?: (specifier: string) => boolean): boolean {
  if (!callee || /(^|\.)(bind|call|apply)$/.test(callee)) return false;
  const segments = callee.replace(/^new\s+/, '').split(/\s*(?:\?\.|\.)\s*/);
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === 'this' || first === 'self') return definedHere(last, text) && ERROR_LISTENER.test(text);
  const specifier = importedFromProject(first, text);
  if (specifier !== undefined) return !moduleMayListen || !specifier.startsWith('.') || moduleMayListen(specifier);
  return segments.length === 1 && definedHere(first, text) && ERROR_LISTENER.test(text);
}

/**
 * Clients handed to other code may get their listeners there: returned, exported, or passed to project code
 * (a function of this file that attaches listeners, or one imported from a relative module). Handing a client
 * to a package, to `.bind()`, or to a function that never attaches one is not a hand-over. A textual check per
 * bound creation keeps this off the per-call hot path; it can only make findings rarer, never add one.
 */
export function noteClientEscapes(text: string, creations: ClientCreation[], escapedIdentities: Set<string>, exportedIdentities: Set<string>, moduleMayListen?: (specifier: string) => boolean): void {
  for (const creation of creations) {
    const name = creation.binding;
    if (!name || name.startsWith('this.')) continue;
    // Most clients are never handed over: the regex below is built only when a plain name can match it.
    if (/^[A-Za-z_$][\w$]*$/.test(name) && !occursAsValue(text, name)) continue;
    const identity = `creation:${creation.callSpan.startOffset}`;
    const escaped = name.replace(/[$]/g, '\\$');
    // `wrap(raw as any)`, `wrap(raw!)`: a TypeScript cast hands over the same client.
    const uses = new RegExp(`(?:[(,]\\s*${escaped}\\s*(?:!|\\s+as\\s+[\\w$.<>\\[\\]]+)?\\s*[,)]|\\{\\s*${escaped}\\s*[,}]|,\\s*${escaped}\\s*\\}|:\\s*${escaped}\\s*[,}]|return\\s+${escaped}\\b(?!\\s*[.(\\[?])|export\\s+default\\s+${escaped}\\b|exports(?:\\.\\w+)?\\s*=\\s*${escaped}\\b)`, 'g');
    for (let match = uses.exec(text); match; match = uses.exec(text)) {
      // A parameter of the same name is another variable (`function describe(conn) {...}`), not a use.
      if (match.index < creation.callSpan.startOffset) continue;
      const before = text.slice(Math.max(0, match.index - 200), match.index + 1);
      // Exports are judged with the workspace index (listeners in importing files).
      if (/^export/.test(match[0]) || /(module\.exports\s*=\s*\{[^}]*|export\s*\{[^}]*|export\s+default\s|exports(\.\w+)?\s*=\s)$/.test(before)) {
        exportedIdentities.add(identity);
        continue;
      }
      if (/^return/.test(match[0]) || /return\s*\{[^}]*$/.test(before)) {
        escapedIdentities.add(identity);
        continue;
      }
      const paren = argumentParen(text, match.index);
      if (paren >= 0 && mayAttachListener(calleeBefore(text, paren), text, moduleMayListen)) escapedIdentities.add(identity);
    }
  }
}
