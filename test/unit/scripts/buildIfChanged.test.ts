/**
 * The demo rebuilds only what changed (issue #16, item 2): a bundle is stale when a file its source map lists (or
 * the build configuration) is newer than the bundle, or is gone; the .vsix when a file it ships is newer.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whyStale, whyVsixStale } from '../../../scripts/buildIfChanged.mjs';

let base: string;

/** Writes a file with a modification time `age` seconds in the past. */
function file(path: string, text = '', age = 100): void {
  const absolute = join(base, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  const when = Date.now() / 1000 - age;
  utimesSync(absolute, when, when);
}

function bundle(output: string, sources: string[], age = 50): void {
  file(output, '// bundle', age);
  file(`${output}.map`, JSON.stringify({ version: 3, sources: sources.map((s) => `webpack://redis-review/./${s}`).concat('webpack://redis-review/webpack/bootstrap') }), age);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rr-build-'));
  file('webpack.config.js');
  file('src/extension/extension.ts');
  file('src/core/a.ts');
  file('webview/main.ts');
  file('dist/grammars/tree-sitter.wasm');
  bundle('dist/extension.js', ['src/extension/extension.ts', 'src/core/a.ts']);
  bundle('dist/webview.js', ['webview/main.ts']);
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('buildIfChanged', () => {
  it('leaves fresh bundles alone', () => {
    expect(whyStale('extension', base)).toBeUndefined();
    expect(whyStale('webview', base)).toBeUndefined();
  });

  it('rebuilds only the bundle whose own source changed, and says which', () => {
    file('src/core/a.ts', 'changed', 1);
    expect(whyStale('extension', base)).toBe('1 changed: src/core/a.ts');
    expect(whyStale('webview', base)).toBeUndefined();
  });

  it('rebuilds everything after a change of the build configuration, and what was never built', () => {
    file('webpack.config.js', 'changed', 1);
    expect(whyStale('webview', base)).toBe('1 changed: webpack.config.js');
    expect(whyStale('cli', base)).toBe('not built yet');
  });

  it('rebuilds when a source is gone', () => {
    rmSync(join(base, 'webview/main.ts'));
    expect(whyStale('webview', base)).toBe('1 changed: webview/main.ts');
  });

  it('repackages the .vsix only when a shipped file is newer', () => {
    const vsix = join(base, 'out', 'demo.vsix');
    expect(whyVsixStale(vsix, base)).toBe('not packaged yet');
    file('out/demo.vsix', 'zip', 10);
    expect(whyVsixStale(vsix, base)).toBeUndefined();
    file('src/core/a.ts', 'not shipped', 1);
    expect(whyVsixStale(vsix, base)).toBeUndefined();
    file('media/webview.css', 'shipped', 1);
    expect(whyVsixStale(vsix, base)).toBe('1 changed: media/webview.css');
  });
});
