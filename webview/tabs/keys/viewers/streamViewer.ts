/** Stream values: entries newest first, paged with XREVRANGE; consumer groups with consumers and pending counts; add entries. */
import type { StreamEntry, StreamGroup } from '../../../../src/shared/protocol';
import { button, h } from '../../../dom';
import { formatCount, formatDuration } from '../../../format';
import { displayText, textToWire } from '../../../wire';
import { inlineForm } from '../../../widgets/inlineForm';
import { VirtualTable } from '../../../widgets/virtualTable';
import type { BodyViewer, ViewerContext } from '../valueViewer';

const PAGE = 200;

export class StreamViewer implements BodyViewer {
  readonly element: HTMLElement;
  private entries: StreamEntry[] = [];
  private before: string | null = null;
  private finished = false;
  private loading = false;
  private generation = 0;
  private readonly table: VirtualTable;
  private readonly groups: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly forms: HTMLElement;

  constructor(private readonly context: ViewerContext) {
    this.table = new VirtualTable({
      label: 'Stream entries',
      columns: [
        { id: 'id', title: 'Entry ID', width: '190px' },
        { id: 'fields', title: 'Fields', width: 'minmax(160px, 1fr)' },
      ],
      cell: (row, column) => {
        const entry = this.entries[row];
        if (!entry) return '';
        if (column.id === 'id') return entry.id;
        return entry.fields.map(([field, value]) => `${displayText(field, 60)}=${displayText(value, 120)}`).join('  ');
      },
      onSelect: (row) => this.showDetail(row),
      onRangeRendered: (_first, last) => {
        if (last >= this.entries.length - 1 && !this.finished && !this.loading) void this.loadPage();
      },
    });
    this.table.element.dataset.table = 'stream';
    this.groups = h('div', { class: 'stream-groups', dataset: { field: 'groups' } });
    this.detail = h('pre', { class: 'value-text detail', dataset: { field: 'detail' } });
    this.forms = h('div', { class: 'forms' });
    this.element = h(
      'div',
      { class: 'value-body stream-viewer', dataset: { viewer: 'stream' } },
      h('div', { class: 'toolbar' }, context.editable ? button('Add entry', { icon: 'add', edit: true, id: 'add-entry', onClick: () => void this.addEntry() }) : null),
      this.forms,
      this.table.element,
      this.detail,
      this.groups,
    );
    void this.loadPage();
    void this.loadGroups();
  }

  dispose(): void {
    this.generation++;
  }

  private async loadPage(): Promise<void> {
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await this.context.host.request('readStream', { key: this.context.key, before: this.before, count: PAGE });
      if (generation !== this.generation) return;
      this.entries.push(...page.entries);
      this.before = page.nextBefore;
      this.finished = page.nextBefore === null;
      this.table.setRowCount(this.entries.length);
    } catch (error) {
      this.context.notify(`Reading the stream failed: ${(error as Error).message}`, 'error');
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private async loadGroups(): Promise<void> {
    let groups: StreamGroup[];
    try {
      groups = await this.context.host.request('streamGroups', { key: this.context.key });
    } catch (error) {
      this.groups.replaceChildren(h('div', { class: 'error' }, (error as Error).message));
      return;
    }
    if (groups.length === 0) {
      this.groups.replaceChildren(h('div', { class: 'muted' }, 'No consumer groups.'));
      return;
    }
    const table = h(
      'table',
      { class: 'data-table', 'aria-label': 'Consumer groups' },
      h('thead', {}, h('tr', {}, ...['Group', 'Consumers', 'Pending', 'Last delivered', 'Lag'].map((title) => h('th', {}, title)))),
      h(
        'tbody',
        {},
        ...groups.flatMap((group) => [
          h('tr', { dataset: { group: group.name } }, h('td', {}, group.name), h('td', {}, String(group.consumers.length)), h('td', { dataset: { field: 'pending' } }, formatCount(group.pending)), h('td', {}, group.lastDeliveredId), h('td', {}, group.lag === null ? '—' : formatCount(group.lag))),
          ...group.consumers.map((consumer) =>
            h('tr', { class: 'consumer', dataset: { consumer: consumer.name } }, h('td', {}, `↳ ${consumer.name}`), h('td', {}, ''), h('td', {}, formatCount(consumer.pending)), h('td', { colSpan: 2 }, `idle ${formatDuration(consumer.idleMs)}`)),
          ),
        ]),
      ),
    );
    this.groups.replaceChildren(h('h3', {}, 'Consumer groups'), table);
  }

  private showDetail(row: number): void {
    const entry = this.entries[row];
    if (entry) this.detail.textContent = `${entry.id}\n` + entry.fields.map(([field, value]) => `${displayText(field)}: ${displayText(value, 64 * 1024)}`).join('\n');
  }

  private async addEntry(): Promise<void> {
    const values = await inlineForm(this.forms, 'Add entry', [{ name: 'fields', label: 'One field=value per line', multiline: true }], 'Add');
    if (!values) return;
    const fields = values.fields
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line): [string, string] => [textToWire(line.slice(0, line.indexOf('='))), textToWire(line.slice(line.indexOf('=') + 1))]);
    if (fields.length === 0) {
      this.context.notify('Enter at least one field=value line.', 'error');
      return;
    }
    if (!(await this.context.edit({ op: 'streamAdd', fields }))) return;
    this.generation++;
    this.entries = [];
    this.before = null;
    this.finished = false;
    this.loading = false;
    this.table.setRowCount(0);
    void this.loadPage();
    void this.loadGroups();
  }
}
