/**
 * Redis-issuing helpers across the files of a project: each file's summary names the functions and methods
 * that make one round trip (`RedisManager.get_user_data` → HGETALL), and a loop in another file that calls
 * one per item (`for key in keys: await redis_manager.get_user_data(key)`) is an N+1 like a command written
 * in the loop. The summaries are computed once per index build (and per saved file in the editor).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { callsPerItem, loopSiteThrough, type LoopCall, type RedisFunction } from './indirectCalls';
import type { ClientLibrary, RedisCallSite } from './model';
import type { LanguageSyntax } from './syntax';
import { occursAsWord } from './wholeWord';

/** A function or method of a file that sends one Redis command per call (outside any loop of its own). */
export interface HelperSummary {
  /** The class the method belongs to; absent for a module-level function. */
  owner?: string;
  name: string;
  command: string;
  async: boolean;
  library: ClientLibrary;
}

/** A helper with the file that defines it, as the workspace answers a lookup by name. */
export interface LocatedHelper extends HelperSummary {
  path: string;
}

/** What resolving helpers needs of the workspace. */
export interface HelperLookup {
  roundTripHelpers?(name: string): readonly LocatedHelper[];
}

const FUNCTION_TYPES = new Set(['function_definition', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'lambda']);
const CLASS_TYPES = new Set(['class_definition', 'class_declaration', 'class', 'abstract_class_declaration']);
const CONSTRUCTOR_NAMES = new Set(['__init__', 'constructor']);

/**
 * The helpers of a file other files can call: module-level functions and methods of module-level classes
 * (a closure inside another function is not reachable from elsewhere). Only helpers that send the command
 * themselves are listed: their span places them in the tree.
 */
export function helperSummaries(tree: Tree, helpers: ReadonlyMap<string, RedisFunction>): HelperSummary[] {
  const out: HelperSummary[] = [];
  for (const [name, helper] of helpers) {
    // A constructor is reached through its class (`Worker(url)`, `new Worker()`, `super().__init__()`), never by its
    // bare name: listed by name, every `Base.__init__(self)` of the project would be taken for this class's.
    if (!helper.span || CONSTRUCTOR_NAMES.has(name)) continue;
    const node = tree.rootNode.descendantForIndex(helper.span.startOffset, helper.span.endOffset);
    const owner = ownerOf(node);
    if (owner === null) continue;
    out.push({ ...(owner ? { owner } : {}), name, command: helper.site.command, async: helper.isAsync, library: helper.site.receiver.library });
  }
  return out;
}

/** The class a function node is a method of; undefined for a module-level function; null when nested in another function. */
function ownerOf(node: Node | null): string | undefined | null {
  let current = node;
  while (current && !FUNCTION_TYPES.has(current.type)) current = current.parent;
  for (let parent = current?.parent; parent; parent = parent.parent) {
    if (FUNCTION_TYPES.has(parent.type)) return null;
    if (CLASS_TYPES.has(parent.type)) return parent.childForFieldName('name')?.text ?? null;
  }
  return current ? undefined : null;
}

/** `redis_manager`, `redisManager`, `RedisManager` all read `redismanager`. */
function normalName(name: string): string {
  return name.replace(/[_$#]/g, '').toLowerCase();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function moduleBase(path: string): string {
  const parts = path.split('/');
  const base = parts[parts.length - 1].replace(/\.[^.]+$/, '');
  return base === '__init__' || base === 'index' ? (parts[parts.length - 2] ?? base) : base;
}

/**
 * Why `receiver` holds an instance of `owner` in this file, or undefined: it is annotated or assigned one
 * (`redis_manager = RedisManager(...)`, `private readonly cache: CacheService`, `self.repo = UserRepo()`), or it is
 * named after the class the file imports (`redisCacheService` for `RedisCacheService`, as DI code names them).
 */
function instanceEvidence(text: string, receiver: string, owner: string): string | undefined {
  // A module-level instance another file creates and exports under the class's name (`export { roomStore }` after
  // `new RoomStore(redis)`; `from app.stores import session_store`): this file imports the instance, never the class.
  if (!namesClass(text, owner)) return normalName(receiver) === normalName(owner) && importsName(text, receiver) ? `\`${receiver}\` is imported by name and named after ${owner}` : undefined;
  const bound = new RegExp(`(?<![\\w$])${escapeRegex(receiver)}\\s*(?::\\s*(?:Optional\\[\\s*)?|=\\s*(?:await\\s+)?(?:new\\s+)?)${escapeRegex(owner)}(?![\\w$])`);
  if (bound.test(text)) return `\`${receiver}\` holds a ${owner}`;
  return normalName(receiver) === normalName(owner) ? `\`${receiver}\` is named after ${owner}, which this file imports` : undefined;
}

/** Whether each class name occurs in the last text asked about, as a whole word. */
let wordsOfText: { text: string; found: Map<string, boolean> } | undefined;

/**
 * Every loop call of a helper's name asks this of each class with such a method: answered once per class and
 * text (by indexOf), where a regex compiled per question made a Python lint compile hundreds of regexes per file.
 */
function namesClass(text: string, owner: string): boolean {
  if (wordsOfText?.text !== text) wordsOfText = { text, found: new Map() };
  let found = wordsOfText.found.get(owner);
  if (found === undefined) wordsOfText.found.set(owner, (found = occursAsWord(text, owner)));
  return found;
}

/** The file imports `name` by name (`from m import name`, `import { name } from`, `const { name } = require(...)`). */
function importsName(text: string, name: string): boolean {
  const n = escapeRegex(name);
  return new RegExp(`from\\s+[\\w.]+\\s+import\\s+(?:\\([^)]*|[^\\n(]*)(?<![\\w$])${n}(?![\\w$])|import\\s*(?:type\\s+)?\\{[^}]*(?<![\\w$])${n}(?![\\w$])[^}]*\\}|\\{[^}]*(?<![\\w$])${n}(?![\\w$])[^}]*\\}\\s*=\\s*require\\b`).test(text);
}

/** The file imports the module `base` under that name (`from app import cache`, `import cache`, `import * as cache from`). */
function importsModule(text: string, base: string): boolean {
  const n = escapeRegex(base);
  return new RegExp(`(?:import\\s+(?:[\\w.]+\\.)?${n}\\b(?!\\s*\\.)|from\\s+[\\w.]+\\s+import\\s+(?:\\([^)]*|[^\\n(]*)(?<![\\w$])${n}(?![\\w$])|import\\s+\\*\\s+as\\s+${n}\\s+from|\\b${n}\\s*=\\s*require\\s*\\()`).test(text);
}

/** The helper of another file (or another class of this one) a loop call reaches, and the evidence in words. */
function resolve(call: LoopCall, path: string, text: string, lookup: HelperLookup): { helper: LocatedHelper; evidence: string } | undefined {
  const candidates = lookup.roundTripHelpers?.(call.name) ?? [];
  if (!candidates.length) return undefined;
  const receiver = call.receiver;
  if (receiver) {
    for (const helper of candidates) {
      if (helper.owner) {
        const evidence = instanceEvidence(text, receiver, helper.owner);
        if (evidence) return { helper, evidence: `${evidence} (${helper.path}), whose ${call.name}() sends ${helper.command}` };
      } else if (helper.path !== path && normalName(receiver) === normalName(moduleBase(helper.path)) && importsModule(text, receiver)) {
        return { helper, evidence: `\`${receiver}\` is the module ${helper.path}, whose ${call.name}() sends ${helper.command}` };
      }
    }
    return undefined;
  }
  // A bare call of an imported function: one definition in the project, and the file imports it by name.
  const functions = candidates.filter((h) => !h.owner && h.path !== path);
  if (functions.length !== 1 || !importsName(text, call.name)) return undefined;
  return { helper: functions[0], evidence: `${call.name}() is imported from ${functions[0].path}, where it sends ${functions[0].command}` };
}

/**
 * Loop calls of helpers defined in other files (or methods of classes reached through an instance), as call
 * sites of the command they send; `likely`, with the evidence that tied the call to the helper. Loops already
 * reported through a local helper (`seenLoops`) are left to it.
 */
export function crossFileLoopSites(
  family: LanguageSyntax['family'],
  loopCalls: readonly LoopCall[],
  path: string,
  text: string,
  lookup: HelperLookup | undefined,
  localHelpers: ReadonlyMap<string, RedisFunction>,
  seenLoops: Set<number>,
): RedisCallSite[] {
  if (!lookup?.roundTripHelpers || !loopCalls.length) return [];
  const found: RedisCallSite[] = [];
  for (const call of loopCalls) {
    if (seenLoops.has(call.loop.span.startOffset)) continue;
    if (!call.receiver && (localHelpers.has(call.name) || call.caller === call.name)) continue;
    const resolved = resolve(call, path, text, lookup);
    if (!resolved || !callsPerItem(family, call, resolved.helper.async)) continue;
    seenLoops.add(call.loop.span.startOffset);
    const { helper, evidence } = resolved;
    const name = helper.owner ? `${helper.owner}.${helper.name}` : helper.name;
    const inner: RedisCallSite = {
      command: helper.command,
      method: call.name,
      receiver: { kind: 'client', library: helper.library, confidence: 'likely', evidence, text: 'client', identity: `helper:${helper.path}#${name}`, origin: 'imported', async: helper.async },
      args: [],
      keywords: {},
      span: call.calleeSpan,
      callSpan: call.callSpan,
      expressionSpan: call.callSpan,
      indentation: '',
      blockId: call.loop.span.startOffset,
      isLoopIterable: false,
      awaited: call.awaited,
      batched: false,
      inTransaction: false,
    };
    found.push(loopSiteThrough(call, inner, { helper: name, command: helper.command, span: call.calleeSpan }));
  }
  return found;
}
