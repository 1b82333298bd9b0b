/** Keeps the layers honest: core is pure, only the extension layer sees `vscode`, only src/redis imports ioredis. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Real imports only (the compiler's scanner skips text inside strings, e.g. generated code in templates). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

function violations(folder: string, forbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(join(root, folder)).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'))
      .filter(forbidden)
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

const bare = (specifier: string) => specifier.replace(/^node:/, '').split('/')[0];

describe('layer boundaries', () => {
  it('the import scanner sees every import form', () => {
    const text = `import * as v from 'vscode';\nimport { x } from "node:fs";\nconst r = require('ioredis');\nexport { y } from './y';\nawait import('net');\nconst t = "import a from 'fs'";`;
    expect(importsOf(text).sort()).toEqual(['./y', 'ioredis', 'net', 'node:fs', 'vscode']);
  });

  it('src/core imports neither vscode, ioredis, net, fs nor anything outside core', () => {
    const banned = new Set(['vscode', 'ioredis', 'net', 'fs', 'tls', 'child_process', 'http', 'https']);
    expect(
      violations('src/core', (s) => banned.has(bare(s)) || /^\.\.\/\.\.\/(redis|extension|cli|node)\b/.test(s) || s.includes('/extension/')),
    ).toEqual([]);
  });

  it('only src/extension imports vscode', () => {
    for (const folder of ['src/core', 'src/redis', 'src/cli', 'src/shared', 'src/node', 'webview']) {
      expect(violations(folder, (s) => s === 'vscode')).toEqual([]);
    }
  });

  it('only src/redis (and tests) import ioredis; the webview never does', () => {
    for (const folder of ['src/core', 'src/cli', 'src/extension', 'src/shared', 'src/node', 'webview']) {
      expect(violations(folder, (s) => bare(s) === 'ioredis')).toEqual([]);
    }
  });

  it('nothing but the command line imports src/cli: what the editor shares with it lives in src/redis or src/core', () => {
    for (const folder of ['src/core', 'src/redis', 'src/extension', 'src/shared', 'src/node', 'webview']) {
      expect(violations(folder, (s) => /(^|\/)cli(\/|$)/.test(s))).toEqual([]);
    }
  });

  it('the webview imports nothing from the extension host side but the shared protocol', () => {
    expect(violations('webview', (s) => /src\/(extension|redis|cli|node)\b/.test(s))).toEqual([]);
  });
});
