/**
 * Literals held in constants: `KV_SECRET = "…"` at module level, `const SCRIPT = \`…\``. Rules follow an
 * argument that is a bare name to the one string literal assigned to it, and report at the literal.
 */
import type { Arg, FileModel } from '../../analysis/model';
import { spanFromOffsets } from '../../analysis/spans';

const NAME = /^[A-Za-z_$][\w$]*$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The string literal starting at `offset` (Python or JS quoting), as its value and end offset. */
function literalAt(text: string, offset: number, python: boolean): { value: string; end: number } | undefined {
  let start = offset;
  if (python) {
    const prefix = /^[rRbBuU]{0,2}/.exec(text.slice(start, start + 2))![0];
    start += prefix.length;
  }
  const quote = text.startsWith('"""', start) || text.startsWith("'''", start) ? text.slice(start, start + 3) : text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`' && quote.length !== 3) return undefined;
  if (quote === '`' && python) return undefined;
  const bodyStart = start + quote.length;
  for (let i = bodyStart; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (quote.length === 1 && char === '\n' && quote !== '`') return undefined;
    if (quote === '`' && char === '$' && text[i + 1] === '{') return undefined;
    if (text.startsWith(quote, i)) {
      const raw = text.slice(bodyStart, i);
      return { value: raw.replace(/\\(["'\\`])/g, '$1'), end: i + quote.length };
    }
  }
  return undefined;
}

/**
 * The string a bare name stands for when the file assigns it exactly once, at module level (Python: at column
 * 0; TS/JS: a top-level `const`/`let`/`var`), from a string literal. The returned argument's span is the literal's.
 */
export function constantString(model: FileModel, arg: Arg | undefined): Arg | undefined {
  if (!arg || arg.value.kind !== 'name' || !NAME.test(arg.value.name)) return undefined;
  const name = escapeRegExp(arg.value.name);
  const python = model.language === 'python';
  const text = model.text;
  const declaration = python ? new RegExp(`^${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*`, 'gm') : new RegExp(`^(?:export[ \\t]+)?(?:const|let|var)[ \\t]+${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*`, 'gm');
  const matches = [...text.matchAll(declaration)];
  if (matches.length !== 1) return undefined;
  // Reassigned elsewhere (or bound again by a nested declaration): the value is not the literal's.
  const assignments = text.match(new RegExp(`(^|[^\\w$.])${name}[ \\t]*(?::[^=\\n]+)?=(?!=)`, 'g'))?.length ?? 0;
  if (assignments !== 1) return undefined;
  const offset = matches[0].index! + matches[0][0].length;
  const literal = literalAt(text, offset, python);
  if (!literal) return undefined;
  const span = spanFromOffsets(text, offset, literal.end);
  return { value: { kind: 'string', value: literal.value }, text: text.slice(offset, literal.end), span, fullSpan: span };
}

/** The argument itself when it is a literal, else the literal held by the constant it names. */
export function resolvedArg(model: FileModel, arg: Arg | undefined): Arg | undefined {
  if (!arg) return undefined;
  return arg.value.kind === 'name' ? constantString(model, arg) ?? arg : arg;
}
