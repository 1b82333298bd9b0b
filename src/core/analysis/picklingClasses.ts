/**
 * Serializer classes of a Python project that unpickle (cachelib's `BaseRedisSerializer`, a project's own
 * `PickleSerializer`): a class whose bytes-to-object method (`loads`, `deserialize`, `decode`, ...) calls
 * pickle.loads, or that inherits one from a class of the same file that does. The workspace index keeps their names,
 * so that `self.serializer.loads(r.get(k))` is followed in a module that only imports the class. Text-based: class
 * bodies are found by indentation.
 */

/** Methods of serializer objects that turn bytes back into objects (as pickleFlow.ts reads them). */
const LOADING_METHODS = 'loads|loadb|load|deserialize|decode|unpack';
const CLASS_HEADER = /^([ \t]*)class[ \t]+([A-Za-z_]\w*)[ \t]*(?:\(([^)]*)\))?[ \t]*:/gm;
const LOADING_METHOD = new RegExp(`^([ \\t]+)(?:async[ \\t]+)?def[ \\t]+(?:${LOADING_METHODS})[ \\t]*\\(`, 'gm');
const UNPICKLES = /\b(?:pickle|cPickle|_pickle|dill|cloudpickle)\.loads?\s*\(/;

/** The text of the indented block that starts on the line after `headerEnd`, deeper than `indent`. */
function blockAfter(text: string, headerEnd: number, indent: number): string {
  const lines = text.slice(headerEnd).split('\n');
  let end = 1;
  for (; end < lines.length; end++) {
    const line = lines[end];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (line.length - line.trimStart().length <= indent) break;
  }
  return lines.slice(0, end).join('\n');
}

/** Names of the classes in a Python file whose loading methods unpickle (own or inherited within the file). */
export function picklingClassesIn(text: string): string[] {
  if (!/pickle/i.test(text) || !text.includes('class')) return [];
  const classes: { name: string; bases: string[]; loads: 'pickle' | 'other' | 'none' }[] = [];
  CLASS_HEADER.lastIndex = 0;
  for (let match = CLASS_HEADER.exec(text); match; match = CLASS_HEADER.exec(text)) {
    const body = blockAfter(text, match.index + match[0].length, match[1].length);
    const bases = (match[3] ?? '').split(',').map((base) => base.trim().split('.').pop() ?? '').filter(Boolean);
    let loads: 'pickle' | 'other' | 'none' = 'none';
    LOADING_METHOD.lastIndex = 0;
    for (let method = LOADING_METHOD.exec(body); method; method = LOADING_METHOD.exec(body)) {
      const own = blockAfter(body, method.index + method[0].length, method[1].length);
      if (UNPICKLES.test(own)) {
        loads = 'pickle';
        break;
      }
      loads = 'other';
    }
    classes.push({ name: match[2], bases, loads });
  }
  const pickling = new Set(classes.filter((c) => c.loads === 'pickle').map((c) => c.name));
  // Subclasses that keep an unpickling parent's loads (defined before or after them in the file).
  for (let round = 0; round < 3; round++) {
    for (const c of classes) if (c.loads === 'none' && c.bases.some((base) => pickling.has(base))) pickling.add(c.name);
  }
  return [...pickling].sort();
}
