/**
 * Loss curves as a self-contained SVG: one or more series of per-epoch losses
 * (train and test, or two implementations overlaid) on a log or linear axis.
 *
 * @module
 */

import {
  AXIS,
  checkColor,
  checkInt,
  checkString,
  coord,
  downsample,
  escapeXml,
  formatCount,
  formatNumber,
  formatTick,
  GRID,
  INK,
  linearTicks,
  logMinorTicks,
  logTicks,
  PALETTE,
  svgOpen,
  textWidth,
} from "./_private.ts";

/**
 * One curve of {@linkcode lossCurveSvg}.
 *
 * @example A test loss measured every 10 epochs, drawn in red
 * ```ts
 * import type { LossSeries } from "@backprop/plot";
 * const test: LossSeries = { label: "test", values: [0.4, 0.2, 0.1], every: 10, color: "#d62728" };
 * ```
 */
export interface LossSeries {
  /** Legend text, e.g. `"train"` or `"tfjs"`. */
  label: string;
  /**
   * The losses: values[i] belongs to epoch (i + 1) · every. Non-finite values
   * (and, on a log axis, values ≤ 0) leave a gap.
   */
  values: ArrayLike<number>;
  /**
   * Any CSS colour (`#hex`, a name, `rgb(…)`).
   * @default {the next colour of a colour-blind-safe palette}
   */
  color?: string;
  /**
   * Epochs between consecutive values, e.g. 10 for a test loss measured every
   * 10 epochs.
   * @default {1}
   */
  every?: number;
}

/**
 * Options of {@linkcode lossCurveSvg}; every field is optional.
 *
 * @example A wide chart on a linear axis
 * ```ts
 * import { type LossCurveOptions, lossCurveSvg } from "@backprop/plot";
 * const options: LossCurveOptions = { title: "XOR", width: 960, logScale: false };
 * lossCurveSvg([{ label: "train", values: [0.3, 0.2, 0.1] }], options);
 * ```
 */
export interface LossCurveOptions {
  /**
   * Title at the top, and the SVG's `<title>`.
   * @default {"Loss"}
   */
  title?: string;
  /**
   * Width in pixels, 240 to 4000.
   * @default {720}
   */
  width?: number;
  /**
   * Height in pixels, 160 to 4000.
   * @default {420}
   */
  height?: number;
  /**
   * Log-scale y axis. Values ≤ 0 leave gaps on it; when no series has a
   * positive value, the axis falls back to linear.
   * @default {true}
   */
  logScale?: boolean;
  /**
   * Most points drawn per series, 8 to 100000. Longer series are cut into
   * buckets of consecutive epochs and each bucket keeps its lowest and highest
   * value, so spikes stay visible.
   * @default {1000}
   */
  maxPoints?: number;
  /**
   * Label of the x axis.
   * @default {"epoch"}
   */
  xLabel?: string;
  /**
   * Label of the y axis.
   * @default {"loss"}
   */
  yLabel?: string;
  /**
   * Show each series' last finite value (or the epoch it diverged at) in the legend.
   * @default {true}
   */
  showFinal?: boolean;
  /**
   * The x axis spans at least this many epochs, 1 to 1e9 (so that charts drawn
   * one above the other share their epochs).
   * @default {the longest series}
   */
  epochs?: number;
  /**
   * The plot area starts at least this many pixels from the left edge, 0 to
   * 400 (so that charts drawn one above the other line up).
   * @default {room for the y tick labels}
   */
  marginLeft?: number;
}

/** Okabe–Ito-like colours, starting with Playground's blue and orange. */
/** Dash pattern per series index, so identical overlaid curves both stay visible. */
const DASHES = ["", "7 4", "2 3", "10 3 2 3"];

interface Prepared {
  label: string;
  color: string;
  dash: string;
  every: number;
  values: ArrayLike<number>;
}

interface Summary {
  count: number;
  valid: number;
  first: number;
  last: number;
  lastEpoch: number;
  min: number;
  minEpoch: number;
  divergedAt: number;
}

function summarise(s: Prepared, valid: (v: number) => boolean): Summary {
  const n = s.values.length;
  const out: Summary = {
    count: n,
    valid: 0,
    first: NaN,
    last: NaN,
    lastEpoch: 0,
    min: Infinity,
    minEpoch: 0,
    divergedAt: 0,
  };
  for (let i = 0; i < n; i++) {
    const v = s.values[i];
    if (!valid(v)) continue;
    out.valid++;
    if (out.valid === 1) out.first = v;
    out.last = v;
    out.lastEpoch = (i + 1) * s.every;
    if (v < out.min) {
      out.min = v;
      out.minEpoch = (i + 1) * s.every;
    }
  }
  // Diverged: the series ends in non-finite values (a log axis' zeros do not count).
  let k = n;
  while (k > 0 && !Number.isFinite(s.values[k - 1])) k--;
  if (k < n) out.divergedAt = (k + 1) * s.every;
  return out;
}

/**
 * Draws loss curves as a self-contained SVG string (system fonts, no scripts,
 * no external files): x is the epoch, y the loss on a log scale by default,
 * with round ticks, axis labels, a title, a legend, and `<title>`/`<desc>`
 * elements for screen readers. Long series are downsampled to `maxPoints`
 * points keeping each bucket's minimum and maximum; non-finite values leave
 * gaps. Throws a RangeError for no series or bad sizes, a TypeError for a
 * non-string label or a colour that is not a plain CSS colour.
 *
 * @example Train and test loss
 * ```ts
 * import { lossCurveSvg } from "@backprop/plot";
 *
 * const train = Array.from({ length: 500 }, (_, i) => 0.3 * Math.exp(-i / 80));
 * const test = train.map((v) => v * 1.2 + 0.002);
 * const svg = lossCurveSvg(
 *   [{ label: "train", values: train }, { label: "test", values: test }],
 *   { title: "XOR, 3 hidden units" },
 * );
 * svg.startsWith("<svg"); // true; write it to a .svg file and open it in a browser
 * ```
 */
export function lossCurveSvg(
  series: readonly LossSeries[],
  options: LossCurveOptions = {},
): string {
  if (!Array.isArray(series) || series.length === 0) {
    throw new RangeError("series: expected at least one { label, values } series");
  }
  const title = checkString("options.title", options.title ?? "Loss");
  const width = checkInt("options.width", options.width ?? 720, 240, 4000);
  const height = checkInt("options.height", options.height ?? 420, 160, 4000);
  const maxPoints = checkInt("options.maxPoints", options.maxPoints ?? 1000, 8, 100_000);
  const xLabel = checkString("options.xLabel", options.xLabel ?? "epoch");
  const yLabel = checkString("options.yLabel", options.yLabel ?? "loss");
  const showFinal = options.showFinal ?? true;
  const minEpochs = checkInt("options.epochs", options.epochs ?? 1, 1, 1e9);
  const marginLeft = checkInt("options.marginLeft", options.marginLeft ?? 0, 0, 400);

  const prepared: Prepared[] = series.map((s, i) => {
    const label = checkString(`series[${i}].label`, s?.label);
    const values = s.values;
    if (values === null || typeof values !== "object" || typeof values.length !== "number") {
      throw new TypeError(`series[${i}].values: expected an array of numbers`);
    }
    return {
      label,
      values,
      color: checkColor(`series[${i}].color`, s.color ?? PALETTE[i % PALETTE.length]),
      dash: DASHES[i % DASHES.length],
      every: checkInt(`series[${i}].every`, s.every ?? 1, 1, 1e9),
    };
  });

  // y scale: log when asked for and possible.
  const positive = (v: number) => Number.isFinite(v) && v > 0;
  let lo = Infinity, hi = -Infinity, anyPositive = false;
  for (const s of prepared) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      if (v > 0) anyPositive = true;
      if (options.logScale === false || v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const log = (options.logScale ?? true) && anyPositive;
  if (!log) {
    // Recompute over every finite value (the log pass skipped values ≤ 0).
    lo = Infinity;
    hi = -Infinity;
    for (const s of prepared) {
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  const valid = log ? positive : (v: number) => Number.isFinite(v);
  const hasData = lo <= hi;
  let y0: number, y1: number, yTicks: number[], yMinor: number[] = [];
  if (log) {
    let a = Math.log10(lo), b = Math.log10(hi);
    if (b - a < 1e-9) {
      a -= 0.5;
      b += 0.5;
    }
    const pad = (b - a) * 0.04;
    y0 = a - pad;
    y1 = b + pad;
    yTicks = logTicks(y0, y1);
    if (y1 - y0 <= 8) yMinor = logMinorTicks(y0, y1);
  } else {
    if (!hasData) {
      lo = 0;
      hi = 1;
    } else if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
      const d = lo === 0 ? 1 : Math.abs(lo) * 0.5;
      lo -= d;
      hi += d;
    }
    // Widen to the round ticks just outside the data, unless that overflows.
    yTicks = linearTicks(lo, hi, 5);
    const step = yTicks.length > 1 ? yTicks[1] - yTicks[0] : hi - lo;
    const below = Math.floor(lo / step + 1e-9) * step, above = Math.ceil(hi / step - 1e-9) * step;
    y0 = Number.isFinite(below) ? Math.min(lo, below) : lo;
    y1 = Number.isFinite(above) ? Math.max(hi, above) : hi;
    yTicks = linearTicks(y0, y1, 5);
  }
  const yOf = (v: number) => (log ? Math.log10(v) : v);

  // x scale: epochs from 0 to the longest series (a single epoch sits in the middle).
  let xMax = options.epochs === undefined ? 0 : minEpochs;
  for (const s of prepared) xMax = Math.max(xMax, s.values.length * s.every);
  const x1 = xMax <= 1 ? 2 : xMax;
  // As many round epoch ticks as fit with their labels apart (plot width estimated).
  let xTicks: number[] = [];
  for (let count = 10; count >= 1; count--) {
    xTicks = linearTicks(0, x1, count, true);
    const spacing = xTicks.length > 1 ? ((width - 90) * (xTicks[1] - xTicks[0])) / x1 : Infinity;
    const widest = Math.max(...xTicks.map((t) => textWidth(formatCount(t), 11)));
    if (spacing >= widest + 18) break;
  }

  // Layout: title, legend rows, plot, x labels; y labels on the left.
  const summaries = prepared.map((s) => summarise(s, valid));
  const legendTexts = prepared.map((s, i) => {
    const m = summaries[i];
    if (!showFinal) return s.label;
    if (m.divergedAt > 0) return `${s.label} — diverged at epoch ${m.divergedAt}`;
    return m.valid > 0 ? `${s.label} — ${formatNumber(m.last)}` : `${s.label} — no data`;
  });
  const yTickLabels = yTicks.map(formatTick);
  const tickWidth = Math.max(0, ...yTickLabels.map((t) => textWidth(t, 11)));
  const left = Math.max(marginLeft, Math.ceil(22 + 10 + tickWidth + 6));
  const lastXLabel = formatCount(xTicks[xTicks.length - 1] ?? 0);
  const right = Math.ceil(Math.max(20, textWidth(lastXLabel, 11) / 2 + 6));
  const plotW = width - left - right;

  const items = legendTexts.map((t) => 26 + textWidth(t, 12) + 18);
  const rows: number[][] = [[]];
  let rowWidth = 0;
  items.forEach((w, i) => {
    if (rowWidth > 0 && rowWidth + w > plotW) {
      rows.push([]);
      rowWidth = 0;
    }
    rows[rows.length - 1].push(i);
    rowWidth += w;
  });
  const legendTop = 40;
  const top = legendTop + rows.length * 18 + 6;
  const bottom = 46;
  const plotH = height - top - bottom;
  if (plotW < 60 || plotH < 40) {
    throw new RangeError(
      `options.width/height: ${width}×${height} leaves no room for the plot; make it larger`,
    );
  }
  const px = (x: number) => left + (x / x1) * plotW;
  const py = (v: number) => top + plotH - ((yOf(v) - y0) / (y1 - y0)) * plotH;

  const out: string[] = [svgOpen(width, height)];
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<desc>${escapeXml(describe(prepared, summaries, log, xLabel, yLabel))}</desc>`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);

  // Grid.
  const grid: string[] = [];
  for (const v of yMinor) grid.push(`M${left},${coord(py(v))}h${plotW}`);
  if (grid.length > 0) {
    out.push(`<path d="${grid.join("")}" stroke="#f2f2f2" stroke-width="1" fill="none"/>`);
  }
  const major: string[] = [];
  for (const v of yTicks) major.push(`M${left},${coord(py(v))}h${plotW}`);
  for (const x of xTicks) major.push(`M${coord(px(x))},${top}v${plotH}`);
  out.push(`<path d="${major.join("")}" stroke="${GRID}" stroke-width="1" fill="none"/>`);

  // Axes, ticks and labels.
  out.push(
    `<path d="M${left},${top}V${top + plotH}H${left + plotW}" stroke="${AXIS}" ` +
      `stroke-width="1" fill="none"/>`,
  );
  out.push(`<g font-size="11" fill="${AXIS}">`);
  yTicks.forEach((v, i) => {
    out.push(
      `<text x="${left - 6}" y="${coord(py(v) + 4)}" text-anchor="end">${
        escapeXml(yTickLabels[i])
      }</text>`,
    );
  });
  for (const x of xTicks) {
    out.push(
      `<text x="${coord(px(x))}" y="${top + plotH + 16}" text-anchor="middle">${
        escapeXml(formatCount(x))
      }</text>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<text x="${coord(left + plotW / 2)}" y="${height - 10}" font-size="12" ` +
      `text-anchor="middle" fill="${INK}">${escapeXml(xLabel)}</text>`,
  );
  const yText = log ? `${yLabel} (log scale)` : yLabel;
  out.push(
    `<text transform="translate(16 ${coord(top + plotH / 2)}) rotate(-90)" font-size="12" ` +
      `text-anchor="middle" fill="${INK}">${escapeXml(yText)}</text>`,
  );
  if (!hasData) {
    out.push(
      `<text x="${coord(left + plotW / 2)}" y="${coord(top + plotH / 2)}" font-size="13" ` +
        `text-anchor="middle" fill="${AXIS}">no finite values to draw</text>`,
    );
  }

  // Curves: one path per series (a subpath per run between gaps), a dot per lone point.
  prepared.forEach((s) => {
    const runs = downsample(s.values, maxPoints, valid);
    const d: string[] = [];
    const dots: string[] = [];
    for (const run of runs) {
      if (run.length === 1) {
        const k = run[0];
        dots.push(
          `<circle cx="${coord(px((k + 1) * s.every))}" cy="${coord(py(s.values[k]))}" r="2.5"/>`,
        );
        continue;
      }
      run.forEach((k, j) => {
        d.push(`${j === 0 ? "M" : "L"}${coord(px((k + 1) * s.every))},${coord(py(s.values[k]))}`);
      });
    }
    const dash = s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`;
    out.push(
      `<path class="series" d="${d.join("")}" fill="none" stroke="${escapeXml(s.color)}" ` +
        `stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
    );
    if (dots.length > 0) out.push(`<g fill="${escapeXml(s.color)}">${dots.join("")}</g>`);
  });

  // Title and legend.
  // A title too long for the picture is set smaller, down to 11 px, then cut with
  // an ellipsis (the whole title stays in <title>). Bold is ~8 % wider than textWidth.
  const room = width - left - 8;
  const titleSize = Math.max(
    11,
    Math.min(16, Math.floor((16 * room) / (textWidth(title, 16) * 1.08))),
  );
  out.push(
    `<text x="${left}" y="22" font-size="${titleSize}" font-weight="600" fill="${INK}">${
      escapeXml(fitText(title, titleSize * 1.08, room))
    }</text>`,
  );
  out.push(`<g font-size="12" fill="${INK}">`);
  rows.forEach((row, r) => {
    let x = left;
    const y = legendTop + r * 18;
    for (const i of row) {
      const s = prepared[i];
      const dash = s.dash === "" ? "" : ` stroke-dasharray="${s.dash}"`;
      out.push(
        `<path d="M${coord(x)},${y - 4}h22" stroke="${
          escapeXml(s.color)
        }" stroke-width="2.5"${dash}/>`,
      );
      out.push(`<text x="${coord(x + 28)}" y="${y}">${escapeXml(legendTexts[i])}</text>`);
      x += items[i];
    }
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

/** `text`, cut with "…" to fit `room` px at font size `size`. */
function fitText(text: string, size: number, room: number): string {
  if (textWidth(text, size) <= room) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join("") + "…", size) > room) chars.pop();
  return chars.join("").trimEnd() + "…";
}

function describe(
  series: readonly Prepared[],
  summaries: readonly Summary[],
  log: boolean,
  xLabel: string,
  yLabel: string,
): string {
  const parts = series.map((s, i) => {
    const m = summaries[i];
    if (m.valid === 0) return `${s.label}: no finite values.`;
    let text = `${s.label}: ${m.count} values, from ${formatNumber(m.first)} to ${
      formatNumber(m.last)
    } (lowest ${formatNumber(m.min)} at ${xLabel} ${m.minEpoch})`;
    if (m.divergedAt > 0) text += `, diverged at ${xLabel} ${m.divergedAt}`;
    if (m.valid < m.count) {
      const skipped = m.count - m.valid;
      text += `, ${skipped} ${skipped === 1 ? "value" : "values"} not drawn`;
    }
    return text + ".";
  });
  return `Line chart of ${yLabel} against ${xLabel}` + (log ? ", y axis on a log scale. " : ". ") +
    parts.join(" ");
}
