/**
 * The sidebar Instance view: a live summary of the shown connection (keys, memory, ops/sec, clients, hit ratio,
 * uptime) polled while visible, each figure with the time it was read, and buttons that open the full browser in
 * the editor area. It is built for 250-300 px: one column of label/value rows, buttons full width, no tables.
 */
import { countOf } from '../../src/core/text/plural';
import type { ConnectionView, InstanceTabId, StatsSnapshot } from '../../src/shared/protocol';
import { button, h, icon } from '../dom';
import { formatBytes, formatCount, formatDuration, formatPercent } from '../format';
import type { HostBridge } from '../host';

const POLL_MS = 5000;

interface Row {
  id: string;
  label: string;
  value(stats: StatsSnapshot, now: number): string;
}

const uptimeSeconds = (stats: StatsSnapshot, now: number) => Math.max(...stats.nodes.map((node) => node.uptimeSeconds)) + Math.max(0, (now - stats.at) / 1000);

const ROWS: Row[] = [
  { id: 'keys', label: 'Keys', value: (s) => formatCount(s.totals.keys) },
  { id: 'used-memory', label: 'Memory', value: (s) => `${formatBytes(s.totals.usedMemory)}${s.totals.maxMemory ? ` of ${formatBytes(s.totals.maxMemory)}` : ''}` },
  { id: 'ops', label: 'Ops/sec', value: (s) => formatCount(s.totals.opsPerSec) },
  { id: 'clients', label: 'Clients', value: (s) => formatCount(s.totals.connectedClients) },
  { id: 'hit-ratio', label: 'Hit ratio', value: (s) => formatPercent(s.totals.hitRatio) },
  // Counted on between polls from the snapshot's own time: never a frozen figure.
  { id: 'uptime', label: 'Uptime', value: (s, now) => formatDuration(uptimeSeconds(s, now) * 1000) },
];

export class SidebarSummary {
  readonly element: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly updated: HTMLElement;
  private stats: StatsSnapshot | undefined;
  private pollTimer: number | undefined;
  private tickTimer: number | undefined;
  private disposed = false;
  private readonly onVisibility = () => this.schedule(0);

  constructor(private readonly host: HostBridge, connection: ConnectionView) {
    const list = h('dl', { class: 'summary-rows', 'aria-label': 'Server figures' });
    for (const row of ROWS) {
      const value = h('dd', { dataset: { stat: row.id } }, '…');
      this.values.set(row.id, value);
      list.append(h('dt', {}, row.label), value);
    }
    this.updated = h('div', { class: 'muted summary-updated', dataset: { field: 'updated' } }, 'Reading INFO…');
    const open = (tab: InstanceTabId) => void this.host.request('openInBrowser', { tab }).catch(() => undefined);
    this.element = h(
      'section',
      { class: 'sidebar-summary', 'aria-label': `Summary of ${connection.name}` },
      h(
        'header',
        { class: 'summary-header' },
        h('div', { class: 'summary-name' }, icon(connection.topology === 'cluster' ? 'server-environment' : 'server'), h('span', { dataset: { field: 'connection-name' } }, connection.name)),
        h('div', { class: 'muted' }, `${connection.topology} · ${connection.serverLabel ?? `Redis ${connection.serverVersion}`}`, connection.readOnly ? h('span', { class: 'read-only-badge' }, icon('lock'), ' read-only') : null),
      ),
      list,
      this.updated,
      h(
        'div',
        { class: 'summary-actions' },
        button('Browse keys', { icon: 'key', primary: true, id: 'open-keys', onClick: () => open('keys') }),
        button('Memory & stats', { icon: 'pulse', id: 'open-stats', onClick: () => open('stats') }),
        button('Analyze memory', { icon: 'graph', id: 'open-analysis', onClick: () => open('analysis') }),
        button('Slowlog & clients', { icon: 'history', id: 'open-activity', onClick: () => open('activity') }),
      ),
      h('p', { class: 'muted summary-hint' }, 'These open the full Instance browser in the editor area.'),
    );
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule(0);
    this.tickTimer = window.setInterval(() => this.render(), 1000);
  }

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this.pollTimer);
    window.clearInterval(this.tickTimer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  private schedule(delayMs: number): void {
    window.clearTimeout(this.pollTimer);
    // No INFO traffic while the view is hidden; the figures then say how old they are.
    if (this.disposed || document.visibilityState !== 'visible') return;
    this.pollTimer = window.setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    try {
      this.stats = await this.host.request('stats', {});
      this.updated.classList.remove('error');
    } catch (error) {
      this.updated.classList.add('error');
      this.updated.textContent = `Could not read INFO: ${(error as Error).message}`;
    }
    this.render();
    this.schedule(POLL_MS);
  }

  private render(): void {
    const stats = this.stats;
    if (!stats || this.disposed) return;
    const now = Date.now();
    for (const row of ROWS) this.values.get(row.id)!.textContent = row.value(stats, now);
    this.values.get('keys')!.dataset.raw = String(stats.totals.keys);
    if (this.updated.classList.contains('error')) return;
    const age = Math.max(0, Math.round((now - stats.at) / 1000));
    this.updated.textContent = `Read ${age < 2 ? 'just now' : `${countOf(age, 'second')} ago`} · every ${POLL_MS / 1000} s while shown`;
    this.updated.dataset.at = String(stats.at);
  }
}
