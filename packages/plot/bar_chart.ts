/**
 * Horizontal bars, one per row, on a log or linear axis, as SVG.
 *
 * @module
 */

import { escapeXml, formatNumber, PALETTE } from "./_private.ts";
import { chartOpen } from "./_chart.ts";

/** One bar. */
export interface Bar {
  /** Label left of the bar. */
  label: string;
  /** Its value (> 0 on a log axis); NaN draws no bar and `note` instead. */
  value: number;
  /** Fill colour. */
  color?: string;
  /** Text right of the bar (default: the value and unit). */
  note?: string;
}

/** Options of {@linkcode barChartSvg}. */
export interface BarChartOptions {
  /** Title. */
  title: string;
  /** Unit shown after values and under the axis, e.g. "µs per epoch". */
  unit: string;
  /** Logarithmic axis (default true). */
  logScale?: boolean;
  /** Width in pixels (default 720). */
  width?: number;
  /** Formats a value for ticks and bar notes (default: 3 significant digits and the unit). */
  format?: (value: number) => string;
}

/**
 * Horizontal bars, one per row, on a log (default) or linear axis.
 *
 * @example
 * ```ts
 * import { barChartSvg } from "@backprop/plot";
 * const svg = barChartSvg([{ label: "a", value: 1 }, { label: "b", value: 100 }], {
 *   title: "t",
 *   unit: "µs",
 * });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 720;
  const log = options.logScale ?? true;
  const rowH = 26;
  const top = 44;
  const left = 150;
  const right = 170;
  const plotW = width - left - right;
  const height = top + bars.length * rowH + 44;
  const values = bars.map((b) => b.value).filter((v) => Number.isFinite(v) && (!log || v > 0));
  let lo = log ? Math.min(...values) : 0;
  let hi = Math.max(...values);
  if (values.length === 0) {
    lo = log ? 1 : 0;
    hi = 10;
  }
  if (log) {
    lo = Math.pow(10, Math.floor(Math.log10(lo)));
    hi = Math.pow(10, Math.ceil(Math.log10(hi)));
    if (hi <= lo) hi = lo * 10;
  } else if (hi <= 0) hi = 1;
  const format = options.format ?? ((v: number) => `${formatNumber(v)} ${options.unit}`);
  const x = (v: number): number =>
    log
      ? left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW
      : left + (v / hi) * plotW;
  const parts: string[] = [];
  parts.push(
    ...chartOpen(width, height, options.title, 22),
  );
  // Grid: decades on a log axis, 5 steps on a linear one.
  const ticks: number[] = [];
  if (log) { for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t); }
  else for (let i = 0; i <= 5; i++) ticks.push((hi * i) / 5);
  const bottom = top + bars.length * rowH;
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${bottom}" stroke="#ddd"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#555">${
        escapeXml(options.format ? options.format(t) : formatNumber(t))
      }</text>`,
    );
  }
  parts.push(
    `<text x="${left + plotW / 2}" y="${bottom + 33}" text-anchor="middle" fill="#333">${
      escapeXml(options.unit)
    }${log ? " (log scale)" : ""}</text>`,
  );
  bars.forEach((bar, i) => {
    const y = top + i * rowH;
    const color = bar.color ?? PALETTE[i % PALETTE.length];
    parts.push(
      `<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${
        escapeXml(bar.label)
      }</text>`,
    );
    const drawable = Number.isFinite(bar.value) && (!log || bar.value > 0);
    const note = bar.note ?? (drawable ? format(bar.value) : "n/a");
    if (drawable) {
      const w = Math.max(1, x(bar.value) - left);
      parts.push(
        `<rect x="${left}" y="${y + 4}" width="${w.toFixed(1)}" height="${
          rowH - 8
        }" fill="${color}"/>`,
        `<text x="${(left + w + 6).toFixed(1)}" y="${y + rowH / 2 + 4}" fill="#222">${
          escapeXml(note)
        }</text>`,
      );
    } else {
      parts.push(
        `<text x="${left + 6}" y="${y + rowH / 2 + 4}" fill="#888">${escapeXml(note)}</text>`,
      );
    }
  });
  parts.push("</svg>");
  return parts.join("\n");
}
