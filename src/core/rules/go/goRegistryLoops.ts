/**
 * Loops over the program's own registry of the streams, topics or queues it serves (`for streamID := range c.streams`
 * in a consumer whose Register method fills the map at start-up, `for _, topic := range Topics` of a package variable
 * the listeners append to): maintenance over a handful of names the code set up, not over data. A local filled from a
 * reply or a parameter handed in is left to the loop rules as before.
 */
import { escapeRegExp } from '../../analysis/keyReferences';

const REGISTRIES = new Set(['streams', 'topics', 'queues']);

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return (words[words.length - 1] ?? '').toLowerCase();
}

/** The range loop opening at `loopStart` walks a receiver field or package variable named as such a registry. */
export function rangesOverOwnRegistry(text: string, loopStart: number): boolean {
  const header = /^for\s+[^{\n]*?\brange\s+([A-Za-z_][\w.]*)\s*\{/.exec(text.slice(loopStart, text.indexOf('\n', loopStart) + 1 || undefined));
  if (!header) return false;
  const parts = header[1].split('.');
  if (parts.length > 2 || !REGISTRIES.has(lastWord(parts[parts.length - 1]))) return false;
  // The top-level function or method around the loop (closures in it included).
  const declaration = text.lastIndexOf('\nfunc ', loopStart) + 1;
  const before = text.slice(declaration, loopStart);
  if (parts.length === 2) {
    const receiver = /^func\s*\(\s*(\w+)\s/.exec(before)?.[1];
    return receiver === parts[0];
  }
  // A name the function never mentions before the loop is no parameter or local of it: the package's variable.
  return !!declaration && !new RegExp(`(?<![\\w.])${escapeRegExp(parts[0])}\\b`).test(before);
}
