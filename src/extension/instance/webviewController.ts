/**
 * One live instance webview on the host side: the ready handshake, run-time validation of every inbound
 * message, dispatch to method handlers with the current session, and {ok,result|error} replies.
 */
import type * as vscode from 'vscode';
import type { ConnectionView, ErrorReply, HostToWebview, InstanceTabId, WireBytes } from '../../shared/protocol';
import { ProtocolError, parseWebviewMessage, requestIdOf } from '../../shared/protocolValidation';
import type { ConnectedSession, ConnectionsApi } from '../connections/api';
import { ReadOnlyError } from '../../redis/browse/editKey';
import { ValueTooLargeError } from '../../redis/browse/readValue';
import { SnapshotError } from '../../redis/rdb/replicationSnapshot';
import type { KeyScan } from '../../redis/browse/scanKeys';
import { handlerFor, type HostUi } from './methodHandlers';

export interface ControllerOptions {
  /** The part of vscode.Webview the controller uses (kept minimal so UI harnesses can drive it too). */
  webview: Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>;
  surface: 'panel' | 'sidebar';
  connections: ConnectionsApi;
  /** The connection this webview shows right now (fixed for a panel, the active one for the sidebar). */
  connectionId: () => string | undefined;
  output: Pick<vscode.LogOutputChannel, 'warn'>;
  ui: HostUi;
  /** The sidebar summary's buttons: open this connection's full browser in the editor area on a tab. */
  openInBrowser?: (connectionId: string, tab: InstanceTabId) => void;
  /** Connection ids whose stored memory analysis changed (the webview reloads its Analysis tab). */
  analysisUpdates?: vscode.Event<string>;
}

/** The reply to a request that failed: what the webview shows, coded by who refused (server, guard, validation). */
export function errorReply(error: unknown): ErrorReply {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ReadOnlyError) return { code: 'READ_ONLY', message };
  if (error instanceof ProtocolError) return { code: 'INVALID', message };
  if (error instanceof ValueTooLargeError) return { code: 'REDIS', message };
  if (error instanceof Error && error.name === 'ReplyError') return { code: 'REDIS', message };
  // A server that refused the replication handshake (SYNC, AUTH) for a snapshot analysis.
  if (error instanceof SnapshotError && error.refused) return { code: 'REDIS', message };
  // The Connections guard rejects writes on read-only clients with its own error; keep its wording.
  if (/read-only/i.test(message)) return { code: 'READ_ONLY', message };
  return { code: 'INTERNAL', message };
}

export function connectionView(session: ConnectedSession): ConnectionView {
  // Only what the UI needs: no URL, user name or password ever reaches the webview.
  return { id: session.id, name: session.name, topology: session.topology, readOnly: session.readOnly, serverVersion: session.serverVersion, ...(session.serverLabel ? { serverLabel: session.serverLabel } : {}) };
}

export class WebviewController {
  private readonly disposables: Array<{ dispose(): void }> = [];
  private readonly scans = new Map<string, KeyScan>();
  private ready = false;
  private pendingKey: WireBytes | undefined;
  private pendingTab: InstanceTabId | undefined;
  private lastConnectionKey = '';

  constructor(private readonly options: ControllerOptions) {
    this.disposables.push(options.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)));
    this.disposables.push(options.connections.onDidChange(() => this.refreshConnection()));
    if (options.analysisUpdates) {
      this.disposables.push(
        options.analysisUpdates((connectionId) => {
          if (this.ready && connectionId === options.connectionId()) void this.post({ kind: 'notification', type: 'analysisChanged' });
        }),
      );
    }
  }

  /** Show a key in the viewer, now or as soon as the webview is ready. */
  openKey(key: WireBytes): void {
    if (this.ready) void this.post({ kind: 'notification', type: 'openKey', key });
    else this.pendingKey = key;
  }

  /** Bring a tab to the front, now or as soon as the webview is ready. */
  showTab(tab: InstanceTabId): void {
    if (this.ready) void this.post({ kind: 'notification', type: 'showTab', tab });
    else this.pendingTab = tab;
  }

  /** The webview was (re)created: wait for its ready message again. */
  reset(): void {
    this.ready = false;
    this.scans.clear();
  }

  private currentSession(): ConnectedSession | undefined {
    const id = this.options.connectionId();
    return id ? this.options.connections.session(id) : undefined;
  }

  /** Re-send init when the shown session changed (connected, disconnected, other active profile). */
  refreshConnection(): void {
    const session = this.currentSession();
    const key = session ? JSON.stringify(connectionView(session)) : 'none';
    if (!this.ready || key === this.lastConnectionKey) return;
    this.sendInit();
  }

  private sendInit(): void {
    const session = this.currentSession();
    this.lastConnectionKey = session ? JSON.stringify(connectionView(session)) : 'none';
    this.scans.clear();
    void this.post({ kind: 'notification', type: 'init', surface: this.options.surface, connection: session ? connectionView(session) : null });
  }

  private async receive(raw: unknown): Promise<void> {
    let message;
    try {
      message = parseWebviewMessage(raw);
    } catch (error) {
      this.options.output.warn(`Instance webview: rejected a message: ${error instanceof Error ? error.message : String(error)}`);
      const id = requestIdOf(raw);
      if (id !== undefined) await this.post({ kind: 'response', id, ok: false, error: errorReply(error) });
      return;
    }
    if (message.kind === 'ready') {
      this.ready = true;
      this.sendInit();
      if (this.pendingKey !== undefined) {
        void this.post({ kind: 'notification', type: 'openKey', key: this.pendingKey });
        this.pendingKey = undefined;
      }
      if (this.pendingTab !== undefined) {
        void this.post({ kind: 'notification', type: 'showTab', tab: this.pendingTab });
        this.pendingTab = undefined;
      }
      return;
    }
    const session = this.currentSession();
    if (!session) {
      await this.post({ kind: 'response', id: message.id, ok: false, error: { code: 'NOT_CONNECTED', message: 'Not connected. Connect from the Connections view.' } });
      return;
    }
    if (message.method === 'openInBrowser') {
      const { tab } = message.params as { tab: InstanceTabId };
      this.options.openInBrowser?.(session.id, tab);
      await this.post({ kind: 'response', id: message.id, ok: true, result: null });
      return;
    }
    const handler = handlerFor(message.method);
    try {
      if (!handler) throw new ProtocolError(`No handler for "${message.method}"`);
      const result = await handler(message.params, { session, scans: this.scans, ui: this.options.ui });
      await this.post({ kind: 'response', id: message.id, ok: true, result });
    } catch (error) {
      const reply = errorReply(error);
      if (reply.code !== 'REDIS') this.options.output.warn(`Instance webview: ${message.method} failed: ${reply.message}`);
      await this.post({ kind: 'response', id: message.id, ok: false, error: reply });
    }
  }

  private async post(message: HostToWebview): Promise<void> {
    try {
      await this.options.webview.postMessage(message);
    } catch {
      // The webview went away between the request and the reply; nothing to deliver to.
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.scans.clear();
  }
}
