/**
 * The classics suite's charts, as self-contained SVG strings: the share of runs
 * solved against sweeps (an empirical distribution function, with the
 * published run marked), rates with their intervals beside a published band,
 * and points with whiskers against a published line.
 *
 * @module
 */

import { escapeXml, PALETTE } from "@backprop/bench/svg";

const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif"`;

/** A plot area and its scales. */
interface Frame {
  parts: string[];
  x: (v: number) => number;
  y: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Text of a tick value: 1 000 as 1k, 20 000 as 20k. */
function tickText(v: number): string {
  if (v >= 1000 && v % 1000 === 0) return `${v / 1000}k`;
  return Number(v.toPrecision(3)).toString();
}

function frame(
  width: number,
  height: number,
  title: string,
  xDomain: [number, number],
  yDomain: [number, number],
  log: boolean,
  xTicks: number[],
  yTicks: number[],
  xLabel: string,
  yLabel: string,
  xText: (v: number) => string = tickText,
): Frame {
  const left = 64, right = width - 24, top = 44, bottom = height - 52;
  const [x0, x1] = log ? [Math.log10(xDomain[0]), Math.log10(xDomain[1])] : xDomain;
  const x = (v: number) => left + (((log ? Math.log10(v) : v) - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * (bottom - top);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="600">${
      escapeXml(title)
    }</text>`,
  ];
  for (const t of xTicks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${bottom}" stroke="#e4e4e4"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="#555">${
        escapeXml(xText(t))
      }</text>`,
    );
  }
  for (const t of yTicks) {
    const ty = y(t).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="#e4e4e4"/>`,
      `<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" fill="#555">${
        Number(t.toPrecision(4))
      }</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${
      bottom - top
    }" fill="none" stroke="#999"/>`,
    `<text x="${(left + right) / 2}" y="${height - 14}" text-anchor="middle" fill="#333">${
      escapeXml(xLabel)
    }</text>`,
    `<text transform="translate(16 ${
      (top + bottom) / 2
    }) rotate(-90)" text-anchor="middle" fill="#333">${escapeXml(yLabel)}</text>`,
  );
  return { parts, x, y, left, right, top, bottom };
}

function legend(f: Frame, items: { label: string; color: string; dash?: boolean }[]): void {
  items.forEach((item, i) => {
    const y = f.top + 14 + i * 17;
    const x = f.left + 12;
    f.parts.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${
        y - 4
      }" stroke="${item.color}" stroke-width="2.5"${item.dash ? ' stroke-dasharray="6 4"' : ""}/>`,
      `<text x="${x + 28}" y="${y}" fill="#222">${escapeXml(item.label)}</text>`,
    );
  });
}

/** Powers of ten and their doubles and fives between lo and hi, for a log axis. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let p = Math.pow(10, Math.floor(Math.log10(lo))); p <= hi; p *= 10) {
    for (const m of [1, 2, 5]) if (m * p >= lo && m * p <= hi) ticks.push(m * p);
  }
  return ticks;
}

/** One curve of {@linkcode ecdfSvg}. */
export interface EcdfSeries {
  /** Legend text. */
  label: string;
  /** Sweeps to solve of the solved runs. */
  values: readonly number[];
  /** All runs, solved or not: the curve ends at values.length / runs. */
  runs: number;
  /** Drawn thicker. */
  bold?: boolean;
  /** Colour (default: from the palette by position). */
  color?: string;
}

/**
 * The share of runs solved within x sweeps, one step curve per series, on a
 * log x axis up to `max` sweeps, with a vertical line at the published figure.
 *
 * @example
 * ```ts
 * import { ecdfSvg } from "./svg.ts";
 * const svg = ecdfSvg([{ label: "ours", values: [300, 400, 900], runs: 4 }], {
 *   title: "XOR", marker: { value: 558, label: "published: 558" }, max: 20000,
 * });
 * svg.includes("558"); // true
 * ```
 */
export function ecdfSvg(
  series: readonly EcdfSeries[],
  options: { title: string; marker: { value: number; label: string }; max: number },
): string {
  const all = series.flatMap((s) => s.values);
  const lo = Math.max(
    1,
    Math.pow(10, Math.floor(Math.log10(Math.min(options.marker.value, ...all)))),
  );
  const hi = Math.max(options.max, options.marker.value * 1.5);
  const f = frame(
    760,
    420,
    options.title,
    [lo, hi],
    [0, 100],
    true,
    logTicks(lo, hi),
    [0, 20, 40, 60, 80, 100],
    "sweeps through the patterns (log scale)",
    "% of runs solved by then",
  );
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const sorted = [...s.values].sort((a, b) => a - b);
    let d = `M${f.x(lo).toFixed(1)},${f.y(0).toFixed(1)}`;
    sorted.forEach((v, k) => {
      const px = f.x(Math.max(lo, v)).toFixed(1);
      d += ` H${px} V${f.y((100 * (k + 1)) / s.runs).toFixed(1)}`;
    });
    d += ` H${f.x(hi).toFixed(1)}`;
    f.parts.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.bold ? 3 : 1.4}"${
        s.bold ? "" : ' stroke-opacity="0.8"'
      }/>`,
    );
  });
  const mx = f.x(options.marker.value);
  // The label beside the line, on whichever side has room.
  const onLeft = mx > f.left + 0.6 * (f.right - f.left);
  f.parts.push(
    `<line x1="${mx.toFixed(1)}" y1="${f.top}" x2="${
      mx.toFixed(1)
    }" y2="${f.bottom}" stroke="#000" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${(mx + (onLeft ? -6 : 6)).toFixed(1)}" y="${f.bottom - 10}" text-anchor="${
      onLeft ? "end" : "start"
    }" fill="#000" font-weight="600">${escapeXml(options.marker.label)}</text>`,
  );
  legend(
    f,
    series.map((s, i) => ({ label: s.label, color: s.color ?? PALETTE[i % PALETTE.length] })),
  );
  f.parts.push("</svg>");
  return f.parts.join("\n");
}

/** One bar of {@linkcode rateBarsSvg}: a rate in % with its interval. */
export interface RateBar {
  /** Legend text of its series. */
  series: string;
  /** The rate and its interval, in %. */
  rate: number;
  low: number;
  high: number;
  /** Colour. */
  color: string;
}

/**
 * Groups of bars (rates in %, with whiskers for their intervals) beside a
 * shaded band for the published rate.
 *
 * @example
 * ```ts
 * import { rateBarsSvg } from "./svg.ts";
 * const svg = rateBarsSvg(
 *   [{ label: "per sweep, ±0.5", bars: [{ series: "η 0.25", rate: 5, low: 3, high: 8, color: "#0072B2" }] }],
 *   { title: "local minima", band: { low: 0.2, high: 1, label: "published" } },
 * );
 * svg.startsWith("<svg"); // true
 * ```
 */
export function rateBarsSvg(
  groups: readonly { label: string; bars: readonly RateBar[] }[],
  options: {
    title: string;
    band: { low: number; high: number; label: string };
    yLabel?: string;
    xLabel?: string;
  },
): string {
  const top = Math.max(options.band.high, ...groups.flatMap((g) => g.bars.map((b) => b.high)));
  const step = top > 40 ? 20 : top > 20 ? 10 : top > 8 ? 5 : top > 4 ? 2 : 1;
  const yMax = Math.max(step, Math.ceil((top * 1.15) / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= yMax; t += step) ticks.push(t);
  const f = frame(
    760,
    420,
    options.title,
    [0, groups.length],
    [0, yMax],
    false,
    [],
    ticks,
    options.xLabel ?? "",
    options.yLabel ?? "% of runs",
  );
  const slot = (f.right - f.left) / groups.length;
  // The published band.
  f.parts.push(
    `<rect x="${f.left}" y="${f.y(options.band.high).toFixed(1)}" width="${
      f.right - f.left
    }" height="${
      Math.max(1.5, f.y(options.band.low) - f.y(options.band.high)).toFixed(1)
    }" fill="#000" fill-opacity="0.18"/>`,
  );
  groups.forEach((g, i) => {
    const x0 = f.left + i * slot;
    const width = (slot * 0.7) / Math.max(1, g.bars.length);
    g.bars.forEach((b, k) => {
      const bx = x0 + slot * 0.15 + k * width;
      const cx = (bx + width / 2).toFixed(1);
      f.parts.push(
        `<rect x="${bx.toFixed(1)}" y="${f.y(b.rate).toFixed(1)}" width="${
          (width - 3).toFixed(1)
        }" height="${(f.y(0) - f.y(b.rate)).toFixed(1)}" fill="${b.color}"/>`,
        `<line x1="${cx}" y1="${f.y(b.low).toFixed(1)}" x2="${cx}" y2="${
          f.y(b.high).toFixed(1)
        }" stroke="#222" stroke-width="1.5"/>`,
      );
    });
    f.parts.push(
      `<text x="${(x0 + slot / 2).toFixed(1)}" y="${
        f.bottom + 16
      }" text-anchor="middle" fill="#333">${escapeXml(g.label)}</text>`,
    );
  });
  const seriesNames = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.series)))];
  const colors = new Map(groups.flatMap((g) => g.bars.map((b) => [b.series, b.color] as const)));
  legend(f, [
    ...seriesNames.map((s) => ({ label: s, color: colors.get(s)! })),
    { label: options.band.label, color: "#bbb" },
  ]);
  f.parts.push("</svg>");
  return f.parts.join("\n");
}

/** One series of points with whiskers for {@linkcode linePointsSvg}. */
export interface PointSeries {
  /** Legend text. */
  label: string;
  /** Colour. */
  color: string;
  /** Points: x, the value, and its whisker from low to high. */
  points: readonly { x: number; y: number; low: number; high: number }[];
}

/**
 * Points with whiskers (our medians and p10–p90) beside straight lines (the
 * published line and ours), on linear axes.
 *
 * @example
 * ```ts
 * import { linePointsSvg } from "./svg.ts";
 * const svg = linePointsSvg(
 *   [{ label: "ours", color: "#0072B2", points: [{ x: 1, y: 500, low: 400, high: 700 }] }],
 *   [{ label: "published", color: "#000", a: 280, b: -33, dash: true }],
 *   { title: "Chauvin", xLabel: "log2 H", yLabel: "sweeps", xs: [1, 2, 3, 4, 5] },
 * );
 * svg.startsWith("<svg"); // true
 * ```
 */
export function linePointsSvg(
  series: readonly PointSeries[],
  lines: readonly { label: string; color: string; a: number; b: number; dash?: boolean }[],
  options: {
    title: string;
    xLabel: string;
    yLabel: string;
    xs: readonly number[];
    xText?: (x: number) => string;
  },
): string {
  const x0 = Math.min(...options.xs) - 0.5, x1 = Math.max(...options.xs) + 0.5;
  const values = [
    ...series.flatMap((s) => s.points.flatMap((p) => [p.high, p.low, p.y])),
    ...lines.flatMap((l) => [l.a + l.b * x0, l.a + l.b * x1]),
  ].filter(Number.isFinite);
  const hi = Math.max(...values, 1);
  const step = hi > 1500 ? 500 : hi > 600 ? 200 : hi > 300 ? 100 : 50;
  const yMax = Math.ceil((hi * 1.05) / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= yMax; t += step) ticks.push(t);
  const f = frame(
    760,
    440,
    options.title,
    [x0, x1],
    [0, yMax],
    false,
    [...options.xs],
    ticks,
    options.xLabel,
    options.yLabel,
    options.xText,
  );
  for (const l of lines) {
    f.parts.push(
      `<line x1="${f.x(x0).toFixed(1)}" y1="${f.y(l.a + l.b * x0).toFixed(1)}" x2="${
        f.x(x1).toFixed(1)
      }" y2="${f.y(l.a + l.b * x1).toFixed(1)}" stroke="${l.color}" stroke-width="2"${
        l.dash ? ' stroke-dasharray="7 5"' : ""
      }/>`,
    );
  }
  series.forEach((s, i) => {
    const shift = (i - (series.length - 1) / 2) * 0.08;
    for (const p of s.points) {
      if (!Number.isFinite(p.y)) continue;
      const cx = f.x(p.x + shift).toFixed(1);
      f.parts.push(
        `<line x1="${cx}" y1="${f.y(p.low).toFixed(1)}" x2="${cx}" y2="${
          f.y(p.high).toFixed(1)
        }" stroke="${s.color}" stroke-width="2"/>`,
        `<circle cx="${cx}" cy="${f.y(p.y).toFixed(1)}" r="4.5" fill="${s.color}"/>`,
      );
    }
  });
  f.parts.push(`<g transform="translate(${f.right - f.left - 330} 0)">`);
  const legendFrame = { ...f, parts: [] as string[] };
  legend(legendFrame, [
    ...lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash })),
    ...series.map((s) => ({ label: s.label, color: s.color })),
  ]);
  f.parts.push(...legendFrame.parts, "</g>");
  f.parts.push("</svg>");
  return f.parts.join("\n");
}
