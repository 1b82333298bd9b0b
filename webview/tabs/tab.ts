/**
 * A tab of the instance webview. Each tab is its own module listed in tabs/registry.ts; a new tab (e.g. memory
 * analysis) adds a module there and its request methods to the protocol (see src/shared/protocol.ts).
 */
import type { ConnectionView, WireBytes } from '../../src/shared/protocol';
import type { HostBridge } from '../host';
import type { StateStore } from '../state';

export interface TabContext {
  host: HostBridge;
  state: StateStore;
  connection: ConnectionView;
  /** Show a message in the status line (errors stay until the next message). */
  notify(message: string, kind?: 'info' | 'error'): void;
  /** Switch to another tab by id (e.g. a memory report opening a key in the Keys tab). */
  showTab(id: string): void;
}

export interface TabInstance {
  readonly element: HTMLElement;
  /** The tab became visible (start polling, render). */
  show(): void;
  /** The tab was hidden (stop polling). */
  hide(): void;
  dispose(): void;
  /** The host's data behind this tab changed (e.g. an analysis run started elsewhere finished): reload it. */
  refresh?(): void;
  /** Keys tab only: open this key in the value viewer. */
  openKey?(key: WireBytes): void;
}

export interface TabModule {
  id: string;
  title: string;
  /** Codicon name for the tab button. */
  icon: string;
  create(context: TabContext): TabInstance;
}
