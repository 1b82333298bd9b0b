/**
 * Code that runs once per request although it is not itself a route handler: the same file's helpers that
 * handlers call, and FastAPI dependencies (`Depends(get_conn)`). Read from the text of the whole file at
 * review time, so the answer never depends on which parts of the file an incremental re-analysis kept.
 */
import type { FileModel, FunctionInfo } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

interface Range {
  start: number;
  end: number;
}

export interface RequestScopes {
  /** Text ranges whose code runs per request (handler bodies, route callbacks, per-connection callbacks). */
  ranges: Range[];
  /** Functions FastAPI calls for every request that depends on them. */
  dependencies: Set<string>;
  /** Bodies of dishka provider methods run anew in every request (or narrower) scope. */
  providers: Range[];
}

const JS_ROUTE = /\b(?:app|router|server|api|fastify|routes?|\w*Router)\s*\.\s*(?:get|post|put|patch|delete|all|use|head|options)\s*\(/g;
const JS_CONNECTION = /\.\s*(?:on|once|addListener)\s*\(\s*['"]connection['"]\s*,/g;
const JS_REQ_RES = /\(\s*(?:req|request|ctx)\s*(?::[^,()]*)?,\s*(?:res|reply|response|h)\b[^()]*\)\s*(?::[^{=;]*)?(?:=>)?\s*\{/g;
const PY_ROUTE = /^[ \t]*@[\w.]+\.(?:get|post|put|patch|delete|route|api_route|websocket|head|options)\s*\(/gm;
const PY_REQUEST_DEF = /^[ \t]*(?:async[ \t]+)?def[ \t]+\w+[ \t]*\([ \t]*(?:self[ \t]*,[ \t]*)?(?:request|req)\b/gm;
const PY_DEPENDS = /\b(?:Depends|Security)\(\s*(?:dependency\s*=\s*)?([A-Za-z_]\w*)\s*[,)]/g;
const DISHKA_IMPORT = /^[ \t]*(?:from[ \t]+dishka\b|import[ \t]+dishka\b)/m;
const DISHKA_PROVIDE = /^([ \t]*)@(?:dishka\.)?provide\b(?:[ \t]*\(([^)]*)\))?/gm;
// REQUEST, and the scopes nested in it (ACTION, STEP), end with the request; SESSION with one websocket connection.
const PER_REQUEST_SCOPES = new Set(['REQUEST', 'ACTION', 'STEP', 'SESSION']);

/** Offset just after the bracket that closes the one at `open`, skipping strings and comments (TS/JS). */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < text.length && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return text.length;
    } else if (char === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) return text.length;
      i++;
    } else if (char === '(' || char === '{' || char === '[') depth++;
    else if (char === ')' || char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function indentationOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].length;
}

/** The `def` at or after `from` (past decorators) and the end of its indented body. */
function pythonFunctionRange(text: string, from: number): Range | undefined {
  const def = /^([ \t]*)(?:async[ \t]+)?def[ \t]/m.exec(text.slice(from));
  if (!def) return undefined;
  const start = from + def.index;
  const indentation = def[1].length;
  let offset = text.indexOf('\n', start);
  let bodyStarted = false;
  while (offset >= 0 && offset < text.length) {
    const next = text.indexOf('\n', offset + 1);
    const line = text.slice(offset + 1, next < 0 ? text.length : next);
    if (line.trim() && !line.trim().startsWith('#')) {
      if (indentationOf(line) <= indentation && bodyStarted) return { start, end: offset };
      if (indentationOf(line) > indentation) bodyStarted = true;
    }
    if (next < 0) break;
    offset = next;
  }
  return { start, end: text.length };
}

/** The scope a dishka `@provide` at `at` runs in: its own `scope=`, else the scope its provider class declares. */
function dishkaScope(text: string, at: number, indentation: number, args: string | undefined): string | undefined {
  const own = args && /\bscope\s*=\s*Scope\.(\w+)/.exec(args);
  if (own) return own[1];
  let owner: RegExpExecArray | undefined;
  for (const match of text.slice(0, at).matchAll(/^([ \t]*)class[ \t]/gm)) if (match[1].length < indentation) owner = match;
  if (!owner) return undefined;
  const body = text.slice(owner.index!, at);
  return /^[ \t]+scope[ \t]*(?::[^=\n]*)?=[ \t]*Scope\.(\w+)/m.exec(body)?.[1];
}

/** The handlers, route callbacks and per-connection callbacks of a file. */
export function requestScopes(model: FileModel, functions: readonly FunctionInfo[]): RequestScopes {
  const text = model.text;
  const ranges: Range[] = functions.filter((f) => f.isRequestHandler).map((f) => ({ start: f.span.startOffset, end: f.span.endOffset }));
  const dependencies = new Set<string>();
  const providers: Range[] = [];
  if (model.language === 'python') {
    for (const match of text.matchAll(PY_ROUTE)) {
      const range = pythonFunctionRange(text, match.index!);
      if (range) ranges.push(range);
    }
    for (const match of text.matchAll(PY_REQUEST_DEF)) {
      const range = pythonFunctionRange(text, match.index!);
      if (range) ranges.push(range);
    }
    for (const match of text.matchAll(PY_DEPENDS)) dependencies.add(match[1]);
    if (DISHKA_IMPORT.test(text)) {
      for (const match of text.matchAll(DISHKA_PROVIDE)) {
        const scope = dishkaScope(text, match.index!, match[1].length, match[2]);
        const range = scope && PER_REQUEST_SCOPES.has(scope) ? pythonFunctionRange(text, match.index!) : undefined;
        if (range) providers.push(range);
      }
    }
  } else {
    for (const pattern of [JS_ROUTE, JS_CONNECTION]) {
      for (const match of text.matchAll(pattern)) {
        const open = text.lastIndexOf('(', match.index! + match[0].length);
        ranges.push({ start: open, end: closingBracket(text, open) });
      }
    }
    for (const match of text.matchAll(JS_REQ_RES)) {
      const open = match.index! + match[0].length - 1;
      ranges.push({ start: open, end: closingBracket(text, open) });
    }
  }
  return { ranges, dependencies, providers };
}

/** Offset of a call of `fn` (by name, or as this./self. method) made in per-request code outside `fn` itself. */
export function callFromRequest(model: FileModel, scopes: RequestScopes, fn: FunctionInfo): number | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(fn.name) || !scopes.ranges.length) return undefined;
  const call = new RegExp(`(?:^|[^\\w$.]|\\bthis\\.|\\bself\\.)${escapeRegExp(fn.name)}\\s*\\(`, 'g');
  for (const match of model.text.matchAll(call)) {
    const at = match.index! + match[0].length;
    if (at >= fn.span.startOffset && at <= fn.span.endOffset) continue;
    if (scopes.ranges.some((range) => range.start <= at && at <= range.end)) return match.index! + match[0].search(/[\w$]/);
  }
  return undefined;
}
