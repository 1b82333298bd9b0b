/** The two places the instance webview lives: an editor panel per connection, and the sidebar Instance view. */
import * as vscode from 'vscode';
import type { InstanceTabId, WireBytes } from '../../shared/protocol';
import type { ConnectionsApi } from '../connections/api';
import { vscodeHostUi } from './confirm';
import { WebviewController } from './webviewController';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

export const PANEL_VIEW_TYPE = 'redisReview.instancePanel';
export const SIDEBAR_VIEW_ID = 'redisReview.instance';

interface Dependencies {
  extensionUri: vscode.Uri;
  connections: ConnectionsApi;
  output: vscode.LogOutputChannel;
  analysisUpdates: vscode.Event<string>;
}

/** One WebviewPanel per connection id, revealed again instead of duplicated. */
export class InstancePanels implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; controller: WebviewController }>();

  constructor(private readonly deps: Dependencies) {}

  open(connectionId: string, key?: WireBytes, tab?: InstanceTabId): void {
    const existing = this.panels.get(connectionId);
    if (existing) {
      existing.panel.reveal();
      if (key !== undefined) existing.controller.openKey(key);
      else if (tab !== undefined) existing.controller.showTab(tab);
      return;
    }
    const name = this.deps.connections.list().find((profile) => profile.id === connectionId)?.name ?? connectionId;
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `Redis: ${name}`, vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    this.attach(connectionId, panel, key);
    if (key === undefined && tab !== undefined) this.panels.get(connectionId)?.controller.showTab(tab);
  }

  /** Re-attach a panel VS Code restored after a reload (its webview state carries the connection id). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const connectionId = typeof state === 'object' && state !== null ? (state as { connectionId?: unknown }).connectionId : undefined;
    if (typeof connectionId !== 'string' || this.panels.has(connectionId)) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.attach(connectionId, panel);
  }

  private attach(connectionId: string, panel: vscode.WebviewPanel, key?: WireBytes): void {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'redis.svg');
    const controller = new WebviewController({
      webview: panel.webview,
      surface: 'panel',
      connections: this.deps.connections,
      connectionId: () => connectionId,
      output: this.deps.output,
      ui: vscodeHostUi,
      analysisUpdates: this.deps.analysisUpdates,
    });
    panel.webview.html = renderWebviewHtml(panel.webview, this.deps.extensionUri, 'panel');
    if (key !== undefined) controller.openKey(key);
    // The webview reloads its HTML when the panel becomes visible again; it restores its state with getState.
    panel.onDidChangeViewState(() => {
      if (!panel.visible) controller.reset();
    });
    panel.onDidDispose(() => {
      controller.dispose();
      this.panels.delete(connectionId);
    });
    this.panels.set(connectionId, { panel, controller });
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

/**
 * The connection the sidebar summarises: the one active in the Connections view while it is connected, otherwise
 * a connected one (so it never says "not connected" while connections are live).
 */
export function sidebarConnectionId(connections: Pick<ConnectionsApi, 'activeId' | 'list' | 'session'>): string | undefined {
  const active = connections.activeId();
  if (active && connections.session(active)) return active;
  return connections.list().find((summary) => summary.state === 'connected' && connections.session(summary.id))?.id ?? active;
}

/** The sidebar Instance view: a live summary of the shown connection that opens the full browser in the editor. */
export class InstanceViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private controller: WebviewController | undefined;

  constructor(
    private readonly deps: Dependencies,
    private readonly openInBrowser: (connectionId: string, tab: InstanceTabId) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.deps.extensionUri);
    this.controller?.dispose();
    const controller = new WebviewController({
      webview: view.webview,
      surface: 'sidebar',
      connections: this.deps.connections,
      connectionId: () => sidebarConnectionId(this.deps.connections),
      output: this.deps.output,
      ui: vscodeHostUi,
      analysisUpdates: this.deps.analysisUpdates,
      openInBrowser: this.openInBrowser,
    });
    this.controller = controller;
    view.webview.html = renderWebviewHtml(view.webview, this.deps.extensionUri, 'sidebar');
    view.onDidChangeVisibility(() => {
      if (!view.visible) controller.reset();
    });
    view.onDidDispose(() => {
      controller.dispose();
      if (this.controller === controller) this.controller = undefined;
    });
  }

  dispose(): void {
    this.controller?.dispose();
  }
}
