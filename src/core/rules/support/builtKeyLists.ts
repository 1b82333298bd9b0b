/**
 * Keys a loop takes from a list that a helper of the same file builds with the file's key builder
 * (`keys = self.get_keys(names)` where `get_keys` returns `[self.get_key(n) for n in names]`): each key is the
 * builder's key, so what the file does to the builder's keys (trims on every push) holds for the loop's keys too.
 */
import type { FileModel, RedisCallSite } from '../../analysis/model';
import { escapeRegExp, type KeyRef } from '../../analysis/keyReferences';

const PYTHON_OR_JS = new Set(['python', 'javascript', 'typescript', 'tsx']);
const HELPER_CALL = /^((?:self|this|cls)\.)?([A-Za-z_$][\w$]*)\s*\(.*\)$/s;
const BUILDER_CALL = /^((?:self|this|cls)\.)?[A-Za-z_$][\w$]*(?=\s*\()/;

/** The list a loop runs over, as the call that makes it (directly, or through a local assigned once). */
function listCall(model: FileModel, site: RedisCallSite, source: string): string | undefined {
  const text = source.trim();
  if (HELPER_CALL.test(text)) return text;
  if (!/^[A-Za-z_$][\w$]*$/.test(text) || !site.enclosingFunction) return undefined;
  const before = model.text.slice(site.enclosingFunction.span.startOffset, site.callSpan.startOffset);
  const assigned = [...before.matchAll(new RegExp(`(?<![\\w$.])(?:const\\s+|let\\s+)?${escapeRegExp(text)}\\s*=\\s*([^\\n;]+)`, 'g'))].map((match) => match[1].trim());
  return assigned.length === 1 && HELPER_CALL.test(assigned[0]) ? assigned[0] : undefined;
}

/** The key builder (`self.get_key`) whose calls the helper maps over its argument, read from its definition. */
function mappedBuilder(model: FileModel, helper: string): string | undefined {
  const name = escapeRegExp(helper);
  const definition = new RegExp(`(?:\\bdef\\s+${name}\\s*\\([^)]*\\)[^:]*:|(?<![\\w$.])${name}\\s*\\([^)]*\\)\\s*(?::[^{]+)?\\{)`).exec(model.text);
  if (!definition) return undefined;
  const body = model.text.slice(definition.index + definition[0].length, definition.index + definition[0].length + 400);
  const python = /^\s*return\s+\[\s*(.+?)\s+for\s+\w+\s+in\s+[^\]]+\]/.exec(body);
  const js = /^\s*return\s+[\w$.]+\.map\(\s*\(?\s*[\w$]+\s*(?::[^)]*)?\)?\s*=>\s*(.+?)\)\s*;?\s*\}/s.exec(body);
  const element = (python ?? js)?.[1].trim();
  return element ? BUILDER_CALL.exec(element)?.[0] : undefined;
}

/**
 * The loop variable's key is one the file builds with a key builder whose keys `holds` (the caller's test, e.g.
 * "is capped"): asked of every identity of the file that starts with a call of that builder.
 */
export function builtKeyHolds(model: FileModel, site: RedisCallSite, ref: KeyRef, identities: Iterable<string>): boolean {
  if (!PYTHON_OR_JS.has(model.language) || !ref.identity.startsWith('each(')) return false;
  const call = listCall(model, site, ref.source);
  const helper = call ? HELPER_CALL.exec(call)?.[2] : undefined;
  const builder = helper ? mappedBuilder(model, helper) : undefined;
  if (!builder) return false;
  for (const identity of identities) if (identity.startsWith(`${builder}(`)) return true;
  return false;
}
