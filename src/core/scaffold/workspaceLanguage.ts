/** Which language a workspace speaks, judged from its project files (pure: the caller lists the file names). */
import type { ScaffoldLanguage } from './types';

const PYTHON_MARKERS = ['pyproject.toml', 'requirements.txt', 'setup.py', 'setup.cfg', 'Pipfile'];
const TYPESCRIPT_MARKERS = ['package.json', 'tsconfig.json'];

/** Glob of every marker file, for a workspace search. */
export const LANGUAGE_MARKER_GLOB = `{${[...PYTHON_MARKERS, ...TYPESCRIPT_MARKERS].map((name) => `**/${name}`).join(',')}}`;

/**
 * The preferred language: an explicit setting wins; otherwise the marker nearest the root (fewest path
 * segments) decides, Python on a tie because a Python project with a package.json for tooling is common.
 */
export function workspaceLanguage(markerPaths: readonly string[], setting: 'auto' | ScaffoldLanguage = 'auto'): ScaffoldLanguage | undefined {
  if (setting !== 'auto') return setting;
  let best: { depth: number; language: ScaffoldLanguage } | undefined;
  for (const path of markerPaths) {
    const segments = path.split(/[\\/]/).filter(Boolean);
    const name = segments[segments.length - 1];
    const language: ScaffoldLanguage | undefined = PYTHON_MARKERS.includes(name) ? 'python' : TYPESCRIPT_MARKERS.includes(name) ? 'typescript' : undefined;
    if (!language) continue;
    const depth = segments.length;
    if (!best || depth < best.depth || (depth === best.depth && language === 'python')) best = { depth, language };
  }
  return best?.language;
}
