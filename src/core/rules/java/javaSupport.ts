/** Shared helpers of the Java checks: key identity, client idioms in messages, imports for fixes. */
import type { RedisCallSite } from '../../analysis/model';
import type { JavaFacts, JavaMethod } from '../../analysis/java/javaFacts';
import type { TextEdit } from '../../findings';

/** The library's name as a Java developer says it. */
export function clientName(site: RedisCallSite): string {
  switch (site.receiver.library) {
    case 'jedis':
      return 'Jedis';
    case 'lettuce':
      return 'Lettuce';
    case 'redisson':
      return 'Redisson';
    default:
      return 'Spring Data Redis';
  }
}

/** The call as written, shortened for messages: `redisTemplate.opsForHash().entries(...)`. */
export function callText(site: RedisCallSite): string {
  const receiver = site.receiver.text.length > 48 ? `…${site.receiver.text.slice(-40)}` : site.receiver.text;
  return `${receiver ? `${receiver}.` : ''}${site.method}(…)`;
}

/**
 * The key as a Java developer reads it in messages: a literal or a concatenation as a Java string pattern
 * (`"session:*"`), any other expression as written (`BOARD`, `key`).
 */
export function shownJavaKey(site: RedisCallSite, fallback = 'the key'): string {
  const arg = site.args[0];
  if (!arg) return fallback;
  if (arg.value.kind === 'string') return JSON.stringify(arg.value.value);
  if (arg.value.kind === 'pattern') return JSON.stringify(arg.value.pattern);
  return arg.text.length > 40 ? `${arg.text.slice(0, 37)}…` : arg.text;
}

/** The receiver as written (`jedis`, `this.commands`, `redisTemplate.opsForSet()`), or the client's usual name when there is none. */
export function receiverName(site: RedisCallSite, usual: string): string {
  const text = site.receiver.text.replace(/^this\./, '');
  return text && text.length <= 48 ? text : usual;
}

/** The name a Redisson object was opened with (`bucket` from `bucket = redisson.getBucket("token:" + id)` → `"token:" + id`). */
export function redissonName(site: RedisCallSite, text: string): string | undefined {
  if (site.receiver.library !== 'redisson' || !/^[\w.]+$/.test(site.receiver.text)) return undefined;
  const variable = site.receiver.text.replace(/^this\./, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${variable}\\s*=\\s*[\\w.]*?\\.get[A-Z]\\w*\\(([^;,)]*)`).exec(text)?.[1]?.trim() || undefined;
}

/** The key argument as source text, whitespace dropped. */
export function keyText(site: RedisCallSite): string | undefined {
  return site.args[0]?.text.replace(/\s+/g, '');
}

/**
 * Two call sites address the same key: the same expression in the same method, or outside one method the same
 * constant, literal pattern or key-building call (`getKey()`, `CacheKey.allProductIdZset()`, `tokenKey(a, b)`).
 */
export function sameKey(a: RedisCallSite, b: RedisCallSite, facts: JavaFacts | undefined): boolean {
  const ka = baseKeyOf(a);
  const kb = baseKeyOf(b);
  if (!ka || !kb) return false;
  const sameMethod = a.enclosingFunction?.span.startOffset === b.enclosingFunction?.span.startOffset;
  if (sameMethod && ka === kb) return true;
  // A parameter (or a byte conversion of one) names a different key in every method.
  if (/^\w+$/.test(ka) && (methodOf(a, facts)?.params.includes(ka) || methodOf(b, facts)?.params.includes(kb))) return false;
  const va = a.args[0].value;
  const vb = b.args[0].value;
  if ((va.kind === 'string' || va.kind === 'pattern') && (vb.kind === 'string' || vb.kind === 'pattern')) return keyShape(ka) === keyShape(kb);
  const call = (text: string) => /^([\w.]+)\(/.exec(text)?.[1];
  if (call(ka) && call(ka) === call(kb)) return true;
  // A constant or field, not a parameter or local of one method.
  return ka === kb && /^[\w.]+$/.test(ka) && (/^[A-Z][A-Z0-9_]*$/.test(ka.split('.').pop()!) || facts?.fieldTypes.has(ka.replace(/^this\./, '')) === true);
}

/** baseKey(keyText(site)), by the first argument's text: rules compare each site's key with many others'. */
const baseKeys = new Map<string, string | undefined>();

function baseKeyOf(site: RedisCallSite): string | undefined {
  const text = site.args[0]?.text;
  if (text === undefined) return undefined;
  if (baseKeys.has(text)) return baseKeys.get(text);
  if (baseKeys.size >= 4096) baseKeys.clear();
  const key = baseKey(keyText(site));
  baseKeys.set(text, key);
  return key;
}

/** The key a byte conversion stands for: `getBytesKey(key)`, `key.getBytes(UTF_8)`, `serializer.serialize(key)` → `key`. */
export function baseKey(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // `key.getBytes(CHARSET)` converts `key`, not its charset: the method form is read before the helper form.
  const converted = /^(\w+)\.getBytes\(.*\)$/.exec(text) ?? /^(?:[\w.]*(?:[Bb]ytes\w*|serialize|rawKey|toBytes))\((\w+)\)$/.exec(text);
  return converted ? converted[1] : text;
}

function keyShape(text: string): string {
  return text.replace(/"\s*\+[^"]*$/, '*').replace(/"/g, '');
}

const methodsByStart = new WeakMap<JavaFacts, Map<number, JavaMethod>>();

export function methodOf(site: RedisCallSite, facts: JavaFacts | undefined): JavaMethod | undefined {
  const start = site.enclosingFunction?.span.startOffset;
  if (start === undefined || !facts) return undefined;
  let byStart = methodsByStart.get(facts);
  if (!byStart) {
    byStart = new Map(facts.methods.map((m) => [m.span.startOffset, m]));
    methodsByStart.set(facts, byStart);
  }
  return byStart.get(start);
}

/** Call sites grouped by their enclosing method (rules that pair calls within one method look only there). */
export function sitesByMethod(sites: readonly RedisCallSite[]): Map<number, RedisCallSite[]> {
  const groups = new Map<number, RedisCallSite[]>();
  for (const site of sites) {
    const start = site.enclosingFunction?.span.startOffset ?? -1;
    const group = groups.get(start);
    if (group) group.push(site);
    else groups.set(start, [site]);
  }
  return groups;
}

/** An edit adding `import <name>;` after the file's imports, unless the file imports it (or its package) already. */
export function importEdit(text: string, qualified: string): TextEdit[] {
  if (text !== importEditsText) {
    importEdits.clear();
    importEditsText = text;
  }
  let edits = importEdits.get(qualified);
  if (!edits) {
    edits = importEditOf(text, qualified);
    importEdits.set(qualified, edits);
  }
  return edits.map((edit) => ({ ...edit }));
}

/** The import edits of the last text asked about, by name (every merge fix of a file adds the same import). */
let importEditsText: string | undefined;
const importEdits = new Map<string, TextEdit[]>();

function importEditOf(text: string, qualified: string): TextEdit[] {
  const pkg = qualified.slice(0, qualified.lastIndexOf('.'));
  const { importStarts, afterImports } = importLinesOf(text);
  // Tried only where a line starts with `import` (what `^` would match), not over the whole file once per fix.
  const imported = new RegExp(`import\\s+(${qualified.replace(/\./g, '\\.')}|${pkg.replace(/\./g, '\\.')}\\.\\*)\\s*;`, 'y');
  for (const start of importStarts) {
    imported.lastIndex = start;
    if (imported.test(text)) return [];
  }
  return [{ startOffset: afterImports, endOffset: afterImports, newText: `import ${qualified};\n` }];
}

/** Where lines start with `import`, and the end of the last import or package line, of the last text asked about. */
let importLinesText: string | undefined;
let importLines = { importStarts: [] as number[], afterImports: 0 };

function importLinesOf(text: string): { importStarts: number[]; afterImports: number } {
  if (text === importLinesText) return importLines;
  let afterImports = 0;
  for (const match of text.matchAll(/^(?:import|package)\s[^\n]*\n/gm)) afterImports = match.index! + match[0].length;
  importLines = { importStarts: [...text.matchAll(/^import/gm)].map((match) => match.index!), afterImports };
  importLinesText = text;
  return importLines;
}

/** Method names of a project's own wrapper for writes that take a TTL as a further argument. */
export function hasTtlArgument(site: RedisCallSite): boolean {
  const args = site.args.map((a) => a.text).join(',');
  if (/\b(ex|px|exAt|pxAt|keepTtl|setex|EX|PX)\b|SetParams|SetArgs|Duration|TimeUnit|Expiration|expire/i.test(args)) return true;
  return site.args.length > 2;
}
