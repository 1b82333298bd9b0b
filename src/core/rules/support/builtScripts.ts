/**
 * Scripts a function builds in a local before passing it by name (`lua = f"...{limit}..."; r.eval(lua, 1, k)`,
 * `const script = \`...${n}...\`; redis.eval(script, 1, k)`): the text of the one assignment in the function,
 * judged for runtime values. Module-level names are built once at startup and are not judged here.
 */
import type { Arg, FileModel, FunctionInfo } from '../../analysis/model';
import { assignedExpression } from './scriptFiles';
import { escapeRegExp } from '../../analysis/keyReferences';

/** A constant by naming convention (`KEY_PREFIX`, `MAX_TOKENS`): set once, not per call. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The operands of a top-level `+` that are neither string literals nor constants (`str(n)`, `limit`, `keys.length`). */
const STRING_LITERALS = /[rRbBuUfF]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)/g;

function variableOperands(expression: string): boolean {
  // Drop string literals first, so that a `+` inside Lua text (`sum + 1`) is not read as concatenation.
  const bare = expression.replace(STRING_LITERALS, '""');
  if (!bare.includes('+')) return false;
  return bare.split('+').map((part) => part.trim()).some((part) => part !== '""' && part !== '' && !CONSTANT_NAME.test(part) && !/^\(?\s*""\s*\)?$/.test(part));
}

/**
 * Lines joined into a script from runtime items: a comprehension or generator (`"\n".join(f"..." for i in ids)`),
 * a `.map(...)` over an array (`fields.map((f) => \`...${f}...\`).join("\n")`), or a list the function fills
 * itself (`lines.join("\n")`, `"\n".join(lines)`, when `isLocal(lines)`). A join of literal lines or of a constant
 * list is the same text on every call.
 */
function joinsRuntimeItems(text: string, python: boolean, isLocal: (name: string) => boolean): boolean {
  if (python) {
    const join = /^[rRbBuU]{0,2}(?:"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')\s*\.join\s*\(([\s\S]*)\)$/.exec(text);
    if (!join) return false;
    const items = join[1].trim();
    if (/\bfor\b/.test(items.replace(STRING_LITERALS, '""'))) return true;
    return /^[A-Za-z_]\w*$/.test(items) && !CONSTANT_NAME.test(items) && isLocal(items);
  }
  const join = /^([\s\S]*?)\.join\s*\([^()]*\)$/.exec(text);
  if (!join) return false;
  const items = join[1].trim();
  if (/\.(?:map|flatMap)\s*\(/.test(items)) return true;
  return /^[A-Za-z_$][\w$]*$/.test(items) && !CONSTANT_NAME.test(items) && isLocal(items);
}

/** Whether an expression that yields script text puts runtime values into it. */
export function isBuiltAtRunTime(expression: string, python: boolean, isLocal: (name: string) => boolean = () => false): boolean {
  const text = expression.trim();
  if (joinsRuntimeItems(text, python, isLocal)) return true;
  if (python) {
    const fString = /^[rR]?[fF][rR]?("""|'''|"|')([\s\S]*)$/.exec(text);
    if (fString && /(^|[^{])\{(?!\{)[^{}]*[A-Za-z_][^{}]*\}/.test(fString[2])) return true;
    if (/["')]\s*\.format(?:_map)?\s*\(/.test(text)) return true;
    if (/["']\s*%\s*[A-Za-z_(\[{]/.test(text)) return true;
  } else if (/^`[\s\S]*\$\{/.test(text)) return true;
  if (/\.replace(?:All)?\s*\([^,]+,\s*[A-Za-z_$]/.test(text)) return true;
  return variableOperands(text);
}

/** The script text a name argument is assigned in its function (exactly once there), if the function builds it. */
export function locallyBuiltScript(model: FileModel, arg: Arg, scope: FunctionInfo | undefined): string | undefined {
  if (arg.value.kind !== 'name' || !scope) return undefined;
  const name = arg.value.name;
  const before = arg.span.startOffset;
  if (!(scope.span.startOffset < before && before <= scope.span.endOffset)) return undefined;
  const python = model.language === 'python';
  const escaped = escapeRegExp(name);
  const local = python
    ? new RegExp(`^[ \\t]*${escaped}[ \\t]*(?::[^=\\n]+)?=(?!=)`, 'gm')
    : new RegExp(`(?:^|[\\s;{])(?:(?:const|let|var)[ \\t]+)?${escaped}[ \\t]*(?::[^=\\n]+)?=(?![=>])`, 'gm');
  const body = model.text.slice(scope.span.startOffset, before);
  if ((body.match(local) ?? []).length !== 1) return undefined;
  const expression = assignedExpression(model, name, before, scope);
  if (!expression) return undefined;
  // `script += f"..."` later in the function: built piece by piece.
  const appended = new RegExp(`(^|[^\\w$.])${escaped}[ \\t]*\\+=`).test(body);
  return appended || isBuiltAtRunTime(expression, python, (list) => filledIn(body, list, python)) ? expression : undefined;
}

/** Whether `name` is a list the function declares and fills itself (`lines.push(...)`, `lines.append(...)`). */
function filledIn(body: string, name: string, python: boolean): boolean {
  const escaped = escapeRegExp(name);
  const declared = python ? new RegExp(`^[ \\t]*${escaped}[ \\t]*(?::[^=\\n]+)?=(?!=)`, 'm') : new RegExp(`(?:const|let|var)[ \\t]+${escaped}\\b`);
  return declared.test(body) && new RegExp(`(^|[^\\w$.])${escaped}\\s*(?:\\.(?:push|append|extend|unshift|insert)\\s*\\(|\\+=)`).test(body);
}

/**
 * A script joined in the call itself from runtime items (`redis.eval(lines.join("\n"), 1, k)`,
 * `r.eval("\n".join(f"..." for i in ids), 1, k)`), inside a function.
 */
export function joinedInCall(model: FileModel, arg: Arg, scope: FunctionInfo | undefined): boolean {
  if (!scope || arg.value.kind !== 'unknown' || !arg.text.includes('.join')) return false;
  const python = model.language === 'python';
  const body = model.text.slice(scope.span.startOffset, arg.span.startOffset);
  return joinsRuntimeItems(arg.text.trim(), python, (list) => filledIn(body, list, python));
}
