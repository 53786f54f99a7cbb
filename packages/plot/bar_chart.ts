/**
 * Horizontal bars, one per row, on a linear axis from 0 or a log axis, as SVG.
 *
 * @module
 */

import {
  AXIS,
  escapeXml,
  formatNumber,
  formatTick,
  GRID,
  linearTicks,
  logTicks,
  PALETTE,
} from "./_private.ts";
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
  /**
   * Logarithmic axis (default false: a linear axis from 0, where a bar's
   * length is its value, so one twice as long is twice as much).
   */
  logScale?: boolean;
  /** Width in pixels (default 720). */
  width?: number;
  /** Formats a value for the bar notes (default: 4 significant digits and the unit). */
  format?: (value: number) => string;
  /** Formats a tick of the axis (default: the tick as written, e.g. 250). */
  tickText?: (value: number) => string;
}

/**
 * Horizontal bars, one per row, on a linear axis from 0 (default) or a log
 * axis, with round ticks and each bar's value written beside it.
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
  const log = options.logScale ?? false;
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
  let ticks: number[];
  if (log) {
    lo = Math.pow(10, Math.floor(Math.log10(lo)));
    hi = Math.pow(10, Math.ceil(Math.log10(hi)));
    if (hi <= lo) hi = lo * 10;
    ticks = logTicks(Math.log10(lo), Math.log10(hi));
  } else {
    if (!(hi > 0)) hi = 1;
    // The axis ends at the first round tick at or above the longest bar.
    const step = linearTicks(0, hi, 5)[1] ?? hi;
    hi = Math.ceil(hi / step - 1e-9) * step;
    ticks = linearTicks(0, hi, 5);
  }
  const format = options.format ?? ((v: number) => `${formatNumber(v)} ${options.unit}`);
  const tickText = options.tickText ?? formatTick;
  const x = (v: number): number =>
    log
      ? left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW
      : left + (v / hi) * plotW;
  const desc =
    `Horizontal bars of ${options.unit}${log ? " on a log scale" : " on a linear scale from 0"}: ` +
    bars.map((b) => `${b.label} ${Number.isFinite(b.value) ? format(b.value) : (b.note ?? "n/a")}`)
      .join("; ") +
    ".";
  const parts: string[] = [];
  parts.push(
    ...chartOpen(width, height, options.title, desc, 22),
  );
  const bottom = top + bars.length * rowH;
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${bottom}" stroke="${GRID}"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="${AXIS}">${
        escapeXml(tickText(t))
      }</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${bottom}" stroke="#999"/>`,
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
