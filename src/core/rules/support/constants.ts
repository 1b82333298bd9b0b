/**
 * Literals held in constants: `KV_SECRET = "…"` at module level, `const SCRIPT = \`…\``. Rules follow an
 * argument that is a bare name to the one string literal assigned to it, and report at the literal.
 */
import type { Arg, FileModel, FunctionInfo } from '../../analysis/model';
import { spanFromOffsets } from '../../analysis/spans';
import { escapeRegExp } from '../../analysis/keyReferences';

const NAME = /^[A-Za-z_$][\w$]*$/;

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
 * The string a bare name stands for when it is assigned exactly once from a string literal: at module level
 * (Python: at column 0; TS/JS: a top-level `const`/`let`/`var`), or in the function given as `scope` before
 * `before`. The returned argument's span is the literal's.
 */
export function constantString(model: FileModel, arg: Arg | undefined, scope?: FunctionInfo): Arg | undefined {
  if (!arg || arg.value.kind !== 'name' || !NAME.test(arg.value.name)) return undefined;
  const name = escapeRegExp(arg.value.name);
  const python = model.language === 'python';
  const text = model.text;
  const assignments = (from: number, to: number) => text.slice(from, to).match(new RegExp(`(^|[^\\w$.])${name}[ \\t]*(?::[^=\\n]+)?=(?!=)`, 'g'))?.length ?? 0;
  const literalAfter = (match: RegExpMatchArray, base: number): Arg | undefined => {
    const offset = base + match.index! + match[0].length;
    const literal = literalAt(text, offset, python);
    if (!literal) return undefined;
    const span = spanFromOffsets(text, offset, literal.end);
    return { value: { kind: 'string', value: literal.value }, text: text.slice(offset, literal.end), span, fullSpan: span };
  };
  if (scope && scope.span.startOffset < arg.span.startOffset && arg.span.startOffset <= scope.span.endOffset) {
    // A local of the function: assigned once in it, before the use.
    const local = python ? new RegExp(`^[ \\t]*${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*`, 'gm') : new RegExp(`(?:^|[\\s;{])(?:(?:const|let|var)[ \\t]+)?${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*(?!=)`, 'gm');
    const body = text.slice(scope.span.startOffset, arg.span.startOffset);
    const matches = [...body.matchAll(local)];
    if (matches.length === 1 && assignments(scope.span.startOffset, scope.span.endOffset) === 1) return literalAfter(matches[0], scope.span.startOffset);
    if (matches.length > 0) return undefined;
  }
  const declaration = python ? new RegExp(`^${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*`, 'gm') : new RegExp(`^(?:export[ \\t]+)?(?:const|let|var)[ \\t]+${name}[ \\t]*(?::[^=\\n]+)?=[ \\t]*`, 'gm');
  const matches = [...text.matchAll(declaration)];
  // Reassigned elsewhere (or bound again by a nested declaration): the value is not the literal's.
  if (matches.length !== 1 || assignments(0, text.length) !== 1) return undefined;
  return literalAfter(matches[0], 0);
}

/** The argument itself when it is a literal, else the literal held by the constant (or local) it names. */
export function resolvedArg(model: FileModel, arg: Arg | undefined, scope?: FunctionInfo): Arg | undefined {
  if (!arg) return undefined;
  return arg.value.kind === 'name' ? constantString(model, arg, scope) ?? arg : arg;
}

/** The string literal that starts at `offset` of the file, as an argument (for literals found by text). */
export function stringLiteralAt(model: FileModel, offset: number): Arg | undefined {
  const literal = literalAt(model.text, offset, model.language === 'python');
  if (!literal) return undefined;
  const span = spanFromOffsets(model.text, offset, literal.end);
  return { value: { kind: 'string', value: literal.value }, text: model.text.slice(offset, literal.end), span, fullSpan: span };
}
