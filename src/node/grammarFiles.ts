/** Finds the tree-sitter wasm files on disk: next to the bundle in dist/, or in node_modules when run from source. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GrammarSource } from '../core/parsing/parsers';

const PACKAGE_OF_GRAMMAR: Record<string, string> = {
  'tree-sitter-python.wasm': 'tree-sitter-python',
  'tree-sitter-javascript.wasm': 'tree-sitter-javascript',
  'tree-sitter-typescript.wasm': 'tree-sitter-typescript',
  'tree-sitter-tsx.wasm': 'tree-sitter-typescript',
  'tree-sitter-go.wasm': 'tree-sitter-go',
  'tree-sitter-java.wasm': 'tree-sitter-java',
};

function bundledDirectory(): string | undefined {
  // In the webpack bundle __dirname is dist/, and the build copies the wasm files to dist/grammars.
  const candidate = typeof __dirname === 'string' ? join(__dirname, 'grammars') : undefined;
  return candidate && existsSync(join(candidate, 'tree-sitter.wasm')) ? candidate : undefined;
}

function projectRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'node_modules', 'web-tree-sitter'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Absolute path of a wasm file ("tree-sitter.wasm" for the runtime, or a grammar file name). */
export function wasmPath(fileName: string): string {
  const bundled = bundledDirectory();
  if (bundled) return join(bundled, fileName);
  const root = projectRoot();
  if (fileName === 'tree-sitter.wasm') return join(root, 'node_modules', 'web-tree-sitter', fileName);
  const pkg = PACKAGE_OF_GRAMMAR[fileName];
  if (!pkg) throw new Error(`Unknown grammar file ${fileName}`);
  return join(root, 'node_modules', pkg, fileName);
}

/** Grammar bytes read from disk; one object per process so the parsers are shared. */
export const diskGrammarSource: GrammarSource = {
  runtime: () => readFile(wasmPath('tree-sitter.wasm')),
  grammar: (fileName) => readFile(wasmPath(fileName)),
};
