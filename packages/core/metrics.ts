/**
 * Classification metrics of a dataset with classes: accuracy, the confusion
 * matrix, per-class precision and recall.
 *
 * @module
 */

import type { Dataset } from "./dataset.ts";
import { fail } from "./_private.ts";

/** What {@linkcode classMetrics} measures; classes in the dataset's order. */
export interface ClassMetrics {
  /** Class names (`c0`, `c1`… when the dataset names none). */
  classes: string[];
  /** confusion[t][p]: rows of true class t predicted as class p. */
  confusion: number[][];
  /** Σ_t confusion[t][t] / rows. */
  accuracy: number;
  /** precision[c] = confusion[c][c] / Σ_t confusion[t][c] (rows predicted c); NaN when none is. */
  precision: number[];
  /** recall[c] = confusion[c][c] / Σ_p confusion[c][p] (rows of class c); NaN when none is. */
  recall: number[];
}

/**
 * The index of the largest of `values[from … from + k)` (the first on a tie; a NaN is never largest).
 *
 * @example
 * ```ts
 * import { argmax } from "@backprop/core";
 * argmax([0.1, 0.7, 0.2], 0, 3); // 1
 * ```
 */
export function argmax(values: ArrayLike<number>, from: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) {
    if (values[from + j] > values[from + best] || !(values[from + best] === values[from + best])) {
      best = j;
    }
  }
  return best;
}

/**
 * Scores outputs `o`: [rows, k] against `dataset`'s one-hot targets: a row's
 * predicted class is its largest output's, its true class its target's largest
 * (one-hot: the 1). With k = 1 the classes are 0 and 1 by the threshold 0.5.
 *
 * @example
 * ```ts
 * import { classMetrics, datasetFromRows } from "@backprop/core";
 * const d = datasetFromRows("d", [[0], [1], [2]], [[1, 0], [0, 1], [0, 1]]);
 * const m = classMetrics(d, Float64Array.of(0.9, 0.1, 0.8, 0.2, 0.3, 0.7));
 * [m.accuracy, m.confusion]; // [2 / 3, [[1, 0], [1, 1]]]
 * ```
 */
export function classMetrics(dataset: Dataset, o: ArrayLike<number>): ClassMetrics {
  const { rows, outputSize: k, targets: y } = dataset;
  if (o.length !== rows * k) {
    fail(RangeError, "outputs", o.length, `expected rows × outputs = ${rows * k} values`);
  }
  const n = k === 1 ? 2 : k;
  const classes = dataset.classes?.slice() ??
    Array.from({ length: n }, (_, c) => `c${c}`);
  const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let r = 0; r < rows; r++) {
    const truth = k === 1 ? (y[r] > 0.5 ? 1 : 0) : argmax(y, r * k, k);
    const guess = k === 1 ? (o[r] > 0.5 ? 1 : 0) : argmax(o, r * k, k);
    confusion[truth][guess]++;
  }
  let right = 0;
  const precision: number[] = [], recall: number[] = [];
  for (let c = 0; c < n; c++) {
    right += confusion[c][c];
    let predicted = 0, actual = 0;
    for (let t = 0; t < n; t++) {
      predicted += confusion[t][c];
      actual += confusion[c][t];
    }
    precision.push(predicted === 0 ? NaN : confusion[c][c] / predicted);
    recall.push(actual === 0 ? NaN : confusion[c][c] / actual);
  }
  return { classes, confusion, accuracy: right / rows, precision, recall };
}
