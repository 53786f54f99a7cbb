/**
 * The `--json` output: one JSON object describing a run.
 *
 * @module
 */

import type { ModelWeights, ResolvedConfig, StopReason, TrainTiming } from "@backprop/core";
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
  /** Every row of the dataset, predicted with the final weights. */
  predictions: Prediction[];
  /** The final weights. */
  model: ModelWeights;
  /** How long training took. */
  timing: TrainTiming;
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
export function jsonReport(run: TrainRun): JsonReport {
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
    predictions,
    model: result.model,
    timing: { trainMs: result.timing.trainMs, usPerEpoch: result.timing.usPerEpoch },
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
