/**
 * Keys tab: SCAN with MATCH/TYPE filters in steps (scrolling to the end loads the next step), a virtualized key
 * table with metadata fetched for visible rows only, and the value viewer of the selected key. Two buttons: Scan
 * (start over with the filters) and one that reads "Scan all" while the scan is paused and "Stop" while it runs.
 */
import { LIMITS, type WireBytes } from '../../../src/shared/protocol';
import { countOf } from '../../../src/core/text/plural';
import { button, h, icon } from '../../dom';
import { formatBytes, formatCount, formatTtl } from '../../format';
import { HostError } from '../../host';
import { displayKeyName } from '../../wire';
import { VirtualTable, type Column } from '../../widgets/virtualTable';
import type { TabContext, TabInstance, TabModule } from '../tab';
import { KeyList, ttlLeft } from './keyList';
import { ValueViewer } from './valueViewer';

const FIRST_STEP = 1000;
const ALL_STEP = 20_000;
const TYPES = ['', 'string', 'hash', 'list', 'set', 'zset', 'stream'];

const COLUMNS: Column[] = [
  { id: 'key', title: 'Key', width: 'minmax(140px, 1fr)' },
  { id: 'type', title: 'Type', width: '64px' },
  { id: 'ttl', title: 'TTL', width: '76px', align: 'end' },
  { id: 'memory', title: 'Memory', width: '80px', align: 'end' },
  { id: 'length', title: 'Length', width: '72px', align: 'end' },
];

class KeysTab implements TabInstance {
  readonly element: HTMLElement;
  private readonly list: KeyList;
  private readonly table: VirtualTable;
  private readonly viewer: ValueViewer;
  private readonly pattern: HTMLInputElement;
  private readonly type: HTMLSelectElement;
  private readonly progress: HTMLElement;
  /** "Scan all" while the scan is paused with more to go, "Stop" while it runs, hidden once it is complete. */
  private readonly runButton: HTMLButtonElement;
  private scanId: string | undefined;
  private scanDone = false;
  private scanning = false;
  private cancelled = false;
  /** "Scan all" was asked for: keep stepping until the scan completes or is cancelled. */
  private unbounded = false;
  private generation = 0;
  private started = false;
  private openTimer: number | undefined;
  /** Counts TTLs down once a second while the tab is visible (a TTL shown is live, never a stale figure). */
  private ttlTimer: number | undefined;
  private ticking = false;

  constructor(private readonly context: TabContext) {
    const state = context.state.get();
    this.list = new KeyList(context.host, () => this.table.refresh());
    this.pattern = h('input', { type: 'text', value: state.pattern, placeholder: 'Pattern, e.g. user:*', 'aria-label': 'Key pattern (SCAN MATCH)', dataset: { field: 'pattern' } });
    this.pattern.addEventListener('keydown', (event) => event.key === 'Enter' && this.startScan());
    this.type = h('select', { 'aria-label': 'Key type (SCAN TYPE)', dataset: { field: 'type-filter' } }, ...TYPES.map((type) => h('option', { value: type, selected: type === state.type }, type || 'All types')));
    this.type.addEventListener('change', () => this.startScan());
    this.progress = h('span', { class: 'progress', role: 'status', 'aria-live': 'polite', dataset: { field: 'progress' } });
    this.runButton = button('Scan all', { icon: 'list-flat', id: 'scan-all', onClick: () => (this.scanning ? this.cancel() : void this.scanAll()) });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      this.pattern,
      this.type,
      button('Scan', { icon: 'search', primary: true, id: 'scan', onClick: () => this.startScan() }),
      this.runButton,
      this.progress,
    );
    // The sidebar is narrow: key, type and TTL only (memory and length show in the viewer header).
    const narrow = document.body.dataset.surface === 'sidebar';
    this.table = new VirtualTable({
      label: 'Keys',
      columns: narrow ? COLUMNS.filter((column) => ['key', 'type', 'ttl'].includes(column.id)) : COLUMNS,
      cell: (row, column) => this.cellText(row, column.id),
      cellClass: (row, column) => (column.id === 'type' ? `type-${this.list.metaOf(row)?.type ?? 'unknown'}` : column.id === 'key' && this.list.keys[row]?.startsWith('b') ? 'binary' : undefined),
      onSelect: (row) => this.scheduleOpen(row),
      onActivate: (row) => this.openRow(row),
      onRangeRendered: (first, last) => {
        this.list.visible(first, last);
        // A TTL tick re-renders the same rows: that is no reason to scan on (it would undo Stop).
        const tick = this.ticking;
        this.ticking = false;
        if (tick) return;
        // Reaching the end of what was scanned loads the next slice, like an endless list.
        if (last >= this.list.keys.length - 1 && !this.scanDone && !this.scanning && this.started) void this.scanMore(FIRST_STEP);
      },
    });
    this.table.element.dataset.table = 'keys';
    this.viewer = new ValueViewer(context, {
      keyChanged: (key, meta) => this.keyChanged(key, meta),
    });
    this.element = h('section', { class: 'tab keys-tab', 'aria-label': 'Keys' }, toolbar, h('div', { class: 'split' }, h('div', { class: 'pane keys-pane' }, this.table.element), this.viewer.element));
    if (state.selectedKey) this.viewer.open(state.selectedKey);
  }

  show(): void {
    window.clearInterval(this.ttlTimer);
    this.ttlTimer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      this.ticking = true;
      this.table.refresh();
      this.viewer.tick();
    }, 1000);
    if (!this.started) {
      this.started = true;
      this.startScan();
    }
  }

  hide(): void {
    // A running "scan all" keeps going in the background only while the tab is open.
    window.clearInterval(this.ttlTimer);
  }

  dispose(): void {
    window.clearInterval(this.ttlTimer);
    this.cancel();
  }

  openKey(key: WireBytes): void {
    this.viewer.open(key);
    this.context.state.update({ selectedKey: key });
  }

  private cellText(row: number, column: string): string {
    const key = this.list.keys[row];
    if (column === 'key') return key === undefined ? '' : displayKeyName(key, 300);
    const meta = this.list.metaOf(row);
    if (!meta) return '';
    if (column === 'type') return meta.type;
    if (column === 'ttl') return formatTtl(ttlLeft(meta));
    if (column === 'memory') return formatBytes(meta.memory);
    return meta.length === null ? '' : formatCount(meta.length);
  }

  private scheduleOpen(row: number): void {
    window.clearTimeout(this.openTimer);
    // Arrow keys move quickly through rows: open only where the selection rests.
    this.openTimer = window.setTimeout(() => this.openRow(row), 120);
  }

  private openRow(row: number): void {
    window.clearTimeout(this.openTimer);
    const key = this.list.keys[row];
    if (key !== undefined) this.openKey(key);
  }

  private keyChanged(key: WireBytes, change: 'deleted' | 'renamed' | 'updated'): void {
    const row = this.list.keys.indexOf(key);
    if (row < 0) return;
    if (change === 'deleted' || change === 'renamed') {
      this.list.removeRow(row);
      this.table.setRowCount(this.list.keys.length);
    }
    if (change === 'updated') void this.context.host.request('keyMeta', { keys: [key] }).then(([meta]) => {
      this.list.setMeta(row, meta);
      this.table.refresh();
    }, () => undefined);
  }

  startScan(): void {
    this.context.state.update({ pattern: this.pattern.value, type: this.type.value });
    if (this.scanId) void this.context.host.request('cancelScan', { scanId: this.scanId }).catch(() => undefined);
    this.generation++;
    this.scanId = undefined;
    this.scanDone = false;
    this.scanning = false;
    this.unbounded = false;
    this.list.reset();
    this.table.setRowCount(0);
    this.progress.textContent = 'Scanning…';
    this.progress.dataset.found = '0';
    this.progress.dataset.done = 'false';
    const started = performance.now();
    performance.mark('keys-scan-start');
    void this.scanMore(FIRST_STEP).then(() => {
      // Rendered rows are the user-visible milestone: record it for the UI tests and the benchmark.
      this.table.renderNow();
      document.body.dataset.firstKeysMs = String(Math.round(performance.now() - started));
      document.body.dataset.firstKeysCount = String(this.list.keys.length);
    });
  }

  /** Scan until `want` more keys arrived (a few host steps at most), or the scan is done or cancelled. */
  private async scanMore(want: number, maxSteps = 5): Promise<void> {
    if (this.scanning || this.scanDone) return;
    const generation = this.generation;
    this.scanning = true;
    this.cancelled = false;
    this.updateRunButton();
    const target = this.list.keys.length + want;
    try {
      for (let step = 0; (this.unbounded || (step < maxSteps && this.list.keys.length < target)) && !this.cancelled && !this.scanDone; step++) {
        const result = await this.context.host.request('scanKeys', {
          ...(this.scanId ? { scanId: this.scanId } : {}),
          pattern: this.pattern.value || '*',
          type: this.type.value,
          want: this.unbounded ? ALL_STEP : Math.max(1, Math.min(target - this.list.keys.length, ALL_STEP)),
        });
        if (generation !== this.generation) return;
        this.scanId = result.scanId;
        this.scanDone = result.done;
        this.list.append(result.keys);
        this.table.setRowCount(this.list.keys.length);
        this.showProgress(result.scanned, result.total);
        if (this.list.keys.length >= LIMITS.maxLoadedKeys) {
          this.cancel();
          this.context.notify(`Stopped at ${formatCount(this.list.keys.length)} keys: narrow the pattern or type to see the rest.`, 'error');
        }
      }
    } catch (error) {
      if (generation === this.generation && !(error instanceof HostError && error.reply.code === 'NOT_CONNECTED')) {
        this.context.notify(`Scan failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
      }
    } finally {
      if (generation === this.generation) {
        this.scanning = false;
        this.updateRunButton();
      }
    }
  }

  /** Keep scanning to the end; a scan already running just continues past its target. */
  private async scanAll(): Promise<void> {
    this.unbounded = true;
    this.showProgress(Number(this.progress.dataset.scanned ?? 0), Number(this.progress.dataset.total ?? 0));
    if (!this.scanning) await this.scanMore(ALL_STEP);
  }

  private cancel(): void {
    this.cancelled = true;
    this.unbounded = false;
  }

  private updateRunButton(): void {
    const label = this.scanning ? 'Stop' : 'Scan all';
    this.runButton.hidden = this.scanDone && !this.scanning;
    this.runButton.dataset.action = this.scanning ? 'stop-scan' : 'scan-all';
    this.runButton.title = this.scanning ? 'Stop scanning (scroll down or Scan all to continue)' : 'Scan to the end of the keyspace';
    this.runButton.setAttribute('aria-label', label);
    this.runButton.replaceChildren(icon(this.scanning ? 'debug-stop' : 'list-flat'), h('span', {}, label));
  }

  private showProgress(scanned: number, total: number): void {
    const found = formatCount(this.list.keys.length);
    const state = this.scanDone ? 'complete' : this.cancelled ? 'paused' : this.unbounded ? 'scanning all…' : '';
    this.progress.textContent = `${countOf(this.list.keys.length, 'key')} · scanned ~${formatCount(scanned)} of ~${formatCount(total)}${state ? ` · ${state}` : ''}`;
    this.progress.dataset.found = String(this.list.keys.length);
    this.progress.dataset.scanned = String(scanned);
    this.progress.dataset.total = String(total);
    this.progress.dataset.done = String(this.scanDone);
  }
}

export const keysTab: TabModule = {
  id: 'keys',
  title: 'Keys',
  icon: 'key',
  create: (context) => new KeysTab(context),
};
