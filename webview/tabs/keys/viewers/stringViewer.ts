/** String values: text, pretty JSON (folding) or hex; big values show their first part with an explicit "load all". */
import { LIMITS, type StringValue } from '../../../../src/shared/protocol';
import { button, h } from '../../../dom';
import { formatBytes } from '../../../format';
import { displayText, escapedToWire, hexDump, isBinary, textToWire, wireToBytes } from '../../../wire';
import { jsonTree } from '../jsonTree';
import type { BodyViewer, ViewerContext } from '../valueViewer';

type Mode = 'text' | 'json' | 'hex';
const MAX_JSON_PARSE_BYTES = 4 * 1024 * 1024;
const TEXT_PAGE_CHARS = 512 * 1024;

export class StringViewer implements BodyViewer {
  readonly element: HTMLElement;
  private value: StringValue | undefined;
  private mode: Mode = 'text';
  private parsedJson: { value: unknown } | undefined;
  private disposed = false;
  private page = 0;

  constructor(private readonly context: ViewerContext) {
    this.element = h('div', { class: 'value-body string-viewer', dataset: { viewer: 'string' } }, h('div', { class: 'muted' }, 'Loading…'));
    void this.load(false);
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(all: boolean): Promise<void> {
    try {
      this.value = await this.context.host.request('readString', { key: this.context.key, all });
    } catch (error) {
      if (!this.disposed) this.element.replaceChildren(h('div', { class: 'error' }, (error as Error).message));
      return;
    }
    if (this.disposed) return;
    this.parsedJson = undefined;
    if (!this.value.truncated && !isBinary(this.value.value) && this.value.totalBytes <= MAX_JSON_PARSE_BYTES) {
      const text = this.value.value.slice(1).trim();
      if (text.startsWith('{') || text.startsWith('[')) {
        try {
          this.parsedJson = { value: JSON.parse(text) };
        } catch {
          // Not JSON after all: text view.
        }
      }
    }
    // Control characters (other than tab and line breaks) mean bytes, even when they happen to be valid UTF-8.
    const looksBinary = isBinary(this.value.value) || /[\x00-\x08\x0e-\x1f\x7f]/.test(this.value.value.slice(1, 4097));
    this.mode = looksBinary ? 'hex' : this.parsedJson ? 'json' : 'text';
    this.render();
  }

  private render(): void {
    const value = this.value!;
    const modes = h(
      'div',
      { class: 'segmented', role: 'tablist', 'aria-label': 'Value format' },
      ...(['text', 'json', 'hex'] as Mode[])
        .filter((mode) => mode !== 'json' || this.parsedJson)
        .map((mode) =>
          h('button', { type: 'button', role: 'tab', class: mode === this.mode ? 'active' : '', 'aria-selected': String(mode === this.mode), dataset: { mode }, on: { click: () => { this.mode = mode; this.render(); } } }, mode.toUpperCase()),
        ),
    );
    const notice = value.truncated
      ? h(
          'div',
          { class: 'notice', dataset: { field: 'truncated' } },
          `Showing the first ${formatBytes(wireToBytes(value.value).length)} of ${formatBytes(value.totalBytes)}. `,
          value.totalBytes <= LIMITS.maxLoadAllBytes
            ? button(`Load all (${formatBytes(value.totalBytes)})`, { icon: 'cloud-download', id: 'load-all', onClick: () => void this.load(true) })
            : h('span', {}, 'Too large to load here: use Export to file.'),
        )
      : null;
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      modes,
      this.context.editable && !value.truncated ? button('Edit value', { icon: 'edit', edit: true, id: 'edit-string', onClick: () => this.startEdit() }) : null,
    );
    this.element.replaceChildren(toolbar, notice ?? '', this.content());
  }

  private content(): HTMLElement {
    const value = this.value!;
    if (this.mode === 'json' && this.parsedJson) return jsonTree(this.parsedJson.value);
    if (this.mode === 'hex') return h('pre', { class: 'value-text hex', dataset: { field: 'value' } }, hexDump(wireToBytes(value.value)));
    const text = displayText(value.value);
    if (text.length <= TEXT_PAGE_CHARS) return h('pre', { class: 'value-text', dataset: { field: 'value' }, tabIndex: 0 }, text);
    // Megabytes of text in one node make layout stall; show it a page at a time instead.
    const pages = Math.ceil(text.length / TEXT_PAGE_CHARS);
    const pre = h('pre', { class: 'value-text', dataset: { field: 'value' }, tabIndex: 0 });
    const label = h('span', { class: 'muted' });
    const show = (page: number) => {
      this.page = Math.max(0, Math.min(page, pages - 1));
      pre.textContent = text.slice(this.page * TEXT_PAGE_CHARS, (this.page + 1) * TEXT_PAGE_CHARS);
      label.textContent = `Part ${this.page + 1} of ${pages}`;
    };
    show(this.page);
    return h(
      'div',
      { class: 'paged-text' },
      h('div', { class: 'toolbar' }, button('Previous part', { icon: 'arrow-left', text: false, id: 'prev-part', onClick: () => show(this.page - 1) }), label, button('Next part', { icon: 'arrow-right', text: false, id: 'next-part', onClick: () => show(this.page + 1) })),
      pre,
    );
  }

  private startEdit(): void {
    const value = this.value!;
    const binary = isBinary(value.value);
    const text = this.mode === 'json' && this.parsedJson ? JSON.stringify(this.parsedJson.value, null, 2) : displayText(value.value);
    const editor = h('textarea', { class: 'value-editor', value: text, 'aria-label': 'Value', dataset: { input: 'value' } });
    const save = async () => {
      const wire = binary ? escapedToWire(editor.value) : textToWire(editor.value);
      if (await this.context.edit({ op: 'setString', value: wire })) void this.load(false);
    };
    this.element.replaceChildren(
      h(
        'div',
        { class: 'toolbar' },
        button('Save', { icon: 'check', primary: true, edit: true, id: 'save-string', onClick: () => void save() }),
        button('Cancel', { icon: 'close', id: 'cancel-edit', onClick: () => this.render() }),
        binary ? h('span', { class: 'muted' }, 'Binary bytes are written as \\xNN.') : null,
      ),
      editor,
    );
    editor.focus();
  }
}
