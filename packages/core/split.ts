/**
 * Holding rows out: a seeded train/test split.
 *
 * @module
 */

import type { Dataset } from "./dataset.ts";
import { MAX_SEED, MAX_TEST_FRACTION } from "./limits.ts";
import { Mt19937, shuffle } from "./rng.ts";
import { fail } from "./_private.ts";

/** The two parts of a split. */
export interface DatasetSplit {
  /** The rows trained on: ⌈(1 − f)·rows⌉ of them, at least 1. */
  train: Dataset;
  /** The held-out rows: ⌊f·rows⌋ of them, or `null` when that is 0. */
  test: Dataset | null;
}

/** The rows of `d` listed in `order`, taken in increasing row number. */
function pick(d: Dataset, order: Uint32Array, name: string): Dataset {
  const rows = Uint32Array.from(order).sort();
  const { inputSize: n, outputSize: k } = d;
  const inputs = new Float64Array(rows.length * n);
  const targets = new Float64Array(rows.length * k);
  rows.forEach((row, r) => {
    inputs.set(d.inputs.subarray(row * n, (row + 1) * n), r * n);
    targets.set(d.targets.subarray(row * k, (row + 1) * k), r * k);
  });
  const classes = d.classes === undefined ? {} : { classes: d.classes };
  return { name, rows: rows.length, inputSize: n, outputSize: k, inputs, targets, ...classes };
}

/**
 * Splits a dataset into training and test rows, at random but reproducibly.
 *
 * The row numbers 0 … rows − 1 are shuffled with {@linkcode shuffle} and
 * `new Mt19937((seed ^ 0x85ebca6b) >>> 0)` — a stream distinct from the weight
 * initialisation's (`seed`), the batch order's (`seed ^ 0x9e3779b9`) and the
 * generators' (`seed ^ 0xc2b2ae35`). The last ⌊f·rows⌋ shuffled rows are the test
 * part, the others (⌈(1 − f)·rows⌉ ≥ 1 of them) the training part; f·rows within
 * 1e-9 of an integer counts as that integer, so 0.57 · 100 gives 57 test rows,
 * not the 56 that floor(56.99999999999999) would. Each part keeps the rows in their
 * original order and is named `"<name> (train)"` / `"<name> (test)"`. With no test
 * rows (f = 0, or f·rows < 1) `test` is `null` and `train` is `dataset` itself.
 *
 * Throws a `RangeError`/`TypeError` naming `testSplit` (f outside [0, 0.9]) or `seed`.
 *
 * @example
 * ```ts
 * import { splitDataset, parity } from "@backprop/core";
 * const { train, test } = splitDataset(parity(4), 0.25, 42);
 * [train.rows, test?.rows]; // [12, 4]
 * ```
 */
export function splitDataset(dataset: Dataset, testFraction: number, seed: number): DatasetSplit {
  const allowed = `expected a number in [0, ${MAX_TEST_FRACTION}]`;
  if (typeof testFraction !== "number") fail(TypeError, "testSplit", testFraction, allowed);
  if (!(testFraction >= 0 && testFraction <= MAX_TEST_FRACTION)) {
    fail(RangeError, "testSplit", testFraction, allowed);
  }
  if (typeof seed !== "number") fail(TypeError, "seed", seed, "expected a number");
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    fail(RangeError, "seed", seed, `expected an integer from 0 to ${MAX_SEED}`);
  }
  const { rows } = dataset;
  const exact = testFraction * rows;
  const nearest = Math.round(exact);
  const testRows = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact)
    ? nearest
    : Math.floor(exact);
  if (testRows === 0) return { train: dataset, test: null };
  const order = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) order[r] = r;
  shuffle(order, new Mt19937((seed ^ 0x85ebca6b) >>> 0));
  const trainRows = rows - testRows;
  return {
    train: pick(dataset, order.subarray(0, trainRows), `${dataset.name} (train)`),
    test: pick(dataset, order.subarray(trainRows), `${dataset.name} (test)`),
  };
}
