/** Slowlog & commands tab: SLOWLOG GET (with a confirmed reset), top commands from INFO commandstats, CLIENT LIST sortable. */
import type { ActivitySnapshot, ClientRow, CommandStatRow } from '../../../src/shared/protocol';
import { button, h } from '../../dom';
import { formatBytes, formatCount } from '../../format';
import { VirtualTable, type Column } from '../../widgets/virtualTable';
import type { TabContext, TabInstance, TabModule } from '../tab';

const CLIENT_COLUMNS: Array<Column & { value(row: ClientRow): string | number }> = [
  { id: 'id', title: 'ID', width: '60px', align: 'end', sortable: true, value: (row) => Number(row.id) },
  { id: 'addr', title: 'Address', width: 'minmax(120px, 1fr)', sortable: true, value: (row) => row.addr },
  { id: 'name', title: 'Name', width: 'minmax(80px, 1fr)', sortable: true, value: (row) => row.name },
  { id: 'age', title: 'Age (s)', width: '70px', align: 'end', sortable: true, value: (row) => row.ageSeconds },
  { id: 'idle', title: 'Idle (s)', width: '70px', align: 'end', sortable: true, value: (row) => row.idleSeconds },
  { id: 'db', title: 'DB', width: '40px', align: 'end', sortable: true, value: (row) => row.db },
  { id: 'cmd', title: 'Last command', width: '110px', sortable: true, value: (row) => row.cmd },
  { id: 'memory', title: 'Memory', width: '80px', align: 'end', sortable: true, value: (row) => row.totalMemory },
  { id: 'node', title: 'Node', width: '120px', sortable: true, value: (row) => row.node },
];

type CommandOrder = 'total' | 'perCall';

class ActivityTab implements TabInstance {
  readonly element: HTMLElement;
  private readonly slowlog: HTMLElement;
  private readonly commands: HTMLElement;
  private readonly clientsTable: VirtualTable;
  private clients: ClientRow[] = [];
  private snapshot: ActivitySnapshot | undefined;
  private commandOrder: CommandOrder = 'total';
  private sort: { column: string; descending: boolean };

  constructor(private readonly context: TabContext) {
    this.sort = context.state.get().clientSort ?? { column: 'idle', descending: false };
    this.slowlog = h('div', { class: 'slowlog', dataset: { field: 'slowlog' } });
    this.commands = h('div', { class: 'commands', dataset: { field: 'commands' } });
    this.clientsTable = new VirtualTable({
      label: 'Clients',
      columns: CLIENT_COLUMNS,
      cell: (row, column) => {
        const client = this.clients[row];
        if (!client) return '';
        if (column.id === 'memory') return formatBytes(client.totalMemory);
        return String(CLIENT_COLUMNS.find((candidate) => candidate.id === column.id)!.value(client));
      },
      onSort: (column) => {
        this.sort = { column: column.id, descending: this.sort.column === column.id ? !this.sort.descending : false };
        this.context.state.update({ clientSort: this.sort });
        this.sortClients();
      },
    });
    this.clientsTable.element.dataset.table = 'clients';
    this.element = h(
      'section',
      { class: 'tab activity-tab', 'aria-label': 'Slowlog and commands' },
      h(
        'div',
        { class: 'toolbar' },
        button('Refresh', { icon: 'refresh', id: 'refresh-activity', onClick: () => void this.load() }),
        context.connection.readOnly ? null : button('Reset slowlog', { icon: 'clear-all', edit: true, id: 'reset-slowlog', onClick: () => void this.resetSlowlog() }),
      ),
      h('h3', {}, 'Slow log'),
      this.slowlog,
      h('h3', {}, 'Top commands ', h('span', { class: 'segmented' }, this.orderButton('total', 'by total time'), this.orderButton('perCall', 'by time per call'))),
      this.commands,
      h('h3', {}, 'Clients'),
      h('div', { class: 'clients-pane' }, this.clientsTable.element),
    );
  }

  show(): void {
    void this.load();
  }

  hide(): void {}

  dispose(): void {}

  private orderButton(order: CommandOrder, label: string): HTMLElement {
    return h('button', { type: 'button', class: order === this.commandOrder ? 'active' : '', dataset: { order }, on: { click: () => this.setOrder(order) } }, label);
  }

  private setOrder(order: CommandOrder): void {
    this.commandOrder = order;
    for (const element of Array.from(this.element.querySelectorAll<HTMLElement>('[data-order]'))) element.classList.toggle('active', element.dataset.order === order);
    if (this.snapshot) this.renderCommands(this.snapshot.commands);
  }

  private async load(): Promise<void> {
    try {
      this.snapshot = await this.context.host.request('activity', { slowlogCount: 128 });
    } catch (error) {
      this.context.notify(`Could not read server activity: ${(error as Error).message}`, 'error');
      return;
    }
    this.renderSlowlog(this.snapshot);
    this.renderCommands(this.snapshot.commands);
    this.clients = this.snapshot.clients;
    this.sortClients();
  }

  private renderSlowlog(snapshot: ActivitySnapshot): void {
    if (snapshot.slowlog.length === 0) {
      this.slowlog.replaceChildren(h('div', { class: 'muted' }, 'The slow log is empty.'));
      return;
    }
    this.slowlog.replaceChildren(
      h(
        'table',
        { class: 'data-table', 'aria-label': 'Slow log' },
        h('thead', {}, h('tr', {}, ...['ID', 'Time', 'Duration (µs)', 'Command', 'Client', 'Node'].map((title) => h('th', { class: title.startsWith('Duration') ? 'end' : '' }, title)))),
        h(
          'tbody',
          {},
          ...snapshot.slowlog.map((entry) =>
            h('tr', {}, h('td', {}, String(entry.id)), h('td', {}, new Date(entry.timestamp * 1000).toLocaleString()), h('td', { class: 'end' }, formatCount(entry.durationMicros)), h('td', { class: 'mono' }, entry.args.join(' ').slice(0, 300)), h('td', {}, `${entry.clientAddress} ${entry.clientName}`), h('td', {}, entry.node)),
          ),
        ),
      ),
    );
  }

  private renderCommands(rows: CommandStatRow[]): void {
    const sorted = [...rows].sort((a, b) => (this.commandOrder === 'total' ? b.usec - a.usec : b.usecPerCall - a.usecPerCall)).slice(0, 30);
    this.commands.replaceChildren(
      h(
        'table',
        { class: 'data-table', 'aria-label': 'Top commands' },
        h('thead', {}, h('tr', {}, ...['Command', 'Calls', 'Total (µs)', 'Per call (µs)'].map((title) => h('th', { class: title === 'Command' ? '' : 'end' }, title)))),
        h('tbody', {}, ...sorted.map((row) => h('tr', { dataset: { command: row.command } }, h('td', { class: 'mono' }, row.command), h('td', { class: 'end' }, formatCount(row.calls)), h('td', { class: 'end' }, formatCount(row.usec)), h('td', { class: 'end' }, row.usecPerCall.toFixed(2))))),
      ),
    );
  }

  private sortClients(): void {
    const column = CLIENT_COLUMNS.find((candidate) => candidate.id === this.sort.column) ?? CLIENT_COLUMNS[0];
    const direction = this.sort.descending ? -1 : 1;
    this.clients.sort((a, b) => {
      const left = column.value(a);
      const right = column.value(b);
      return (typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right))) * direction;
    });
    this.clientsTable.setSortIndicator(column.id, this.sort.descending);
    this.clientsTable.setRowCount(this.clients.length);
    this.clientsTable.refresh();
  }

  private async resetSlowlog(): Promise<void> {
    try {
      const { applied } = await this.context.host.request('slowlogReset', {});
      if (applied) void this.load();
    } catch (error) {
      this.context.notify(`Reset refused: ${(error as Error).message}`, 'error');
    }
  }
}

export const activityTab: TabModule = {
  id: 'activity',
  title: 'Slowlog & clients',
  icon: 'dashboard',
  create: (context) => new ActivityTab(context),
};
