/**
 * An empirical distribution function as SVG: the share of runs solved within x
 * sweeps, one step curve per series, with a published figure marked.
 *
 * @module
 */

import { escapeXml, formatCount, logTicks, PALETTE } from "./_private.ts";
import { frame, legend } from "./_chart.ts";

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
 * import { ecdfSvg } from "@backprop/plot";
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
  const desc =
    `Step curves of the share of runs solved by each sweep, log x axis up to ${
      formatCount(hi)
    } sweeps: ` +
    series.map((s) => `${s.label}, ${s.values.length} of ${s.runs} runs solved`).join("; ") +
    `. A dashed vertical line marks ${options.marker.label}.`;
  const f = frame({
    width: 760,
    height: 420,
    title: options.title,
    desc,
    xDomain: [lo, hi],
    yDomain: [0, 100],
    log: true,
    xTicks: logTicks(Math.log10(lo), Math.log10(hi)),
    yTicks: [0, 20, 40, 60, 80, 100],
    xLabel: "sweeps through the patterns (log scale)",
    yLabel: "% of runs solved by then",
  });
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
