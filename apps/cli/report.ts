/**
 * The human-readable report of a run: the config in one line, why and when
 * training stopped, how long it took, and the truth table.
 *
 * @module
 */

import type { Dataset, ResolvedConfig, TrainResult } from "@backprop/core";
import { columns, formatNumber } from "./_private.ts";

/** Everything known about a finished run. */
export interface TrainRun {
  /** The `--impl` name. */
  readonly impl: string;
  /** TF.js's backend, for `--impl tfjs` only. */
  readonly backend?: string;
  /** The resolved config it trained with. */
  readonly config: ResolvedConfig;
  /** The data it trained on. */
  readonly dataset: Dataset;
  /** What the trainer returned. */
  readonly result: TrainResult;
  /** The final model's outputs for every row: [rows, outputSize], row-major. */
  readonly outputs: Float64Array;
}

/** Rows of the truth table shown before the rest are summarised. */
const MAX_ROWS = 16;

/**
 * The resolved config in one line of `key=value` pairs.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { formatConfig } from "@backprop/cli";
 * formatConfig(resolveConfig({ preset: "seed" }));
 * // "preset=seed hidden=3 activation=sigmoid/sigmoid loss=sse optimizer=sgd lr=0.5 epochs=10000 …"
 * ```
 */
export function formatConfig(config: ResolvedConfig): string {
  const optimizer = config.optimizer === "momentum"
    ? `momentum(${config.momentum})`
    : config.optimizer;
  const batch = config.batchSize === "full"
    ? "full"
    : `${config.batchSize}${config.shuffle ? "" : ",ordered"}`;
  return [
    `preset=${config.preset}`,
    `dataset=${config.dataset}`,
    `hidden=${config.hidden.length === 0 ? "none" : config.hidden.join(",")}`,
    `activation=${config.activation}/${config.outputActivation}`,
    `loss=${config.loss}`,
    `optimizer=${optimizer}`,
    `lr=${config.learningRate}`,
    `epochs=${config.epochs}`,
    `batch=${batch}`,
    `seed=${config.seed}`,
    `init=${config.init}`,
    `bias=${config.useBias ? "on" : "off"}`,
    `dtype=${config.dtype}`,
  ].join(" ");
}

/**
 * Why training stopped, as a short phrase.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { stopReason } from "@backprop/cli";
 * stopReason(resolveConfig(), "target-loss", 412, 0.0099); // "loss fell below the target 0.01"
 * ```
 */
export function stopReason(
  config: ResolvedConfig,
  reason: TrainResult["stoppedBecause"],
  epochsRun: number,
  finalLoss: number,
): string {
  switch (reason) {
    case "target-loss":
      return `loss fell below the target ${config.targetLoss}`;
    case "epochs":
      return config.targetLoss > 0
        ? `ran all ${config.epochs} epochs without reaching the target loss ${config.targetLoss}`
        : `ran all ${config.epochs} epochs`;
    case "diverged":
      return `diverged: the loss became ${finalLoss} at epoch ${epochsRun}`;
    case "interrupted":
      return `interrupted (Ctrl-C) after epoch ${epochsRun}`;
  }
}

/**
 * Each row's predicted class: 1 where the output is ≥ 0.5, else 0 (NaN where the output is).
 *
 * @example
 * ```ts
 * import { classify } from "@backprop/cli";
 * classify(Float64Array.of(0.2, 0.7)); // [0, 1]
 * ```
 */
export function classify(outputs: Float64Array): number[] {
  return Array.from(outputs, (o) => Number.isNaN(o) ? NaN : o >= 0.5 ? 1 : 0);
}

/**
 * The report printed after a run, without a trailing newline.
 *
 * @example
 * ```ts
 * import { loadDataset, predictFlat, resolveConfig } from "@backprop/core";
 * import { manualTrainer } from "@backprop/manual";
 * import { formatReport } from "@backprop/cli";
 * const config = resolveConfig();
 * const dataset = loadDataset(config.dataset);
 * const result = await manualTrainer.train(config, dataset);
 * const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
 * console.log(formatReport({ impl: "manual", config, dataset, result, outputs }));
 * ```
 */
export function formatReport(run: TrainRun): string {
  const { config, dataset, result } = run;
  const { epochsRun, finalLoss, timing } = result;
  const lines = [
    `backprop: ${run.impl}${
      run.backend ? ` (${run.backend})` : ""
    } on ${dataset.name} (${dataset.rows} rows)`,
    `config    ${formatConfig(config)}`,
    "",
    `loss      ${formatNumber(finalLoss)} after ${epochsRun} of ${config.epochs} epochs`,
    `stopped   ${stopReason(config, result.stoppedBecause, epochsRun, finalLoss)}`,
    `time      ${timing.trainMs.toFixed(1)} ms, ${formatNumber(timing.usPerEpoch)} µs/epoch`,
    "",
    ...truthTable(run),
  ];
  return lines.join("\n");
}

function truthTable(run: TrainRun): string[] {
  const { dataset, outputs } = run;
  const { rows, inputSize: ni, outputSize: no } = dataset;
  const classes = classify(outputs);
  const names = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => n === 1 ? prefix : `${prefix}${i + 1}`);
  const table = [[...names("x", ni), ...names("target", no), ...names("output", no), "class", ""]];
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const row = (data: ArrayLike<number>, n: number, show: (x: number) => string): string[] =>
      Array.from({ length: n }, (_, i) => show(data[r * n + i]));
    let ok = true;
    for (let i = 0; i < no; i++) ok &&= classes[r * no + i] === dataset.targets[r * no + i];
    if (ok) correct++;
    if (r < MAX_ROWS) {
      table.push([
        ...row(dataset.inputs, ni, String),
        ...row(dataset.targets, no, String),
        ...row(outputs, no, (o) => o.toFixed(4)),
        row(classes, no, String).join(" "),
        ok ? "✓" : "✗",
      ]);
    }
  }
  const lines = columns(table).map((line) => `  ${line}`);
  if (rows > MAX_ROWS) lines.push(`  … and ${rows - MAX_ROWS} more rows`);
  lines.push(`${correct}/${rows} rows right`);
  return lines;
}
