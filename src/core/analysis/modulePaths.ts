/** Which project file an import names: relative script imports (with their extensions and folder indexes) and Python modules. */

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts'];

/** The file a relative script import names: the path itself, with a script extension, or its folder's index. */
export function resolveScriptIn<T>(files: ReadonlyMap<string, T>, fromPath: string, specifier: string): T | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = joinPath(dirname(fromPath), specifier);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [base, ...SCRIPT_EXTENSIONS.map((e) => stem + e), ...SCRIPT_EXTENSIONS.map((e) => `${base}/index${e}`)];
  for (const candidate of candidates) {
    const file = files.get(candidate);
    if (file) return file;
  }
  return undefined;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function joinPath(base: string, relative: string): string {
  const absolute = base.startsWith('/');
  const parts = base.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** The module a Python import names: relative to `fromPath` by its leading dots, else the file whose path ends with it. */
export function resolvePythonIn<T>(files: ReadonlyMap<string, T>, fromPath: string, specifier: string): T | undefined {
  const level = /^\.*/.exec(specifier)![0].length;
  const rest = specifier.slice(level).split('.').filter(Boolean).join('/');
  if (level > 0) {
    let base = dirname(fromPath);
    for (let i = 1; i < level; i++) base = dirname(base);
    const stem = rest ? `${base}/${rest}` : base;
    return files.get(`${stem}.py`) ?? files.get(`${stem}/__init__.py`);
  }
  if (!rest) return undefined;
  for (const [path, file] of files) {
    if (path === `${rest}.py` || path.endsWith(`/${rest}.py`) || path === `${rest}/__init__.py` || path.endsWith(`/${rest}/__init__.py`)) return file;
  }
  return undefined;
}
