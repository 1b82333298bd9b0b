/**
 * Analysis tab: the latest memory analysis of the connection — a namespace treemap by memory (click to drill
 * down), bars for types and TTL buckets, size percentiles, top keys, namespaces with links to the code that
 * writes them, and the recommendations with evidence and actions. Exports Markdown and JSON via the host.
 * Two methods: live (key by key) or from a snapshot streamed over replication, which adds what only an RDB has.
 */
import type { LinkedWriteSite, MemoryReport, NamespaceNode, RdbSourceSummary } from '../../src/core/memory/types';
import type { AnalysisMethod, AnalysisView } from '../../src/shared/analysisProtocol';
import '../../src/shared/analysisProtocol';
import { button, clear, h } from '../dom';
import { formatBytes, formatCount, formatTtl } from '../format';
import type { TabContext, TabInstance, TabModule } from '../tabs/tab';
import { renderTreemap } from './treemap';

function bars(title: string, rows: Array<{ label: string; value: number; text: string }>): HTMLElement {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return h(
    'div',
    { class: 'analysis-bars', dataset: { chart: title } },
    h('h3', {}, title),
    ...rows.map((row) => {
      const bar = h('div', { class: 'bar' });
      Object.assign(bar.style, { width: `${(100 * row.value) / max}%`, height: '8px', background: 'var(--vscode-charts-blue)' });
      return h('div', { class: 'bar-row', title: row.text }, h('span', { class: 'bar-label' }, row.label), bar, h('span', { class: 'muted' }, row.text));
    }),
  );
}

function table(header: string[], rows: Array<Array<string | HTMLElement>>, field: string): HTMLElement {
  return h(
    'table',
    { class: 'analysis-table', dataset: { table: field } },
    h('thead', {}, h('tr', {}, ...header.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;

/** Cluster slot skew (Valkey's CLUSTER SLOT-STATS): each master's share of keys against an even one, then the hottest slots. */
function slotSkewSection(report: MemoryReport): HTMLElement[] {
  const skew = report.slotSkew;
  if (!skew) return [];
  const hot = (label: string, slots: typeof skew.hottestByKeys | undefined, unit: string) =>
    (slots ?? []).map((s) => [label, String(s.slot), s.node, `${formatCount(s.value)}${unit}`, percent(s.share)]);
  return [
    h('h3', {}, 'Cluster slots'),
    h('p', { class: 'muted', dataset: { field: 'slot-skew' } },
      `${formatCount(skew.totalKeys)} keys in ${formatCount(skew.slotsWithKeys)} of ${formatCount(skew.slotsReported)} slots; the fullest slot holds ${skew.maxToMeanKeys.toFixed(1)}× the average per slot.`),
    table(['master', 'slots', 'keys', 'share of keys', 'even share'], skew.masters.map((m) => [m.node, formatCount(m.slots), formatCount(m.keys), percent(m.keyShare), percent(m.evenShare)]), 'slot-masters'),
    table(['hottest by', 'slot', 'master', 'value', 'share'], [
      ...hot('keys', skew.hottestByKeys, ' keys'), ...hot('CPU', skew.hottestByCpu, ' µs'), ...hot('network', skew.hottestByNetwork, ' B'),
    ], 'hot-slots'),
  ];
}

/** The two methods, each with what it costs the server and what it gives (one line each). */
const METHODS: Array<{ id: AnalysisMethod; label: string; explanation: string }> = [
  {
    id: 'live',
    label: 'Live (SCAN + MEMORY USAGE)',
    explanation: 'Asks the server about every key, in small bounded batches: exact sizes and no extra permission, but each key costs its main thread a little, and before Redis 7.2 reading a key resets its LRU idle time.',
  },
  {
    id: 'snapshot',
    label: 'From a snapshot (RDB over replication)',
    explanation: 'The server forks and streams an RDB, parsed here as it arrives: no per-key work on its main thread, no LRU touched; needs the SYNC permission (+sync +replconf) and memory for the fork. Adds idle time / LFU per key and keys already expired; sizes are modelled from encodings.',
  },
];

/** What only a snapshot tells: where it came from, keys already expired, idle times (LRU) and LFU counters. */
function rdbSection(rdb: RdbSourceSummary, nodes: MemoryReport['nodes']): HTMLElement {
  const from = rdb.source === 'file' ? `the RDB file ${rdb.origin}` : `a snapshot streamed from ${rdb.origin}`;
  const server = [rdb.redisVersion ? `Redis ${rdb.redisVersion}` : '', rdb.valkeyVersion ? `Valkey ${rdb.valkeyVersion}` : ''].filter(Boolean).join(', ');
  const taken = rdb.snapshotTime ? `, taken ${new Date(rdb.snapshotTime).toLocaleString()}` : '';
  const databases = Object.entries(rdb.keysByDatabase);
  const modules = Object.entries(rdb.moduleTypes);
  return h('div', { class: 'rdb-section', dataset: { section: 'rdb' } },
    h('h3', {}, 'From the snapshot'),
    h('p', { class: 'muted', dataset: { field: 'rdb-source' } }, `Read from ${from} (${formatBytes(rdb.bytes)}, RDB ${rdb.rdbVersion}${server ? `, ${server}` : ''}${taken}). Sizes: ${rdb.sizeModel}.`),
    h('div', { class: 'cards' },
      h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Already expired (not counted)'), h('div', { class: 'card-value', dataset: { stat: 'rdb-expired' } }, `${formatCount(rdb.expiredKeys)} keys, ${formatBytes(rdb.expiredMemoryBytes)}`)),
      ...(databases.length > 1 ? [h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Keys per database'), h('div', { class: 'card-value' }, databases.map(([db, n]) => `db${db} ${formatCount(n)}`).join(', ')))] : []),
      ...(rdb.functionLibraries ? [h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Function libraries'), h('div', { class: 'card-value' }, formatCount(rdb.functionLibraries)))] : []),
      ...(modules.length ? [h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Module types'), h('div', { class: 'card-value' }, modules.map(([name, n]) => `${name} ${formatCount(n)}`).join(', ')))] : []),
    ),
    rdb.idle
      ? bars('Idle time (LRU)', rdb.idle.map((b) => ({ label: b.bucket, value: b.memoryBytes, text: `${formatCount(b.keys)} keys, ${formatBytes(b.memoryBytes)}` })))
      : null,
    rdb.lfu
      ? table(['LFU counter', 'p50', 'p90', 'p99', 'max'], [['all keys', String(rdb.lfu.p50), String(rdb.lfu.p90), String(rdb.lfu.p99), String(rdb.lfu.max)]], 'rdb-lfu')
      : null,
    // The server writes idle times only under an LRU maxmemory-policy and LFU counters only under an LFU one.
    !rdb.idle && !rdb.lfu ? h('p', { class: 'muted', dataset: { note: 'rdb-no-lru' } }, 'No idle times or LFU counters: the server writes them into a snapshot only when its maxmemory-policy is an LRU or LFU one.') : null,
    // A Cluster: one snapshot per master, read in parallel.
    nodes.length > 1 ? table(['master', 'keys', 'memory'], nodes.map((n) => [n.node, formatCount(n.keys), formatBytes(n.memoryBytes)]), 'rdb-nodes') : null,
  );
}

class AnalysisTab implements TabInstance {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'analysis-body' });
  private readonly status = h('span', { class: 'muted', dataset: { field: 'analysis-status' } });
  private current: AnalysisView | null = null;
  private method: AnalysisMethod;
  /** Why the last run gave nothing to show (a refused snapshot), shown above the report until the next run. */
  private failure: string | undefined;
  /** Drill-down path in the treemap (patterns). */
  private path: NamespaceNode[] = [];

  constructor(private readonly context: TabContext) {
    this.method = context.state.get().analysisMethod ?? 'live';
    this.element = h(
      'section',
      { class: 'tab analysis-tab', 'aria-label': 'Memory analysis' },
      h(
        'div',
        { class: 'toolbar' },
        button('Analyze', { icon: 'graph', primary: true, id: 'run-analysis', onClick: () => void this.run() }),
        button('Export Markdown', { icon: 'markdown', id: 'export-markdown', onClick: () => void this.export('markdown') }),
        button('Export JSON', { icon: 'json', id: 'export-json', onClick: () => void this.export('json') }),
        this.status,
      ),
      this.methodChoice(),
      this.body,
    );
  }

  private methodChoice(): HTMLElement {
    return h('fieldset', { class: 'analysis-method', dataset: { field: 'analysis-method' } },
      h('legend', {}, 'Method'),
      ...METHODS.map((method) => h('div', { class: 'analysis-method-option' },
        h('label', {},
          h('input', { type: 'radio', name: 'analysis-method', value: method.id, checked: method.id === this.method, dataset: { method: method.id },
            on: { change: () => { this.method = method.id; this.context.state.update({ analysisMethod: method.id }); } } }),
          ` ${method.label}`),
        h('div', { class: 'muted analysis-method-explanation' }, method.explanation))));
  }

  show(): void {
    void this.load();
  }

  hide(): void {}

  /** True while a run started here is in flight: its own reply renders the result (a reload would re-render twice). */
  private running = false;

  refresh(): void {
    if (!this.running) void this.load();
  }

  dispose(): void {}

  private async load(): Promise<void> {
    try {
      this.current = await this.context.host.request('memoryAnalysis', {});
      this.render();
    } catch (error) {
      this.context.notify(`Could not read the analysis: ${(error as Error).message}`, 'error');
    }
  }

  private async run(): Promise<void> {
    const method = this.method;
    this.status.textContent = method === 'snapshot' ? 'Reading a snapshot… (progress and cancel in the notification)' : 'Analyzing… (progress and cancel in the notification)';
    this.running = true;
    this.failure = undefined;
    try {
      this.current = await this.context.host.request('runMemoryAnalysis', { method });
      this.path = [];
      this.render();
    } catch (error) {
      // Said here, next to the method the user chose, until the next run: a notification alone passes by.
      this.failure = (error as Error).message;
      this.render();
      this.context.notify(`Analysis failed: ${(error as Error).message}`, 'error');
    } finally {
      this.running = false;
    }
  }

  private async export(format: 'markdown' | 'json'): Promise<void> {
    const { savedTo } = await this.context.host.request('exportAnalysis', { format });
    if (savedTo) this.context.notify(`Saved to ${savedTo}`);
  }

  private render(): void {
    clear(this.body);
    if (this.failure) this.body.appendChild(h('p', { class: 'error', role: 'alert', dataset: { field: 'analysis-error' } }, this.failure));
    const view = this.current;
    if (!view) {
      this.status.textContent = 'No analysis yet for this connection.';
      this.body.appendChild(h('p', { class: 'muted' }, 'Choose a method and run Analyze (with progress and cancel) for sizes by namespace, type and TTL, and recommendations.'));
      return;
    }
    const report = view.report;
    const s = report.sampling;
    const how = report.rdb ? 'from a snapshot' : s.mode === 'full' ? 'full scan' : `sample of ${formatCount(s.inspectedKeys)}, ±${formatBytes(s.totalMemoryMarginBytes)}`;
    this.status.textContent = `${view.complete ? '' : `Partial (${report.incompleteReason ?? 'cancelled'}) · `}${report.sizeEstimate ? 'sizes estimated · ' : ''}${how} · ${new Date(view.finishedAt).toLocaleString()}`;
    // Estimates and side effects stay visible next to the figures they qualify, not only in a passing notification.
    const notes = [
      ...(report.sizeEstimate ? [`Sizes are estimates from type, encoding and length: ${report.sizeEstimate.reason}.`] : []),
      ...(report.warnings ?? []),
    ];
    for (const note of notes) this.body.appendChild(h('p', { class: 'muted', dataset: { note: 'analysis' } }, note));
    this.body.append(
      h('div', { class: 'cards' },
        h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Keys'), h('div', { class: 'card-value', dataset: { stat: 'analysis-keys' } }, formatCount(report.totalKeys))),
        h('div', { class: 'card' }, h('div', { class: 'card-label' }, report.sizeEstimate ? 'Memory (estimated)' : 'Memory'), h('div', { class: 'card-value', dataset: { stat: 'analysis-memory' } }, formatBytes(report.totalMemoryBytes))),
        h('div', { class: 'card' }, h('div', { class: 'card-label' }, 'Recommendations'), h('div', { class: 'card-value' }, String(report.recommendations.length))),
      ),
      this.treemapSection(report),
      h('div', { class: 'charts' },
        bars('Types by memory', Object.entries(report.byType).map(([type, t]) => ({ label: type, value: t.memoryBytes, text: `${formatCount(t.keys)} keys, ${formatBytes(t.memoryBytes)}` }))),
        bars('TTL', report.ttlBuckets.map((b) => ({ label: b.bucket, value: b.memoryBytes, text: `${formatCount(b.keys)} keys, ${formatBytes(b.memoryBytes)}` }))),
      ),
      ...slotSkewSection(report),
      report.rdb ? rdbSection(report.rdb, report.nodes) : '',
      h('h3', {}, 'Size percentiles'),
      table(['type', 'p50', 'p90', 'p99', 'max', 'encodings'], Object.entries(report.byType).map(([type, t]) => [type, formatBytes(t.p50), formatBytes(t.p90), formatBytes(t.p99), formatBytes(t.max), Object.entries(report.encodings[type] ?? {}).map(([e, n]) => `${e} ${formatCount(n)}`).join(', ')]), 'percentiles'),
      h('h3', {}, 'Namespaces and the code that writes them'),
      this.namespaceTable(report),
      h('h3', {}, 'Top keys by memory'),
      table(['key', 'type', 'encoding', 'memory', 'length', 'TTL'], report.topKeysByMemory.map((k) => [k.key, k.type, k.encoding, formatBytes(k.memoryBytes), formatCount(k.length), formatTtl(k.ttlMs)]), 'top-keys'),
      h('h3', {}, `Recommendations (${report.recommendations.length})`),
      h('ol', { class: 'recommendations', dataset: { list: 'recommendations' } }, ...report.recommendations.map((r) =>
        h('li', { class: `recommendation severity-${r.severity}`, dataset: { recommendation: r.id } },
          h('strong', {}, `${r.severity.toUpperCase()} · ${r.title}`),
          h('p', {}, h('span', { class: 'muted' }, 'Evidence: '), r.evidence),
          h('p', {}, h('span', { class: 'muted' }, 'Action: '), h('code', {}, r.action)),
          r.writtenAt?.length
            ? h('p', { class: 'recommendation-sites', dataset: { field: 'written-at' } }, h('span', { class: 'muted' }, 'Written at: '),
              ...r.writtenAt.flatMap((site, i) => [i ? ', ' : '', this.codeLink(site, `${site.file}:${site.line} (${site.command} ${site.writes})`)]))
            : null))),
    );
  }

  private treemapSection(report: MemoryReport): HTMLElement {
    const nodes = this.path.length ? this.path[this.path.length - 1].children : report.namespaces;
    const shown = nodes.filter((n) => n.memoryBytes > 0).slice(0, 60);
    const width = Math.max(300, Math.min(900, (this.element.clientWidth || 700) - 24));
    return h(
      'div',
      { class: 'treemap-section' },
      h('div', { class: 'toolbar' },
        h('span', { dataset: { field: 'treemap-path' } }, this.path.length ? this.path[this.path.length - 1].pattern : 'All namespaces'),
        this.path.length ? button('Up', { icon: 'arrow-up', id: 'treemap-up', onClick: () => { this.path.pop(); this.render(); } }) : null),
      renderTreemap(shown.map((n) => ({ label: n.pattern, value: n.memoryBytes, detail: `${formatCount(n.keys)} keys, ${formatBytes(n.memoryBytes)}, ${Math.round(n.ttlShare * 100)} % with TTL` })), width, 240, (i) => {
        if (shown[i].children.length) {
          this.path.push(shown[i]);
          this.render();
        }
      }),
    );
  }

  private namespaceTable(report: MemoryReport): HTMLElement {
    const links = new Map((report.codeLinks ?? []).map((l) => [l.pattern, l]));
    const flat = (nodes: NamespaceNode[]): NamespaceNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
    const rows = flat(report.namespaces).filter((n) => n.depth <= 3 || links.has(n.pattern)).sort((a, b) => b.memoryBytes - a.memoryBytes).slice(0, 50);
    return table(['namespace', 'keys', 'memory', 'average', 'with TTL', 'written at'], rows.map((n) => [
      n.pattern, formatCount(n.keys), formatBytes(n.memoryBytes), formatBytes(n.averageBytes), `${Math.round(n.ttlShare * 100)} %`,
      h('span', {}, ...(links.get(n.pattern)?.sites ?? []).map((site) => this.codeLink(site, `${site.file}:${site.line} (${site.command})`))),
    ]), 'namespaces');
  }

  /** A link that opens the write site in an editor. */
  private codeLink(site: LinkedWriteSite, text: string): HTMLElement {
    return h('a', { href: '#', class: 'code-link', title: `${site.command}${site.setsTtl ? ' with expiry' : ' without expiry'}`, dataset: { codeLink: `${site.file}:${site.line}` },
      on: { click: (event: Event) => { event.preventDefault(); void this.context.host.request('openCodeLocation', { file: site.file, line: site.line, column: site.column }); } } },
      text);
  }
}

export const analysisTab: TabModule = {
  id: 'analysis',
  title: 'Analysis',
  icon: 'graph',
  create: (context) => new AnalysisTab(context),
};
