/**
 * Which key a call names when the argument is not a literal: a local or module constant holding a literal or
 * template ("user:*:rooms"), or else an identity (the normalized expression) that is equal for calls naming the
 * same key in one file. Memoised per file model; the workspace summary and the collection rules read it.
 */
import { keyPatternOf } from './argumentValues';
import type { Arg, FileModel, RedisCallSite } from './model';

/** A key as far as the file tells: its pattern when the text evaluates to one, and an identity to compare keys by. */
export interface KeyRef {
  /** Key pattern ("user:*:rooms") when the argument (or the literal/template a name is assigned) evaluates to one. */
  pattern?: string;
  /** Equal for calls that name the same key in this file: the pattern, or the normalized expression text. */
  identity: string;
  /** The expression the key comes from (the argument, or what a local name holds), for name-based checks. */
  source: string;
  /** The key is a parameter of the enclosing function, used as is: the caller chooses the collection. */
  parameter?: boolean;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern a literal, template or concatenation denotes ("user:*:rooms"), if the text is one of those. */
export function patternOfText(text: string): string | undefined {
  const value = text.trim();
  let match = /^[rRbBuU]{0,2}(["'])([^"'\\\n]*)\1$/.exec(value);
  if (match) return match[2];
  match = /^[fF][rR]?(["'])([^"'\\\n]*)\1$/.exec(value);
  if (match) return match[2].replace(/\{[^{}]*\}/g, '*');
  match = /^`([^`\\]*)`$/.exec(value);
  if (match) return match[1].replace(/\$\{[^{}]*\}/g, '*');
  // 'a:' + id + ':b'
  if (/^(["'`])/.test(value) && value.includes('+')) {
    const parts = value.split('+').map((part) => part.trim());
    if (parts.every((part) => /^(["'])[^"'\\\n]*\1$/.test(part) || /^[A-Za-z_$][\w$.]*$/.test(part))) {
      return parts.map((part) => (/^["']/.test(part) ? part.slice(1, -1) : '*')).join('').replace(/\*+/g, '*');
    }
  }
  return undefined;
}

const CONVERSIONS = new Set(['str', 'String', 'bytes', 'int', 'repr', 'encode', 'toString']);

/**
 * Identity of a key expression: whitespace dropped, arguments of key-building calls that are not literals turned
 * into `*` (`key(user_id)` and `key(query.user.id)` build the same family), type conversions looked through.
 */
export function normalizeKeyExpression(text: string): string {
  let value = text.replace(/\s+/g, '');
  const conversion = /^([A-Za-z_$][\w$]*)\((.*)\)$/.exec(value);
  if (conversion && CONVERSIONS.has(conversion[1]) && !/[(),]/.test(conversion[2])) return conversion[2];
  value = value.replace(/\.toString\(\)$/, '');
  const open = value.indexOf('(');
  if (open <= 0 || !value.endsWith(')')) return value;
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < value.length - 1; i++) {
    const char = value[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      args.push(value.slice(start, i));
      start = i + 1;
    }
  }
  args.push(value.slice(start, value.length - 1));
  const shown = args.filter((arg) => arg !== '').map((arg) => (/^(["'`])[^"'`]*\1$/.test(arg) || /^-?\d+$/.test(arg) ? arg : '*'));
  return `${value.slice(0, open)}(${shown.join(',')})`;
}

interface FileKeys {
  refs: Map<Arg, KeyRef>;
  /** Module-level assignments `NAME = <expr>` by name (the first one). */
  moduleValues?: Map<string, string>;
}

const cache = new WeakMap<FileModel, FileKeys>();

function fileKeys(model: FileModel): FileKeys {
  let entry = cache.get(model);
  if (!entry) cache.set(model, (entry = { refs: new Map() }));
  return entry;
}

/** `NAME = value` at module level (Python), `const NAME = value` / `self.NAME = value` / `this.NAME = value` anywhere (JS, attributes). */
function moduleValue(model: FileModel, name: string): string | undefined {
  const entry = fileKeys(model);
  if (!entry.moduleValues) {
    entry.moduleValues = new Map();
    const assignment = /^[ \t]*(?:export\s+)?(?:(?:const|let|var|static|readonly|private|public|protected)\s+)*((?:self\.|this\.|cls\.)?[A-Za-z_$#][\w$]*)\s*(?::[^=\n]+)?=(?![=>])[ \t]*([^\n;]+)/gm;
    for (const match of model.text.matchAll(assignment)) {
      const [, target, value] = match;
      // Python: only unindented names are module-level (attributes may be set in any method).
      if (model.language === 'python' && !target.includes('.') && /^[ \t]/.test(match[0])) continue;
      const key = target.replace(/^(self|this|cls)\./, '.');
      // Attributes assigned more than once (a parameter, then a default) tell nothing: keep the first literal only.
      if (!entry.moduleValues.has(key)) entry.moduleValues.set(key, value.trim().replace(/,$/, ''));
    }
  }
  return entry.moduleValues.get(name.replace(/^(self|this|cls)\./, '.'));
}

/** What a local name holds, from its last assignment before the call in the same function. */
function localValue(model: FileModel, site: RedisCallSite, name: string): string | undefined {
  const start = site.enclosingFunction?.span.startOffset;
  if (start === undefined) return undefined;
  // The assignment sits near its use: a bounded look-back keeps huge functions with many calls linear.
  const body = model.text.slice(Math.max(start, site.callSpan.startOffset - 4000), site.callSpan.startOffset);
  const assignment = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(name)}\\s*(?::[^=\\n]+)?=(?![=>])[ \\t]*([^\\n;]+)`, 'g');
  let value: string | undefined;
  for (const match of body.matchAll(assignment)) value = match[1];
  return value?.trim().replace(/,$/, '');
}

/**
 * The loop target binding `name`: the name alone, or one name of an unpacked item (`for key, items in d.items():`,
 * `for (key, items) in …`, `for (const [key, items] of …)`).
 */
function loopTarget(name: string): string {
  const other = '[\\w$]+';
  return `(?:[\\[(]\\s*)?(?:${other}\\s*,\\s*)*(${escapeRegExp(name)})(?:\\s*,\\s*${other})*(?:\\s*[\\])])?`;
}

/**
 * The collection a loop variable runs over (`for key in time_keys:`, `for (const key of keys)`), before the call. A name
 * unpacked from each item is that part of the item: `each(d.items()).key` is not the same key as `each(d.items()).items`.
 */
function loopSource(model: FileModel, site: RedisCallSite, name: string): { source: string; part?: string } | undefined {
  const start = site.enclosingFunction?.span.startOffset ?? 0;
  const body = model.text.slice(Math.max(start, site.callSpan.startOffset - 4000), site.callSpan.startOffset);
  const loop = new RegExp(`\\bfor\\s*(?:\\(\\s*(?:const|let|var)\\s+)?${loopTarget(name)}\\s+(?:in|of)\\s+([^\\n]+)`, 'g');
  let found: RegExpMatchArray | undefined;
  for (const match of body.matchAll(loop)) found = match;
  if (!found) return undefined;
  // The rest of the header line, without the loop's own `:` or `) {`.
  const source = found[2].trim().replace(/\s*(:|\)\s*\{?|\{)\s*$/, '');
  const target = found[0].slice(0, found[0].length - found[2].length);
  return target.includes(',') ? { source, part: name } : { source };
}

/**
 * The collection a Python comprehension's variable runs over when the call sits in that comprehension
 * (`[pipe.hgetall(key) for key in to_fetch]`): its `for` comes after the call, inside the same brackets.
 */
function comprehensionSource(model: FileModel, site: RedisCallSite, name: string): { source: string; part?: string } | undefined {
  if (model.language !== 'python') return undefined;
  const end = Math.min(model.text.length, site.callSpan.endOffset + 600);
  let depth = 0;
  let i = site.callSpan.endOffset;
  for (; i < end; i++) {
    const char = model.text[i];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if ((char === ')' || char === ']' || char === '}') && --depth < 0) break;
  }
  if (depth >= 0) return undefined;
  const tail = model.text.slice(site.callSpan.endOffset, i).replace(/\s+/g, ' ');
  const clause = new RegExp(`\\bfor\\s+${loopTarget(name)}\\s+in\\s+(.+?)(?:\\s+if\\b.*)?$`).exec(tail);
  if (!clause) return undefined;
  const source = clause[2].trim();
  return clause[0].slice(0, clause[0].length - clause[2].length).includes(',') ? { source, part: name } : { source };
}

/** The enclosing function's parameters include `name`. */
export function isParameter(model: FileModel, site: RedisCallSite, name: string): boolean {
  const fn = site.enclosingFunction;
  if (!fn) return false;
  const head = model.text.slice(fn.span.startOffset, Math.min(site.callSpan.startOffset, fn.span.startOffset + 600));
  const open = head.indexOf('(');
  const arrow = new RegExp(`^(async\\s+)?${escapeRegExp(name)}\\s*=>`).test(head.trim());
  if (arrow) return true;
  if (open < 0) return false;
  let depth = 0;
  let end = open;
  for (; end < head.length; end++) {
    if (head[end] === '(') depth++;
    else if (head[end] === ')' && --depth === 0) break;
  }
  return new RegExp(`[(,]\\s*(?:\\.\\.\\.|\\*)?${escapeRegExp(name)}\\s*[?]?\\s*[,):=]`).test(head.slice(open, end + 1));
}

/**
 * The workspace key of a collection named by a constant the file does not define (`DB_USER_LIST` imported from a
 * constants module): files that import the same constant name the same key, whatever value it holds.
 */
export function importedConstantKey(ref: KeyRef | undefined): string | undefined {
  return ref && ref.pattern === undefined && !ref.parameter && /^[A-Z][A-Z0-9_]*$/.test(ref.identity) ? `const:${ref.identity}` : undefined;
}

/** The key an argument names (see KeyRef); memoised per file model. */
export function keyRefOf(model: FileModel, site: RedisCallSite, arg: Arg | undefined): KeyRef | undefined {
  if (!arg || arg.spread) return undefined;
  const entry = fileKeys(model);
  const known = entry.refs.get(arg);
  if (known) return known;
  const ref = computeKeyRef(model, site, arg);
  if (ref) entry.refs.set(arg, ref);
  return ref;
}

/**
 * A pattern with no letter or digit (`${DEVICE_PREFIX}${id}`: every part a name the file does not define) says nothing
 * about which key it is: taken as a pattern, it would be the same key as any other built so (a list of session ids and
 * each session it lists), and match every key of the workspace.
 */
function namingKey(pattern: string | undefined): string | undefined {
  return pattern !== undefined && pattern.includes('*') && !/[A-Za-z0-9]/.test(pattern) ? undefined : pattern;
}

/** The key of each item of a loop's collection (or of one part of each unpacked item). */
function eachRef(each: { source: string; part?: string }): KeyRef {
  return { identity: `each(${normalizeKeyExpression(each.source)})${each.part ? `.${each.part}` : ''}`, source: each.source };
}

function computeKeyRef(model: FileModel, site: RedisCallSite, arg: Arg): KeyRef | undefined {
  const pattern = namingKey(keyPatternOf(arg));
  const text = arg.text.trim();
  if (pattern !== undefined) return { pattern, identity: pattern, source: text };
  if (!text || text.startsWith('*') || text.startsWith('...')) return undefined;
  if (/^[A-Za-z_$][\w$]*$/.test(text)) {
    // A comprehension's variable is bound by the comprehension the call sits in, whatever the function held before.
    const bound = comprehensionSource(model, site, text);
    if (bound) return eachRef(bound);
    const local = localValue(model, site, text);
    if (local !== undefined) {
      const localPattern = namingKey(patternOfText(local));
      return localPattern !== undefined ? { pattern: localPattern, identity: localPattern, source: local } : { identity: normalizeKeyExpression(local), source: local };
    }
    if (isParameter(model, site, text)) return { identity: `${text}@${site.enclosingFunction!.span.startOffset}`, source: text, parameter: true };
    const each = loopSource(model, site, text);
    if (each !== undefined) return eachRef(each);
  }
  if (/^(?:self\.|this\.|cls\.)?[A-Za-z_$#][\w$]*$/.test(text)) {
    const value = moduleValue(model, text);
    const valuePattern = value === undefined ? undefined : namingKey(patternOfText(value));
    if (valuePattern !== undefined) return { pattern: valuePattern, identity: valuePattern, source: value! };
  }
  return { identity: normalizeKeyExpression(text), source: text };
}


