/**
 * A path from an untrusted source (the webview) that must name something inside the workspace folder:
 * backslashes become slashes first (so "a\..\..\etc" cannot slip past a POSIX normaliser), then the path is
 * normalised and refused if it is absolute, names a drive or a share, or climbs out of the folder.
 */
import { posix } from 'node:path';

/** The cleaned relative path (forward slashes), or undefined when it would leave the workspace. */
export function workspaceRelativePath(untrusted: string): string | undefined {
  if (typeof untrusted !== 'string' || untrusted === '' || untrusted.includes('\0')) return undefined;
  const slashed = untrusted.replace(/\\/g, '/');
  // "/etc", "//server/share", "C:/x", "C:x": absolute on some platform.
  if (slashed.startsWith('/') || /^[a-z]:/i.test(slashed)) return undefined;
  const normalized = posix.normalize(slashed);
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized)) return undefined;
  if (normalized === '.' || normalized === './') return undefined;
  return normalized.replace(/^\.\//, '');
}
