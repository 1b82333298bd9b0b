/** Clients made by calling a project's own factory from another module: each call is a creation of the caller. */
import type { ClientCreation, Rule } from '../rule';
import { noteClientEscapes } from '../../analysis/handOver';
import type { ExportedClient } from '../../analysis/workspaceLookup';
import { escapeRegExp } from '../../analysis/keyReferences';
import { spanFromOffsets } from '../../analysis/spans';
import { queueConnectionMark } from '../../analysis/queueConnections';
import type { Span } from '../../findings';
import { isOneShotScript } from './oneShotScripts';
import { ERROR_LISTENER, fieldHandedToListeningPackage, listenedThroughEventList, listenedThroughList, publicField } from './listenerEvidence';

type Context = Parameters<Rule['check']>[0];

/** `import { a, b as c } from './redis'`, `import d from './redis'`, `const { a, b: c } = require('./redis')`: local name -> [module, exported name]. */
function importedProjectFunctions(text: string): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  const named = (list: string, specifier: string, separator: RegExp) => {
    for (const item of list.split(',')) {
      const [name, local] = item.trim().replace(/^type\s+/, '').split(separator).map((part) => part.trim());
      if (name && /^[A-Za-z_$][\w$]*$/.test(local ?? name)) out.set(local ?? name, [specifier, name]);
    }
  };
  for (const m of text.matchAll(/\bimport\s+(?!type\s)(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*['"](\.[^'"]+)['"]/g)) {
    if (m[1]) out.set(m[1], [m[3], 'default']);
    if (m[2]) named(m[2], m[3], /\s+as\s+/);
  }
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"](\.[^'"]+)['"]\s*\)/g)) named(m[1], m[2], /\s*:\s*/);
  return out;
}

/** Offset just past the parenthesis closing the one at `open` (strings skipped), or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * `this.publisher = createRedisClient()`, `pub = createClient()` (class fields), `const sub = makeRedis(url)`: a call
 * of a project function, imported from another module, that makes a new client on every call (and whose module
 * attaches no 'error' listener) is a client creation of the caller. Reported at the call, with the workspace known,
 * when the caller neither attaches a listener to what it got nor hands it on (returns it, passes it to project code
 * or a queue package, exports it to importers that listen); a factory that keeps one client and returns it again
 * is no creation, and its result is judged at the factory.
 */
export function unlistenedFactoryCalls(context: Context): { library: ExportedClient['library']; binding?: string; span: Span; callSpan: Span }[] {
  const { model } = context;
  if (!context.hasWorkspace || !context.freshClientFactory) return [];
  const text = model.text;
  const imported = importedProjectFunctions(text);
  const found: { creation: ClientCreation; exported: ExportedClient }[] = [];
  for (const [local, [specifier, name]] of imported) {
    const exported = context.freshClientFactory(specifier, name);
    if (!exported) continue;
    const calls = new RegExp(`(?<![\\w$.])${local.replace(/[$]/g, '\\$')}\\s*\\(`, 'g');
    for (const m of text.matchAll(calls)) {
      const at = m.index;
      const end = closingParen(text, at + m[0].length - 1);
      if (end < 0) continue;
      const before = text.slice(Math.max(0, at - 200), at).replace(/\bawait\s+$/, '');
      if (/\bfunction\s*\*?\s*$/.test(before)) continue;
      const declared = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]+)?=\s*$/.exec(before)?.[1];
      const field = /(?<![\w$.])(this\.[A-Za-z_$][\w$]*)\s*=\s*$/.exec(before)?.[1];
      // A class field (`pub = createClient();`): the class's methods reach it as this.pub.
      const classField = !declared && !field ? /(?:^|[;{}])\s*(?:(?:private|protected|public|readonly|static)\s+)*([A-Za-z_$][\w$]*)\s*[!?]?\s*(?::[^=;\n]+)?=\s*$/.exec(before)?.[1] : undefined;
      const binding = declared ?? field ?? (classField && new RegExp(`\\bthis\\.${classField.replace(/[$]/g, '\\$')}\\b`).test(text) ? `this.${classField}` : undefined);
      // Returned, passed on, exported as the module or dropped: the caller is not where the client is kept.
      if (!binding) continue;
      const span = spanFromOffsets(text, at, at + local.length);
      const callSpan = spanFromOffsets(text, at, end);
      const moduleLevel = !!declared && /^(?:export\s+)?(?:const|let|var)\b/m.test(text.slice(text.lastIndexOf('\n', at) + 1, at)) && !/^\s/.test(text.slice(text.lastIndexOf('\n', at) + 1, at));
      found.push({ exported, creation: { library: exported.library, kind: exported.kind, factory: local, span, callSpan, args: [], options: {}, binding, chainedErrorListener: ERROR_LISTENER.test(text.slice(end, end + 300).split(/;|\n\s*\n/)[0]), escapes: false, moduleLevel } });
    }
  }
  if (!found.length) return [];
  const escaped = new Set<string>();
  const exportedIdentities = new Set<string>();
  noteClientEscapes(text, found.map((f) => f.creation), escaped, exportedIdentities);
  const out: ReturnType<typeof unlistenedFactoryCalls> = [];
  for (const { creation } of found) {
    const binding = creation.binding!;
    const identity = `creation:${creation.callSpan.startOffset}`;
    if (creation.chainedErrorListener || escaped.has(identity) || isOneShotScript(model, creation)) continue;
    if (new RegExp(`(?<![\\w$.])${escapeRegExp(binding)}\\s*\\.\\s*(?:on|once|addListener|prependListener)\\(\\s*['"\`]error['"\`]`).test(text)) continue;
    if (listenedThroughList(text, binding) || listenedThroughEventList(text, binding)) continue;
    if (binding.startsWith('this.') && (publicField(text, binding.slice(5)) || fieldHandedToListeningPackage(text, binding))) continue;
    if (exportedIdentities.has(identity) || new RegExp(`\\bexport\\s+(?:const|let|var)\\s+${escapeRegExp(binding)}\\b|\\bexports\\.${escapeRegExp(binding)}\\s*=`).test(text)) {
      if (!creation.moduleLevel || context.hasErrorListenerElsewhere(`${model.path}#${binding}`) || context.hasErrorListenerElsewhere(queueConnectionMark(`${model.path}#${binding}`))) continue;
    }
    out.push({ library: creation.library, binding, span: creation.span, callSpan: creation.callSpan });
  }
  return out;
}
