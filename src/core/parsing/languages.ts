/** The source languages the analyzer understands, and how file names map onto them. */
export type SourceLanguage = 'python' | 'typescript' | 'tsx' | 'javascript' | 'go' | 'java';

export const SOURCE_LANGUAGES: readonly SourceLanguage[] = ['python', 'typescript', 'tsx', 'javascript', 'go', 'java'];

/** Grammar file (inside the grammars folder) for each language. */
export const GRAMMAR_FILES: Record<SourceLanguage, string> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
};

const EXTENSION_LANGUAGES: Record<string, SourceLanguage> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  // The JavaScript grammar parses JSX natively.
  '.jsx': 'javascript',
  '.go': 'go',
  '.java': 'java',
};

/** Language for a file path, or undefined when the analyzer does not read that kind of file. */
export function languageForPath(path: string): SourceLanguage | undefined {
  if (path.endsWith('.d.ts')) return undefined;
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = path.slice(dot).toLowerCase();
  // Own properties only: `file.constructor` is not a language.
  return Object.hasOwn(EXTENSION_LANGUAGES, extension) ? EXTENSION_LANGUAGES[extension] : undefined;
}

/** Language for a VS Code language id (python, typescript, typescriptreact, javascript, javascriptreact, go, java). */
export function languageForEditorId(languageId: string): SourceLanguage | undefined {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'typescript':
      return 'typescript';
    case 'typescriptreact':
      return 'tsx';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'go':
      return 'go';
    case 'java':
      return 'java';
    default:
      return undefined;
  }
}
