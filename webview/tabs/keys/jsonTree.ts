/** A foldable JSON tree built from <details> elements; children are created only when a node is opened. */
import { h } from '../../dom';

const MAX_CHILDREN = 1000;

function summary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).length}}`;
  return JSON.stringify(value);
}

function leafClass(value: unknown): string {
  return value === null ? 'json-null' : `json-${typeof value}`;
}

function node(label: string | null, value: unknown, open: boolean): HTMLElement {
  const name = label === null ? null : h('span', { class: 'json-key' }, `${label}: `);
  if (value === null || typeof value !== 'object') return h('div', { class: 'json-leaf' }, name, h('span', { class: leafClass(value) }, JSON.stringify(value)));
  const details = h('details', { class: 'json-node', open }, h('summary', {}, name, h('span', { class: 'json-summary' }, summary(value))));
  let filled = false;
  const fill = () => {
    if (filled || !details.open) return;
    filled = true;
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value as object);
    for (const [childLabel, child] of entries.slice(0, MAX_CHILDREN)) details.appendChild(node(childLabel, child, false));
    if (entries.length > MAX_CHILDREN) details.appendChild(h('div', { class: 'muted' }, `… ${entries.length - MAX_CHILDREN} more`));
  };
  details.addEventListener('toggle', fill);
  fill();
  return details;
}

export function jsonTree(value: unknown): HTMLElement {
  return h('div', { class: 'json-tree', role: 'tree' }, node(null, value, true));
}
