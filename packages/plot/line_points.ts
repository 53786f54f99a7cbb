/**
 * Points with whiskers against a published line, as SVG.
 *
 * @module
 */

import { formatNumber, formatTick } from "./_private.ts";
import { frame, legend } from "./_chart.ts";

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
 * import { linePointsSvg } from "@backprop/plot";
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
  const xText = options.xText ?? formatTick;
  const desc = `${options.yLabel} against ${options.xLabel}: ` +
    series.map((s) =>
      `${s.label}: ${
        s.points.map((p) =>
          `${xText(p.x)}: ${formatNumber(p.y)} [${formatNumber(p.low)}, ${formatNumber(p.high)}]`
        ).join(", ")
      }`
    ).join("; ") + "; lines: " + lines.map((l) => l.label).join("; ") + ".";
  const f = frame({
    width: 760,
    height: 440,
    title: options.title,
    desc,
    xDomain: [x0, x1],
    yDomain: [0, yMax],
    log: false,
    xTicks: options.xs,
    yTicks: ticks,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    xText: options.xText,
  });
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
