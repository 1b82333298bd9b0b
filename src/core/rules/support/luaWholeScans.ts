/**
 * Lua scripts that walk a collection with SSCAN/HSCAN/ZSCAN until the cursor comes back to 0, inside one script
 * call: the paging that keeps SCAN cheap happens on the server while it runs nothing else, so the call reads
 * the whole collection atomically, as SMEMBERS or HGETALL would. A script that takes one SCAN step per call
 * and hands the cursor back to the client is paging, and is not one of these.
 */
import type { RuleContext } from '../rule';
import type { Span } from '../../findings';
import { resolvedArg } from './constants';
import { scriptFromFile } from './scriptFiles';
import { scriptSources } from './scripts';

export interface WholeScan {
  /** SSCAN, HSCAN or ZSCAN. */
  command: string;
  /** The key as the script names it (`KEYS[1]`, a literal). */
  key: string;
  /** How the script is run (EVAL, register_script, defineCommand…), for the message. */
  via: string;
  span: Span;
}

const SCAN_CALL = /redis\.p?call\s*\(\s*['"]([SHZ]SCAN)['"]\s*,\s*([^,)]+)/i;
/** Loops of a script with the condition that ends them: `repeat … until <cond>`, `while <cond> do … end`. */
const LOOPS = /\brepeat\b([\s\S]*?)\buntil\b([^\n]*)|\bwhile\b([^\n]*?)\bdo\b([\s\S]*?)\bend\b/g;
/** The condition is only the cursor coming back to 0 (`cur == 0`, `tonumber(cursor) ~= 0`, `cursor ~= "0"`). */
const CURSOR_AT_ZERO = /^\(?\s*(?:tonumber\s*\(\s*)?[\w.[\]]+\s*\)?\s*(==|~=)\s*['"]?0['"]?\s*\)?$/;

/** The SCAN-family call a script loops to the end, if any: a loop with another way out (a count) is bounded. */
export function wholeScanIn(lua: string): { command: string; key: string } | undefined {
  for (const loop of lua.matchAll(LOOPS)) {
    const repeat = loop[1] !== undefined;
    const condition = (repeat ? loop[2] : loop[3]).replace(/--.*$/, '').trim();
    const operator = CURSOR_AT_ZERO.exec(condition)?.[1];
    if (operator !== (repeat ? '==' : '~=')) continue;
    const body = (repeat ? loop[1] : loop[4]) ?? '';
    if (/\bbreak\b/.test(body)) continue;
    const call = SCAN_CALL.exec(body);
    if (call) return { command: call[1].toUpperCase(), key: call[2].trim() };
  }
  return undefined;
}

/** The scripts of a file (literals, constants, workspace .lua files) that scan a collection to its end. */
export function wholeScans(context: RuleContext): WholeScan[] {
  const out: WholeScan[] = [];
  // The same constant registered twice (on a class and on a module global) is one script.
  const seen = new Set<number>();
  for (const source of scriptSources(context)) {
    const resolved = resolvedArg(context.model, source.arg, source.scope) ?? source.arg;
    if (resolved !== source.arg) {
      if (seen.has(resolved.span.startOffset)) continue;
      seen.add(resolved.span.startOffset);
    }
    const value = resolved.value;
    const lua = value.kind === 'string' ? value.value : value.kind === 'pattern' ? value.pattern : scriptFromFile(context, source.arg, source.scope)?.lua;
    const scan = lua === undefined ? undefined : wholeScanIn(lua);
    if (scan) out.push({ ...scan, via: source.via, span: source.span });
  }
  return out;
}
