/** A feature of the extension: something activate() switches on, with everything it creates disposed on deactivate. */
import type * as vscode from 'vscode';
import type { ExtensionServices } from './services';

export interface Feature {
  /** Short name used when reporting an activation failure. */
  readonly name: string;
  activate(context: vscode.ExtensionContext, services: ExtensionServices): void | Promise<void>;
}
