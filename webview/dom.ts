/** Tiny DOM helpers: build elements with properties and children (text is always set as text, never parsed as HTML). */

type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown> & { class?: string; dataset?: Record<string, string>; on?: Record<string, (event: Event) => void> };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = String(value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'on') for (const [event, listener] of Object.entries(value as Record<string, EventListener>)) element.addEventListener(event, listener);
    else if (name.startsWith('aria-') || name === 'role' || name === 'for') element.setAttribute(name, String(value));
    else (element as unknown as Record<string, unknown>)[name] = value;
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A codicon glyph (media/codicons), hidden from screen readers: buttons carry their own label. */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A toolbar button: icon + optional text, with a tooltip and an accessible name. */
export function button(label: string, options: { icon?: string; text?: boolean; primary?: boolean; edit?: boolean; onClick: () => void; id?: string }): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `${options.primary ? 'primary' : 'secondary'}${options.text === false ? ' icon-only' : ''}`,
      title: label,
      'aria-label': label,
      // data-edit marks controls that write; read-only connections never get them.
      dataset: { ...(options.edit ? { edit: '' } : {}), ...(options.id ? { action: options.id } : {}) },
      on: { click: () => options.onClick() },
    },
    options.icon ? icon(options.icon) : null,
    options.text === false ? null : h('span', {}, label),
  );
}

export function clear(element: Element): void {
  element.replaceChildren();
}
