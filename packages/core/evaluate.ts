/**
 * The loss and accuracy of a model on any dataset, computed from its outputs.
 *
 * @module
 */

import { CHOICES, type LossName } from "./config.ts";
import { hasBinaryTargets } from "./data_file.ts";
import type { Dataset } from "./dataset.ts";
import { type ModelWeights, predictFlat } from "./model.ts";
import { classMetrics } from "./metrics.ts";
import { fail } from "./_private.ts";

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
 * - `cce`: Σ −y·ln p̂ / n, p̂ = o clamped below at 1e-15 (as for bce)
 * - `bce`: Σ −[y·ln ô + (1 − y)·ln(1 − ô)] / (n·k), with ô = o clamped to
 *   [1e-15, 1 − 1e-15] so a saturated output costs at most ln(1e15) ≈ 34.5 and not ∞.
 *   The engines compute bce from the logits z instead, exactly; the clamp exists
 *   only here, where only the outputs are known, and changes nothing unless an
 *   output is within 1e-15 of 0 or 1.
 *
 * Accuracy: for a dataset with `classes`, a row is right when its largest output
 * is its class's ({@linkcode classMetrics}). Otherwise a row is right when, for every output, o > 0.5 where y = 1 and
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
  if (loss === "cce") {
    // −Σ y·ln p over the rows, p clamped below at 1e-15 like bce's ô.
    for (let e = 0; e < len; e++) if (y[e] !== 0) sum -= y[e] * Math.log(Math.max(1e-15, o[e]));
    return { loss: sum / rows, accuracy: classMetrics(dataset, o).accuracy };
  }
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
  if (dataset.classes !== undefined) {
    accuracy = classMetrics(dataset, o).accuracy;
  } else if (hasBinaryTargets(dataset)) {
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
