/**
 * The app shell: in an editor panel, the tab bar (keyboard navigable), the connection's tabs and a status line;
 * in the narrow sidebar, a live summary that opens the full browser in the editor area.
 */
import type { ConnectionView, InstanceTabId, WireBytes } from '../src/shared/protocol';
import { h, icon } from './dom';
import type { HostBridge } from './host';
import { SidebarSummary } from './sidebar/sidebarSummary';
import type { StateStore } from './state';
import { TABS } from './tabs/registry';
import type { TabContext, TabInstance } from './tabs/tab';

export class App {
  private readonly root: HTMLElement;
  private tabs = new Map<string, TabInstance>();
  private active: string | undefined;
  private status!: HTMLElement;
  private pendingKey: WireBytes | undefined;
  private statusTimer: number | undefined;
  private pendingTab: InstanceTabId | undefined;
  private summary: SidebarSummary | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: HostBridge,
    private readonly state: StateStore,
  ) {
    this.root = root;
    this.root.replaceChildren(h('div', { class: 'empty' }, 'Connecting…'));
  }

  /** (Re)build everything for this connection (or the "not connected" message). */
  init(connection: ConnectionView | null, surface: 'panel' | 'sidebar' = 'panel'): void {
    for (const tab of this.tabs.values()) tab.dispose();
    this.tabs.clear();
    this.summary?.dispose();
    this.summary = undefined;
    this.active = undefined;
    this.host.abandonAll();
    document.body.classList.toggle('read-only', connection?.readOnly === true);
    if (!connection) {
      this.root.replaceChildren(
        h('div', { class: 'empty', dataset: { field: 'not-connected' } }, icon('plug'), ' No Redis connection is open. Connect to one in the Connections view, then it shows here.'),
      );
      return;
    }
    if (surface === 'sidebar') {
      // The sidebar is ~250-300 px wide: a summary that reads well there, not a squeezed copy of the browser.
      this.summary = new SidebarSummary(this.host, connection);
      this.root.replaceChildren(this.summary.element);
      return;
    }
    this.state.resetFor(connection.id);
    this.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite', dataset: { field: 'status' } });
    const context: TabContext = {
      host: this.host,
      state: this.state,
      connection,
      notify: (message, kind = 'info') => this.notify(message, kind),
      showTab: (id) => this.show(id),
    };
    const tabList = h('div', { class: 'tab-bar', role: 'tablist', 'aria-label': 'Instance views' });
    const panels = h('div', { class: 'tab-panels' });
    for (const module of TABS) {
      const instance = module.create(context);
      instance.element.id = `panel-${module.id}`;
      instance.element.setAttribute('role', 'tabpanel');
      instance.element.hidden = true;
      this.tabs.set(module.id, instance);
      tabList.appendChild(
        h('button', { type: 'button', role: 'tab', id: `tab-${module.id}`, 'aria-controls': `panel-${module.id}`, 'aria-selected': 'false', tabIndex: -1, dataset: { tab: module.id }, on: { click: () => this.show(module.id) } }, icon(module.icon), ` ${module.title}`),
      );
      panels.appendChild(instance.element);
    }
    tabList.addEventListener('keydown', (event) => this.onTabKey(event));
    const title = h(
      'div',
      { class: 'connection-title' },
      icon(connection.topology === 'cluster' ? 'server-environment' : 'server'),
      h('span', { dataset: { field: 'connection-name' } }, ` ${connection.name}`),
      h('span', { class: 'muted' }, ` · ${connection.topology} · ${connection.serverLabel ?? `Redis ${connection.serverVersion}`}`),
      connection.readOnly ? h('span', { class: 'read-only-badge' }, icon('lock'), ' read-only') : null,
    );
    this.root.replaceChildren(h('header', { class: 'app-header' }, title, tabList), panels, this.status);
    const wanted = this.pendingTab ?? this.state.get().tab;
    this.pendingTab = undefined;
    this.show(this.pendingKey !== undefined || !this.tabs.has(wanted) ? 'keys' : wanted);
    if (this.pendingKey !== undefined) {
      this.tabs.get('keys')?.openKey?.(this.pendingKey);
      this.pendingKey = undefined;
    }
  }

  openKey(key: WireBytes): void {
    const keys = this.tabs.get('keys');
    if (!keys) {
      this.pendingKey = key;
      return;
    }
    this.show('keys');
    keys.openKey?.(key);
  }

  /** The host says a tab's data changed: the tab reloads it (only tabs that hold host data implement refresh). */
  refreshTab(id: InstanceTabId): void {
    this.tabs.get(id)?.refresh?.();
  }

  /** Show a tab now, or right after the next init (the host may ask before the connection arrived). */
  showTabWhenReady(id: InstanceTabId): void {
    if (this.tabs.has(id)) this.show(id);
    else this.pendingTab = id;
  }

  show(id: string): void {
    if (this.active === id || !this.tabs.has(id)) return;
    if (this.active) this.tabs.get(this.active)?.hide();
    this.active = id;
    for (const [tabId, instance] of this.tabs) instance.element.hidden = tabId !== id;
    for (const button of Array.from(this.root.querySelectorAll<HTMLElement>('[role="tab"][data-tab]'))) {
      const selected = button.dataset.tab === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      button.classList.toggle('active', selected);
    }
    this.state.update({ tab: id });
    this.tabs.get(id)!.show();
  }

  private onTabKey(event: KeyboardEvent): void {
    const ids = [...this.tabs.keys()];
    const index = ids.indexOf(this.active ?? ids[0]);
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? ids.length - 1 : -2;
    if (next === -2) return;
    event.preventDefault();
    const id = ids[(next + ids.length) % ids.length];
    this.show(id);
    this.root.querySelector<HTMLElement>(`[data-tab="${id}"]`)?.focus();
  }

  private notify(message: string, kind: 'info' | 'error'): void {
    window.clearTimeout(this.statusTimer);
    this.status.textContent = message;
    this.status.className = `status ${kind}`;
    // Confirmations fade; errors stay until the next message.
    if (kind === 'info') this.statusTimer = window.setTimeout(() => (this.status.textContent = ''), 5000);
  }
}
