/**
 * Input standardisation: each input column to mean 0 and deviation 1, with the
 * numbers of the training rows only (the test rows must not leak into them).
 *
 * @module
 */

import type { ResolvedConfig } from "./config.ts";
import type { Dataset } from "./dataset.ts";
import { fail } from "./_private.ts";

/** Per input column j: x′ = (x − mean[j]) / std[j]. */
export interface Standardizer {
  /** Mean of each input column over the training rows. */
  mean: number[];
  /** Population deviation √(Σ(x − mean)² / n) of each column; 1 for a constant column. */
  std: number[];
}

/**
 * The mean and deviation of each input column of `data`. A constant column (deviation 0)
 * gets deviation 1, so it is only centred, never divided by 0.
 *
 * @example
 * ```ts
 * import { datasetFromRows, fitStandardizer } from "@backprop/core";
 * fitStandardizer(datasetFromRows("d", [[1, 5], [3, 5]], [[0], [1]])); // { mean: [2, 5], std: [1, 1] }
 * ```
 */
export function fitStandardizer(data: Dataset): Standardizer {
  const { rows, inputSize: n, inputs } = data;
  const mean = new Array<number>(n).fill(0), std = new Array<number>(n).fill(0);
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) mean[j] += inputs[r * n + j];
  for (let j = 0; j < n; j++) mean[j] /= rows;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) std[j] += (inputs[r * n + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < n; j++) std[j] = Math.sqrt(std[j] / rows) || 1;
  return { mean, std };
}

/**
 * `inputs`: [rows, n] standardised by `s` into a new array. A `RangeError`
 * naming `standardize` when `s` has another width.
 *
 * @example
 * ```ts
 * import { standardizeInputs } from "@backprop/core";
 * standardizeInputs(Float64Array.of(1, 3), { mean: [2], std: [1] }); // Float64Array [-1, 1]
 * ```
 */
export function standardizeInputs(inputs: Float64Array, s: Standardizer): Float64Array {
  const n = s.mean.length;
  if (n === 0 || s.std.length !== n || inputs.length % n !== 0) {
    fail(RangeError, "standardize", n, `expected mean and std of the inputs' width`);
  }
  return inputs.map((x, e) => (x - s.mean[e % n]) / s.std[e % n]);
}

/**
 * With `config.standardize`: the training and test rows standardised by the
 * training rows' numbers, and those numbers; otherwise the rows as given and `null`.
 *
 * @example
 * ```ts
 * import { datasetFromRows, resolveConfig, standardizeSplit } from "@backprop/core";
 * const train = datasetFromRows("t", [[0], [4]], [[0], [1]]);
 * const s = standardizeSplit(resolveConfig({ standardize: true }), train, null);
 * Array.from(s.train.inputs); // [-1, 1]
 * ```
 */
export function standardizeSplit(
  config: ResolvedConfig,
  train: Dataset,
  test: Dataset | null,
): { train: Dataset; test: Dataset | null; standardizer: Standardizer | null } {
  if (!config.standardize) return { train, test, standardizer: null };
  const standardizer = fitStandardizer(train);
  const apply = (d: Dataset): Dataset => ({
    ...d,
    inputs: standardizeInputs(d.inputs, standardizer),
  });
  return { train: apply(train), test: test === null ? null : apply(test), standardizer };
}
