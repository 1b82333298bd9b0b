/**
 * Go hashes written as records across the files of a package: a key family (`fmt.Sprintf(JobInfo, id)`, a key
 * builder's calls, a literal pattern) whose every HSET / HMSET / HINCRBY / HSETNX names fixed fields. One file writes
 * the job's hash and another reads it whole with HGETALL: the reader's file shows no write, so the workspace index
 * records, per file, the families it writes with fixed fields and those it writes with fields from data.
 */
import type { Arg, FileModel, RedisCallSite } from '../model';
import { keyPatternOf } from '../argumentValues';
import { escapeRegExp } from '../keyReferences';
import { nameWords } from '../nameWords';

export interface GoHashWrites {
  /** Families every hash write of the file names fixed fields of. */
  fixed?: string[];
  /** Families the file writes with a field from data (`HSet(ctx, key, userID, v)`, a map variable, a spread). */
  open?: string[];
}

const PAIR_WRITES = new Set(['HSET', 'HMSET']);
const FIELD_WRITES = new Set(['HSETNX', 'HINCRBY', 'HINCRBYFLOAT']);

/** What a deployment runs one of: a field named after the writing process (`fmt.Sprintf("%s_run", LocalHost)`) is one per process. */
const PARTICIPANT = /^(host|hostname|node|server|instance|worker|process|pod|machine|replica|shard)$/;

const LITERAL = /^"[^"\n]*"$|^`[^`]*`$/;

/**
 * A field the code names: a string literal, or a format of literals and the name of the process writing it
 * (one field per manager host and phase). A field from a parameter or a loop item grows with the data.
 */
function fixedField(text: string): boolean {
  const field = text.trim();
  if (LITERAL.test(field)) return true;
  const format = /^fmt\.Sprintf\(\s*("[^"\n]*")\s*,\s*([\w.]+)\s*\)$/.exec(field);
  return !!format && nameWords(format[2].split('.').pop() ?? '').some((word) => PARTICIPANT.test(word));
}

/** `map[string]interface{}{"id": id, "state": s}` with every key a literal. */
function literalFieldMap(text: string): boolean {
  const body = /^map\[string\](?:interface\{\}|[\w.*[\]]+)\{([\s\S]*)\}$/.exec(text.trim())?.[1];
  if (body === undefined) return false;
  const entries = splitTopLevel(body).filter((entry) => entry.trim());
  return entries.length > 0 && entries.every((entry) => /^\s*("[^"\n]*"|`[^`]*`)\s*:/.test(entry));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === '`') quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The write names every field it sets. */
export function writesFixedFields(site: RedisCallSite): boolean {
  if (site.args.some((arg) => arg.spread)) return false;
  if (FIELD_WRITES.has(site.command)) return !!site.args[1] && fixedField(site.args[1].text);
  if (!PAIR_WRITES.has(site.command)) return false;
  const rest = site.args.slice(1);
  if (rest.length === 1) return literalFieldMap(rest[0].text);
  return rest.length > 0 && rest.length % 2 === 0 && rest.every((arg, i) => i % 2 === 1 || fixedField(arg.text));
}

/** The expression a local of the call's function was last bound to before the call (`infoKey := fmt.Sprintf(JobInfo, id)`). */
function boundExpression(text: string, site: RedisCallSite, name: string): string | undefined {
  const fn = site.enclosingFunction;
  if (!fn) return undefined;
  const body = text.slice(fn.span.startOffset, site.callSpan.startOffset);
  let last: string | undefined;
  for (const match of body.matchAll(new RegExp(`(?:^|[\\s;(,])${escapeRegExp(name)}\\s*:?=(?!=)\\s*([^\\n;]+)`, 'g'))) last = match[1];
  return last?.replace(/\s*\/\/.*$/, '').trim();
}

/**
 * The family of keys an argument names, the same in every file of the package: its literal pattern, the format
 * constant of a `fmt.Sprintf` (`Sprintf(JobInfo)`), or a key builder with its literal arguments (`jobKey(*)`), also
 * through a local bound to one of them. A bare local or parameter names no family another file could share.
 */
export function goHashFamily(text: string, site: RedisCallSite, arg: Arg | undefined): string | undefined {
  if (!arg) return undefined;
  const pattern = keyPatternOf(arg);
  if (pattern !== undefined) return `"${pattern}"`;
  let expr = arg.text.trim();
  if (/^[A-Za-z_]\w*$/.test(expr)) expr = boundExpression(text, site, expr) ?? '';
  const sprintf = /^fmt\.Sprintf\(\s*([A-Za-z_][\w.]*|"[^"\n]*")\s*[,)]/.exec(expr);
  if (sprintf) return `Sprintf(${sprintf[1]})`;
  const call = /^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\((.*)\)$/s.exec(expr);
  if (!call || /^(?:fmt|strings|strconv)\./.test(expr)) return undefined;
  const shown = splitTopLevel(call[2]).filter((a) => a.trim()).map((a) => (LITERAL.test(a.trim()) ? a.trim() : '*'));
  return `${call[1]}(${shown.join(',')})`;
}

const HASH_WRITES = new Set([...PAIR_WRITES, ...FIELD_WRITES]);

/** The hash families a Go file writes, split by whether every write of the family names fixed fields. */
export function goHashWritesOf(model: FileModel): GoHashWrites | undefined {
  const fixed = new Set<string>();
  const open = new Set<string>();
  for (const site of model.callSites) {
    if (!HASH_WRITES.has(site.command)) continue;
    const family = goHashFamily(model.text, site, site.args[0]);
    if (family) (writesFixedFields(site) ? fixed : open).add(family);
  }
  for (const family of open) fixed.delete(family);
  if (!fixed.size && !open.size) return undefined;
  return { ...(fixed.size ? { fixed: [...fixed].sort() } : {}), ...(open.size ? { open: [...open].sort() } : {}) };
}
