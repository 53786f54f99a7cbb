/**
 * Rates with their intervals as SVG bars, beside a shaded published band.
 *
 * @module
 */

import { escapeXml, formatNumber } from "./_private.ts";
import { frame, legend } from "./_chart.ts";

/** One bar of {@linkcode rateBarsSvg}: a rate in % with its interval. */
export interface RateBar {
  /** Legend text of its series. */
  series: string;
  /** The rate, in %. */
  rate: number;
  /** The low end of its interval, in %. */
  low: number;
  /** The high end of its interval, in %. */
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
 * import { rateBarsSvg } from "@backprop/plot";
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
  const desc = `Bars of rates in % with their intervals, per group: ` +
    groups.map((g) =>
      `${g.label}: ${
        g.bars.map((b) =>
          `${b.series} ${formatNumber(b.rate)} % [${formatNumber(b.low)}, ${formatNumber(b.high)}]`
        ).join(", ")
      }`
    ).join("; ") +
    `. A shaded band from ${formatNumber(options.band.low)} to ${
      formatNumber(options.band.high)
    } % marks ${options.band.label}.`;
  const f = frame({
    width: 760,
    height: 420,
    title: options.title,
    desc,
    xDomain: [0, groups.length],
    yDomain: [0, yMax],
    log: false,
    xTicks: [],
    yTicks: ticks,
    xLabel: options.xLabel ?? "",
    yLabel: options.yLabel ?? "% of runs",
  });
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
    ...seriesNames.map((s) => ({ label: s, color: colors.get(s)!, swatch: true })),
    { label: options.band.label, color: "#bbb", swatch: true },
  ]);
  f.parts.push("</svg>");
  return f.parts.join("\n");
}
