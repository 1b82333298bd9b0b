/**
 * One tree-sitter parser per language, created once and reused by the analyzer, the CLI and the editor.
 * Core stays free of file access: whoever creates the parsers hands in the grammar bytes.
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { GRAMMAR_FILES, SOURCE_LANGUAGES, type SourceLanguage } from './languages';

export interface GrammarSource {
  /** Bytes of web-tree-sitter's own runtime (tree-sitter.wasm). */
  runtime(): Promise<Uint8Array>;
  /** Bytes of a grammar file named in GRAMMAR_FILES. */
  grammar(fileName: string): Promise<Uint8Array>;
}

export class Parsers {
  private constructor(private readonly byLanguage: Map<SourceLanguage, Parser>) {}

  /** Parse text; pass the previous tree (already edited with `tree.edit`) for an incremental re-parse. */
  parse(language: SourceLanguage, text: string, previous?: Tree): Tree {
    const parser = this.byLanguage.get(language);
    if (!parser) throw new Error(`No parser for ${language}`);
    const tree = parser.parse(text, previous ?? null);
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${language} document`);
    return tree;
  }

  static async load(source: GrammarSource): Promise<Parsers> {
    await initRuntime(source);
    const byLanguage = new Map<SourceLanguage, Parser>();
    for (const language of SOURCE_LANGUAGES) {
      const grammar = await Language.load(await source.grammar(GRAMMAR_FILES[language]));
      const parser = new Parser();
      parser.setLanguage(grammar);
      byLanguage.set(language, parser);
    }
    return new Parsers(byLanguage);
  }
}

let runtimeReady: Promise<void> | undefined;

/** The wasm runtime is process-wide; initialise it once no matter how many callers race here. */
function initRuntime(source: GrammarSource): Promise<void> {
  runtimeReady ??= source.runtime().then((wasmBinary) => Parser.init({ wasmBinary }));
  return runtimeReady;
}

const shared = new Map<GrammarSource, Promise<Parsers>>();

/** The process-wide parsers for a grammar source (loaded on first use). */
export function sharedParsers(source: GrammarSource): Promise<Parsers> {
  let parsers = shared.get(source);
  if (!parsers) {
    parsers = Parsers.load(source);
    shared.set(source, parsers);
  }
  return parsers;
}
