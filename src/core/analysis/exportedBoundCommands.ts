/**
 * Commands a script module hands out already bound to its client, by export name: the promisify era of node-redis
 * v3 (`export const getAsync = promisify(client.get).bind(client)`, `exports.del = promisify(client.del).bind(client)`,
 * `module.exports = { ...client, keysAsync: promisify(client.keys).bind(client) }`). Another file that imports one
 * (`const { asyncGet } = require('../configs/redis')`, or `redis.getAsync(k)` after `import * as redis from './redis'`)
 * runs that command, though it never sees the client.
 */
import { balancedFrom, topLevelParts } from './bracketText';
import { boundCommands, type BoundCommand } from './fileEvidence';
import { commandForMethod } from './commandNames';

export interface ExportedBoundCommand {
  /** The export name (`getAsync`). */
  name: string;
  /** The client method it is bound to (`get`). */
  method: string;
  /** The client it is bound to, as the module names it (`client`). */
  receiver: string;
}

/** `promisify(c.get).bind(c)`, `util.promisify(c.get)`, `c.get.bind(c)` as a whole expression. */
const BOUND_VALUE = /^(?:(?:util\.)?promisify\(\s*([A-Za-z_$][\w$.]*)\.([A-Za-z_]\w*)\s*\)(?:\.bind\(\s*\1\s*\))?|([A-Za-z_$][\w$.]*)\.([A-Za-z_]\w*)\.bind\(\s*\3\s*\))$/;

const NAME = /^[A-Za-z_$][\w$]*$/;

/** The bound command an exported expression is: written in place, or a local the module bound before. */
function boundValue(expression: string, locals: ReadonlyMap<string, BoundCommand>): BoundCommand | undefined {
  const text = expression.trim();
  const match = BOUND_VALUE.exec(text);
  if (match) return match[1] ? { receiver: match[1], method: match[2] } : { receiver: match[3], method: match[4] };
  return NAME.test(text) ? locals.get(text) : undefined;
}

/** `module.exports = (pattern) =>`, `module.exports = async function (key) {`, `export default (key) =>`: the whole export is a function. */
const WHOLE_FUNCTION_EXPORT = /(?:\bmodule\.exports\s*=|\bexport\s+default)\s*(?:async\s+)?(?:function\b[^(]*\([^)]*\)\s*|(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>\s*)/;
const NOT_CLIENTS = new Set(['Promise', 'JSON', 'console', 'Object', 'Math', 'Array', 'String', 'Number', 'util', 'this']);

/**
 * The one command a module's whole export sends: a function whose body calls a single command method on one
 * receiver (`module.exports = pattern => new Promise((resolve, reject) => client.keys(pattern, cb))`, the
 * one-command model files of node-redis v3 callback code). Exported as `default`: the importer names it freely.
 */
function wholeExportCommand(text: string): BoundCommand | undefined {
  const match = WHOLE_FUNCTION_EXPORT.exec(text);
  if (!match) return undefined;
  const from = match.index + match[0].length;
  const body = text[from] === '{' || text[from] === '(' ? balancedFrom(text, from) : text.slice(from).split('\n')[0];
  if (!body) return undefined;
  const calls = new Map<string, BoundCommand>();
  for (const call of body.matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\.([A-Za-z_]\w*)\s*\(/g)) {
    if (NOT_CLIENTS.has(call[1].split('.')[0]) || !commandForMethod(call[2])) continue;
    calls.set(`${call[1]}.${call[2]}`, { receiver: call[1], method: call[2] });
  }
  return calls.size === 1 ? [...calls.values()][0] : undefined;
}

/** The commands a module exports bound to a client (empty for modules that bind nothing). */
export function exportedBoundCommandsIn(text: string): ExportedBoundCommand[] {
  const whole = wholeExportCommand(text);
  if (whole) return [{ name: 'default', method: whole.method, receiver: whole.receiver }];
  if (!/promisify|\.bind\(/.test(text)) return [];
  const locals = boundCommands(text);
  const found = new Map<string, BoundCommand>();
  // `export const getAsync = promisify(...)`
  for (const match of text.matchAll(/\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/g)) {
    const bound = locals.get(match[1]);
    if (bound) found.set(match[1], bound);
  }
  // `exports.get = promisify(client.get).bind(client)`, `module.exports.getAsync = getAsync`
  for (const match of text.matchAll(/(?<![\w$.])(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=\s*([^;\n]+)/g)) {
    const bound = boundValue(match[2], locals);
    if (bound) found.set(match[1], bound);
  }
  // `module.exports = { getAsync: promisify(...), asyncSet }`, `export default { ... }`: spreads and methods are skipped.
  for (const match of text.matchAll(/(?:module\.exports\s*=|\bexport\s+default)\s*\{/g)) {
    const literal = balancedFrom(text, match.index! + match[0].length - 1);
    if (!literal) continue;
    for (const part of topLevelParts(literal.slice(1, -1))) {
      const entry = /^([A-Za-z_$][\w$]*)\s*(?::\s*([\s\S]+))?$/.exec(part);
      const bound = entry && boundValue(entry[2] ?? entry[1], locals);
      if (bound) found.set(entry[1], bound);
    }
  }
  // `export { getAsync, delAsync as del }` (not a re-export `from` another module)
  for (const match of text.matchAll(/\bexport\s*\{([^}]*)\}(?!\s*from\b)/g)) {
    for (const part of topLevelParts(match[1])) {
      const [local, alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      const bound = locals.get(local);
      if (bound) found.set(alias ?? local, bound);
    }
  }
  return [...found].map(([name, bound]) => ({ name, method: bound.method, receiver: bound.receiver }));
}
