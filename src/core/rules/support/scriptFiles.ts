/**
 * Lua scripts the code loads from `.lua` files of the workspace: follows a script argument (or the constant or
 * local holding it) to a file read — Python `open(p).read()`, `Path(p).read_text()`, `pkgutil.get_data`,
 * `importlib.resources`, `pkg_resources.resource_string`; JS `fs.readFileSync(p)` / `readFile(p)` — whose path is built from literals relative to
 * the source file (`__file__`, `__dirname`, `Path(__file__).parent`, `import.meta.url`), and asks the workspace for
 * the file's text. Text-based like constants.ts: rules see the file text, not its tree.
 */
import type { Arg, FileModel, FunctionInfo } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { escapeRegExp } from '../../analysis/keyReferences';

/** A script read from a Lua file of the workspace. */
export interface FileScript {
  /** The path as the code builds it, relative to the source file's folder ("../lua/expand.lua"). */
  path: string;
  lua: string;
  /** The text read is changed at run time before use (`.format(...)`, `% args`, `.replace(x, value)`, concatenation). */
  templated: boolean;
}

const FILE_READ = /\b(?:read_text|read_bytes|read|readFileSync|readFile|get_data|open_text|open_binary|resource_string)\s*\(/;
/** Names that build or read paths (and keyword/option names), as opposed to names holding part of a path. */
const PATH_WORDS = new Set([
  'Path', 'PurePath', 'pathlib', 'os', 'path', 'fs', 'promises', 'pkgutil', 'importlib', 'resources', 'files', 'open', 'join', 'joinpath', 'resolve',
  'absolute', 'abspath', 'realpath', 'dirname', 'parent', 'parents', 'with_name', 'read_text', 'read_bytes', 'read', 'readFileSync', 'readFile',
  'get_data', 'open_text', 'open_binary', 'resource_string', 'pkg_resources', 'decode', 'toString', 'trim', 'strip', 'require', 'new', 'URL', 'fileURLToPath', 'url', 'import', 'meta',
  'await', 'encoding', 'utf8', 'f', 'with', 'as', 'String', 'str', 'normpath', 'cwd', 'process', '__file__', '__dirname', '__filename', '__name__', '__package__',
]);
const MAX_NAME_DEPTH = 3;

/** The end of the expression starting at `start`: the first newline (Python) or `;`/newline (JS) outside brackets and strings. */
function expressionEnd(text: string, start: number, python: boolean): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      const triple = python && text.startsWith(char.repeat(3), i);
      const quote = triple ? char.repeat(3) : char;
      for (i += quote.length; i < text.length && !text.startsWith(quote, i); i++) if (text[i] === '\\') i++;
      i += quote.length - 1;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (char === '\n' || (!python && char === ';') || (python && char === '#'))) {
      if (python && char === '\n' && text[i - 1] === '\\') continue;
      return i;
    }
  }
  return text.length;
}

/**
 * The start of the module-level block (a Python line at column 0 other than a comment) whose indented body holds
 * `offset`, or undefined when `offset` itself is on a line at column 0 or the block opens a function or class.
 */
function moduleBlockStart(text: string, offset: number): number | undefined {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^[ \t]/.test(text.slice(lineStart, lineStart + 1))) return undefined;
  while (lineStart > 0) {
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const first = text[lineStart];
    if (first === undefined || first === '\n' || first === ' ' || first === '\t' || first === '#' || first === '\r') continue;
    return /^(?:async[ \t]+)?(?:def|class)\b|^@/.test(text.slice(lineStart, lineStart + 12)) ? undefined : lineStart;
  }
  return undefined;
}

/**
 * The expression assigned to `name`: a local of `scope` assigned before `before`, else a module-level assignment
 * (Python at column 0, TS/JS a top-level const/let/var). Only a name assigned once in the place it is found.
 */
export function assignedExpression(model: FileModel, name: string, before: number, scope?: FunctionInfo): string | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const text = model.text;
  const python = model.language === 'python';
  const escaped = escapeRegExp(name);
  const take = (pattern: RegExp, from: number, to: number): string | undefined => {
    const matches = [...text.slice(from, to).matchAll(pattern)];
    if (!matches.length) return undefined;
    const valueAt = (match: RegExpMatchArray) => {
      const start = from + match.index! + match[0].length;
      return text.slice(start, expressionEnd(text, start, python)).trim();
    };
    // `lua = lua.replace("a", str(n))` after the first assignment edits the same text: read as one chain
    // (`<first>.replace("a", str(n))`), so that the edit still counts when it puts runtime values in.
    const edits = matches.slice(1).map(valueAt);
    const derived = new RegExp(`^${escaped}\\s*(\\.\\w+\\s*\\([\\s\\S]*)$`);
    if (!edits.every((edit) => derived.test(edit))) return undefined;
    return valueAt(matches[0]) + edits.map((edit) => derived.exec(edit)![1]).join('');
  };
  if (scope && scope.span.startOffset < before && before <= scope.span.endOffset) {
    const local = python ? new RegExp(`^[ \\t]*${escaped}[ \\t]*(?::[^=\\n]+)?=(?!=)[ \\t]*`, 'gm') : new RegExp(`(?:^|[\\s;{])(?:(?:const|let|var)[ \\t]+)?${escaped}[ \\t]*(?::[^=\\n]+)?=(?![=>])[ \\t]*`, 'gm');
    const found = take(local, scope.span.startOffset, before);
    if (found) return found;
  }
  // Module-level code inside a block (`if __name__ == "__main__":`, `try:`): its names are module globals assigned
  // at the block's indentation, between the block's opening line and the use.
  const block = python && !scope ? moduleBlockStart(text, before) : undefined;
  if (block !== undefined) {
    const found = take(new RegExp(`^[ \\t]+${escaped}[ \\t]*(?::[^=\\n]+)?=(?!=)[ \\t]*`, 'gm'), block, before);
    if (found) return found;
  }
  const declaration = python ? new RegExp(`^${escaped}[ \\t]*(?::[^=\\n]+)?=(?!=)[ \\t]*`, 'gm') : new RegExp(`^(?:export[ \\t]+)?(?:const|let|var)[ \\t]+${escaped}[ \\t]*(?::[^=\\n]+)?=(?![=>])[ \\t]*`, 'gm');
  return take(declaration, 0, text.length);
}

/**
 * The expression assigned to an attribute of self/this (`self.script = ...`, `this.lua = ...`) or to a Python
 * class attribute of that name, when the file assigns it exactly once.
 */
function attributeExpression(model: FileModel, attribute: string): string | undefined {
  const text = model.text;
  const python = model.language === 'python';
  const escaped = escapeRegExp(attribute);
  const patterns = [new RegExp(`\\b(?:self|cls|this)\\.${escaped}[ \\t]*(?::[^=\\n]+)?=(?![=>])[ \\t]*`, 'g')];
  // A class attribute (Python) or class field (TS/JS, with its modifiers).
  patterns.push(new RegExp(`^[ \\t]+(?:(?:private|public|protected|readonly|static)[ \\t]+)*${escaped}[ \\t]*(?::[^=\\n]+)?=(?![=>])[ \\t]*`, 'gm'));
  const matches = patterns.flatMap((pattern) => [...text.matchAll(pattern)]);
  if (matches.length !== 1) return undefined;
  const start = matches[0].index! + matches[0][0].length;
  return text.slice(start, expressionEnd(text, start, python)).trim();
}

/** `with open(<path>) as handle:` before `before`: the path expression of the handle a `handle.read()` reads. */
function openedAs(model: FileModel, handle: string, before: number): string | undefined {
  const pattern = new RegExp(`\\bopen\\s*\\(([^\\n]*?)\\)\\s+as\\s+${escapeRegExp(handle)}\\s*[:,)]`, 'g');
  let found: string | undefined;
  for (const match of model.text.slice(0, before).matchAll(pattern)) found = match[1];
  return found;
}

type Token = { kind: 'string'; value: string; template?: boolean } | { kind: 'name'; value: string; afterDot: boolean; before: string } | { kind: 'number'; value: number } | { kind: 'punct'; value: string };

function tokenize(expression: string, python: boolean): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < expression.length; ) {
    const rest = expression.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const literal = python ? /^([rRbBuUfF]{0,2})("""|'''|"|')/.exec(rest) : /^()(["'`])/.exec(rest);
    if (literal) {
      const quote = literal[2];
      let j = i + literal[0].length;
      let value = '';
      for (; j < expression.length && !expression.startsWith(quote, j); j++) {
        if (expression[j] === '\\') {
          value += expression[j + 1] ?? '';
          j++;
        } else value += expression[j];
      }
      if (j >= expression.length) return undefined;
      const template = quote === '`' || /f/i.test(literal[1]);
      tokens.push({ kind: 'string', value, template: template && /\$?\{/.test(value) });
      i = j + quote.length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(rest);
    if (word) {
      const previous = tokens[tokens.length - 1];
      const after = rest.slice(word[0].length).trimStart();
      tokens.push({ kind: 'name', value: word[0], afterDot: previous?.kind === 'punct' && previous.value === '.', before: after[0] ?? '' });
      i += word[0].length;
      continue;
    }
    const number = /^\d+/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    tokens.push({ kind: 'punct', value: expression[i] });
    i++;
  }
  return tokens;
}

/** Index of the last string literal naming a `.lua` file (where the path ends), or -1. */
function lastLuaLiteral(tokens: readonly Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token.kind === 'string' && /\.lua$/i.test(token.value.trim())) return i;
  }
  return -1;
}

/** A path built from a base (the file's folder, a package, the working directory) and literal segments. */
interface BuiltPath {
  path: string;
  templated: boolean;
}

/** The Lua file path an expression reads, relative to the source file's folder, or undefined. */
function readPath(model: FileModel, expression: string, before: number, scope: FunctionInfo | undefined, depth = 0): BuiltPath | undefined {
  const python = model.language === 'python';
  if (depth > MAX_NAME_DEPTH) return undefined;
  // `handle.read()` of `with open(path) as handle:`.
  const handleRead = python ? /^(\w+)\.read\(\s*\)/.exec(expression) : undefined;
  if (handleRead) {
    const opened = openedAs(model, handleRead[1], before);
    return opened ? readPath(model, `open(${opened}).read()`, before, scope, depth + 1) : undefined;
  }
  // A script text held in another name (`SCRIPT = LUA_TEXT.strip()`).
  const alias = /^([A-Za-z_$][\w$]*)\b/.exec(expression);
  if (alias && !PATH_WORDS.has(alias[1]) && !FILE_READ.test(expression.slice(0, alias[1].length + 1))) {
    const held = !FILE_READ.test(expression) ? assignedExpression(model, alias[1], before, scope) : undefined;
    if (held) {
      const inner = readPath(model, held, before, scope, depth + 1);
      return inner && { ...inner, templated: inner.templated || isTemplated(expression.slice(alias[1].length), python) };
    }
  }
  if (!FILE_READ.test(expression) || !/\.lua\b/.test(expression)) return undefined;
  let text = expression;
  // Names holding part of the path (`LUA_DIR / "x.lua"`, `path.join(SCRIPTS, 'x.lua')`) stand for what they were assigned.
  for (let round = 0; round < MAX_NAME_DEPTH; round++) {
    const tokens = tokenize(text, python);
    if (!tokens) return undefined;
    const pathEnd = lastLuaLiteral(tokens);
    const names = tokens.slice(0, pathEnd).filter((t): t is Extract<Token, { kind: 'name' }> => t.kind === 'name' && !t.afterDot && !PATH_WORDS.has(t.value) && t.before !== '=' && t.before !== ':' && t.before !== '(');
    if (!names.length) break;
    let replaced = false;
    for (const name of new Set(names.map((n) => n.value))) {
      const held = assignedExpression(model, name, before, scope);
      if (!held || held.includes(name)) return undefined;
      text = text.replace(new RegExp(`(^|[^\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'), `$1(${held})`);
      replaced = true;
    }
    if (!replaced) break;
  }
  const tokens = tokenize(text, python);
  if (!tokens) return undefined;
  const last = lastLuaLiteral(tokens);
  if (last < 0) return undefined;
  const head = tokens.slice(0, last + 1);
  const names = head.filter((t) => t.kind === 'name').map((t) => t.value);
  // Unknown names left in the path (`settings.LUA_DIR`) make it unknowable.
  if (head.some((t) => t.kind === 'name' && !t.afterDot && !PATH_WORDS.has(t.value))) return undefined;
  const segments: string[] = [];
  let ups = 0;
  let base: 'file' | 'package' | 'cwd' = 'cwd';
  if (names.includes('__file__') || names.includes('__filename')) {
    base = 'file';
    // Each hop from the file: `.parent`, `dirname(`, `.parents[n]` (n + 1 hops), `.with_name(` (one hop, then a name).
    let hops = 0;
    head.forEach((token, i) => {
      if (token.kind !== 'name') return;
      if (token.value === 'parent' && token.afterDot) hops++;
      else if (token.value === 'dirname' || token.value === 'with_name') hops++;
      else if (token.value === 'parents' && token.afterDot) {
        const index = head[i + 2];
        hops += index?.kind === 'number' ? index.value + 1 : 1;
      }
    });
    if (hops === 0) return undefined;
    ups = hops - 1;
  } else if (names.includes('__dirname') || names.includes('meta') || names.includes('__name__') || names.includes('__package__')) {
    base = 'file';
  } else if (names.includes('get_data') || names.includes('resource_string') || names.includes('files') || names.includes('open_text') || names.includes('resources')) {
    base = 'package';
  }
  let first = true;
  for (const token of head) {
    if (token.kind !== 'string') continue;
    let value = token.value;
    if (token.template) {
      // `${__dirname}/lua/x.lua` or f"{BASE_DIR}/x.lua" with the folder as the only placeholder.
      const placeholders = value.match(/\$?\{[^}]*\}/g) ?? [];
      if (placeholders.length !== 1 || !/__dirname|dirname\(__file__\)|\.parent\b/.test(placeholders[0])) return undefined;
      if (base === 'cwd') base = 'file';
      value = value.replace(placeholders[0], '.');
    }
    // The package of `pkgutil.get_data("app.cache", "lua/x.lua")` is a folder path.
    if (base === 'package' && first && !/\.lua$/i.test(value) && head.indexOf(token) !== last) value = value.replace(/\./g, '/');
    first = false;
    if (/^(r|rb|rt|utf-?8|ascii|latin-?1)$/i.test(value)) continue;
    segments.push(value.trim());
  }
  if (!segments.length) return undefined;
  const relative = [...Array.from({ length: ups }, () => '..'), ...segments].join('/').replace(/\/+/g, '/').replace(/^\.\//, '');
  const after = tokens.slice(last + 1).map((t) => (t.kind === 'string' ? JSON.stringify(t.value) : String(t.value))).join(' ');
  return { path: base === 'file' || base === 'package' ? relative : relative.replace(/^\/+/, ''), templated: isTemplated(after, python) };
}

/** Whether what follows the read changes the text at run time: formatting, substitution of a value, concatenation. */
function isTemplated(after: string, python: boolean): boolean {
  if (/\bformat\s*\(|\bformat_map\s*\(|\bsubstitute\s*\(|\bTemplate\b/.test(after)) return true;
  if (python && /(^|[^%])%\s*[(\w]/.test(after)) return true;
  // `.replace("{{PREFIX}}", prefix)`: a replacement that is not a literal.
  // Literals are blanked first: parentheses and commas inside them (`"redis.call('GET', k)"`) are not syntax.
  const blanked = after.replace(/"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`/g, '""');
  const bare = python ? blanked.replace(/#[^\n]*/g, '') : blanked.replace(/\/\/[^\n]*/g, '');
  for (const match of bare.matchAll(/\b(?:replace|replaceAll)\s*\(([^,]+),\s*([^)]*)\)/g)) if (!/^\s*""(?:\s*\+?\s*"")*\s*$/.test(match[2])) return true;
  return /\+\s*[A-Za-z_$]/.test(bare);
}

/** The Lua file a script argument reads (directly, or through the constant or local that holds it), with its text. */
export function scriptFromFile(context: RuleContext, arg: Arg, scope?: FunctionInfo): FileScript | undefined {
  if (!context.luaScript) return undefined;
  const model = context.model;
  const before = arg.span.startOffset;
  let expression = arg.text;
  const attribute = /^(?:self|cls|this)\.([A-Za-z_$][\w$]*)$/.exec(arg.text.trim());
  if (attribute) {
    const held = attributeExpression(model, attribute[1]);
    if (!held) return undefined;
    expression = held;
  } else if (arg.value.kind === 'name') {
    const held = assignedExpression(model, arg.value.name, before, scope);
    if (!held) return undefined;
    expression = held;
  }
  const built = readPath(model, expression.trim(), before, scope);
  if (!built) return undefined;
  const lua = context.luaScript(built.path);
  return lua === undefined ? undefined : { path: built.path, lua, templated: built.templated };
}
