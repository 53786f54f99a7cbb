/**
 * Loss curves of engines that should agree, overlaid, with a panel under them
 * of how far apart they are: |first − other| per epoch on a log scale. Curves
 * that agree coincide, so only the top one shows; the panel shows the
 * agreement itself.
 *
 * @module
 */

import { escapeXml, formatNumber, svgOpen } from "./_private.ts";
import { type LossCurveOptions, lossCurveSvg, type LossSeries } from "./loss_curve.ts";

/** A series of {@linkcode lossAgreementSvg}: a loss series with a short name for the panel. */
export interface AgreementSeries extends LossSeries {
  /** Short name in the difference panel's legend, e.g. `tfjs-cpu` (default: the label). */
  name?: string;
}

/**
 * |a − b| at the epochs both series have: series i's values[k] belongs to epoch
 * (k + 1) · every, so the common epochs are the multiples of lcm(everyA, everyB)
 * up to the shorter one's end. Returns those differences and their spacing.
 *
 * @example
 * ```ts
 * import { lossGaps } from "@backprop/plot";
 * lossGaps({ values: [0.5, 0.4, 0.3, 0.2], every: 1 }, { values: [0.41, 0.22], every: 2 });
 * // { every: 2, values: [≈0.01, ≈0.02] }
 * ```
 */
export function lossGaps(
  a: { values: ArrayLike<number>; every?: number },
  b: { values: ArrayLike<number>; every?: number },
): { every: number; values: number[] } {
  const ea = a.every ?? 1, eb = b.every ?? 1;
  let g = ea, h = eb;
  while (h !== 0) [g, h] = [h, g % h];
  const every = (ea / g) * eb;
  const n = Math.floor(Math.min(a.values.length * ea, b.values.length * eb) / every);
  const values: number[] = [];
  for (let k = 1; k <= n; k++) {
    values.push(Math.abs(a.values[(k * every) / ea - 1] - b.values[(k * every) / eb - 1]));
  }
  return { every, values };
}

/**
 * The overlaid loss curves (see {@linkcode lossCurveSvg}) and, under them on
 * the same epochs, |first series − each other series| per epoch on a log
 * scale, in the other series' colour. An epoch where two curves are exactly
 * equal leaves a gap on the log scale; when they are equal everywhere the panel
 * is linear and flat at 0. One SVG, `role="img"`, with its `<title>` and a
 * `<desc>` giving the largest difference.
 *
 * @example
 * ```ts
 * import { lossAgreementSvg } from "@backprop/plot";
 * const svg = lossAgreementSvg(
 *   [
 *     { label: "manual", name: "manual", values: [0.3, 0.2, 0.1] },
 *     { label: "tfjs", name: "tfjs", values: [0.3000001, 0.2000002, 0.1000001] },
 *   ],
 *   { title: "XOR" },
 * );
 * svg.includes("|manual − tfjs|"); // true
 * ```
 */
export function lossAgreementSvg(
  series: readonly AgreementSeries[],
  options: LossCurveOptions = {},
): string {
  const width = options.width ?? 720;
  const topHeight = options.height ?? 420;
  const panelHeight = 240;
  const title = options.title ?? "Loss";
  const epochs = Math.max(1, ...series.map((s) => s.values.length * (s.every ?? 1)));
  // Both plot areas start 80 px in (room for 6-character tick labels), so their epochs line up.
  const marginLeft = Math.max(80, options.marginLeft ?? 0);
  const top = lossCurveSvg(series, { ...options, epochs, marginLeft });
  if (series.length < 2) return top;
  const first = series[0];
  const firstName = first.name ?? first.label;
  const gaps: LossSeries[] = series.slice(1).map((s) => ({
    label: `|${firstName} − ${s.name ?? s.label}|`,
    ...lossGaps(first, s),
    color: s.color,
  }));
  const panel = lossCurveSvg(gaps, {
    title: `how far apart: |${firstName} − other| per epoch`,
    width,
    height: panelHeight,
    yLabel: "|difference|",
    logScale: true,
    epochs,
    marginLeft,
    maxPoints: options.maxPoints,
  });
  const largest = gaps.map((g) => {
    const finite = Array.from(g.values).filter(Number.isFinite);
    return `${g.label} at most ${finite.length ? formatNumber(Math.max(...finite)) : "–"}`;
  });
  const desc = `Loss curves of ${
    series.map((s) => s.name ?? s.label).join(", ")
  } overlaid, and under them their difference per epoch on a log scale: ${largest.join("; ")}.`;
  const nest = (svg: string, y: number) => svg.replace(/^<svg /, `<svg x="0" y="${y}" `);
  return [
    svgOpen(width, topHeight + panelHeight),
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(desc)}</desc>`,
    nest(top, 0),
    nest(panel, topHeight),
    "</svg>",
  ].join("\n");
}
