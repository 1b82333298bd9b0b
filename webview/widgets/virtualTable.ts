/**
 * A virtualized grid: only the rows in view exist in the DOM (a recycled pool), so a million rows scroll as
 * smoothly as a hundred. Rows have a fixed height; beyond the browser's maximum element height the scroll
 * position is mapped proportionally. Keyboard: arrows, Page Up/Down, Home/End, Enter.
 */
import { h } from '../dom';

export interface Column {
  id: string;
  title: string;
  /** A CSS grid track size: "minmax(120px, 1fr)", "90px". */
  width: string;
  align?: 'start' | 'end';
  /** Header click sorts by this column (the owner does the sorting). */
  sortable?: boolean;
}

export interface VirtualTableOptions {
  label: string;
  columns: Column[];
  rowHeight?: number;
  /** Text of a cell (called only for rendered rows). */
  cell(row: number, column: Column): string;
  /** Optional extra class for a cell, e.g. "muted" or "type-hash". */
  cellClass?(row: number, column: Column): string | undefined;
  onSelect?(row: number): void;
  onActivate?(row: number): void;
  /** Called after each render with the visible range, e.g. to fetch metadata for those rows lazily. */
  onRangeRendered?(first: number, last: number): void;
  onSort?(column: Column): void;
  /** Extra controls in a row (edit/delete buttons), created per rendered row. */
  rowActions?(row: number): HTMLElement | null;
}

const MAX_SCROLL_HEIGHT = 8_000_000;

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private readonly rowHeight: number;
  private rowCount = 0;
  private selected = -1;
  private frame = 0;
  private sortState: { column: string; descending: boolean } | undefined;
  private readonly header: HTMLElement;

  constructor(private readonly options: VirtualTableOptions) {
    this.rowHeight = options.rowHeight ?? 22;
    const template = options.columns.map((column) => column.width).join(' ') + (options.rowActions ? ' auto' : '');
    this.header = h(
      'div',
      { class: 'vt-header', role: 'row' },
      ...options.columns.map((column) =>
        h(
          'div',
          {
            class: `vt-cell vt-head${column.align === 'end' ? ' end' : ''}${column.sortable ? ' sortable' : ''}`,
            role: 'columnheader',
            dataset: { column: column.id },
            on: column.sortable ? { click: () => options.onSort?.(column) } : {},
          },
          column.title,
        ),
      ),
      options.rowActions ? h('div', { class: 'vt-cell vt-head', role: 'columnheader' }, '') : null,
    );
    this.header.style.gridTemplateColumns = template;
    this.spacer = h('div', { class: 'vt-spacer' });
    this.layer = h('div', { class: 'vt-layer', role: 'rowgroup' });
    this.viewport = h('div', { class: 'vt-viewport' }, this.spacer, this.layer);
    this.element = h('div', { class: 'vt', role: 'grid', tabIndex: 0, 'aria-label': options.label, 'aria-rowcount': '0' }, this.header, this.viewport);
    this.element.dataset.template = template;
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get count(): number {
    return this.rowCount;
  }

  get selectedRow(): number {
    return this.selected;
  }

  setRowCount(count: number): void {
    this.rowCount = count;
    if (this.selected >= count) this.selected = count - 1;
    this.spacer.style.height = `${Math.min(count * this.rowHeight, MAX_SCROLL_HEIGHT)}px`;
    this.element.setAttribute('aria-rowcount', String(count));
    this.schedule();
  }

  /** Re-render the visible rows now (e.g. their metadata arrived). */
  refresh(): void {
    this.schedule();
  }

  setSortIndicator(column: string | undefined, descending: boolean): void {
    this.sortState = column ? { column, descending } : undefined;
    for (const head of Array.from(this.header.querySelectorAll<HTMLElement>('[data-column]'))) {
      head.dataset.sort = this.sortState?.column === head.dataset.column ? (descending ? 'desc' : 'asc') : '';
      head.setAttribute('aria-sort', head.dataset.sort === 'desc' ? 'descending' : head.dataset.sort === 'asc' ? 'ascending' : 'none');
    }
  }

  select(row: number, options: { activate?: boolean; scroll?: boolean } = {}): void {
    if (this.rowCount === 0) return;
    this.selected = Math.max(0, Math.min(row, this.rowCount - 1));
    if (options.scroll !== false) this.scrollIntoView(this.selected);
    this.options.onSelect?.(this.selected);
    if (options.activate) this.options.onActivate?.(this.selected);
    this.schedule();
  }

  focus(): void {
    this.element.focus();
  }

  private visibleCount(): number {
    return Math.max(1, Math.ceil(this.viewport.clientHeight / this.rowHeight));
  }

  /** First row shown for the current scroll position (proportional when the height is capped). */
  private firstRow(): number {
    const total = this.rowCount * this.rowHeight;
    const top = this.viewport.scrollTop;
    if (total <= MAX_SCROLL_HEIGHT) return Math.floor(top / this.rowHeight);
    const maxTop = MAX_SCROLL_HEIGHT - this.viewport.clientHeight;
    return Math.floor((top / Math.max(1, maxTop)) * Math.max(0, this.rowCount - this.visibleCount()));
  }

  private scrollIntoView(row: number): void {
    const total = this.rowCount * this.rowHeight;
    const visible = this.visibleCount();
    const first = this.firstRow();
    if (row >= first && row < first + visible - 1) return;
    const target = row < first ? row : row - visible + 2;
    if (total <= MAX_SCROLL_HEIGHT) this.viewport.scrollTop = Math.max(0, target) * this.rowHeight;
    else this.viewport.scrollTop = (Math.max(0, target) / Math.max(1, this.rowCount - visible)) * (MAX_SCROLL_HEIGHT - this.viewport.clientHeight);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Render synchronously (tests and benchmarks measure the first paint of rows). */
  renderNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  private render(): void {
    const first = Math.min(this.firstRow(), Math.max(0, this.rowCount - 1));
    const count = Math.min(this.visibleCount() + 1, Math.max(0, this.rowCount - first));
    const total = this.rowCount * this.rowHeight;
    const offset = total <= MAX_SCROLL_HEIGHT ? first * this.rowHeight : this.viewport.scrollTop;
    this.layer.style.transform = `translateY(${offset}px)`;
    while (this.pool.length < count) this.pool.push(this.createRow());
    for (let index = 0; index < this.pool.length; index++) {
      const rowElement = this.pool[index];
      if (index >= count) {
        rowElement.hidden = true;
        continue;
      }
      this.fillRow(rowElement, first + index);
    }
    if (count > 0) this.options.onRangeRendered?.(first, first + count - 1);
  }

  private createRow(): HTMLElement {
    const row = h('div', { class: 'vt-row', role: 'row' });
    row.style.gridTemplateColumns = this.element.dataset.template ?? '';
    row.style.height = `${this.rowHeight}px`;
    for (const column of this.options.columns) row.appendChild(h('div', { class: `vt-cell${column.align === 'end' ? ' end' : ''}`, role: 'gridcell' }));
    if (this.options.rowActions) row.appendChild(h('div', { class: 'vt-cell vt-actions', role: 'gridcell' }));
    row.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('button')) return;
      this.select(Number(row.dataset.row), { activate: true, scroll: false });
    });
    this.layer.appendChild(row);
    return row;
  }

  private fillRow(rowElement: HTMLElement, row: number): void {
    rowElement.hidden = false;
    const changedRow = rowElement.dataset.row !== String(row);
    rowElement.dataset.row = String(row);
    rowElement.setAttribute('aria-rowindex', String(row + 1));
    rowElement.classList.toggle('selected', row === this.selected);
    rowElement.setAttribute('aria-selected', String(row === this.selected));
    const cells = rowElement.children;
    this.options.columns.forEach((column, index) => {
      const cell = cells[index] as HTMLElement;
      const text = this.options.cell(row, column);
      if (cell.textContent !== text) {
        cell.textContent = text;
        cell.title = text.length > 40 ? text.slice(0, 1000) : '';
      }
      const extra = this.options.cellClass?.(row, column);
      const className = `vt-cell${column.align === 'end' ? ' end' : ''}${extra ? ` ${extra}` : ''}`;
      if (cell.className !== className) cell.className = className;
    });
    if (this.options.rowActions && changedRow) {
      const actions = cells[this.options.columns.length] as HTMLElement;
      actions.replaceChildren(...[this.options.rowActions(row)].filter((node): node is HTMLElement => node !== null));
    }
  }

  /** Rebuild row action buttons (e.g. after rows were replaced). */
  resetRows(): void {
    for (const row of this.pool) delete row.dataset.row;
    this.schedule();
  }

  private onKey(event: KeyboardEvent): void {
    if ((event.target as HTMLElement) !== this.element) return;
    const page = this.visibleCount() - 1;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) this.select((this.selected < 0 ? -1 : this.selected) + moves[event.key]);
    else if (event.key === 'Home') this.select(0);
    else if (event.key === 'End') this.select(this.rowCount - 1);
    else if (event.key === 'Enter' && this.selected >= 0) this.options.onActivate?.(this.selected);
    else return;
    event.preventDefault();
  }
}
