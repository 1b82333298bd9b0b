/**
 * Keys passed as a collection rather than one by one: a spread (`...keys`, `*keys`), a `.map(...)` result,
 * a comprehension, or a local/parameter holding one. Their count and slots are unknown, but the text says
 * whether the author co-located them with a hash tag (`{…}` in the key template).
 */
import type { Arg, FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp } from '../../analysis/keyReferences';

export interface KeyCollection {
  /** Source text shown in messages (`ids.map(…)`, `...keys`). */
  text: string;
  /** The template or expression that builds the keys, when visible (for the hash tag check). */
  builder?: string;
}

const MAPPED = /\.\s*(map|flatMap|flat)\s*\(/;
const COMPREHENSION = /^\[[\s\S]+\sfor\s[\s\S]+\sin\s[\s\S]+\]$/;
const PLURAL_KEYS = /(^|[._])(keys|\w*Keys|\w*_keys|keyList|key_list|keyNames|key_names)$/;
const ARRAY_TYPE = /(\[\]|^\s*(readonly\s+)?(Array|ReadonlyArray|List|list|Sequence|Iterable|set|Set|tuple|Tuple)\b)/;

/** A key template with a literal `{…}` hash tag inside a string (`${…}` and f-string `{…}` interpolations do not count). */
export function hasHashTag(text: string, python: boolean): boolean {
  const literals = python ? text.matchAll(/([rRbBuUfF]{0,2})("[^"\n]*"|'[^'\n]*')/g) : text.matchAll(/("[^"\n]*"|'[^'\n]*'|`[^`]*`)/g);
  for (const match of literals) {
    if (python) {
      const body = match[2];
      if (/f/i.test(match[1]) ? /\{\{[^{}]+\}\}/.test(body) : /\{[^{}]+\}/.test(body)) return true;
    } else if (/\{[^{}]+\}/.test(match[1].replace(/\$\{[^{}]*\}/g, '*'))) return true;
  }
  return false;
}

/** What a local name holds, read from its last assignment before the call in the same function. */
function localDefinition(model: FileModel, site: RedisCallSite, name: string): string | undefined {
  const start = site.enclosingFunction?.span.startOffset ?? 0;
  const body = model.text.slice(start, site.callSpan.startOffset);
  const assignment = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(name)}\\s*(?::[^=\\n]+)?=(?!=)\\s*`, 'g');
  let valueStart: number | undefined;
  for (const match of body.matchAll(assignment)) valueStart = match.index! + match[0].length;
  if (valueStart === undefined) return undefined;
  // The assigned expression: to its `;`, or to the end of the line where its brackets are balanced.
  let depth = 0;
  for (let i = valueStart; i < Math.min(body.length, valueStart + 400); i++) {
    const char = body[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if ((char === ';' || char === '\n') && depth <= 0) return body.slice(valueStart, i);
  }
  return body.slice(valueStart, valueStart + 400);
}

/** Declared type of a parameter of the enclosing function (`keys: string[]`, `keys: list[str]`). */
function parameterType(model: FileModel, site: RedisCallSite, name: string): string | undefined {
  if (!site.enclosingFunction) return undefined;
  const start = site.enclosingFunction.span.startOffset;
  const head = model.text.slice(start, Math.min(site.callSpan.startOffset, start + 1000));
  const match = new RegExp(`[(,]\\s*(\\.\\.\\.|\\*)?${escapeRegExp(name)}\\s*\\??\\s*(?::\\s*([^,)=]+))?[,)=]`).exec(head);
  if (!match) return undefined;
  // A rest parameter (`...keys: string[]`, `*keys`) is an array whatever its declared type.
  return match[1] ? 'Array' : match[2] ?? '';
}

/** The key collection an argument stands for, if it is one. */
export function keyCollectionOf(model: FileModel, site: RedisCallSite, arg: Arg): KeyCollection | undefined {
  const python = model.language === 'python';
  const text = arg.text.trim();
  const shown = text.length > 30 ? `${text.slice(0, 27)}…` : text;
  if (arg.spread || text.startsWith('...') || (python && /^\*[^*]/.test(text))) {
    const inner = text.replace(/^\.\.\.|^\*/, '').trim();
    const nested = keyCollectionOf(model, site, { ...arg, spread: false, text: inner, value: /^[A-Za-z_$][\w$]*$/.test(inner) ? { kind: 'name', name: inner } : { kind: 'unknown' } });
    return { text: shown, builder: nested?.builder ?? inner };
  }
  if (MAPPED.test(text)) return { text: shown, builder: text.slice(text.search(MAPPED)) };
  if (python && COMPREHENSION.test(text)) return { text: shown, builder: text };
  if (arg.value.kind !== 'name' || !/^[A-Za-z_$][\w$]*$/.test(text)) return undefined;
  const definition = localDefinition(model, site, text);
  if (definition !== undefined) {
    const value = definition.trim();
    if (MAPPED.test(value) || (python && COMPREHENSION.test(value)) || /^\[/.test(value) || /^(Object\.keys|Array\.from|list\(|sorted\(|set\()/.test(value)) return { text: shown, builder: value };
    return undefined;
  }
  const type = parameterType(model, site, text);
  if (type !== undefined) return ARRAY_TYPE.test(type.trim()) || PLURAL_KEYS.test(text) ? { text: shown } : undefined;
  return PLURAL_KEYS.test(text) ? { text: shown } : undefined;
}
