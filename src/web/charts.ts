/**
 * Bar charts as plain SVG, drawn on the server: no chart library, no script, and the
 * figures sit on each bar (`data-label`, `data-value`, a `<title>`) for anyone to read.
 */
export interface Bar {
  label: string;
  value: number;
}

export interface ChartOptions {
  /** Accessible name of the chart. */
  title: string;
  /** Show every n-th label on the axis when bars are many. Default: enough to keep about 8. */
  labelEvery?: number;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

/** Vertical bars, one per value, with a value axis from zero. */
export function columnChart(bars: readonly Bar[], options: ChartOptions): string {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, bars.length);
  const gap = Math.min(4, step * 0.2);
  const every = options.labelEvery ?? Math.max(1, Math.ceil(bars.length / 8));
  const parts: string[] = [];
  for (const tick of [0, max / 2, max]) {
    const y = PAD.top + plotH - (tick / max) * plotH;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${n(y)}" y2="${n(y)}"/>`);
    parts.push(`<text class="axis" x="${PAD.left - 4}" y="${n(y + 4)}" text-anchor="end">${n(tick)}</text>`);
  }
  bars.forEach((bar, i) => {
    const h = (bar.value / max) * plotH;
    const x = PAD.left + i * step + gap / 2;
    parts.push(
      `<rect class="bar" x="${n(x)}" y="${n(PAD.top + plotH - h)}" width="${n(step - gap)}" height="${n(h)}" data-label="${esc(bar.label)}" data-value="${bar.value}"><title>${esc(bar.label)}: ${bar.value}</title></rect>`,
    );
    if (i % every === 0) parts.push(`<text class="axis" x="${n(x + (step - gap) / 2)}" y="${HEIGHT - 8}" text-anchor="middle">${esc(bar.label)}</text>`);
  });
  return svg(options.title, WIDTH, HEIGHT, parts);
}

/** Horizontal bars with their labels on the left: for long names such as film titles. */
export function barChart(bars: readonly Bar[], options: ChartOptions): string {
  const rowH = 24;
  const labelW = 260;
  const height = PAD.top + bars.length * rowH + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = WIDTH - labelW - 48;
  const parts = bars.map((bar, i) => {
    const y = PAD.top + i * rowH;
    const w = (bar.value / max) * plotW;
    return [
      `<text class="axis" x="${labelW - 6}" y="${y + 16}" text-anchor="end">${esc(truncate(bar.label, 38))}</text>`,
      `<rect class="bar" x="${labelW}" y="${y + 3}" width="${n(w)}" height="${rowH - 6}" data-label="${esc(bar.label)}" data-value="${bar.value}"><title>${esc(bar.label)}: ${bar.value}</title></rect>`,
      `<text class="value" x="${n(labelW + w + 4)}" y="${y + 16}">${bar.value}</text>`,
    ].join("");
  });
  return svg(options.title, WIDTH, height, parts);
}

function svg(title: string, width: number, height: number, parts: string[]): string {
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}</svg>`;
}

/** A round top for the axis: 1, 2, 5 × 10^k at or above the largest value. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((m) => m * power).find((m) => m >= value) ?? 10 * power);
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** By code points, so that a cut never splits a character outside the BMP (emoji, rare CJK). */
function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
