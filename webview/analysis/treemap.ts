/** A squarified treemap of namespaces by memory, drawn with positioned divs (no inline styles: CSSOM only). */
import { h } from '../dom';

export interface TreemapItem {
  label: string;
  value: number;
  detail: string;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const COLORS = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

function worst(row: number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

/** Squarified layout (Bruls, Huizing, van Wijk) of `values` (sorted descending) into `rect`. */
export function squarify(values: number[], rect: Rect): Rect[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0 || values.length === 0) return [];
  const scale = (rect.width * rect.height) / total;
  const areas = values.map((v) => v * scale);
  const out: Rect[] = [];
  let free = { ...rect };
  let row: number[] = [];
  let index = 0;
  const layoutRow = () => {
    const sum = row.reduce((a, b) => a + b, 0);
    const horizontal = free.width >= free.height;
    const thickness = sum / (horizontal ? free.height : free.width);
    let offset = 0;
    for (const area of row) {
      const length = area / thickness;
      out.push(horizontal ? { x: free.x, y: free.y + offset, width: thickness, height: length } : { x: free.x + offset, y: free.y, width: length, height: thickness });
      offset += length;
    }
    free = horizontal ? { x: free.x + thickness, y: free.y, width: free.width - thickness, height: free.height } : { x: free.x, y: free.y + thickness, width: free.width, height: free.height - thickness };
    row = [];
  };
  while (index < areas.length) {
    const side = Math.min(free.width, free.height);
    const next = areas[index];
    if (row.length === 0 || worst([...row, next], side) <= worst(row, side)) {
      row.push(next);
      index++;
    } else {
      layoutRow();
    }
  }
  if (row.length) layoutRow();
  return out;
}

/** Render `items` into a fixed-size box; `onPick` receives the clicked item's index. */
export function renderTreemap(items: TreemapItem[], width: number, height: number, onPick: (index: number) => void): HTMLElement {
  const box = h('div', { class: 'treemap', role: 'list', 'aria-label': 'Namespaces by memory' });
  box.style.position = 'relative';
  box.style.width = `${width}px`;
  box.style.height = `${height}px`;
  const rects = squarify(items.map((i) => i.value), { x: 0, y: 0, width, height });
  rects.forEach((rect, i) => {
    const cell = h(
      'button',
      { type: 'button', class: 'treemap-cell', role: 'listitem', title: `${items[i].label}\n${items[i].detail}`, dataset: { namespace: items[i].label }, on: { click: () => onPick(i) } },
      rect.width > 60 && rect.height > 18 ? items[i].label : '',
    );
    Object.assign(cell.style, {
      position: 'absolute', left: `${rect.x}px`, top: `${rect.y}px`, width: `${Math.max(0, rect.width - 2)}px`, height: `${Math.max(0, rect.height - 2)}px`,
      background: `var(${COLORS[i % COLORS.length]})`, color: 'var(--vscode-editor-background)', overflow: 'hidden', padding: '2px', textAlign: 'left', border: 'none',
    });
    box.appendChild(cell);
  });
  return box;
}
