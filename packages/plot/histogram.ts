/**
 * Histograms of one or more samples over shared bins, as SVG.
 *
 * @module
 */

import { escapeXml, formatNumber, formatTick, INK, linearTicks, PALETTE } from "./_private.ts";
import { frame } from "./_chart.ts";

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
  /** Height in pixels without the legend, which adds a line per series (default 320). */
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
  const bins = options.bins ?? 20;
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
  // The y axis in %: round ticks of 1, 2 or 5 × 10^k % up to the first one above the tallest bar.
  const peak = Math.max(0.01, ...shares.flat()) * 100;
  const step = (linearTicks(0, peak, 4)[1] ?? peak) || peak;
  const yMax = Math.ceil(peak / step - 1e-9) * step;
  const whole = all.every(Number.isInteger);
  const colors = series.map((s, k) => s.color ?? PALETTE[k % PALETTE.length]);
  // One legend line per series above the plot, so that no label runs into the next.
  const legendRows = series.length;
  const top = 40 + legendRows * 17;
  const height = (options.height ?? 320) + legendRows * 17;
  const desc =
    `Histogram of ${options.xLabel} in ${bins} bins of ${formatNumber(binW)} from ${
      formatNumber(lo)
    } to ${formatNumber(hi)}, as the share of each sample: ` +
    series.map((s) => {
      const v = s.values.filter(Number.isFinite);
      return v.length === 0
        ? `${s.label}, n = 0`
        : `${s.label}, n = ${v.length}, from ${formatNumber(Math.min(...v))} to ${
          formatNumber(Math.max(...v))
        }`;
    }).join("; ") + ".";
  const f = frame({
    width,
    height,
    title: options.title,
    desc,
    xDomain: [lo, hi],
    yDomain: [0, yMax],
    log: false,
    xTicks: linearTicks(lo, hi, 5, whole),
    yTicks: linearTicks(0, yMax, 4),
    xLabel: options.xLabel,
    yLabel: "share of the sample",
    xText: formatTick,
    yText: (v) => `${formatTick(v)} %`,
    top,
  });
  const groupW = (f.right - f.left) / bins;
  const barW = (groupW * 0.85) / Math.max(1, series.length);
  series.forEach((_, k) => {
    shares[k].forEach((share, b) => {
      if (share === 0) return;
      const x = f.left + b * groupW + groupW * 0.075 + k * barW;
      const y = f.y(share * 100);
      f.parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${
          (f.bottom - y).toFixed(1)
        }" fill="${colors[k]}"/>`,
      );
    });
  });
  series.forEach((s, k) => {
    const y = 40 + k * 17;
    f.parts.push(
      `<rect x="${f.left + 4}" y="${y}" width="12" height="12" fill="${colors[k]}"/>`,
      `<text x="${f.left + 22}" y="${y + 10}" fill="${INK}">${
        escapeXml(s.label)
      } (n = ${s.values.length})</text>`,
    );
  });
  f.parts.push("</svg>");
  return f.parts.join("\n");
}
