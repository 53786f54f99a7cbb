/**
 * Holding rows out: a seeded train/test split, and the loss and accuracy of a
 * model on any dataset, computed from its outputs.
 *
 * @module
 */

import { CHOICES, type LossName } from "./config.ts";
import { hasBinaryTargets } from "./data_file.ts";
import type { Dataset } from "./dataset.ts";
import { type ModelWeights, predictFlat } from "./model.ts";
import { MAX_SEED, Mt19937, shuffle } from "./rng.ts";
import { fail } from "./_private.ts";

/** Largest `testFraction` accepted: at least a tenth of the rows always trains. */
export const MAX_TEST_FRACTION = 0.9;

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
  return { name, rows: rows.length, inputSize: n, outputSize: k, inputs, targets };
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

/** What {@linkcode evaluate} measures. */
export interface Evaluation {
  /** The loss over every row and output (see {@linkcode evaluate}). */
  loss: number;
  /**
   * Fraction of rows whose every output is on its target's side of 0.5, when every
   * target is 0 or 1; `null` otherwise (regression).
   */
  accuracy: number | null;
}

/**
 * The loss and accuracy of `model` on `dataset`, from the outputs o of
 * {@linkcode predictFlat}, with y the targets, n rows and k outputs:
 *
 * - `sse`: ½·Σ(o − y)²
 * - `mse`: Σ(o − y)² / (n·k)
 * - `bce`: Σ −[y·ln ô + (1 − y)·ln(1 − ô)] / (n·k), with ô = o clamped to
 *   [1e-15, 1 − 1e-15] so a saturated output costs at most ln(1e15) ≈ 34.5 and not ∞.
 *   The engines compute bce from the logits z instead, exactly; the clamp exists
 *   only here, where only the outputs are known, and changes nothing unless an
 *   output is within 1e-15 of 0 or 1.
 *
 * Accuracy: a row is right when, for every output, o > 0.5 where y = 1 and
 * o ≤ 0.5 where y = 0 (a NaN output is never right). It is `null` unless every
 * target is 0 or 1. Throws a `RangeError` when the model's input or output width
 * does not match the dataset's, naming `dataset`, or for an unknown `loss`.
 *
 * @example
 * ```ts
 * import { evaluate, initModel, loadDataset, resolveConfig } from "@backprop/core";
 * const xor = loadDataset("xor");
 * const model = initModel(resolveConfig(), 2, 1);
 * const { loss, accuracy } = evaluate(model, xor, "bce");
 * ```
 */
export function evaluate(model: ModelWeights, dataset: Dataset, loss: LossName): Evaluation {
  if (!(CHOICES.loss as readonly unknown[]).includes(loss)) {
    fail(
      typeof loss === "string" ? RangeError : TypeError,
      "loss",
      loss,
      `expected one of ${CHOICES.loss.join(", ")}`,
    );
  }
  const sizes = model.layerSizes;
  const modelIn = sizes[0];
  const modelOut = sizes[sizes.length - 1];
  if (modelIn !== dataset.inputSize || modelOut !== dataset.outputSize) {
    fail(
      RangeError,
      "dataset",
      dataset.name,
      `the model takes ${modelIn} inputs and gives ${modelOut} outputs, the dataset has ${dataset.inputSize} and ${dataset.outputSize}`,
    );
  }
  const { rows, outputSize: k, targets: y } = dataset;
  const o = predictFlat(model, dataset.inputs, rows);
  const len = rows * k;
  let sum = 0;
  if (loss === "bce") {
    const lo = 1e-15;
    const hi = 1 - 1e-15;
    for (let e = 0; e < len; e++) {
      const p = Math.min(hi, Math.max(lo, o[e]));
      sum -= y[e] * Math.log(p) + (1 - y[e]) * Math.log(1 - p);
    }
  } else {
    for (let e = 0; e < len; e++) sum += (o[e] - y[e]) ** 2;
  }
  const value = loss === "sse" ? 0.5 * sum : sum / len;

  let accuracy: number | null = null;
  if (hasBinaryTargets(dataset)) {
    let right = 0;
    for (let r = 0; r < rows; r++) {
      let ok = true;
      for (let j = 0; j < k && ok; j++) {
        const e = r * k + j;
        ok = y[e] === 1 ? o[e] > 0.5 : o[e] <= 0.5;
      }
      if (ok) right++;
    }
    accuracy = right / rows;
  }
  return { loss: value, accuracy };
}
