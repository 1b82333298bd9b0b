/**
 * Memory & stats tab: figures from INFO and MEMORY STATS, charts of memory, ops/sec, hit ratio and clients over
 * time, a per-node table (Cluster) and MEMORY DOCTOR. Polls every few seconds only while visible.
 */
import type { MemoryDoctorReading } from '../../../src/core/info/memoryDoctor';
import type { NodeStats, StatsSnapshot } from '../../../src/shared/protocol';
import { countOf } from '../../../src/core/text/plural';
import { button, h } from '../../dom';
import { formatBytes, formatCount, formatPercent, formatTime } from '../../format';
import { LineChart } from '../../widgets/lineChart';
import type { TabContext, TabInstance, TabModule } from '../tab';

const POLL_MS = 3000;
const HISTORY = 200;

interface Card {
  id: string;
  label: string;
  value(stats: StatsSnapshot, first: NodeStats): string;
  /** The exact number shown, for tests comparing against INFO. */
  raw?(stats: StatsSnapshot, first: NodeStats): number | string | null;
}

const CARDS: Card[] = [
  { id: 'used-memory', label: 'Used memory', value: (s) => `${formatBytes(s.totals.usedMemory)}${s.totals.maxMemory ? ` of ${formatBytes(s.totals.maxMemory)}` : ' (no maxmemory)'}`, raw: (s) => s.totals.usedMemory },
  { id: 'maxmemory', label: 'maxmemory', value: (s) => (s.totals.maxMemory ? formatBytes(s.totals.maxMemory) : 'not set'), raw: (s) => s.totals.maxMemory },
  { id: 'rss', label: 'RSS', value: (s) => formatBytes(s.totals.usedMemoryRss), raw: (s) => s.totals.usedMemoryRss },
  { id: 'peak', label: 'Peak', value: (_s, n) => formatBytes(n.usedMemoryPeak), raw: (_s, n) => n.usedMemoryPeak },
  { id: 'fragmentation', label: 'Fragmentation ratio', value: (_s, n) => n.fragmentationRatio.toFixed(2), raw: (_s, n) => n.fragmentationRatio },
  { id: 'dataset', label: 'Dataset / overhead', value: (_s, n) => `${formatBytes(n.datasetBytes)} / ${formatBytes(n.overheadBytes)}`, raw: (_s, n) => n.datasetBytes },
  { id: 'eviction-policy', label: 'Eviction policy', value: (_s, n) => n.evictionPolicy, raw: (_s, n) => n.evictionPolicy },
  { id: 'evicted-keys', label: 'Evicted keys', value: (s) => formatCount(s.totals.evictedKeys), raw: (s) => s.totals.evictedKeys },
  { id: 'expired-keys', label: 'Expired keys', value: (s) => formatCount(s.totals.expiredKeys), raw: (s) => s.totals.expiredKeys },
  { id: 'hit-ratio', label: 'Keyspace hit ratio', value: (s) => formatPercent(s.totals.hitRatio), raw: (s) => s.totals.hitRatio },
  { id: 'ops', label: 'Ops/sec', value: (s) => formatCount(s.totals.opsPerSec), raw: (s) => s.totals.opsPerSec },
  { id: 'clients', label: 'Clients (blocked)', value: (s) => `${formatCount(s.totals.connectedClients)} (${formatCount(s.totals.blockedClients)})`, raw: (s) => s.totals.connectedClients },
  { id: 'keys', label: 'Keys', value: (s) => formatCount(s.totals.keys), raw: (s) => s.totals.keys },
  { id: 'persistence', label: 'Last save / AOF', value: (_s, n) => `${formatTime(n.lastSaveTime)} (${n.rdbLastStatus || '—'}) / AOF ${n.aofEnabled ? n.aofLastStatus : 'off'}`, raw: (_s, n) => n.lastSaveTime },
  { id: 'replication', label: 'Role / replication', value: (_s, n) => `${n.role}, ${countOf(n.connectedReplicas, 'replica')}${n.replicationLag === null ? '' : `, lag ${n.replicationLag}${n.role === 'slave' ? 's' : ' B'}`}`, raw: (_s, n) => n.role },
];

class StatsTab implements TabInstance {
  readonly element: HTMLElement;
  private readonly cards = new Map<string, HTMLElement>();
  private readonly charts: Record<'memory' | 'ops' | 'hits' | 'clients', LineChart>;
  private readonly nodes: HTMLElement;
  private readonly doctor: HTMLElement;
  private readonly updated: HTMLElement;
  private timer: number | undefined;
  private visible = false;
  private history: Array<[number, number, number, number, number]>;

  constructor(private readonly context: TabContext) {
    this.history = [...(context.state.get().statsHistory ?? [])];
    const grid = h('div', { class: 'cards' });
    for (const card of CARDS) {
      const value = h('div', { class: 'card-value', dataset: { stat: card.id } }, '…');
      this.cards.set(card.id, value);
      grid.appendChild(h('div', { class: 'card' }, h('div', { class: 'card-label' }, card.label), value));
    }
    this.charts = {
      memory: new LineChart({ title: 'Used memory', colorVariable: '--vscode-charts-blue', format: formatBytes }),
      ops: new LineChart({ title: 'Ops/sec', colorVariable: '--vscode-charts-green', format: (v) => formatCount(v) }),
      hits: new LineChart({ title: 'Hit ratio', colorVariable: '--vscode-charts-orange', format: (v) => formatPercent(v), yMax: 1 }),
      clients: new LineChart({ title: 'Clients', colorVariable: '--vscode-charts-purple', format: (v) => formatCount(v) }),
    };
    this.nodes = h('div', { class: 'nodes' });
    this.doctor = h('section', { class: 'doctor', dataset: { field: 'doctor' }, 'aria-live': 'polite' });
    this.updated = h('span', { class: 'muted', dataset: { field: 'updated' } });
    this.element = h(
      'section',
      { class: 'tab stats-tab', 'aria-label': 'Memory and stats' },
      h('div', { class: 'toolbar' }, button('Refresh', { icon: 'refresh', id: 'refresh-stats', onClick: () => void this.poll() }), button('Memory doctor', { icon: 'pulse', id: 'memory-doctor', onClick: () => void this.runDoctor() }), this.updated),
      grid,
      h('div', { class: 'charts' }, ...Object.values(this.charts).map((chart) => chart.element)),
      this.nodes,
      this.doctor,
    );
    document.addEventListener('visibilitychange', () => this.schedule());
    this.drawCharts();
  }

  show(): void {
    this.visible = true;
    void this.poll();
  }

  hide(): void {
    this.visible = false;
    window.clearTimeout(this.timer);
  }

  dispose(): void {
    this.hide();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    // Paused while the tab or the whole view is hidden: no INFO traffic nobody looks at.
    if (this.visible && document.visibilityState === 'visible') this.timer = window.setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    window.clearTimeout(this.timer);
    try {
      const stats = await this.context.host.request('stats', {});
      this.render(stats);
    } catch (error) {
      this.updated.textContent = `Update failed: ${(error as Error).message}`;
    }
    this.schedule();
  }

  private render(stats: StatsSnapshot): void {
    const first = stats.nodes.find((node) => node.role === 'master') ?? stats.nodes[0];
    for (const card of CARDS) {
      const element = this.cards.get(card.id)!;
      element.textContent = card.value(stats, first);
      const raw = card.raw?.(stats, first);
      element.dataset.raw = raw === null || raw === undefined ? '' : String(raw);
    }
    this.updated.textContent = `Updated ${new Date(stats.at).toLocaleTimeString()} · every ${POLL_MS / 1000}s while visible`;
    this.updated.dataset.at = String(stats.at);
    this.history.push([stats.at, stats.totals.usedMemory, stats.totals.opsPerSec, stats.totals.hitRatio ?? 0, stats.totals.connectedClients]);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    this.context.state.update({ statsHistory: this.history });
    this.drawCharts();
    this.renderNodes(stats);
  }

  private drawCharts(): void {
    const series = (index: number) => this.history.map((point): [number, number] => [point[0], point[index]]);
    this.charts.memory.setData(series(1));
    this.charts.ops.setData(series(2));
    this.charts.hits.setData(series(3));
    this.charts.clients.setData(series(4));
  }

  private renderNodes(stats: StatsSnapshot): void {
    if (stats.nodes.length < 2) {
      this.nodes.replaceChildren();
      return;
    }
    const headers = ['Node', 'Role', 'Used memory', 'Ops/sec', 'Clients', 'Keys', 'Hit ratio', 'Replicas', 'Version'];
    const row = (node: NodeStats) =>
      h('tr', { dataset: { node: node.address } }, ...[node.address, node.role, formatBytes(node.usedMemory), formatCount(node.opsPerSec), formatCount(node.connectedClients), formatCount(node.keys), formatPercent(node.hitRatio), String(node.connectedReplicas), node.redisVersion].map((text) => h('td', {}, text)));
    const totals = stats.totals;
    this.nodes.replaceChildren(
      h('h3', {}, 'Nodes'),
      h(
        'table',
        { class: 'data-table', 'aria-label': 'Nodes' },
        h('thead', {}, h('tr', {}, ...headers.map((title) => h('th', {}, title)))),
        h('tbody', {}, ...stats.nodes.map(row)),
        h('tfoot', {}, h('tr', {}, ...['Total (masters)', '', formatBytes(totals.usedMemory), formatCount(totals.opsPerSec), formatCount(totals.connectedClients), formatCount(totals.keys), formatPercent(totals.hitRatio), '', ''].map((text) => h('td', {}, text)))),
      ),
    );
  }

  private async runDoctor(): Promise<void> {
    this.doctor.replaceChildren(h('p', { class: 'muted' }, 'Asking MEMORY DOCTOR…'));
    try {
      const readings = await this.context.host.request('memoryDoctor', {});
      this.doctor.replaceChildren(h('h3', {}, 'Memory doctor'), ...readings.map((reading) => this.doctorReading(reading, readings.length > 1)));
    } catch (error) {
      this.doctor.replaceChildren(h('p', { class: 'error' }, (error as Error).message));
    }
  }

  /** Our summary and the issues first; the server's reply as a quotation, in its own words, wrapped between words. */
  private doctorReading(reading: MemoryDoctorReading, perNode: boolean): HTMLElement {
    return h(
      'div',
      { class: `doctor-reading verdict-${reading.verdict}`, dataset: { verdict: reading.verdict, node: reading.node } },
      h('p', { class: 'doctor-summary', dataset: { field: 'doctor-summary' } }, perNode ? h('strong', {}, `${reading.node}: `) : null, reading.summary),
      reading.issues.length
        ? h('ul', { class: 'doctor-issues' }, ...reading.issues.map((issue) => h('li', {}, h('strong', {}, issue.title), ' — ', issue.detail)))
        : null,
      h(
        'details',
        { class: 'doctor-words' },
        h('summary', {}, `The server's own words (MEMORY DOCTOR on ${reading.node})`),
        h('blockquote', { dataset: { field: 'doctor-text' } }, reading.serverText),
      ),
    );
  }
}

export const statsTab: TabModule = {
  id: 'stats',
  title: 'Memory & stats',
  icon: 'pulse',
  create: (context) => new StatsTab(context),
};
