/** Objects shared by the extension's features, created once at activation. */
import * as vscode from 'vscode';
import { sharedParsers, type Parsers } from '../core/parsing/parsers';
import { diskGrammarSource } from '../node/grammarFiles';
import type { ConnectionsApi } from './connections/api';

export interface ExtensionServices {
  /** The "Redis Review" output channel: errors and diagnostics for the user (never secrets). */
  readonly output: vscode.LogOutputChannel;
  /** tree-sitter parsers, loaded on first use (not during activation). */
  parsers(): Promise<Parsers>;
  /** Set by the Connections feature during activation (it activates first). */
  connections?: ConnectionsApi;
  /**
   * Fired with a connection id when its stored memory analysis changes, wherever the run started (the palette, a
   * notification's Resume): open Analysis tabs reload instead of showing an older result.
   */
  readonly analysisUpdates: vscode.EventEmitter<string>;
}

export function createServices(context: vscode.ExtensionContext): ExtensionServices {
  // Features assign optional services (connections) onto this object as they activate.
  const output = vscode.window.createOutputChannel('Redis Review', { log: true });
  const analysisUpdates = new vscode.EventEmitter<string>();
  context.subscriptions.push(output, analysisUpdates);
  return {
    output,
    analysisUpdates,
    parsers: () => sharedParsers(diskGrammarSource),
  };
}
