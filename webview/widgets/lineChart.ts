/**
 * A small canvas line chart for the stats tab (one series, time on x): crisp on HiDPI, coloured from the VS Code
 * theme (charts.* colours), redrawn on resize and theme change. Far lighter than a charting framework.
 */
import { h } from '../dom';

export interface ChartOptions {
  title: string;
  /** CSS variable of the line colour, e.g. "--vscode-charts-blue". */
  colorVariable: string;
  format(value: number): string;
  /** Fixed y range top (e.g. 1 for ratios); otherwise the data's maximum. */
  yMax?: number;
}

export class LineChart {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly latest: HTMLElement;
  private points: Array<[number, number]> = [];

  constructor(private readonly options: ChartOptions) {
    this.canvas = h('canvas', { role: 'img', 'aria-label': `${options.title} over time` });
    this.latest = h('span', { class: 'chart-latest' });
    this.element = h('figure', { class: 'chart', dataset: { chart: options.title } }, h('figcaption', {}, options.title, ' ', this.latest), this.canvas);
    new ResizeObserver(() => this.draw()).observe(this.canvas);
    new MutationObserver(() => this.draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  setData(points: Array<[number, number]>): void {
    this.points = points;
    this.latest.textContent = points.length ? this.options.format(points[points.length - 1][1]) : '';
    this.draw();
  }

  private draw(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0) return;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const style = getComputedStyle(document.body);
    const foreground = style.getPropertyValue('--vscode-descriptionForeground').trim() || '#888';
    const line = style.getPropertyValue(this.options.colorVariable).trim() || '#3794ff';
    const grid = style.getPropertyValue('--vscode-editorWidget-border').trim() || 'rgba(128,128,128,0.3)';
    const font = style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
    const left = 4;
    const bottom = height - 14;
    context.strokeStyle = grid;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(left, bottom + 0.5);
    context.lineTo(width, bottom + 0.5);
    context.stroke();
    if (this.points.length < 2) {
      context.fillStyle = foreground;
      context.font = `11px ${font}`;
      context.fillText('Collecting…', left + 4, bottom - 6);
      return;
    }
    const [firstTime] = this.points[0];
    const lastTime = this.points[this.points.length - 1][0];
    const maxValue = this.options.yMax ?? Math.max(...this.points.map(([, value]) => value), 1e-9) * 1.1;
    const x = (time: number) => left + ((time - firstTime) / Math.max(1, lastTime - firstTime)) * (width - left - 2);
    const y = (value: number) => bottom - (value / maxValue) * (bottom - 6);
    context.strokeStyle = line;
    context.lineWidth = 1.5;
    context.beginPath();
    this.points.forEach(([time, value], index) => (index === 0 ? context.moveTo(x(time), y(value)) : context.lineTo(x(time), y(value))));
    context.stroke();
    context.fillStyle = foreground;
    context.font = `10px ${font}`;
    context.fillText(this.options.format(maxValue), left + 2, 12);
    const span = Math.round((lastTime - firstTime) / 1000);
    context.fillText(`last ${span}s`, width - 50, height - 2);
  }
}
