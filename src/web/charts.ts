/**
 * Bar charts as plain SVG, drawn on the server: no chart library, no script, and the
 * figures sit on each bar (`data-label`, `data-value`, a `<title>`) for anyone to read.
 *
 * No viewBox: a scaled drawing shrinks its text with it, to 6 px on a 390 px phone.
 * Across, everything is placed in percent of the chart's width; down, in pixels; so the
 * text keeps the stylesheet's size at every width. Axis labels that would collide on a
 * narrow screen carry the class `wide` for the stylesheet to hide there.
 */
export interface Bar {
  label: string;
  value: number;
}

export interface ChartOptions {
  /** Accessible name of the chart. */
  title: string;
}

const HEIGHT = 220;
const PAD = { top: 18, bottom: 24 };
/** An axis label's width in pixels: about 7 per character at the stylesheet's 12 px, and a gap. */
const labelWidth = (label: string) => units(label) * 7 + 14;
/** The chart's width at the narrowest width that shows the `wide` labels (the stylesheet's 40rem), and on a phone. */
const WIDE_PX = 560;
const NARROW_PX = 320;

/** Vertical bars, one per value, with a value axis from zero. */
export function columnChart(bars: readonly Bar[], options: ChartOptions): string {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = 100 / Math.max(1, bars.length);
  const gap = Math.min(1, step * 0.2);
  // Every n-th label, n such that the labels fit side by side: fewer on a phone, a subset of the wide ones.
  const needed = bars.length * Math.max(0, ...bars.map((b) => labelWidth(b.label)));
  const every = Math.max(1, Math.ceil(needed / WIDE_PX));
  const everyNarrow = every * Math.max(1, Math.ceil(needed / NARROW_PX / every));
  const parts: string[] = [];
  bars.forEach((bar, i) => {
    const h = (bar.value / max) * plotH;
    const x = i * step + gap / 2;
    parts.push(
      `<rect class="bar" x="${n(x)}%" y="${n(PAD.top + plotH - h)}" width="${n(step - gap)}%" height="${n(h)}" data-label="${esc(bar.label)}" data-value="${bar.value}"><title>${esc(bar.label)}: ${bar.value}</title></rect>`,
    );
    if (i % every === 0) {
      const narrow = i % everyNarrow === 0;
      // Centred under its bar, unless that crosses the chart's edge at the narrowest width showing it: then it starts or ends at its bar.
      const half = (labelWidth(bar.label) - 14) / 2 / ((narrow ? NARROW_PX : WIDE_PX) / bars.length);
      const [at, anchor] = half > i + 0.5 ? [x, "start"] : half > bars.length - i - 0.5 ? [x + step - gap, "end"] : [x + (step - gap) / 2, "middle"];
      parts.push(`<text class="axis${narrow ? "" : " wide"}" x="${n(at)}%" y="${HEIGHT - 6}" text-anchor="${anchor}">${esc(bar.label)}</text>`);
    }
  });
  // The value axis: grid lines across the whole width, their figures just above them at the left (over the bars, haloed).
  for (const tick of [0, max / 2, max]) {
    const y = PAD.top + plotH - (tick / max) * plotH;
    parts.unshift(`<line class="grid" x1="0" x2="100%" y1="${n(y)}" y2="${n(y)}"/>`);
    if (tick > 0) parts.push(`<text class="axis tick" x="2" y="${n(y - 4)}">${n(tick)}</text>`);
  }
  return svg(options.title, HEIGHT, parts);
}

/** Horizontal bars, each under its label: long names such as film titles get the whole width. */
export function barChart(bars: readonly Bar[], options: ChartOptions): string {
  const rowH = 40;
  const height = bars.length * rowH + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  // Room at the right for the figure after the longest bar.
  const plotW = 88;
  const parts = bars.map((bar, i) => {
    const y = i * rowH;
    const w = (bar.value / max) * plotW;
    return [
      `<text class="axis label" x="0" y="${y + 14}">${esc(truncate(bar.label, 46))}</text>`,
      `<rect class="bar" x="0" y="${y + 19}" width="${n(w)}%" height="16" data-label="${esc(bar.label)}" data-value="${bar.value}"><title>${esc(bar.label)}: ${bar.value}</title></rect>`,
      `<text class="value" x="${n(w + 1)}%" y="${y + 32}">${bar.value}</text>`,
    ].join("");
  });
  return svg(options.title, height, parts);
}

function svg(title: string, height: number, parts: string[]): string {
  return `<svg class="chart" role="img" aria-label="${esc(title)}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${parts.join("")}</svg>`;
}

/** A round top for the axis: 1, 2, 5 × 10^k at or above the largest value. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value) ?? 10 * power;
}

function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Columns a character takes: two for CJK, Hangul, fullwidth forms and emoji, one otherwise (a rough East Asian Width). */
function columns(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300) ? 2 : 1;
}

function units(text: string): number {
  return [...text].reduce((sum, char) => sum + columns(char), 0);
}

/** At most `max` columns, cut by code points, so that a cut never splits a character outside the BMP (emoji, rare CJK). */
function truncate(text: string, max: number): string {
  if (units(text) <= max) return text;
  let out = "";
  let used = 1;
  for (const char of text) {
    if (used + columns(char) > max) break;
    out += char;
    used += columns(char);
  }
  return `${out}…`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
