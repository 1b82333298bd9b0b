/**
 * The command a call sends when its method name does not say it (`call('HGETALL', ...)`, `execute_command(f"type {key}")`),
 * and the few argument values receiver evidence reads. Pure reads of the call's syntax.
 */
import type { Node } from 'web-tree-sitter';
import { commandFromName } from './commandNames';
import type { ArgShape } from './receiverEvidence';
import type { CallParts, LanguageSyntax } from './syntax';

/** The command of a generic `call('HGETALL', ...)` / `execute_command(...)`, when its name is a literal. */
export function genericCommand(parts: CallParts, syntax: LanguageSyntax): string | undefined {
  const first = parts.args[0] ? syntax.evaluate(parts.args[0]) : undefined;
  // node-redis v4 `sendCommand(['FLUSHDB'])` takes the command and its arguments as one array.
  const name = first?.kind === 'array' && first.items[0]?.value.kind === 'string' ? first.items[0].value : first;
  if (name?.kind === 'string') return commandFromName(name.value);
  const template = syntax.family === 'python' && parts.args[0] ? commandTemplate(parts.args[0], syntax) : undefined;
  return template ? commandFromName(template) : undefined;
}

/**
 * `execute_command(f"type {key}")`, `"TYPE {}".format(key)`, `"memory usage %s" % key`: one string with the
 * arguments formatted in. The words before the first placeholder name the command.
 */
export function commandTemplate(node: Node, syntax: LanguageSyntax): string | undefined {
  let template: Node | null = node;
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    template = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'format' ? callee.childForFieldName('object') : null;
  } else if (node.type === 'binary_operator') {
    template = node.childForFieldName('operator')?.text === '%' ? node.childForFieldName('left') : null;
  }
  if (!template) return undefined;
  const value = syntax.evaluate(template);
  const text = value.kind === 'string' ? value.value : value.kind === 'pattern' ? value.pattern : undefined;
  const literal = text === undefined ? undefined : /^\s*([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)*)\s+(?=[*{%])/.exec(text);
  return literal?.[1];
}

/** Only the arguments evidence reads: SET/GET/SORT options and the KEYS pattern. */
export function argShape(parts: CallParts, command: string, syntax: LanguageSyntax): ArgShape {
  if (command !== 'SET' && command !== 'GET' && command !== 'KEYS' && command !== 'SORT') return { strings: [], objectKeys: [], keywords: [] };
  const strings: (string | undefined)[] = [];
  const objectKeys: string[] = [];
  for (const node of parts.args) {
    const value = syntax.evaluate(node);
    strings.push(value.kind === 'string' ? value.value : value.kind === 'pattern' ? value.pattern : undefined);
    if (value.kind === 'object') objectKeys.push(...Object.keys(value.entries));
  }
  return { strings, objectKeys, keywords: parts.keywords.map((k) => k.name) };
}
