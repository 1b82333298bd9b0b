/**
 * The globs of `.redis-review.json` (`ignore`, `testFiles`, `scriptFiles`): `**`, `*`, `?`, `[...]` and
 * `{a,b}`, matched in linear time. A glob without a slash matches a name at any depth, as in .gitignore;
 * one with a slash is relative to the config's folder (a leading "./" or "/" is allowed).
 */
import { compileGlob, matchGlob, type CompiledGlob } from './wildmatch';

/** More alternatives than a hand-written glob needs; the cap keeps `{a,b}{a,b}…` from growing without bound. */
const MAX_ALTERNATIVES = 256;

export type PathMatcher = (path: string) => boolean;

/** `{a,b}` groups (not nested) expanded into plain globs; an unclosed "{" is a literal character. */
export function expandBraces(glob: string): string[] | undefined {
  const open = glob.indexOf('{');
  const close = open >= 0 ? glob.indexOf('}', open) : -1;
  if (open < 0 || close < 0) return [glob];
  const head = glob.slice(0, open);
  const options = glob.slice(open + 1, close).split(',');
  const tails = expandBraces(glob.slice(close + 1));
  if (!tails || options.length * tails.length > MAX_ALTERNATIVES) return undefined;
  return options.flatMap((option) => tails.map((tail) => head + option + tail));
}

const cache = new Map<string, PathMatcher | string>();

/** A matcher for one config glob, or the reason the glob cannot be used. */
export function configGlobMatcher(glob: string): PathMatcher | string {
  const cached = cache.get(glob);
  if (cached !== undefined) return cached;
  let result: PathMatcher | string;
  const alternatives = expandBraces(glob);
  if (!alternatives) result = `more than ${MAX_ALTERNATIVES} alternatives in its {…} groups`;
  else {
    const compiled: Array<{ glob: CompiledGlob & { ok: true }; anchored: boolean }> = [];
    let problem: string | undefined;
    for (const alternative of alternatives) {
      const anchored = alternative.includes('/');
      const glob = compileGlob(anchored ? alternative.replace(/^\.?\/+/, '') : alternative);
      if (!glob.ok) problem ??= glob.reason;
      else compiled.push({ glob, anchored });
    }
    result =
      problem ??
      ((path: string) => {
        const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
        const name = normalized.slice(normalized.lastIndexOf('/') + 1);
        return compiled.some((entry) => matchGlob(entry.glob, entry.anchored ? normalized : name));
      });
  }
  cache.set(glob, result);
  return result;
}

/** True when a glob matches the path; an unusable glob matches nothing (configuration validation reports it). */
export function configGlobMatches(glob: string, path: string): boolean {
  const matcher = configGlobMatcher(glob);
  return typeof matcher === 'function' && matcher(path);
}
