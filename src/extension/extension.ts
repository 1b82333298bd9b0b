/** Entry point: activates every feature; a failing feature is reported and does not take the others down. */
import * as vscode from 'vscode';
import { FEATURES } from './features';
import { createServices, type ExtensionServices } from './services';

let services: ExtensionServices | undefined;

/** What the extension exports (used by extension-host tests). */
export interface RedisReviewApi {
  readonly services: ExtensionServices;
}

export async function activate(context: vscode.ExtensionContext): Promise<RedisReviewApi> {
  services = createServices(context);
  for (const feature of FEATURES) {
    try {
      await feature.activate(context, services);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      services.output.error(`Feature "${feature.name}" failed to activate: ${message}`);
      void vscode.window.showErrorMessage(`Redis Review: ${feature.name} could not start (${message}). See the "Redis Review" output.`);
    }
  }
  return { services };
}

export function deactivate(): void {
  services = undefined;
}
