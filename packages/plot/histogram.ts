/**
 * Histograms of one or more samples over shared bins, as SVG.
 *
 * @module
 */

import { escapeXml, formatNumber, PALETTE } from "./_private.ts";
import { chartOpen } from "./_chart.ts";

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** One sample of a histogram. */
export interface HistogramSeries {
  /** Legend text. */
  label: string;
  /** The values. */
  values: readonly number[];
  /** Colour. */
  color?: string;
}

/** Options of {@linkcode histogramSvg}. */
export interface HistogramOptions {
  /** Title. */
  title: string;
  /** Label of the x axis. */
  xLabel: string;
  /** Number of bins (default 20). */
  bins?: number;
  /** Width in pixels (default 720). */
  width?: number;
  /** Height in pixels (default 320). */
  height?: number;
}

/**
 * Histograms of one or more samples over shared bins, drawn side by side in
 * each bin; the y axis is the share of each sample's values.
 *
 * @example
 * ```ts
 * import { histogramSvg } from "@backprop/plot";
 * const svg = histogramSvg([{ label: "manual", values: [1, 2, 2, 3] }], {
 *   title: "t",
 *   xLabel: "epochs",
 * });
 * svg.includes("manual"); // true
 * ```
 */
export function histogramSvg(
  series: readonly HistogramSeries[],
  options: HistogramOptions,
): string {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const bins = options.bins ?? 20;
  const left = 56;
  const right = 20;
  const top = 48;
  const bottomPad = 48;
  const plotW = width - left - right;
  const plotH = height - top - bottomPad;
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  // Non-negative samples (epochs) start at 0; the end is rounded up to 1, 2, 2.5 or 5 × 10^k.
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (lo >= 0) lo = 0;
  hi = niceCeil(hi);
  if (hi <= lo) hi = lo + 1;
  const binW = (hi - lo) / bins;
  const shares = series.map((s) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of s.values) {
      if (!Number.isFinite(v)) continue;
      counts[Math.min(bins - 1, Math.floor((v - lo) / binW))]++;
    }
    return counts.map((c) => (s.values.length ? c / s.values.length : 0));
  });
  const peak = Math.max(0.01, ...shares.flat());
  const yMax = Math.ceil(peak * 10) / 10;
  const parts: string[] = [];
  parts.push(
    ...chartOpen(width, height, options.title, 20),
  );
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = top + plotH - (v / yMax) * plotH;
    parts.push(
      `<line x1="${left}" y1="${y.toFixed(1)}" x2="${left + plotW}" y2="${
        y.toFixed(1)
      }" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" fill="#555">${
        Math.round(v * 100)
      }%</text>`,
    );
  }
  const groupW = plotW / bins;
  const barW = (groupW * 0.85) / Math.max(1, series.length);
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    shares[k].forEach((share, b) => {
      if (share === 0) return;
      const h = (share / yMax) * plotH;
      const x = left + b * groupW + groupW * 0.075 + k * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${
          barW.toFixed(1)
        }" height="${h.toFixed(1)}" fill="${color}"/>`,
      );
    });
    parts.push(
      `<rect x="${left + 8 + k * 150}" y="${top - 18}" width="12" height="12" fill="${color}"/>`,
      `<text x="${left + 24 + k * 150}" y="${top - 8}">${
        escapeXml(s.label)
      } (n=${s.values.length})</text>`,
    );
  });
  for (let i = 0; i <= 5; i++) {
    const v = lo + ((hi - lo) * i) / 5;
    const x = left + (plotW * i) / 5;
    parts.push(
      `<text x="${x.toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" fill="#555">${
        formatNumber(v)
      }</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${
      top + plotH
    }" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" fill="#333">${
      escapeXml(options.xLabel)
    }</text>`,
    "</svg>",
  );
  return parts.join("\n");
}
