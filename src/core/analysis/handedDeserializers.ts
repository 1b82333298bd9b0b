/**
 * `pickle.loads` handed by reference to code that reads Redis with it: a cache object built over a Redis client with
 * `deserializer=pickle.loads` (`RedisCache(redis_client=client, deserializer=pickle.loads)`) unpickles every value it
 * reads back, although the project never calls `pickle.loads` on a reply itself.
 */
import type { Node } from 'web-tree-sitter';
import type { ContextSnapshot, RawCall } from './collect';
import type { Deserialization } from './model';
import { spanOf } from './spans';

const PICKLE_LOADS = /^(?:pickle|cPickle|_pickle|dill|cloudpickle)\.loads?$/;
const FROM_PICKLE_IMPORT = /^[ \t]*from[ \t]+(?:pickle|cPickle|_pickle|dill|cloudpickle)[ \t]+import[ \t]+([^\n#]+)/gm;

/** Names `from pickle import loads [as x]` binds to the unpickler in this file. */
function importedLoaders(text: string): Set<string> {
  const names = new Set<string>();
  FROM_PICKLE_IMPORT.lastIndex = 0;
  for (let match = FROM_PICKLE_IMPORT.exec(text); match; match = FROM_PICKLE_IMPORT.exec(text)) {
    for (const part of match[1].replace(/[()]/g, '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === 'loads' || name === 'load') names.add((alias ?? name).trim());
    }
  }
  return names;
}

/**
 * Calls of a Python file that pass an unpickler by reference next to a Redis client: reported at the unpickler,
 * as a read of whatever the receiving object caches (GET). `isClient` tells an argument that is a traced client.
 */
export function handedUnpicklers(text: string, calls: readonly RawCall[], isClient: (node: Node, context: ContextSnapshot) => boolean): Deserialization[] {
  if (!/\bloads?\b/.test(text)) return [];
  const loaders = importedLoaders(text);
  const found: Deserialization[] = [];
  for (const call of calls) {
    if (call.type !== 'call') continue;
    const args = call.node.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => !!arg) ?? [];
    if (args.length < 2) continue;
    const valueOf = (arg: Node) => (arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg);
    const unpickler = args.map(valueOf).find((value) => !!value && (PICKLE_LOADS.test(value.text) || (value.type === 'identifier' && loaders.has(value.text))));
    if (!unpickler) continue;
    const withClient = args.some((arg) => {
      const value = valueOf(arg);
      return !!value && value.startIndex !== unpickler.startIndex && (value.type === 'identifier' || value.type === 'attribute') && isClient(value, call.context);
    });
    if (!withClient) continue;
    const callee = call.node.childForFieldName('function')?.text ?? 'a cache';
    found.push({ function: `${unpickler.text} (deserializer of ${callee})`, span: spanOf(unpickler), fromRedis: true, readCommand: 'GET' });
  }
  return found;
}
