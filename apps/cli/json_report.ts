/**
 * The `--json` output: one JSON object describing a run.
 *
 * @module
 */

import {
  classMetrics,
  type Dataset,
  evaluate,
  type ModelWeights,
  predictFlat,
  type ResolvedConfig,
  type StopReason,
  type TrainTiming,
} from "@backprop/core";
import type { ExplainStep } from "@backprop/manual";
import type { TrainRun } from "./report.ts";

/** One row of the dataset with the final model's output for it. */
export interface Prediction {
  /** The row's inputs. */
  input: number[];
  /** The row's targets. */
  target: number[];
  /** The final model's outputs. */
  output: number[];
}

/** How the final weights do on some rows (see core's `evaluate`). */
export interface RowsEvaluation {
  /** Number of rows. */
  rows: number;
  /** The configured loss over them. */
  loss: number;
  /** Fraction of rows right, for 0/1 targets; `null` otherwise. */
  accuracy: number | null;
  /** Mean squared error over every row and output. */
  mse: number;
  /**
   * For a dataset with classes: the confusion matrix (confusion[true][predicted]),
   * per-class precision and recall, in the order of `classes` (core's `classMetrics`).
   */
  classes?: { confusion: number[][]; precision: number[]; recall: number[] };
}

/** What `--json` prints. Non-finite numbers (a diverged run's NaN) are printed as `null`. */
export interface JsonReport {
  /** The `--impl` name. */
  impl: string;
  /** TF.js's backend (`--impl tfjs` only; absent otherwise). */
  backend?: string;
  /** The resolved config. */
  config: ResolvedConfig;
  /** Epochs completed. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Why training stopped. */
  stoppedBecause: StopReason;
  /** The final weights on the training rows, and on the test rows (`null` without a test split). */
  evaluation: { train: RowsEvaluation; test: RowsEvaluation | null };
  /** The class names, in target-column order, for a dataset with classes. */
  classes?: string[];
  /** Every training row, predicted with the final weights. */
  predictions: Prediction[];
  /** The final weights. */
  model: ModelWeights;
  /** How long training took. */
  timing: TrainTiming;
  /** With `--explain`: the first backpropagation step (see `explainStep`). */
  explain?: ExplainStep;
}

function evaluation(model: ModelWeights, data: Dataset, config: ResolvedConfig): RowsEvaluation {
  const { loss, accuracy } = evaluate(model, data, config.loss);
  const mse = evaluate(model, data, "mse").loss;
  if (data.classes === undefined) return { rows: data.rows, loss, accuracy, mse };
  const { confusion, precision, recall } = classMetrics(
    data,
    predictFlat(model, data.inputs, data.rows),
  );
  return { rows: data.rows, loss, accuracy, mse, classes: { confusion, precision, recall } };
}

/**
 * Builds the `--json` object of a run.
 *
 * @example
 * ```ts
 * import { loadDataset, predictFlat, resolveConfig } from "@backprop/core";
 * import { manualTrainer } from "@backprop/manual";
 * import { formatJsonReport, jsonReport } from "@backprop/cli";
 * const config = resolveConfig();
 * const dataset = loadDataset(config.dataset);
 * const result = await manualTrainer.train(config, dataset);
 * const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
 * const report = jsonReport({ impl: "manual", config, dataset, result, outputs });
 * console.log(formatJsonReport(report));
 * ```
 */
export function jsonReport(run: TrainRun, explain?: ExplainStep): JsonReport {
  const { dataset, result, outputs } = run;
  const { inputSize: ni, outputSize: no } = dataset;
  const predictions = Array.from({ length: dataset.rows }, (_, r) => ({
    input: Array.from(dataset.inputs.subarray(r * ni, (r + 1) * ni)),
    target: Array.from(dataset.targets.subarray(r * no, (r + 1) * no)),
    output: Array.from(outputs.subarray(r * no, (r + 1) * no)),
  }));
  return {
    impl: run.impl,
    ...(run.backend === undefined ? {} : { backend: run.backend }),
    config: run.config,
    epochsRun: result.epochsRun,
    finalLoss: result.finalLoss,
    stoppedBecause: result.stoppedBecause,
    evaluation: {
      train: evaluation(result.model, dataset, run.config),
      test: run.test ? evaluation(result.model, run.test, run.config) : null,
    },
    ...(dataset.classes === undefined ? {} : { classes: dataset.classes.slice() }),
    predictions,
    model: result.model,
    timing: { trainMs: result.timing.trainMs, usPerEpoch: result.timing.usPerEpoch },
    ...(explain === undefined ? {} : { explain }),
  };
}

/**
 * The report as one line of JSON. `JSON.stringify` writes NaN and ±Infinity,
 * which JSON cannot hold, as `null`.
 *
 * @example
 * ```ts
 * import { formatJsonReport, type JsonReport } from "@backprop/cli";
 * formatJsonReport({ finalLoss: NaN } as JsonReport); // '{"finalLoss":null}'
 * ```
 */
export function formatJsonReport(report: JsonReport): string {
  return JSON.stringify(report);
}
