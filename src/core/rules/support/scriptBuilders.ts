/**
 * Scripts returned by a function of the same file that builds them from its arguments
 * (`def build(n): return f"...{n}..."` then `r.eval(build(n), 1, k)`; `const lua = (n) => \`...${n}...\``):
 * every call with a new argument is a new script for the server's cache.
 */
import type { Arg, FileModel } from '../../analysis/model';
import { isBuiltAtRunTime } from './builtScripts';
import { escapeRegExp } from '../../analysis/keyReferences';

const CALLED = /^(?:(?:self|this)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(\s*[^)\s]/;

/** The expressions a Python function named `name` returns (its body: the lines indented below the `def`). */
function pythonReturns(text: string, name: string): string[] {
  const def = new RegExp(`^([ \\t]*)(?:async[ \\t]+)?def[ \\t]+${escapeRegExp(name)}[ \\t]*\\(`, 'm').exec(text);
  if (!def) return [];
  const indent = def[1].length;
  // Up to the next definition at the same depth (a script's lines inside triple quotes may sit at column 0).
  const rest = text.slice(def.index + def[0].length);
  const next = new RegExp(`\\n[ \\t]{0,${indent}}(?:(?:async[ \\t]+)?def|class)[ \\t]|\\n[ \\t]{0,${indent}}@`).exec(rest);
  const block = next ? rest.slice(0, next.index) : rest;
  return [...block.matchAll(/^[ \t]*return[ \t]+/gm)].map((m) => returnedExpression(block.slice(m.index! + m[0].length)));
}

/** A returned expression: a triple-quoted string up to its closing quotes, anything else up to the end of its line. */
function returnedExpression(rest: string): string {
  const triple = /^[rRbBuUfF]{0,2}("""|''')/.exec(rest);
  if (!triple) return rest.split('\n')[0];
  const end = rest.indexOf(triple[1], triple[0].length);
  return end < 0 ? rest : rest.slice(0, end + 3);
}

/** The block starting at the `{` at `open`, up to its matching `}` (braces inside template literals balance too). */
function braceBlock(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** The expressions a JS/TS function, arrow function or method named `name` returns. */
function scriptReturns(text: string, name: string): string[] {
  const n = escapeRegExp(name);
  const arrow = new RegExp(`\\b${n}\\s*=\\s*(?:async\\s*)?(?:\\([^)]*\\)|[A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=>\\s*`).exec(text);
  if (arrow) {
    const after = arrow.index + arrow[0].length;
    if (text[after] !== '{') return [text.slice(after).split(/;\s*\n|\n\s*\n/)[0]];
    return [...braceBlock(text, after).matchAll(/\breturn\s+([\s\S]*?);/g)].map((m) => m[1]);
  }
  const declared = new RegExp(`(?:function\\s+${n}|^\\s*(?:(?:public|private|protected|static|async)\\s+)*${n})\\s*\\([^)]*\\)\\s*(?::[^{]+)?\\{`, 'm').exec(text);
  if (!declared) return [];
  return [...braceBlock(text, declared.index + declared[0].length - 1).matchAll(/\breturn\s+([\s\S]*?);/g)].map((m) => m[1]);
}

/** Whether the script argument is a call, with arguments, of a function of this file that builds the text from runtime values. */
export function builtByFileFunction(model: FileModel, arg: Arg): boolean {
  if (arg.value.kind !== 'unknown') return false;
  const name = CALLED.exec(arg.text.trim())?.[1];
  if (!name) return false;
  const python = model.language === 'python';
  const returns = python ? pythonReturns(model.text, name) : scriptReturns(model.text, name);
  return returns.some((expression) => isBuiltAtRunTime(expression.trim(), python));
}
