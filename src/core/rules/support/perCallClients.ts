/**
 * client-per-request: whether a function's client is made once per call of the function - created, used and dropped
 * (or closed) inside it, or handed to a caller that does so - rather than once per process: kept in an outer
 * variable, cached by a decorator, yielded as a FastAPI dependency, or made in a one-time function.
 */
import type { FileModel, FunctionInfo } from '../../analysis/model';
import { positionAt, spanFromOffsets } from '../../analysis/spans';
import type { Span } from '../../findings';
import type { ClientCreation, RedisCallSite } from '../rule';
import { enclosingPythonHeaders } from './pythonBlocks';

/** Functions that run once (entry points, setup, lifecycle hooks): a client made there is made once. */
const ONE_TIME_FUNCTION = /^_*(main|init\w*|setup\w*|set_up\w*|start\w*|bootstrap\w*|configure\w*|create_app|make_app|build_app|run|cli|migrate\w*|seed\w*|on_startup|lifespan|initiali[sz]e\w*|register\w*|install\w*|wait_for\w*|test\w*|populate\w*|load_fixtures|constructor|ready|on_ready|worker|consumer|consume|listen\w*|subscribe\w*|serve\w*|daemon\w*|loop)$/i;
const SUBSCRIPTIONS = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'MONITOR']);
const CLOSE_CALL = /\.\s*(quit|disconnect|close|aclose|destroy)\s*\(/;

/** The local variable a creation is assigned to, also through a conditional (`const c = prod ? createClient(a) : createClient(b)`). */
export function localBinding(model: FileModel, creation: ClientCreation): string | undefined {
  if (creation.binding) return /^[A-Za-z_$][\w$]*$/.test(creation.binding) ? creation.binding : undefined;
  const before = model.text.slice(Math.max(0, creation.callSpan.startOffset - 300), creation.callSpan.startOffset);
  return /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]*)?=(?!=)[^;]*$/.exec(before)?.[1];
}

/** Returned inside a closure (`return () => client.quit()`): the client outlives the call. */
function returnedInClosure(body: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`\\breturn\\s+(async\\s+)?(function\\b|\\([^)]*\\)\\s*=>|[\\w$]+\\s*=>|lambda\\b)[^\\n]*\\b${n}\\b`).test(body);
}

/**
 * Held by the object literal the function returns (`return { client: store, middleware }`, `return {"client": conn}`):
 * the client lives as long as that object, as a factory's returned client does.
 */
function returnedInObject(body: string, name: string): boolean {
  const held = new RegExp(`[{,]\\s*(?:[\\w$]+\\s*:|['"][\\w$-]+['"]\\s*:)?\\s*${name.replace(/\$/g, '\\$')}\\s*(?:[,}]|$)`, 'm');
  for (const match of body.matchAll(/\breturn\s*\{/g)) {
    let depth = 0;
    let end = match.index! + match[0].length - 1;
    for (; end < body.length; end++) {
      if (body[end] === '{') depth++;
      else if (body[end] === '}' && --depth === 0) break;
    }
    if (held.test(body.slice(match.index! + match[0].length - 1, end + 1).replace(/\([^()]*\)/g, '()'))) return true;
  }
  return false;
}

/** The name leaves the function: returned, yielded, stored on self/this, in a global, or handed to another call. */
function leaves(body: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  if (returnedInClosure(body, name) || returnedInObject(body, name)) return true;
  return new RegExp(`\\b(return|yield)\\s+(await\\s+)?${n}\\b(?!\\s*[.(\\[])|[\\w$.\\]]\\s*=\\s*${n}\\s*($|[;,)\\n])|[(,]\\s*${n}\\s*[,)]|^[ \\t]*(global|nonlocal)\\b[^\\n]*\\b${n}\\b`, 'm').test(body);
}

/**
 * A client the function creates for itself and drops (or closes) before it returns: every call of the function pays
 * for a new client. Or a factory that returns a fresh client to a caller of this file that uses and drops it.
 */
export function clientPerCall(model: FileModel, creation: ClientCreation, sites: readonly RedisCallSite[]): { function: string; how: string; related?: { span: Span; message: string }[] } | undefined {
  const fn = creation.enclosingFunction;
  // Anonymous functions (an IIFE, a plugin callback) and JS constructor functions (`function Driver()`) run once per object or program.
  if (!fn || ONE_TIME_FUNCTION.test(fn.name) || (model.language !== 'python' && /^[A-Z]/.test(fn.name))) return undefined;
  if (!/^[A-Za-z_$][\w$]*$/.test(fn.name) && !exportedMessageHandler(model.text, fn)) return undefined;
  // Called by a top-level statement of the file (`warmUp();`), or only by the file's entry function: it runs once at start-up.
  if (calledAtTopLevel(model.text, fn.name) || calledOnlyByEntryFunctions(model.text, fn.name, model.language === 'python')) return undefined;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  const name = localBinding(model, creation);
  const lineStart = model.text.lastIndexOf('\n', creation.callSpan.startOffset) + 1;
  const inWith = /^\s*(async\s+)?with\b/.test(model.text.slice(lineStart, creation.callSpan.startOffset));
  // A client used in a worker's loop (a while loop, a for over a stream of events) lives as long as that loop, not
  // per call; a for over the items at hand (`for i in range(1, 4)`, `for k in keys`) ends before the function returns.
  const used = sites.filter((site) => site.receiver.creation?.callSpan.startOffset === creation.callSpan.startOffset || (name !== undefined && site.receiver.text === name && site.enclosingFunction?.span.startOffset === fn.span.startOffset));
  const inLoops = used.filter((site) => site.anyLoop || site.loop);
  if (inLoops.length && (/\bwhile\b/.test(body) || inLoops.some((site) => !site.loop || site.loop.bounded === 'events'))) return undefined;
  if (used.some((site) => SUBSCRIPTIONS.has(site.command))) return undefined;
  // A client that gets message/event listeners serves a subscription for as long as it lives.
  if (name && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*\\.\\s*(on|once|addListener)\\s*\\(\\s*['"](p?message|pmessageBuffer|messageBuffer|subscribe)['"]`).test(body)) return undefined;
  if (/\bwhile\s*(True|\(\s*true\s*\))|for\s*\(\s*;\s*;\s*\)/.test(body)) return undefined;
  if (name && returnedInClosure(body, name)) return undefined;
  // `yield client` then `client.close()`: a provider (a context manager, a container's resource) whose caller holds
  // the client as long as it needs it, like a factory's; FastAPI dependencies are judged before this.
  // Unless a function of this file takes one client from it (`redis = await anext(get_redis_session())`) and drops it.
  if (name && new RegExp(`\\byield\\s+${name.replace(/\$/g, '\\$')}\\s*($|[;\\n#])`, 'm').test(body)) return model.language === 'python' ? droppedByCaller(model, fn, sites, true) : undefined;
  if (inWith || (name && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*${CLOSE_CALL.source}`).test(body))) return { function: fn.name, how: 'closes it again before returning' };
  // A factory: `return client` (or `return Redis(...)` itself) to a caller of this file that uses the client and drops it.
  if (!name) return returnedDirectly(model, creation) ? droppedByCaller(model, fn, sites) : undefined;
  if (!leaves(body, name)) return used.length ? { function: fn.name, how: 'uses it and drops it' } : undefined;
  if (!new RegExp(`\\breturn\\s+${name.replace(/\$/g, '\\$')}\\s*($|[;\\n])`, 'm').test(body)) return undefined;
  return droppedByCaller(model, fn, sites);
}

/**
 * `module.exports = (args, msg, client) => { ... }`: a chat bot's command module, its anonymous export run for every
 * message that invokes the command (unlike an IIFE or a plugin callback, which run once).
 */
function exportedMessageHandler(text: string, fn: FunctionInfo): boolean {
  const before = text.slice(Math.max(0, fn.span.startOffset - 400), fn.span.startOffset).replace(/\/\*[\s\S]*?\*\/\s*$/, '');
  if (!/(?:\bmodule\.exports|\bexport\s+default)\s*=?\s*$/.test(before)) return false;
  const parameters = /^(?:async\s+)?(?:function\s*[\w$]*\s*)?\(([^)]*)\)/.exec(text.slice(fn.span.startOffset, fn.span.startOffset + 200))?.[1] ?? '';
  return /\b(?:msg|message|interaction)\b/.test(parameters);
}

/** `return redis.Redis(...)`, `return await aioredis.from_url(...)`, `() => createClient(...)`: the creation is the function's result. */
export function returnedDirectly(model: FileModel, creation: ClientCreation): boolean {
  const start = Math.min(creation.span.startOffset, creation.callSpan.startOffset);
  const before = model.text.slice(Math.max(0, start - 40), start);
  return /(?:\breturn\s+(?:await\s+)?|=>\s*)(?:new\s+)?$/.test(before);
}

/** A function of this file that gets the factory's client (`client = get_client()`), uses it outside loops and drops it. */
function droppedByCaller(model: FileModel, fn: FunctionInfo, sites: readonly RedisCallSite[], generator = false): { function: string; how: string; related?: { span: Span; message: string }[] } | undefined {
  const next = generator ? '(?:await\\s+)?a?next\\(\\s*' : '(?:await\\s+)?';
  const call = new RegExp(`([A-Za-z_$][\\w$]*)\\s*=\\s*${next}(?:self\\.|this\\.)?${fn.name}\\s*\\(`, 'g');
  for (const match of model.text.matchAll(call)) {
    const at = match.index!;
    if (at >= fn.span.startOffset && at <= fn.span.endOffset) continue;
    const caller = sites.map((site) => site.enclosingFunction).find((f) => f && f.span.startOffset <= at && at <= f.span.endOffset);
    if (!caller || ONE_TIME_FUNCTION.test(caller.name) || !/^[A-Za-z_$][\w$]*$/.test(caller.name)) continue;
    const callerBody = model.text.slice(caller.span.startOffset, caller.span.endOffset);
    if (leaves(callerBody, match[1])) continue;
    const callerSites = sites.filter((site) => site.receiver.text === match[1] && site.enclosingFunction?.span.startOffset === caller.span.startOffset);
    if (!callerSites.length || callerSites.some((site) => site.anyLoop || site.loop)) continue;
    return {
      function: caller.name,
      how: `gets it from ${fn.name}() on line ${positionAt(model.text, at).line + 1}, uses it and drops it`,
      related: [{ span: spanFromOffsets(model.text, at, at + match[0].length), message: `a new client per call of ${caller.name}` }],
    };
  }
  return undefined;
}

function calledAtTopLevel(text: string, name: string): boolean {
  return new RegExp(`^(?:await[ \\t]+)?(?:void[ \\t]+)?${name.replace(/\$/g, '\\$')}[ \\t]*\\(`, 'm').test(text);
}

/** A column-0 definition: `def f(`, `async def f(`, `function f(`, `const f = async (...) =>`, or a class. */
const TOP_LEVEL_DEFINITION = /^(?:(?:export[ \t]+)?(?:async[ \t]+)?(?:def|function\*?)[ \t]+([A-Za-z_$][\w$]*)|(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[A-Za-z_$][\w$]*[ \t]*=>)|(class)\b)/;

/**
 * The top-level function whose body holds an offset, by the last column-0 line of code at or before it: its name,
 * '' for a top-level statement, undefined inside a class.
 */
function topLevelOwner(text: string, offset: number): string | undefined {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const stop = text.indexOf('\n', start);
    const line = text.slice(start, stop < 0 ? text.length : stop);
    if (/^[^\s#/@})\]'"*]/.test(line)) {
      const definition = TOP_LEVEL_DEFINITION.exec(line);
      if (!definition) return '';
      return definition[3] ? undefined : (definition[1] ?? definition[2]);
    }
    if (start === 0) return '';
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
}

/**
 * The call at an offset may run many times: it sits in a loop (`for product in results: process(product)`, a
 * comprehension, `items.forEach((item) => process(item))`), which one run of an entry function repeats.
 */
function repeatedAt(text: string, offset: number, python: boolean): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  if (python) {
    if (/\bfor\b[^\n]*\bin\b/.test(text.slice(offset, lineEnd < 0 ? text.length : lineEnd))) return true;
    for (const { trimmed } of enclosingPythonHeaders(text, lineStart)) if (/^(?:async[ \t]+)?(?:for|while)\b/.test(trimmed)) return true;
    return false;
  }
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '}' || ch === ')') depth++;
    else if (ch === '{' || ch === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const head = text.slice(Math.max(0, i - 120), i);
      if (/\b(?:for|while)\s*\([^\n]*\)\s*$|\.(?:forEach|map|flatMap)\s*\(\s*(?:async\s*)?(?:\([^()]*\)|[\w$]+)\s*=>\s*$|\.(?:forEach|map|flatMap)\s*$/.test(head)) return true;
      if (/^(?:export[ \t]+)?(?:async[ \t]+)?function\b/m.test(text.slice(text.lastIndexOf('\n', i) + 1, i))) return false;
    }
  }
  return false;
}

/**
 * `def post_data(data): db = redis.from_url(...)` called only from `run()`, which the script calls at its end: every
 * caller in the file is a function that runs once (an entry point, or one a top-level statement calls), or a
 * top-level statement itself, so the client is made once per run of the script.
 */
function calledOnlyByEntryFunctions(text: string, name: string, python: boolean): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const escaped = name.replace(/\$/g, '\\$');
  let calls = 0;
  for (const match of text.matchAll(new RegExp(`(?<![\\w$.])${escaped}[ \\t]*\\(`, 'g'))) {
    const before = text.slice(Math.max(0, match.index! - 20), match.index!);
    if (/(?:def|function)[ \t]+$/.test(before)) continue;
    if (repeatedAt(text, match.index!, python)) return false;
    const owner = topLevelOwner(text, match.index!);
    // In JS a top-level statement may be a route registration whose callback runs per request.
    if (owner === undefined || owner === name || (owner === '' && !python)) return false;
    if (owner !== '' && !ONE_TIME_FUNCTION.test(owner) && !calledAtTopLevel(text, owner)) return false;
    calls++;
  }
  return calls > 0;
}

/** The creation is assigned to a variable declared outside its function (a lazily created shared client). */
export function assignsOuterVariable(model: FileModel, creation: ClientCreation): boolean {
  const binding = creation.binding;
  const fn = creation.enclosingFunction;
  if (!binding || !fn || !/^[A-Za-z_$][\w$]*$/.test(binding)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  const name = binding.replace(/\$/g, '\\$');
  if (model.language === 'python') return new RegExp(`^[ \\t]*(global|nonlocal)[ \\t]+[\\w, \\t]*\\b${name}\\b`, 'm').test(body);
  if (new RegExp(`\\b(const|let|var)\\s+${name}\\b|\\b(const|let|var)\\s*\\{[^}]*\\b${name}\\b`).test(body)) return false;
  // Not declared in the function: a parameter is local too.
  const head = body.slice(0, body.search(/=>|\{/) + 1);
  return !new RegExp(`[(,]\\s*${name}\\b`).test(head);
}

/** A generator in a FastAPI module that yields the client it creates: the shape of a per-request dependency. */
export function yieldsAsDependency(model: FileModel, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  if (!fn || !creation.binding || !/^\s*(from\s+fastapi\b|import\s+fastapi\b)/m.test(model.text)) return false;
  // `async def create_redis(settings): ... yield redis` with no Depends() in the file: a resource provider that
  // a container or lifespan runs once per application, named as a factory rather than a per-request accessor.
  if (!/\b(?:Depends|Security)\(/.test(model.text) && /^_*(?:create|make|build|init|setup|open|connect|new)(?:_|$)/i.test(fn.name)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  return new RegExp(`\\byield\\s+${creation.binding.replace(/\./g, '\\.')}\\s*($|\\n|#)`, 'm').test(body);
}

/** `@lru_cache` / `@cache` / `@functools.cache` on the function: it returns the same client every time. */
export function cachedByDecorator(model: FileModel, fn: FunctionInfo): boolean {
  if (model.language !== 'python') return false;
  const before = model.text.slice(Math.max(0, fn.span.startOffset - 300), fn.span.startOffset).split('\n');
  for (let i = before.length - 2; i >= 0; i--) {
    const line = before[i].trim();
    if (!line.startsWith('@')) break;
    if (/^@(functools\.)?(lru_cache|cache)\b|^@\w*cache/i.test(line)) return true;
  }
  return false;
}
