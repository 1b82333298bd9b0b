/** The Instance feature: the sidebar view, a panel per connection, and the openInstance / openKey commands. */
import * as vscode from 'vscode';
import type { Feature } from '../feature';
import type { ExtensionServices } from '../services';
import { InstancePanels, InstanceViewProvider, PANEL_VIEW_TYPE, SIDEBAR_VIEW_ID } from './instanceSurfaces';
import { openKeyArgument } from './openKeyArgument';

export const instanceFeature: Feature = {
  name: 'Instance browser',
  activate(context: vscode.ExtensionContext, services: ExtensionServices) {
    const connections = services.connections;
    if (!connections) throw new Error('the Connections feature did not start');
    const deps = { extensionUri: context.extensionUri, connections, output: services.output, analysisUpdates: services.analysisUpdates.event };
    const panels = new InstancePanels(deps);
    const sidebar = new InstanceViewProvider(deps, (id, tab) => panels.open(id, undefined, tab));

    /** Resolve the connection to show: the argument's, the only profile, or the user's pick (active one first). */
    const pickConnection = async (argumentId: unknown): Promise<string | undefined> => {
      if (typeof argumentId === 'string' && argumentId) return argumentId;
      const profiles = connections.list();
      if (profiles.length === 0) {
        void vscode.window.showInformationMessage('Add a Redis connection first (Connections view → Add Connection).');
        return undefined;
      }
      if (profiles.length === 1) return profiles[0].id;
      const active = connections.activeId();
      const choices = profiles
        .map((profile) => ({ label: profile.name, description: [profile.state, profile.readOnly ? 'read-only' : ''].filter(Boolean).join(' · '), id: profile.id }))
        .sort((a, b) => Number(b.id === active) - Number(a.id === active));
      return (await vscode.window.showQuickPick(choices, { title: 'Open which Redis instance?' }))?.id;
    };

    const ensureConnected = async (id: string): Promise<boolean> => {
      if (connections.session(id)) return true;
      try {
        await connections.connect(id);
        return true;
      } catch (error) {
        void vscode.window.showErrorMessage(`Redis: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    };

    context.subscriptions.push(
      panels,
      sidebar,
      vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => panels.restore(panel, state),
      }),
      vscode.commands.registerCommand('redisReview.openInstance', async (argument?: { connectionId?: string }) => {
        const id = await pickConnection(argument?.connectionId);
        if (id && (await ensureConnected(id))) panels.open(id);
      }),
      vscode.commands.registerCommand('redisReview.openKey', async (argument?: unknown) => {
        const parsed = openKeyArgument(argument);
        if (!parsed) {
          void vscode.window.showErrorMessage('Redis: Open Key needs a connection and a key (use it from the Connections view).');
          return;
        }
        if (await ensureConnected(parsed.connectionId)) panels.open(parsed.connectionId, parsed.key);
      }),
    );
  },
};
