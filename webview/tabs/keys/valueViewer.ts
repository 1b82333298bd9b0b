/**
 * The value viewer of one key: a header with type, TTL, memory and length, key actions (copy, export, rename,
 * TTL, delete) and a body chosen by type. Edit controls are not created at all on read-only connections.
 */
import type { CollectionType, KeyMeta, WireBytes } from '../../../src/shared/protocol';
import { button, h, icon } from '../../dom';
import { formatBytes, formatCount, formatTtl } from '../../format';
import { HostError } from '../../host';
import { displayKeyName, isBinary, keyNameToWire } from '../../wire';
import { inlineForm } from '../../widgets/inlineForm';
import type { TabContext } from '../tab';
import { CollectionViewer } from './viewers/collectionViewer';
import { StreamViewer } from './viewers/streamViewer';
import { StringViewer } from './viewers/stringViewer';

export interface ValueViewerEvents {
  keyChanged(key: WireBytes, change: 'deleted' | 'renamed' | 'updated'): void;
}

/** What a type-specific body needs from the viewer around it. */
export interface ViewerContext extends TabContext {
  key: WireBytes;
  meta: KeyMeta;
  editable: boolean;
  /** Apply an edit; resolves true when it was applied (false if the user declined the confirmation). */
  edit(edit: import('../../../src/shared/protocol').EditOp): Promise<boolean>;
}

export interface BodyViewer {
  readonly element: HTMLElement;
  dispose?(): void;
}

export class ValueViewer {
  readonly element: HTMLElement;
  private body: BodyViewer | undefined;
  private current: WireBytes | undefined;
  /** The TTL in the header counts down from this reading (see tick()). */
  private ttl: { element: HTMLElement; ttlMs: number; readAt: number } | undefined;
  private generation = 0;

  constructor(
    private readonly context: TabContext,
    private readonly events: ValueViewerEvents,
  ) {
    this.element = h('div', { class: 'pane viewer', role: 'region', 'aria-label': 'Value' }, h('div', { class: 'empty' }, 'Select a key to see its value.'));
  }

  async open(key: WireBytes): Promise<void> {
    const generation = ++this.generation;
    this.current = key;
    let meta: KeyMeta;
    try {
      meta = await this.context.host.request('keySummary', { key });
    } catch (error) {
      if (generation === this.generation) this.showMessage(`Could not read the key: ${(error as Error).message}`);
      return;
    }
    if (generation !== this.generation) return;
    if (meta.type === 'none') {
      this.showMessage(`The key "${displayKeyName(key, 200)}" does not exist (any more).`);
      return;
    }
    this.render(key, meta);
  }

  /** Count the shown TTL down (called once a second by the Keys tab); at zero the key has expired. */
  tick(): void {
    const ttl = this.ttl;
    if (!ttl || ttl.ttlMs < 0 || !ttl.element.isConnected) return;
    const left = Math.max(0, ttl.ttlMs - (Date.now() - ttl.readAt));
    ttl.element.replaceChildren(icon('watch'), left === 0 ? ' expired' : ` TTL ${formatTtl(left)}`);
  }

  private showMessage(text: string): void {
    this.body?.dispose?.();
    this.body = undefined;
    this.element.replaceChildren(h('div', { class: 'empty' }, text));
  }

  private render(key: WireBytes, meta: KeyMeta): void {
    this.body?.dispose?.();
    const editable = !this.context.connection.readOnly;
    const viewerContext: ViewerContext = { ...this.context, key, meta, editable, edit: (edit) => this.applyEdit(key, edit) };
    this.body = this.createBody(viewerContext);
    const forms = h('div', { class: 'forms' });
    const ttlElement = h('span', { dataset: { field: 'ttl' } }, icon('watch'), ` TTL ${formatTtl(meta.ttlMs)}`);
    this.ttl = { element: ttlElement, ttlMs: meta.ttlMs, readAt: Date.now() };
    const header = h(
      'div',
      { class: 'viewer-header' },
      h('div', { class: 'key-title' }, h('span', { class: `badge type-${meta.type}`, dataset: { field: 'type' } }, meta.type), h('span', { class: `key-name${isBinary(key) ? ' binary' : ''}`, dataset: { field: 'key' }, title: displayKeyName(key, 2000) }, displayKeyName(key, 500))),
      h(
        'div',
        { class: 'key-facts' },
        ttlElement,
        h('span', { dataset: { field: 'memory' } }, icon('database'), ` ${formatBytes(meta.memory)}`),
        h('span', { dataset: { field: 'length' } }, icon('list-ordered'), ` ${meta.length === null ? '' : formatCount(meta.length)}`),
        this.context.connection.readOnly ? h('span', { class: 'read-only-badge', dataset: { field: 'read-only' } }, icon('lock'), ' read-only') : null,
      ),
      h(
        'div',
        { class: 'toolbar' },
        button('Refresh', { icon: 'refresh', text: false, id: 'refresh-key', onClick: () => void this.open(key) }),
        button('Copy value', { icon: 'copy', text: false, id: 'copy', onClick: () => void this.copy(key, false) }),
        button('Copy as JSON', { icon: 'json', text: false, id: 'copy-json', onClick: () => void this.copy(key, true) }),
        button('Export to file', { icon: 'save-as', text: false, id: 'export', onClick: () => void this.exportKey(key) }),
        editable ? button('Rename', { icon: 'edit', text: false, edit: true, id: 'rename', onClick: () => void this.rename(key, forms) }) : null,
        editable ? button('Set TTL', { icon: 'watch', text: false, edit: true, id: 'expire', onClick: () => void this.expire(key, meta, forms) }) : null,
        editable && meta.ttlMs >= 0 ? button('Remove TTL', { icon: 'circle-slash', text: false, edit: true, id: 'persist', onClick: () => void this.persist(key) }) : null,
        editable ? button('Delete key', { icon: 'trash', text: false, edit: true, id: 'delete-key', onClick: () => void this.deleteKey(key) }) : null,
      ),
    );
    this.element.replaceChildren(header, forms, this.body.element);
  }

  private createBody(context: ViewerContext): BodyViewer {
    switch (context.meta.type) {
      case 'string':
        return new StringViewer(context);
      case 'hash':
      case 'set':
      case 'zset':
      case 'list':
        return new CollectionViewer(context, context.meta.type as CollectionType);
      case 'stream':
        return new StreamViewer(context);
      default:
        return { element: h('div', { class: 'empty' }, `No viewer for the "${context.meta.type}" type; copy or export the value instead.`) };
    }
  }

  private async applyEdit(key: WireBytes, edit: import('../../../src/shared/protocol').EditOp): Promise<boolean> {
    try {
      const { applied } = await this.context.host.request('editKey', { key, edit });
      if (!applied) return false;
      this.context.notify('Saved.');
      return true;
    } catch (error) {
      const prefix = error instanceof HostError && error.reply.code === 'READ_ONLY' ? 'Refused' : 'Edit failed';
      this.context.notify(`${prefix}: ${(error as Error).message}`, 'error');
      return false;
    }
  }

  private async copy(key: WireBytes, asJson: boolean): Promise<void> {
    try {
      const { copiedBytes } = await this.context.host.request('copyValue', { key, asJson });
      this.context.notify(`Copied ${formatBytes(copiedBytes)}${asJson ? ' as JSON' : ''}.`);
    } catch (error) {
      this.context.notify(`Copy failed: ${(error as Error).message}`, 'error');
    }
  }

  private async exportKey(key: WireBytes): Promise<void> {
    try {
      const { savedTo } = await this.context.host.request('exportValue', { key });
      if (savedTo) this.context.notify(`Exported to ${savedTo}.`);
    } catch (error) {
      this.context.notify(`Export failed: ${(error as Error).message}`, 'error');
    }
  }

  private async rename(key: WireBytes, forms: HTMLElement): Promise<void> {
    const values = await inlineForm(forms, 'Rename key', [{ name: 'name', label: 'New name', value: displayKeyName(key) }], 'Rename');
    if (!values || !values.name) return;
    const newKey = keyNameToWire(values.name);
    if (await this.applyEdit(key, { op: 'rename', newKey })) {
      this.events.keyChanged(key, 'renamed');
      void this.open(newKey);
    }
  }

  private async expire(key: WireBytes, meta: KeyMeta, forms: HTMLElement): Promise<void> {
    const current = meta.ttlMs > 0 ? String(Math.ceil(meta.ttlMs / 1000)) : '';
    const values = await inlineForm(forms, 'Set TTL', [{ name: 'seconds', label: 'Seconds', value: current, type: 'number' }], 'Set TTL');
    const seconds = Number(values?.seconds);
    if (!values || !Number.isInteger(seconds) || seconds < 1) return;
    if (await this.applyEdit(key, { op: 'expire', seconds })) this.refreshAfter(key);
  }

  private async persist(key: WireBytes): Promise<void> {
    if (await this.applyEdit(key, { op: 'persist' })) this.refreshAfter(key);
  }

  private async deleteKey(key: WireBytes): Promise<void> {
    if (!(await this.applyEdit(key, { op: 'delete' }))) return;
    this.events.keyChanged(key, 'deleted');
    this.showMessage(`Deleted "${displayKeyName(key, 200)}".`);
    this.context.state.update({ selectedKey: undefined });
  }

  private refreshAfter(key: WireBytes): void {
    this.events.keyChanged(key, 'updated');
    if (this.current === key) void this.open(key);
  }
}
