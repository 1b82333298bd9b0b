/** Minimal glob matching for config paths: `**`, `*`, `?`, `{a,b}`; paths use forward slashes. */
import { configGlobMatches } from '../paths/configGlob';

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else if (char === '{' && glob.indexOf('}', i) > i) {
      inGroup = true;
      source += '(?:';
    } else if (char === '}' && inGroup) {
      inGroup = false;
      source += ')';
    } else if (char === ',' && inGroup) source += '|';
    else source += char.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  // A glob without a slash matches at any depth, as in .gitignore.
  const anchored = glob.includes('/') ? `^(?:\\./)?${source.replace(/^\\\//, '')}$` : `(?:^|/)${source}$`;
  const regex = new RegExp(anchored);
  cache.set(glob, regex);
  return regex;
}

/**
 * True when the path (relative, forward slashes) matches any of the globs, or sits under a matching folder.
 * Matched by the linear-time matcher: a glob with many stars cannot stall a review.
 */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return globs.some((glob) => {
    if (configGlobMatches(glob, normalized)) return true;
    const parts = normalized.split('/');
    for (let i = 1; i < parts.length; i++) if (configGlobMatches(glob, parts.slice(0, i).join('/'))) return true;
    return false;
  });
}

/** True when a key pattern from code ("user:*:roles") is covered by a configured pattern ("user:*:roles", "user:*"). */
export function keyPatternCovered(codePattern: string, configured: readonly string[]): boolean {
  return configured.some((pattern) => {
    if (pattern === codePattern) return true;
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${source}$`).test(codePattern);
  });
}
