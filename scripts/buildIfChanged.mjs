// Rebuilds only the bundles whose sources changed, and repackages a .vsix only when what it ships changed, saying
// what it does and why. A bundle's inputs are the files its own source map lists (plus the build configuration),
// so a change to the webview rebuilds only dist/webview.js.
// Usage: node scripts/buildIfChanged.mjs [--vsix <out.vsix>]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** webpack config names (webpack.config.js) and the files each writes. */
const BUNDLES = {
  extension: ['dist/extension.js'],
  cli: ['dist/cli.js', 'dist/lintWorker.js'],
  webview: ['dist/webview.js'],
};
const BUILD_INPUTS = ['webpack.config.js', 'tsconfig.json', 'package-lock.json'];
/** What the .vsix ships (the allow-list of .vscodeignore). */
const PACKAGED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist', 'media', 'syntaxes', 'schemas', 'docs/rules', 'docs/images'];
const SOURCE_PREFIX = 'webpack://redis-review/./';

function mtime(path, base = root) {
  try {
    return statSync(join(base, path)).mtimeMs;
  } catch {
    return undefined;
  }
}

function filesUnder(path, base = root) {
  const absolute = join(base, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute).flatMap((name) => filesUnder(join(path, name), base));
}

/** Why `name` must be rebuilt, or undefined when its outputs are newer than every input (`base`: the project). */
export function whyStale(name, base = root) {
  const outputs = BUNDLES[name];
  const built = Math.min(...outputs.map((output) => mtime(output, base) ?? -1));
  if (built < 0) return 'not built yet';
  if (name === 'extension' && !existsSync(join(base, 'dist', 'grammars', 'tree-sitter.wasm'))) return 'grammars missing';
  const inputs = new Set(BUILD_INPUTS.filter((input) => existsSync(join(base, input))));
  for (const output of outputs) {
    const map = `${output}.map`;
    if (!existsSync(join(base, map))) return `${map} missing`;
    for (const source of JSON.parse(readFileSync(join(base, map), 'utf8')).sources) {
      if (source.startsWith(SOURCE_PREFIX)) inputs.add(source.slice(SOURCE_PREFIX.length).replace(/\?.*$/, ''));
    }
  }
  // A source that is gone (deleted or moved) counts as changed.
  const changed = [...inputs].filter((input) => (mtime(input, base) ?? Infinity) > built);
  if (!changed.length) return undefined;
  return `${changed.length} changed: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}`;
}

/** Runs webpack for the stale bundles only; returns their names. */
export function buildIfChanged(log = (line) => console.log(line)) {
  const stale = Object.keys(BUNDLES).map((name) => [name, whyStale(name)]).filter(([, why]) => why);
  if (!stale.length) {
    log('== dist/ is up to date (no source newer than its bundle)');
    return [];
  }
  for (const [name, why] of stale) log(`== rebuilding dist/ ${name} (${why})`);
  const args = [join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--stats', 'errors-warnings', ...stale.flatMap(([name]) => ['--config-name', name])];
  const started = Date.now();
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  log(`== built ${stale.map(([name]) => name).join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return stale.map(([name]) => name);
}

/** Why the .vsix at `out` must be packaged again, or undefined. */
export function whyVsixStale(out, base = root) {
  const packaged = statSync(out, { throwIfNoEntry: false })?.mtimeMs;
  if (packaged === undefined) return 'not packaged yet';
  const changed = PACKAGED.flatMap((path) => filesUnder(path, base)).filter((file) => (mtime(file, base) ?? 0) > packaged);
  return changed.length ? `${changed.length} changed: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}` : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildIfChanged();
  const at = process.argv.indexOf('--vsix');
  if (at > 0) {
    const out = process.argv[at + 1];
    const why = whyVsixStale(out);
    if (!why) console.log(`== ${relative(process.cwd(), out)} is up to date`);
    else {
      console.log(`== packaging ${relative(process.cwd(), out)} (${why})`);
      const started = Date.now();
      // vsce lists every file it packs on stdout: only its errors are shown.
      execFileSync(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), out, '--skip-build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      console.log(`== packaged in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
}
