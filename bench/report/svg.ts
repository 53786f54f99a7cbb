/**
 * The two charts `@backprop/plot` does not draw: horizontal bars (speed per
 * engine) and histograms (epochs to converge), as self-contained SVG strings.
 *
 * @module
 */

/** A colour-blind-safe palette (Okabe–Ito). */
export const PALETTE: readonly string[] = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
];

const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif"`;

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || (a > 0 && a < 1e-3)) return x.toExponential(2);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toPrecision(3);
}

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
 * import { barChartSvg } from "@backprop/bench";
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
  const format = options.format ?? ((v: number) => `${fmt(v)} ${options.unit}`);
  const x = (v: number): number =>
    log
      ? left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW
      : left + (v / hi) * plotW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${
      escapeXml(options.title)
    }</text>`,
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
        escapeXml(options.format ? options.format(t) : fmt(t))
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
  /** Width (default 720) and height (default 320) in pixels. */
  width?: number;
  height?: number;
}

/**
 * Histograms of one or more samples over shared bins, drawn side by side in
 * each bin; the y axis is the share of each sample's values.
 *
 * @example
 * ```ts
 * import { histogramSvg } from "@backprop/bench";
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
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="600">${
      escapeXml(options.title)
    }</text>`,
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
        fmt(v)
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
