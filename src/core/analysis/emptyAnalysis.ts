/** The analysis of a file in which no Redis usage was recognised: the starting point of every language's model builder. */
import type { FileContext } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import type { FileAnalysis } from './buildModel';

export function emptyFileAnalysis(text: string, options: { path: string; language: SourceLanguage; context: FileContext }): FileAnalysis {
  return {
    model: {
      path: options.path,
      language: options.language,
      context: options.context,
      text,
      callSites: [],
      creations: [],
      listeners: [],
      importedModules: new Set(),
      deserializations: [],
      escapedIdentities: new Set(),
      exportedIdentities: new Set(),
    },
    exports: [],
    helperCalls: [],
    truncated: false,
  };
}
