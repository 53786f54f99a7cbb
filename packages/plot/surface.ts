/**
 * The decision surface of a 2-input model: its output on a regular grid over
 * the data's bounding box, computed with one call to core's `predictFlat`.
 *
 * @module
 */

import { type Dataset, type ModelWeights, predictFlat } from "@backprop/core";
import { checkInt, checkNumber, checkPlane } from "./_private.ts";

/**
 * A rectangle of the input plane: x is input 0, y is input 1.
 *
 * @example The unit square with a margin, to keep several pictures aligned
 * ```ts
 * import type { Bounds } from "@backprop/plot";
 * const view: Bounds = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };
 * ```
 */
export interface Bounds {
  /** Smallest x (input 0). */
  readonly xMin: number;
  /** Largest x (input 0). */
  readonly xMax: number;
  /** Smallest y (input 1). */
  readonly yMin: number;
  /** Largest y (input 1). */
  readonly yMax: number;
}

/**
 * Options of {@linkcode decisionSurface}, shared by {@linkcode boundarySvg} and
 * {@linkcode heatmapText}; every field is optional.
 *
 * @example A coarse grid over a fixed view
 * ```ts
 * import type { SurfaceOptions } from "@backprop/plot";
 * const options: SurfaceOptions = { cols: 50, rows: 50, bounds: { xMin: -1, xMax: 2, yMin: -1, yMax: 2 } };
 * ```
 */
export interface SurfaceOptions {
  /**
   * Grid columns (cells along x), 2 to 1000.
   * @default {100}
   */
  cols?: number;
  /**
   * Grid rows (cells along y), 2 to 1000.
   * @default {100}
   */
  rows?: number;
  /**
   * Padding added on each side of the data's bounding box, as a fraction of
   * its width (for x) or height (for y); 0 to 10. Ignored when `bounds` is set.
   * @default {0.15}
   */
  margin?: number;
  /**
   * The rectangle to show, instead of the data's box plus `margin`; useful to
   * keep the same view across several pictures.
   * @default {undefined}
   */
  bounds?: Bounds;
  /**
   * Which output unit to show, for models with several outputs.
   * @default {0}
   */
  output?: number;
  /**
   * Test points: they widen the box so they stay in view, and the pictures
   * draw them with their own marker.
   * @default {undefined}
   */
  test?: Dataset;
}

/**
 * A model's output sampled at the centres of a cols × rows grid, as
 * {@linkcode decisionSurface} returns it.
 *
 * @example The output at the top-left cell
 * ```ts
 * import { loadDataset, initModel, resolveConfig } from "@backprop/core";
 * import { decisionSurface, type DecisionSurface } from "@backprop/plot";
 * const xor = loadDataset("xor");
 * const s: DecisionSurface = decisionSurface(initModel(resolveConfig(), 2, 1), xor);
 * s.values[0]; // the output near (xMin, yMax)
 * ```
 */
export interface DecisionSurface {
  /** The rectangle covered by the grid. */
  readonly bounds: Bounds;
  /** Cells along x. */
  readonly cols: number;
  /** Cells along y. */
  readonly rows: number;
  /**
   * The output at each cell centre, row-major, row 0 at the TOP (largest y),
   * column 0 at the left (smallest x): values[r * cols + c] is the output at
   * x = xMin + (c + ½)·(xMax − xMin)/cols, y = yMax − (r + ½)·(yMax − yMin)/rows.
   */
  readonly values: Float64Array;
}

function checkBounds(b: Bounds): Bounds {
  for (const key of ["xMin", "xMax", "yMin", "yMax"] as const) {
    if (typeof b[key] !== "number" || !Number.isFinite(b[key])) {
      throw new RangeError(`options.bounds.${key}: ${String(b[key])} is not a finite number`);
    }
  }
  if (!(b.xMin < b.xMax) || !(b.yMin < b.yMax)) {
    throw new RangeError(
      `options.bounds: [${b.xMin}, ${b.xMax}] × [${b.yMin}, ${b.yMax}] is not allowed; expected xMin < xMax and yMin < yMax`,
    );
  }
  return { xMin: b.xMin, xMax: b.xMax, yMin: b.yMin, yMax: b.yMax };
}

function range(lo: number, hi: number, margin: number): [number, number] {
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = (hi - lo) * margin;
  return [lo - pad, hi + pad];
}

/** The data's box (both datasets) grown by `margin` of its size on each side. */
function dataBounds(datasets: readonly Dataset[], margin: number): Bounds {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const d of datasets) {
    for (let r = 0; r < d.rows; r++) {
      const x = d.inputs[r * 2], y = d.inputs[r * 2 + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }
  if (xMin > xMax) [xMin, xMax, yMin, yMax] = [0, 1, 0, 1];
  const [x0, x1] = range(xMin, xMax, margin);
  const [y0, y1] = range(yMin, yMax, margin);
  if (![x0, x1, y0, y1].every(Number.isFinite) || !(x0 < x1 && y0 < y1)) {
    throw new RangeError(
      "dataset: its inputs span too wide (or too narrow) a range to draw; pass options.bounds",
    );
  }
  return { xMin: x0, xMax: x1, yMin: y0, yMax: y1 };
}

/**
 * Samples a 2-input model's output over a grid covering the data (plus a
 * margin), evaluating every grid point in a single `predictFlat` call. Throws a
 * RangeError naming `model` unless the model takes 2 inputs, `dataset` unless
 * the data has 2 inputs.
 *
 * @example A vertical boundary: low on the left, high on the right
 * ```ts
 * import { datasetFromRows, type ModelWeights } from "@backprop/core";
 * import { decisionSurface } from "@backprop/plot";
 *
 * const model: ModelWeights = {
 *   format: "backprop-model", version: 1, layerSizes: [2, 1], useBias: false,
 *   layers: [{ inputs: 2, units: 1, activation: "sigmoid", weights: [10, 0], biases: [0] }],
 * };
 * const data = datasetFromRows("two", [[-1, -1], [1, 1]], [[0], [1]]);
 * const s = decisionSurface(model, data, { cols: 4, rows: 4 });
 * s.values[0] < 0.5 && s.values[3] > 0.5; // true: left is low, right is high
 * ```
 */
export function decisionSurface(
  model: ModelWeights,
  dataset: Dataset,
  options: SurfaceOptions = {},
): DecisionSurface {
  const output = checkPlane("decisionSurface", model, dataset, options.test, options.output ?? 0);
  const cols = checkInt("options.cols", options.cols ?? 100, 2, 1000);
  const rows = checkInt("options.rows", options.rows ?? 100, 2, 1000);
  const margin = checkNumber("options.margin", options.margin ?? 0.15, 0, 10);
  const bounds = options.bounds !== undefined
    ? checkBounds(options.bounds)
    : dataBounds(options.test ? [dataset, options.test] : [dataset], margin);
  return { bounds, cols, rows, values: sample(model, bounds, cols, rows, output) };
}

function sample(
  model: ModelWeights,
  b: Bounds,
  cols: number,
  rows: number,
  output: number,
): Float64Array {
  const n = cols * rows;
  const grid = new Float64Array(n * 2);
  const dx = (b.xMax - b.xMin) / cols, dy = (b.yMax - b.yMin) / rows;
  for (let r = 0; r < rows; r++) {
    const y = b.yMax - (r + 0.5) * dy;
    for (let c = 0; c < cols; c++) {
      grid[(r * cols + c) * 2] = b.xMin + (c + 0.5) * dx;
      grid[(r * cols + c) * 2 + 1] = y;
    }
  }
  const out = predictFlat(model, grid, n);
  const units = model.layerSizes[model.layerSizes.length - 1];
  if (units === 1) return out;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = out[i * units + output];
  return values;
}
