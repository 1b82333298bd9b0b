/**
 * The functions whose bodies hold an offset, innermost first, read from the text: a call model names only the
 * innermost function, while a decorator factory (`def cache(key, ex=None)` around `def _do(*args)`) or a
 * callback (`rows.forEach((r) => …)` inside `cacheNewEntry`) says what the code is for one level up.
 */
import type { FileModel } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

export interface FunctionHeader {
  /** The function's name ('' for an anonymous function or arrow). */
  name: string;
  /** The text between the parameter list's parentheses. */
  params: string;
}

const PY_DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm;
// `function name(`, `name = function (`, `name = (…) =>`, `name = <T>(…) =>`, `name(…) {` (a method), `async name(…) {`.
const SCRIPT_HEADER = /(?:\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)?\s*\(|\b([A-Za-z_$][\w$]*)\s*[:=]\s*(?:async\s+)?(?:function\b\s*\*?\s*\(|(?:<[^<>]*>\s*)?\()|(?:^|[\s;{}])(?:async\s+)?([A-Za-z_$][\w$]*)\s*\((?=[^)]*\)\s*(?::[^{=;]+)?\{))/gm;
const NOT_METHOD_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'await', 'typeof', 'new', 'with']);

/** The text of a parenthesised list starting at `open` (the offset of its '('), or undefined when unbalanced. */
function parenthesised(text: string, open: number): { inner: string; end: number } | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
  }
  return undefined;
}

interface FunctionRange extends FunctionHeader {
  start: number;
  end: number;
}

/** Python defs and where their bodies end (the first code line indented no deeper than the def). */
function pythonRanges(text: string): FunctionRange[] {
  const ranges: FunctionRange[] = [];
  const open: { range: FunctionRange; indent: number; bodyFrom: number }[] = [];
  for (const def of text.matchAll(PY_DEF)) {
    const params = parenthesised(text, def.index! + def[0].length - 1);
    const range = { name: def[2], params: params?.inner ?? '', start: def.index!, end: text.length };
    ranges.push(range);
    open.push({ range, indent: def[1].length, bodyFrom: params?.end ?? def.index! + def[0].length });
  }
  // One pass over the lines closes every def at its first dedent.
  let offset = 0;
  const pending = [...open];
  const active: typeof open = [];
  for (const line of text.split('\n')) {
    while (pending.length && pending[0].bodyFrom <= offset) active.push(pending.shift()!);
    if (/\S/.test(line) && !/^\s*#/.test(line)) {
      const indent = /^[ \t]*/.exec(line)![0].length;
      for (let i = active.length - 1; i >= 0; i--) {
        if (indent > active[i].indent) continue;
        active[i].range.end = offset;
        active.splice(i, 1);
      }
    }
    offset += line.length + 1;
  }
  return ranges;
}

/** The offset where a body or expression that starts at `from` ends: its closing brace, or the statement's end. */
function bodyEnd(text: string, from: number, braced: boolean): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      if (braced ? depth === 0 : depth < 0) return i + 1;
    } else if (!braced && depth === 0 && (c === ';' || c === '\n')) return i;
  }
  return text.length;
}

/** Script functions, methods and arrows, and where their bodies end. */
function scriptRanges(text: string): FunctionRange[] {
  const ranges: FunctionRange[] = [];
  for (const match of text.matchAll(SCRIPT_HEADER)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    if (match[3] && NOT_METHOD_NAMES.has(match[3])) continue;
    const params = parenthesised(text, match.index! + match[0].length - 1);
    if (!params) continue;
    const rest = text.slice(params.end, params.end + 200);
    const braced = /^\s*(?::[^{=;]+)?(?:=>\s*)?\{/.exec(rest);
    const arrow = /^\s*(?::[^{=;]+)?=>\s*/.exec(rest);
    if (braced) ranges.push({ name, params: params.inner, start: match.index!, end: bodyEnd(text, params.end + braced[0].length - 1, true) });
    else if (arrow) ranges.push({ name, params: params.inner, start: match.index!, end: bodyEnd(text, params.end + arrow[0].length, false) });
  }
  return ranges;
}

const rangesByModel = new WeakMap<FileModel, FunctionRange[]>();

/** The functions around an offset, innermost first. */
export function enclosingFunctions(model: FileModel, offset: number): FunctionHeader[] {
  let ranges = rangesByModel.get(model);
  if (!ranges) rangesByModel.set(model, (ranges = model.language === 'python' ? pythonRanges(model.text) : scriptRanges(model.text)));
  return ranges.filter((range) => range.start < offset && offset < range.end).sort((a, b) => b.start - a.start);
}

/** Top-level comma-separated parts of a parameter or argument list. */
function topLevelParts(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of list) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** The parameter's name in one part of a parameter list (`ex: Any = None` -> ex, `ttl?: number` -> ttl). */
function parameterName(part: string): string {
  return /^[*.]*\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1] ?? '';
}

function offDefault(model: FileModel, part: string): boolean {
  return model.language === 'python'
    ? /^[A-Za-z_]\w*\s*(?::[^=]+)?=\s*(?:None|0|False)$/.test(part)
    : /^[A-Za-z_$][\w$]*\s*(?:\?\s*:.+|(?::[^=]+)?=\s*(?:undefined|null|0))$/s.test(part);
}

/**
 * The calls of a function in this file (`name(`, `self.name(`, `this.name(`, not its definition) that leave a
 * parameter out, or pass it one that is itself off by default in the calling function. With no call in the
 * file, the function is an API whose callers are elsewhere: its default is what they get.
 */
function someCallLeavesOut(model: FileModel, header: FunctionHeader, index: number, name: string, depth: number): boolean {
  const text = model.text;
  const selfless = model.language === 'python' && /^(self|cls)\b/.test(topLevelParts(header.params)[0] ?? '') ? index - 1 : index;
  const calls = [...text.matchAll(new RegExp(`(?<![\\w$])${escapeRegExp(header.name)}\\s*\\(`, 'g'))].filter((call) => !/(?:\bdef|\bfunction|\basync)\s+$/.test(text.slice(Math.max(0, call.index! - 12), call.index!)));
  // The header's own match is its definition in a script (`name(params) {`): drop calls whose list is the header's.
  const uses = calls.map((call) => parenthesised(text, call.index! + call[0].length - 1)).filter((args) => args && args.inner !== header.params);
  if (!uses.length) return true;
  return uses.some((args) => {
    const parts = topLevelParts(args!.inner);
    const keyword = parts.find((part) => new RegExp(`^${escapeRegExp(name)}\\s*[=:]`).test(part));
    const positional = parts.filter((part) => !/^[A-Za-z_$][\w$]*\s*=(?!=)/.test(part) && !part.startsWith('*'));
    const value = keyword ? keyword.replace(/^[^=:]*[=:]\s*/, '') : positional[selfless];
    if (value === undefined) return true;
    return /^[A-Za-z_$][\w$]*$/.test(value) && depth < 3 && offByDefaultAt(model, args!.end - 1, value, depth + 1);
  });
}

function offByDefaultAt(model: FileModel, offset: number, name: string, depth: number): boolean {
  for (const header of enclosingFunctions(model, offset)) {
    const parts = topLevelParts(header.params);
    const index = parts.findIndex((part) => parameterName(part) === name);
    if (index < 0) continue;
    // The innermost function declaring the name decides: a default that is a real TTL is not off.
    return offDefault(model, parts[index]) && (!header.name || someCallLeavesOut(model, header, index, name, depth));
  }
  return false;
}

/**
 * A parameter of one of the functions around the offset that is off unless the caller passes it (Python
 * `ex=None`, `ttl: int = 0`, `timeout=False`; TypeScript `ttl?: number`, `ttl = undefined`, `ttl = null`,
 * `ttl = 0`), and that some caller in this file leaves out (or no caller here: an API's callers get the default).
 */
export function isOffByDefaultParameter(model: FileModel, offset: number, name: string): boolean {
  return offByDefaultAt(model, offset, name, 0);
}

/**
 * The number a parameter of the innermost function around the offset that declares it defaults to (`stop = -1`,
 * `end: number = -1`, Python `end=-1`); with `whenLeftOut`, only when some caller in this file leaves it out (or no
 * caller here: an API's callers get the default). Undefined when the name is no such parameter.
 */
export function numericParameterDefault(model: FileModel, offset: number, name: string, whenLeftOut = true): number | undefined {
  for (const header of enclosingFunctions(model, offset)) {
    const parts = topLevelParts(header.params);
    const index = parts.findIndex((part) => parameterName(part) === name);
    if (index < 0) continue;
    const literal = /=\s*(-?\s*\d+(?:\.\d+)?)\s*$/.exec(parts[index])?.[1];
    if (literal === undefined) return undefined;
    return !whenLeftOut || !header.name || someCallLeavesOut(model, header, index, name, 0) ? Number(literal.replace(/\s+/g, '')) : undefined;
  }
  return undefined;
}
