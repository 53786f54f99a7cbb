/**
 * Pictures for the terminal: a one-line loss sparkline, and a character heat
 * map of a 2-input model's decision surface with the data on top.
 *
 * @module
 */

import type { Dataset, ModelWeights } from "@backprop/core";
import {
  band,
  checkInt,
  checkOutputRange,
  checkString,
  classes,
  diverging,
  formatNumber,
  type Rgb,
} from "./_private.ts";
import { decisionSurface, type SurfaceOptions } from "./surface.ts";

/**
 * The eight bar heights of {@linkcode sparkline}, lowest first.
 *
 * @example
 * ```ts
 * import { SPARK_BARS, sparkline } from "@backprop/plot";
 * sparkline([1, 2], 2, { logScale: false }) === SPARK_BARS[0] + SPARK_BARS[7]; // true
 * ```
 */
export const SPARK_BARS = "▁▂▃▄▅▆▇█";

/**
 * Options of {@linkcode sparkline}.
 *
 * @example
 * ```ts
 * import { sparkline, type SparklineOptions } from "@backprop/plot";
 * const linear: SparklineOptions = { logScale: false };
 * sparkline([0.5, 0.25, 0.125], 10, linear); // "█▃▁"
 * ```
 */
export interface SparklineOptions {
  /**
   * Map values on a log scale (as loss curves usually are). Values ≤ 0 then
   * show as gaps; with no positive value at all the scale falls back to linear.
   * @default {true}
   */
  logScale?: boolean;
}

/**
 * A one-line sparkline of `values` with the bars ▁▂▃▄▅▆▇█, lowest value lowest
 * bar: one character per value when there are at most `width` of them, else
 * `width` characters, each the mean (on the chosen scale) of a run of
 * consecutive values. A character whose values are all non-finite is a space;
 * when every value is equal all bars are ▄. Throws a RangeError unless `width`
 * is an integer from 1 to 10000.
 *
 * @example
 * ```ts
 * import { sparkline } from "@backprop/plot";
 *
 * const loss = Array.from({ length: 1000 }, (_, i) => 0.25 / (1 + i / 10));
 * sparkline(loss, 20); // "█▆▅▄▄▄▃▃▃▂▂▂▂▂▂▁▁▁▁▁"
 * sparkline([3, 1, 2], 10, { logScale: false }); // "█▁▅"
 * ```
 */
export function sparkline(
  values: ArrayLike<number>,
  width: number,
  options: SparklineOptions = {},
): string {
  checkInt("width", width, 1, 10_000);
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError("values: expected an array of numbers");
  }
  const n = values.length;
  if (n === 0) return "";
  let log = options.logScale ?? true;
  if (log) {
    let anyPositive = false;
    for (let i = 0; i < n && !anyPositive; i++) {
      anyPositive = values[i] > 0 && Number.isFinite(values[i]);
    }
    log = anyPositive;
  }
  const m = Math.min(n, width);
  const cells = new Float64Array(m);
  let lo = Infinity, hi = -Infinity;
  for (let j = 0; j < m; j++) {
    const start = Math.floor((j * n) / m), end = Math.floor(((j + 1) * n) / m);
    let sum = 0, count = 0;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      sum += log ? Math.log10(v) : v;
      count++;
    }
    cells[j] = count > 0 ? sum / count : NaN;
    if (count > 0) {
      lo = Math.min(lo, cells[j]);
      hi = Math.max(hi, cells[j]);
    }
  }
  let out = "";
  const flat = !(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)));
  for (let j = 0; j < m; j++) {
    const v = cells[j];
    if (Number.isNaN(v)) out += " ";
    else if (flat) out += SPARK_BARS[3];
    else out += SPARK_BARS[Math.round(((v - lo) / (hi - lo)) * 7)];
  }
  return out;
}

/**
 * Options of {@linkcode heatmapText}; the grid options come from
 * {@linkcode SurfaceOptions}. Every field is optional.
 *
 * @example A wider ASCII-only map with a legend line
 * ```ts
 * import type { HeatmapTextOptions } from "@backprop/plot";
 * const options: HeatmapTextOptions = { cols: 60, rows: 24, shades: " .:-=+*#%@", legend: true };
 * ```
 */
export interface HeatmapTextOptions extends SurfaceOptions {
  /**
   * Characters across, 2 to 1000.
   * @default {40}
   */
  cols?: number;
  /**
   * Lines, 2 to 1000 (a character is about twice as tall as wide, so 40 × 20
   * shows a square).
   * @default {20}
   */
  rows?: number;
  /**
   * The outputs at the two ends of the shading: [low, high]; outputs beyond are
   * clamped. A point's class is 1 when its target is at or above the middle.
   * @default {[0, 1]}
   */
  outputRange?: readonly [number, number];
  /**
   * Shading characters from low output to high, at least 2, e.g. `" .:-=+*#%@"`
   * for plain ASCII. Ignored when `color` is on.
   * @default {" ░▒▓█"}
   */
  shades?: string;
  /**
   * Colour the cells with ANSI 256-colour backgrounds (orange low, white middle,
   * blue high) instead of shading characters; turn it on only for a terminal.
   * @default {false}
   */
  color?: boolean;
  /**
   * Add a last line telling the axis ranges and the markers.
   * @default {false}
   */
  legend?: boolean;
}

/**
 * Markers of the data points in {@linkcode heatmapText}: training points by
 * class, test points by class, and the marker of a cell holding both classes.
 *
 * @example
 * ```ts
 * import { HEATMAP_MARKERS } from "@backprop/plot";
 * HEATMAP_MARKERS.train; // ["o", "x"]
 * ```
 */
export const HEATMAP_MARKERS: {
  readonly train: readonly [string, string];
  readonly test: readonly [string, string];
  readonly mixed: string;
} = { train: ["o", "x"], test: ["O", "X"], mixed: "*" };

/**
 * A character heat map of a 2-input model's decision surface (the top line is
 * the largest x₂, the left column the smallest x₁), with the training points
 * drawn as `o` (class 0) and `x` (class 1), test points as `O` and `X`, and `*`
 * where one character holds points of both classes. Lines are joined with
 * `\n`, with no trailing newline. Throws a RangeError naming `model` if the
 * model does not take 2 inputs.
 *
 * @example
 * ```ts
 * import { datasetFromRows, type ModelWeights } from "@backprop/core";
 * import { heatmapText } from "@backprop/plot";
 *
 * const model: ModelWeights = {
 *   format: "backprop-model", version: 1, layerSizes: [2, 1], useBias: false,
 *   layers: [{ inputs: 2, units: 1, activation: "sigmoid", weights: [10, 0], biases: [0] }],
 * };
 * const data = datasetFromRows("halves", [[-1, 0], [1, 0]], [[0], [1]]);
 * console.log(heatmapText(model, data, { cols: 20, rows: 6 }));
 * // left half blank (low output), right half █ (high), o and x on the middle line
 * ```
 */
export function heatmapText(
  model: ModelWeights,
  dataset: Dataset,
  options: HeatmapTextOptions = {},
): string {
  const surface = decisionSurface(model, dataset, {
    ...options,
    cols: options.cols ?? 40,
    rows: options.rows ?? 20,
  });
  const { cols, rows, values, bounds } = surface;
  const range = checkOutputRange(options.outputRange);
  const shades = [...checkString("options.shades", options.shades ?? " ░▒▓█")];
  if (shades.length < 2) {
    throw new RangeError(
      `options.shades: ${
        JSON.stringify(options.shades)
      } is not allowed; expected at least 2 characters`,
    );
  }
  const color = options.color ?? false;
  const output = options.output ?? 0;

  // Markers: the point's character per cell; both classes in one cell give `*`.
  const marks: (string | undefined)[] = new Array(cols * rows);
  const place = (data: Dataset, chars: readonly [string, string]) => {
    const cls = classes(data, output, range);
    for (let r = 0; r < data.rows; r++) {
      const x = data.inputs[r * 2], y = data.inputs[r * 2 + 1];
      if (!(x >= bounds.xMin && x <= bounds.xMax && y >= bounds.yMin && y <= bounds.yMax)) continue;
      const c = Math.min(
        cols - 1,
        Math.floor(((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * cols),
      );
      const l = Math.min(
        rows - 1,
        Math.floor(((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * rows),
      );
      const k = l * cols + c, ch = chars[cls[r]], prev = marks[k];
      if (prev === undefined) marks[k] = ch;
      else if (classOf(prev) !== cls[r]) marks[k] = HEATMAP_MARKERS.mixed;
    }
  };
  place(dataset, HEATMAP_MARKERS.train);
  if (options.test !== undefined) place(options.test, HEATMAP_MARKERS.test);

  const lines: string[] = [];
  const norm = (v: number) => (v - range[0]) / (range[1] - range[0]);
  for (let l = 0; l < rows; l++) {
    let line = "";
    let current = "";
    for (let c = 0; c < cols; c++) {
      const k = l * cols + c;
      const t = norm(values[k]);
      const mark = marks[k];
      if (!color) {
        line += mark ?? (Number.isFinite(t) ? shades[band(t, shades.length)] : "?");
        continue;
      }
      const bg = Number.isFinite(t) ? ansi256(diverging(t)) : 244;
      const code = mark === undefined ? `\x1b[48;5;${bg}m` : `\x1b[1;38;5;16;48;5;${bg}m`;
      if (code !== current) {
        // Leaving a bold marker needs a reset; a new background alone does not.
        line += (current.startsWith("\x1b[1;") ? "\x1b[0m" : "") + code;
        current = code;
      }
      line += mark ?? " ";
    }
    lines.push(color ? line + "\x1b[0m" : line);
  }
  if (options.legend ?? false) {
    const low = color ? "orange" : `"${shades[0]}"`;
    const high = color ? "blue" : `"${shades[shades.length - 1]}"`;
    lines.push(
      `x₁ ${formatNumber(bounds.xMin)}…${formatNumber(bounds.xMax)} →, x₂ ${
        formatNumber(bounds.yMin)
      }…${formatNumber(bounds.yMax)} ↑; ${low} ${formatNumber(range[0])} … ${high} ${
        formatNumber(range[1])
      }; o/x class 0/1` + (options.test !== undefined ? ", O/X test" : ""),
    );
  }
  return lines.join("\n");
}

function classOf(mark: string): number {
  return mark === "x" || mark === "X" ? 1 : mark === "o" || mark === "O" ? 0 : -1;
}

/** The nearest colour of the xterm 256-colour cube (indices 16–231). */
function ansi256(c: Rgb): number {
  const steps = [0, 95, 135, 175, 215, 255];
  const idx = c.map((v) => {
    let best = 0;
    for (let i = 1; i < 6; i++) if (Math.abs(steps[i] - v) < Math.abs(steps[best] - v)) best = i;
    return best;
  });
  return 16 + 36 * idx[0] + 6 * idx[1] + idx[2];
}
