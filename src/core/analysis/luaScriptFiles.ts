/** The project's Lua script files, and which one a path in code (relative to the file, a package resource, the working directory) names. */
import { normalizePath } from './fileContext';
import { dirname, joinPath } from './modulePaths';

/** A Lua script file of the project, read so that rules can inspect scripts the code loads from files. */
export interface LuaScriptFile {
  path: string;
  text: string;
}

/** Whether a path names a Lua script file (kept for the script rules, never linted itself). */
export function isLuaScriptPath(path: string): boolean {
  return /\.lua$/i.test(path);
}

/** The text of the Lua file `relativePath` names from `fromPath`, when exactly one file of the project is meant. */
export function luaScriptIn(luaFiles: ReadonlyMap<string, string>, fromPath: string, relativePath: string): string | undefined {
  const relative = relativePath.replace(/\\/g, '/');
  if (!isLuaScriptPath(relative)) return undefined;
  const exact = luaFiles.get(joinPath(dirname(normalizePath(fromPath)), relative)) ?? luaFiles.get(joinPath('', relative));
  if (exact !== undefined) return exact;
  // A package resource (`pkgutil.get_data("app", "lua/x.lua")`) or a path from the working directory: the one file ending with it.
  const tail = `/${joinPath('', relative)}`;
  const matches = [...luaFiles.keys()].filter((path) => path.endsWith(tail) || `/${path}` === tail);
  return matches.length === 1 ? luaFiles.get(matches[0]) : undefined;
}
