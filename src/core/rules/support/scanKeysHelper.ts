/**
 * The KEYS → SCAN quick fix for ioredis and node-redis: the awaited KEYS call becomes `await scanKeys(client,
 * pattern)`, and a small `scanKeys` helper (a loop over scanStream / scanIterator that drops the duplicates SCAN
 * may return) is added once at the end of the file, typed in TypeScript, as a reviewer would write it.
 */
import type { Fix } from '../../findings';
import type { RedisCallSite } from '../rule';
import type { FileModel } from '../../analysis/model';
import { isTypeScript, receiverText } from './clients';
import { fix, insertAt, quoted, replace } from './edits';

export const SCAN_HELPER_NAME = 'scanKeys';

/** The name the file gives ioredis' client class (a type too), if it imports it (a default or named import of the ioredis package). */
function ioredisClassName(text: string): string | undefined {
  const defaultImport = /^\s*import\s+(\w+)\s*(?:,\s*\{[^}]*\})?\s+from\s+['"]ioredis['"]/m.exec(text);
  if (defaultImport) return defaultImport[1];
  const named = /^\s*import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]ioredis['"]/m.exec(text);
  const redis = named && /(?:^|,)\s*(?:type\s+)?Redis(?:\s+as\s+(\w+))?\s*(?:,|$)/.exec(named[1]);
  return redis ? (redis[1] ?? 'Redis') : undefined;
}

/** The indentation unit of the file (its first indented line), two spaces when it has none. */
function indentUnit(text: string): string {
  const first = /^([ \t]+)\S/m.exec(text);
  if (!first) return '  ';
  return first[1].startsWith('\t') ? '\t' : first[1].length >= 4 ? '    ' : '  ';
}

function helperLines(library: 'ioredis' | 'node-redis', typed: boolean, text: string): string[] {
  const doc = '/** Keys matching `pattern`, read with SCAN in batches (KEYS would block Redis while it walks every key). */';
  const set = typed ? 'const keys = new Set<string>(); // SCAN may return a key more than once' : 'const keys = new Set(); // SCAN may return a key more than once';
  if (library === 'ioredis') {
    const clientType = ioredisClassName(text) ?? '{ scanStream(options: { match: string; count: number }): AsyncIterable<string[]> }';
    return [
      doc,
      typed ? `async function ${SCAN_HELPER_NAME}(redis: ${clientType}, pattern: string): Promise<string[]> {` : `async function ${SCAN_HELPER_NAME}(redis, pattern) {`,
      `\t${set}`,
      `\tfor await (const batch of redis.scanStream({ match: pattern, count: 500 })) {`,
      typed ? '\t\tfor (const key of batch as string[]) keys.add(key);' : '\t\tfor (const key of batch) keys.add(key);',
      '\t}',
      '\treturn [...keys];',
      '}',
    ];
  }
  return [
    doc,
    ...(typed
      ? [
          `async function ${SCAN_HELPER_NAME}(`,
          '\tclient: { scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string | string[]> },',
          '\tpattern: string,',
          '): Promise<string[]> {',
        ]
      : [`async function ${SCAN_HELPER_NAME}(client, pattern) {`]),
    `\t${set}`,
    '\tfor await (const found of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {',
    '\t\t// node-redis 5 and later yield batches of keys, node-redis 4 one key at a time.',
    typed ? '\t\tfor (const key of ([] as string[]).concat(found)) keys.add(key);' : '\t\tfor (const key of [].concat(found)) keys.add(key);',
    '\t}',
    '\treturn [...keys];',
    '}',
  ];
}

/** Whether the file already has the helper (added by an earlier fix): it is added once. */
function hasHelper(text: string): boolean {
  return new RegExp(`\\bfunction\\s+${SCAN_HELPER_NAME}\\s*\\(`).test(text);
}

/** The fix for an awaited `client.keys(pattern)` of ioredis or node-redis; undefined for other call shapes. */
export function scanKeysFix(model: FileModel, site: RedisCallSite, description: string): Fix | undefined {
  const library = site.receiver.library;
  if (library !== 'ioredis' && library !== 'node-redis') return undefined;
  if (!site.awaited || site.receiver.kind !== 'client') return undefined;
  const text = model.text;
  const patternArg = site.keywords.pattern ?? site.args[0];
  const pattern = patternArg ? patternArg.text : quoted(model, '*');
  const call = `await ${SCAN_HELPER_NAME}(${receiverText(site)}, ${pattern})`;
  // The outermost expression keeps its parentheses: `(await redis.keys('*')).length`.
  const parenthesized = text.slice(site.expressionSpan.startOffset, site.expressionSpan.endOffset).startsWith('(');
  const edits = [replace(site.expressionSpan, parenthesized ? `(${call})` : call)];
  if (!hasHelper(text)) {
    const unit = indentUnit(text);
    const helper = helperLines(library, isTypeScript(model), text).map((line) => line.replace(/^\t+/, (tabs) => unit.repeat(tabs.length)));
    const separator = text.endsWith('\n') ? '\n' : '\n\n';
    edits.push(insertAt(text.length, `${separator}${helper.join('\n')}\n`));
  }
  return fix(description, false, edits);
}
