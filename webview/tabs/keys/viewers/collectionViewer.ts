/**
 * Hash, set, sorted-set and list values: fetched a page at a time (HSCAN/SSCAN/ZSCAN with MATCH, ZRANGE by rank,
 * LRANGE) into a virtualized table, so a million-field hash opens instantly; rows can be added, edited, removed.
 * On servers with hash field expiry (Redis 7.4+) hashes get a TTL column and per-field Set/Remove TTL.
 */
import type { CollectionItem, CollectionPage, CollectionType } from '../../../../src/shared/protocol';
import { button, h } from '../../../dom';
import { countOf, wordFor } from '../../../../src/core/text/plural';
import { formatCount, formatTtl } from '../../../format';
import { displayText, escapedToWire, isBinary, textToWire } from '../../../wire';
import { inlineForm } from '../../../widgets/inlineForm';
import { VirtualTable, type Column } from '../../../widgets/virtualTable';
import type { BodyViewer, ViewerContext } from '../valueViewer';

const PAGE = 200;

const COLUMNS: Record<CollectionType, Column[]> = {
  hash: [{ id: 'item', title: 'Field', width: 'minmax(100px, 1fr)' }, { id: 'value', title: 'Value', width: 'minmax(120px, 2fr)' }],
  set: [{ id: 'item', title: 'Member', width: 'minmax(120px, 1fr)' }],
  zset: [{ id: 'score', title: 'Score', width: '110px', align: 'end' }, { id: 'item', title: 'Member', width: 'minmax(120px, 1fr)' }],
  list: [{ id: 'index', title: 'Index', width: '80px', align: 'end' }, { id: 'item', title: 'Element', width: 'minmax(120px, 1fr)' }],
};

/** Added to the hash columns once the first page says the server has hash field expiry. */
const FIELD_TTL_COLUMN: Column = { id: 'ttl', title: 'TTL', width: '110px', align: 'end' };

/** What one item of each type is called, singular and plural. */
const ITEM_NOUN: Record<CollectionType, [string, string]> = { hash: ['field', 'fields'], set: ['member', 'members'], zset: ['member', 'members'], list: ['element', 'elements'] };

/** Wire bytes for text typed by the user, keeping binary originals binary (\xNN escapes). */
function typed(text: string, likeBinary: boolean): string {
  return likeBinary ? escapedToWire(text) : textToWire(text);
}

export class CollectionViewer implements BodyViewer {
  readonly element: HTMLElement;
  private items: CollectionItem[] = [];
  private cursor: string | null = '0';
  private loading = false;
  private generation = 0;
  private table: VirtualTable;
  /** The server reported hash field TTLs (the TTL column is shown). */
  private fieldTtls = false;
  private readonly filter: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly forms: HTMLElement;

  constructor(
    private readonly context: ViewerContext,
    private readonly type: CollectionType,
  ) {
    this.filter = h('input', { type: 'text', placeholder: type === 'list' ? 'Lists cannot be filtered' : 'Filter (MATCH), e.g. user*', disabled: type === 'list', 'aria-label': 'Filter inside the value', dataset: { field: 'value-filter' } });
    this.filter.addEventListener('keydown', (event) => event.key === 'Enter' && this.reload());
    this.status = h('span', { class: 'muted', dataset: { field: 'value-status' } });
    this.detail = h('pre', { class: 'value-text detail', dataset: { field: 'detail' } });
    this.forms = h('div', { class: 'forms' });
    this.table = this.createTable(COLUMNS[type]);
    this.element = h(
      'div',
      { class: 'value-body collection-viewer', dataset: { viewer: type } },
      h('div', { class: 'toolbar' }, this.filter, button('Apply filter', { icon: 'filter', text: false, id: 'apply-filter', onClick: () => this.reload() }), ...this.addButtons(), this.status),
      this.forms,
      this.table.element,
      this.detail,
    );
    void this.loadPage();
  }

  dispose(): void {
    this.generation++;
  }

  private createTable(columns: Column[]): VirtualTable {
    const table = new VirtualTable({
      label: `${this.type} value`,
      columns,
      cell: (row, column) => this.cellText(row, column.id),
      onSelect: (row) => this.showDetail(row),
      onRangeRendered: (_first, last) => {
        if (last >= this.items.length - 1 && this.cursor !== null && !this.loading) void this.loadPage();
      },
      rowActions: this.context.editable ? (row) => this.actions(row) : undefined,
    });
    table.element.dataset.table = 'value';
    return table;
  }

  /** Columns are fixed per table: the first page that reports field TTLs swaps in a table with the TTL column. */
  private showFieldTtls(): void {
    if (this.fieldTtls) return;
    this.fieldTtls = true;
    const table = this.createTable([...COLUMNS.hash, FIELD_TTL_COLUMN]);
    this.table.element.replaceWith(table.element);
    this.table = table;
  }

  private addButtons(): HTMLElement[] {
    if (!this.context.editable) return [];
    switch (this.type) {
      case 'hash':
        return [button('Add field', { icon: 'add', edit: true, id: 'add-field', onClick: () => void this.editHashField() })];
      case 'set':
        return [button('Add member', { icon: 'add', edit: true, id: 'add-member', onClick: () => void this.addMember() })];
      case 'zset':
        return [button('Add member', { icon: 'add', edit: true, id: 'add-member', onClick: () => void this.addMember() })];
      case 'list':
        return [
          button('Push head', { icon: 'arrow-up', edit: true, id: 'push-head', onClick: () => void this.push('head') }),
          button('Push tail', { icon: 'arrow-down', edit: true, id: 'push-tail', onClick: () => void this.push('tail') }),
        ];
    }
  }

  private cellText(row: number, column: string): string {
    const item = this.items[row];
    if (!item) return '';
    if (column === 'item') return displayText(item.item, 500) + (item.fullBytes && this.type === 'list' ? ' …' : '');
    if (column === 'value') return item.value === undefined ? '' : displayText(item.value, 500) + (item.fullBytes ? ' …' : '');
    if (column === 'score') return item.score ?? '';
    if (column === 'ttl') return formatTtl(item.ttlMs);
    return item.index === undefined ? '' : String(item.index);
  }

  private reload(): void {
    this.generation++;
    this.items = [];
    this.cursor = '0';
    this.loading = false;
    this.table.setRowCount(0);
    this.table.resetRows();
    this.context.state.update({ valueFilter: this.filter.value });
    void this.loadPage();
  }

  /** "3 fields", "200 of 1,000,000 fields loaded · scroll for more", "2 members match": counts that are true. */
  private statusText(): string {
    const noun = ITEM_NOUN[this.type];
    const loaded = this.items.length;
    const total = this.context.meta.length;
    if (this.filter.value) return `${countOf(loaded, noun[0], noun[1])} ${wordFor(loaded, 'matches', 'match')}${this.cursor === null ? '' : ' so far · scroll for more'}`;
    // SSCAN/HSCAN may hand back the last items before the cursor returns to 0: everything is loaded already.
    if (this.cursor === null || (total !== null && loaded >= total)) return countOf(total ?? loaded, noun[0], noun[1]);
    return `${formatCount(loaded)} of ${total === null ? '?' : countOf(total, noun[0], noun[1])} loaded · scroll for more`;
  }

  private async loadPage(): Promise<void> {
    if (this.cursor === null || this.loading) return;
    const generation = this.generation;
    this.loading = true;
    try {
      // A selective MATCH can return few items per call: keep reading until a page is full or the end.
      let fetched = 0;
      while (this.cursor !== null && fetched < PAGE && generation === this.generation) {
        const page: CollectionPage = await this.context.host.request('readCollection', { key: this.context.key, type: this.type, cursor: this.cursor, match: this.type === 'list' ? '' : this.filter.value, count: PAGE });
        if (generation !== this.generation) return;
        if (page.fieldTtls && this.type === 'hash') this.showFieldTtls();
        this.items.push(...page.items);
        fetched += page.items.length;
        this.cursor = page.nextCursor;
        if (!this.filter.value) break;
      }
      this.table.setRowCount(this.items.length);
      this.status.textContent = this.statusText();
    } catch (error) {
      if (generation === this.generation) this.status.textContent = `Failed: ${(error as Error).message}`;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private async showDetail(row: number): Promise<void> {
    const item = this.items[row];
    if (!item) return;
    if (this.type === 'hash' && item.fullBytes) {
      this.detail.textContent = 'Loading the full value…';
      try {
        const full = await this.context.host.request('readHashField', { key: this.context.key, field: item.item });
        this.detail.textContent = displayText(full.value, 512 * 1024);
      } catch (error) {
        this.detail.textContent = (error as Error).message;
      }
      return;
    }
    this.detail.textContent = displayText(item.value ?? item.item, 512 * 1024);
  }

  private actions(row: number): HTMLElement {
    const edit = () => {
      if (this.type === 'hash') return this.editHashField(row);
      if (this.type === 'zset') return this.editScore(row);
      if (this.type === 'list') return this.setListElement(row);
      return Promise.resolve();
    };
    return h(
      'span',
      { class: 'row-actions' },
      this.type !== 'set' ? button('Edit', { icon: 'edit', text: false, edit: true, id: 'edit-row', onClick: () => void edit() }) : null,
      this.fieldTtls ? button('Set field TTL', { icon: 'watch', text: false, edit: true, id: 'field-ttl', onClick: () => void this.setFieldTtl(row) }) : null,
      this.fieldTtls ? this.persistButton(row) : null,
      button('Remove', { icon: 'trash', text: false, edit: true, id: 'remove-row', onClick: () => void this.remove(row) }),
    );
  }

  private async editHashField(row?: number): Promise<void> {
    const item = row === undefined ? undefined : this.items[row];
    let current = item?.value;
    if (item?.fullBytes) current = (await this.context.host.request('readHashField', { key: this.context.key, field: item.item })).value;
    const values = await inlineForm(this.forms, item ? 'Edit field' : 'Add field', [
      { name: 'field', label: 'Field', value: item ? displayText(item.item) : '' },
      { name: 'value', label: 'Value', value: current === undefined ? '' : displayText(current), multiline: true },
    ]);
    if (!values || values.field === '') return;
    const field = typed(values.field, item ? isBinary(item.item) : false);
    const value = typed(values.value, current ? isBinary(current) : false);
    if (!(await this.context.edit({ op: 'hashSet', field, value }))) return;
    if (item && field !== item.item) await this.context.edit({ op: 'hashDelete', field: item.item });
    this.reload();
  }

  /** Remove TTL where the field has one; elsewhere an invisible stand-in, so every row's columns line up. */
  private persistButton(row: number): HTMLElement {
    if ((this.items[row]?.ttlMs ?? -1) >= 0) {
      return button('Remove field TTL', { icon: 'circle-slash', text: false, edit: true, id: 'field-persist', onClick: () => void this.persistField(row) });
    }
    const placeholder = button('Remove field TTL', { icon: 'circle-slash', text: false, onClick: () => undefined });
    placeholder.disabled = true;
    placeholder.setAttribute('aria-hidden', 'true');
    placeholder.style.visibility = 'hidden';
    return placeholder;
  }

  /** HEXPIRE after the host's confirmation (the field is deleted when the TTL runs out). */
  private async setFieldTtl(row: number): Promise<void> {
    const item = this.items[row];
    if (!item) return;
    const current = item.ttlMs !== undefined && item.ttlMs >= 0 ? String(Math.ceil(item.ttlMs / 1000)) : '';
    const values = await inlineForm(this.forms, `TTL of field ${displayText(item.item, 80)}`, [{ name: 'seconds', label: 'Seconds until the field is deleted', value: current, type: 'number' }], 'Set TTL');
    if (!values) return;
    const seconds = Number(values.seconds);
    if (!Number.isInteger(seconds) || seconds < 1) {
      this.context.notify('A field TTL is a whole number of seconds, at least 1 (Remove deletes a field now).', 'error');
      return;
    }
    if (await this.context.edit({ op: 'hashFieldExpire', field: item.item, seconds })) this.reload();
  }

  private async persistField(row: number): Promise<void> {
    const item = this.items[row];
    if (item && (await this.context.edit({ op: 'hashFieldPersist', field: item.item }))) this.reload();
  }

  private async addMember(): Promise<void> {
    const fields = [{ name: 'member', label: 'Member' }, ...(this.type === 'zset' ? [{ name: 'score', label: 'Score', type: 'number' as const, value: '0' }] : [])];
    const values = await inlineForm(this.forms, 'Add member', fields, 'Add');
    if (!values || values.member === '') return;
    const member = textToWire(values.member);
    const applied =
      this.type === 'zset'
        ? Number.isFinite(Number(values.score)) && (await this.context.edit({ op: 'zsetAdd', member, score: Number(values.score) }))
        : await this.context.edit({ op: 'setAdd', member });
    if (applied) this.reload();
  }

  private async editScore(row: number): Promise<void> {
    const item = this.items[row];
    const values = await inlineForm(this.forms, 'Edit score', [{ name: 'score', label: `Score of ${displayText(item.item, 80)}`, value: item.score, type: 'number' }]);
    if (!values || !Number.isFinite(Number(values.score))) return;
    if (await this.context.edit({ op: 'zsetAdd', member: item.item, score: Number(values.score) })) this.reload();
  }

  private async setListElement(row: number): Promise<void> {
    const item = this.items[row];
    if (item.fullBytes) {
      this.context.notify('This element is too large to edit here.', 'error');
      return;
    }
    const values = await inlineForm(this.forms, `Edit element ${item.index}`, [{ name: 'value', label: 'Element', value: displayText(item.item), multiline: true }]);
    if (!values) return;
    if (await this.context.edit({ op: 'listSet', index: item.index ?? row, value: typed(values.value, isBinary(item.item)) })) this.reload();
  }

  private async push(end: 'head' | 'tail'): Promise<void> {
    const values = await inlineForm(this.forms, end === 'head' ? 'Push to head' : 'Push to tail', [{ name: 'value', label: 'Element', multiline: true }], 'Push');
    if (values && (await this.context.edit({ op: 'listPush', end, value: textToWire(values.value) }))) this.reload();
  }

  private async remove(row: number): Promise<void> {
    const item = this.items[row];
    if (!item) return;
    const ops = {
      hash: { op: 'hashDelete', field: item.item },
      set: { op: 'setRemove', member: item.item },
      zset: { op: 'zsetRemove', member: item.item },
      list: { op: 'listRemove', value: item.item, count: 1 },
    } as const;
    if (this.type === 'list' && item.fullBytes) {
      this.context.notify('This element is too large to remove by value here.', 'error');
      return;
    }
    if (!(await this.context.edit(ops[this.type]))) return;
    if (this.type === 'list') return this.reload();
    this.items.splice(row, 1);
    this.table.setRowCount(this.items.length);
    this.table.resetRows();
  }
}
