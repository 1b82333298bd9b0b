/** Lua script sources passed to EVAL, SCRIPT LOAD, register_script (redis-py), defineCommand (ioredis) and defineScript (node-redis). */
import type { Arg, FunctionInfo, RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import type { Span } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';

export interface ScriptSource {
  arg: Arg;
  /** Where to report: the method name. */
  span: Span;
  via: string;
  /** Declared number of keys when literal (EVAL numkeys, numberOfKeys, NUMBER_OF_KEYS). */
  numberOfKeys?: number;
  /** Arguments the script is run with, after the script and numkeys (EVAL only). */
  scriptArgs: Arg[];
  /** The function the script is passed in (where a script held in a local is looked up). */
  scope?: FunctionInfo;
}

export function scriptSources(context: RuleContext): ScriptSource[] {
  const out: ScriptSource[] = [];
  const numberAt = (site: RedisCallSite, index: number) => (site.args[index]?.value.kind === 'number' ? (site.args[index].value as { value: number }).value : undefined);
  for (const site of context.model.callSites) {
    if ((site.command === 'EVAL' || site.command === 'EVAL_RO' || site.command === 'SCRIPT LOAD') && site.args[0]) {
      const eval_ = site.command !== 'SCRIPT LOAD';
      out.push({ arg: site.args[0], span: site.span, via: site.command, numberOfKeys: eval_ ? numberAt(site, 1) : undefined, scriptArgs: eval_ ? site.args.slice(2) : [], scope: site.enclosingFunction });
    }
  }
  for (const site of context.helperCalls) {
    if (site.method === 'register_script' && site.args[0]) out.push({ arg: site.args[0], span: site.span, via: 'register_script', scriptArgs: [], scope: site.enclosingFunction });
    if (site.method === 'defineCommand' && site.args[1]?.value.kind === 'object') {
      const entries = site.args[1].value.entries;
      const lua = entries.lua;
      const keys = entries.numberOfKeys;
      if (lua) out.push({ arg: lua, span: site.span, via: 'defineCommand', numberOfKeys: keys?.value.kind === 'number' ? keys.value.value : undefined, scriptArgs: [], scope: site.enclosingFunction });
    }
  }
  if (context.model.language !== 'python') out.push(...nodeRedisScripts(context));
  else out.push(...unrecognisedRegistrations(context, out));
  return out;
}

const REGISTER_SCRIPT = /\.register_script\(\s*([A-Za-z_]\w*)\s*\)/g;

/**
 * redis-py `x.register_script(SCRIPT)` on a receiver the analysis did not recognise (a client handed in as a
 * parameter of a file that never imports redis, as lock libraries do): `register_script` is a redis-py method, so
 * the script named by a module constant is reviewed too. Only in files where some Redis command was recognised.
 */
function unrecognisedRegistrations(context: RuleContext, known: readonly ScriptSource[]): ScriptSource[] {
  const text = context.model.text;
  if (!text.includes('.register_script(') || !context.model.callSites.length) return [];
  const taken = new Set(known.map((source) => source.arg.span.startOffset));
  const out: ScriptSource[] = [];
  for (const match of text.matchAll(REGISTER_SCRIPT)) {
    const start = match.index! + match[0].indexOf(match[1], 'register_script('.length);
    if (taken.has(start)) continue;
    const span = spanFromOffsets(text, start, start + match[1].length);
    out.push({ arg: { value: { kind: 'name', name: match[1] }, text: match[1], span, fullSpan: span }, span, via: 'register_script', scriptArgs: [], scope: pythonFunctionAround(text, start) });
  }
  return out;
}

/**
 * The Python function whose body holds `offset` (its `def` line is the nearest one above, indented less than the
 * line of the offset; it ends before the next line indented no deeper than the `def`), so that a script held in a
 * local of that function is looked up there. Undefined at module level.
 */
function pythonFunctionAround(text: string, offset: number): FunctionInfo | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let depth = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  for (let cursor = lineStart - 1; cursor > 0; ) {
    const start = text.lastIndexOf('\n', cursor - 1) + 1;
    const line = text.slice(start, cursor);
    cursor = start - 1;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (!line.trim() || line.trim().startsWith('#') || indent >= depth) continue;
    const def = /^[ \t]*(async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/.exec(line);
    if (!def) {
      depth = indent;
      continue;
    }
    const end = new RegExp(`\\n[ \\t]{0,${indent}}(?=[^ \\t\\n#])`, 'g');
    end.lastIndex = offset;
    const after = end.exec(text);
    const endOffset = after ? after.index : text.length;
    return { name: def[2], span: spanFromOffsets(text, start, endOffset), isRequestHandler: false, isAsync: !!def[1] };
  }
  return undefined;
}

const DEFINE_SCRIPT = /\bdefineScript\s*\(\s*\{/g;

/**
 * node-redis `defineScript({ NUMBER_OF_KEYS: 1, SCRIPT: text, ... })`: a function of the library, not a client
 * method, read from the text. The script is a string literal or a name (looked up in the function of the
 * client creation whose options hold it, or at module level).
 */
function nodeRedisScripts(context: RuleContext): ScriptSource[] {
  const text = context.model.text;
  if (!text.includes('defineScript')) return [];
  const out: ScriptSource[] = [];
  for (const match of text.matchAll(DEFINE_SCRIPT)) {
    const open = match.index! + match[0].length;
    const body = objectBody(text, open);
    const script = /\bSCRIPT\s*:\s*/.exec(body);
    if (!script) continue;
    const start = open + script.index + script[0].length;
    const value = scriptValue(text, start);
    if (!value) continue;
    const keys = /\bNUMBER_OF_KEYS\s*:\s*(\d+)/.exec(body);
    const span = spanFromOffsets(text, start, start + value.text.length);
    const scope = context.model.creations.find((c) => c.callSpan.startOffset <= match.index! && match.index! < c.callSpan.endOffset)?.enclosingFunction;
    out.push({ arg: { ...value, span, fullSpan: span }, span, via: 'defineScript', numberOfKeys: keys ? Number(keys[1]) : undefined, scriptArgs: [], scope });
  }
  return out;
}

/** The text of an object literal's body from just after its `{` to its matching `}` (strings skipped roughly). */
function objectBody(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 20_000; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0) return text.slice(open, i);
      depth--;
    }
  }
  return text.slice(open, Math.min(text.length, open + 20_000));
}

/** A name or a plain string literal at `start` (`SCRIPT: countAll`, `SCRIPT: "return ..."`). */
function scriptValue(text: string, start: number): Omit<Arg, 'span' | 'fullSpan'> | undefined {
  const name = /^[A-Za-z_$][\w$]*(?![\w$.(])/.exec(text.slice(start, start + 200));
  if (name) return { value: { kind: 'name', name: name[0] }, text: name[0] };
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[++i];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next ?? '';
    } else if (c === quote) {
      const source = text.slice(start, i + 1);
      if (quote === '`' && value.includes('${')) return { value: { kind: 'pattern', pattern: value.replace(/\$\{[^}]*\}/g, '*') }, text: source };
      return { value: { kind: 'string', value }, text: source };
    } else value += c;
  }
  return undefined;
}
