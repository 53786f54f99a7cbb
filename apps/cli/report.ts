/**
 * The human-readable report of a run: the config in one line, why and when
 * training stopped, how long it took, a loss sparkline, the train and test
 * evaluation, a character heat map for 2-input problems, and the results table.
 *
 * @module
 */

import {
  classThreshold,
  type Dataset,
  evaluate,
  type Evaluation,
  GENERATOR_NAMES,
  type ResolvedConfig,
  type Standardizer,
  type TrainResult,
} from "@backprop/core";
import { heatmapText, sparkline } from "@backprop/plot";
import { classResultsTable, confusionSection, percent } from "./class_report.ts";
import { columns, datasetLabel, formatNumber } from "./_private.ts";

/** Everything known about a finished run. */
export interface TrainRun {
  /** The `--impl` name. */
  readonly impl: string;
  /** TF.js's backend, for `--impl tfjs` only. */
  readonly backend?: string;
  /** The resolved config it trained with. */
  readonly config: ResolvedConfig;
  /** The rows it trained on. */
  readonly dataset: Dataset;
  /** The rows held out by `testSplit` (never trained on), if any. */
  readonly test?: Dataset | null;
  /** What the trainer returned. */
  readonly result: TrainResult;
  /** The final model's outputs for every training row: [rows, outputSize], row-major. */
  readonly outputs: Float64Array;
  /** With `standardize`: the numbers the inputs were scaled by (stored in the model file). */
  readonly standardizer?: Standardizer | null;
}

/** Options of {@linkcode formatReport}. */
export interface ReportOptions {
  /**
   * Draw the loss sparkline and, for 2-input problems, the character heat map.
   * @default {true}
   */
  pictures?: boolean;
  /**
   * Colour the heat map with ANSI codes (for a terminal).
   * @default {false}
   */
  color?: boolean;
}

/** Rows of the results table shown before the rest are summarised. */
const MAX_ROWS = 16;
/** Characters of the loss sparkline. */
const SPARK_WIDTH = 40;

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
    ...((GENERATOR_NAMES as readonly string[]).includes(config.dataset)
      ? [`samples=${config.samples}`, `noise=${config.noise}`]
      : []),
    ...(config.testSplit > 0 ? [`test-split=${config.testSplit}`] : []),
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
    ...(config.shortcut ? ["shortcut=on"] : []),
    ...(config.patience > 0 ? [`patience=${config.patience}`] : []),
    ...(config.l2 > 0 ? [`l2=${config.l2}`] : []),
    ...(config.standardize ? ["standardize=on"] : []),
    `dtype=${config.dtype}`,
  ].join(" ");
}

/**
 * Why training stopped, as a short phrase.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { describeStop } from "@backprop/cli";
 * describeStop(resolveConfig(), "target-loss", 412, 0.0099); // "loss fell below the target 0.01"
 * ```
 */
export function describeStop(
  config: ResolvedConfig,
  reason: TrainResult["stoppedBecause"],
  epochsRun: number,
  finalLoss: number,
  bestEpoch?: number,
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
    case "patience":
      return `the test loss did not improve for ${config.patience} epochs after epoch ${bestEpoch}; ` +
        "kept that epoch's weights";
  }
}

/**
 * Each output's predicted class: 1 where the output is above 0.5 (core's
 * `classThreshold`), else 0; NaN where the output is. This is the rule of
 * core's `evaluate`, so the ✓ marks add up to its accuracy; an output of
 * exactly 0.5 (e.g. σ(0) of an untrained network) is class 0.
 *
 * @example
 * ```ts
 * import { classify } from "@backprop/cli";
 * classify(Float64Array.of(0.2, 0.5, 0.7)); // [0, 0, 1]
 * ```
 */
export function classify(outputs: Float64Array, threshold = 0.5): number[] {
  return Array.from(outputs, (o) => Number.isNaN(o) ? NaN : o > threshold ? 1 : 0);
}

/**
 * The outputs that the ends of a heat map's palette stand for: [0, 1] for 0/1
 * targets, else the targets' range (both datasets), or [0, 1] when that is empty.
 */
export function outputRange(dataset: Dataset, test?: Dataset | null): [number, number] {
  if (classThreshold(dataset) !== null && (!test || classThreshold(test) !== null)) return [0, 1];
  let lo = Infinity, hi = -Infinity;
  for (const d of test ? [dataset, test] : [dataset]) {
    for (const y of d.targets) {
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  return lo < hi ? [lo, hi] : [0, 1];
}

/**
 * The report printed after a run, without a trailing newline: the summary, a
 * loss sparkline, the train/test evaluation (with a test set), a heat map of
 * the decision surface (2-input problems, unless the run diverged), then the
 * first rows of the training data with their outputs and a verdict: the rows
 * right for 0/1 targets (✓/✗ per row), else the mean squared error.
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
export function formatReport(run: TrainRun, options: ReportOptions = {}): string {
  const { config, dataset, result } = run;
  const test = run.test ?? null;
  const { epochsRun, finalLoss, timing } = result;
  const pictures = options.pictures ?? true;
  const rowsText = test === null
    ? `${dataset.rows} rows`
    : `${dataset.rows} training rows, ${test.rows} test rows`;
  const lines = [
    `backprop: ${run.impl}${run.backend ? ` (${run.backend})` : ""} on ${
      datasetLabel(dataset.name)
    } (${rowsText})`,
    `config    ${formatConfig(config)}`,
    "",
    `loss      ${formatNumber(finalLoss)} after ${epochsRun} of ${config.epochs} epochs`,
    `stopped   ${
      describeStop(config, result.stoppedBecause, epochsRun, finalLoss, result.bestEpoch)
    }`,
    `time      ${timing.trainMs.toFixed(1)} ms, ${formatNumber(timing.usPerEpoch)} µs/epoch`,
  ];
  if (pictures && epochsRun > 0) {
    lines.push(
      `curve     ${sparkline(result.lossHistory, SPARK_WIDTH)}  ${
        test === null ? "loss" : "train loss"
      }, epochs 1–${epochsRun}, log scale`,
    );
    if (result.testLossHistory !== undefined) {
      lines.push(`          ${sparkline(result.testLossHistory, SPARK_WIDTH)}  test loss`);
    }
  }
  if (test !== null) lines.push("", ...evaluationTable(run, test));
  const diverged = result.stoppedBecause === "diverged";
  if (pictures && dataset.inputSize === 2 && !diverged) {
    lines.push(
      "",
      heatmapText(result.model, dataset, {
        test: test ?? undefined,
        outputRange: outputRange(dataset, test),
        color: options.color ?? false,
        legend: true,
      }),
    );
  }
  if (dataset.classes !== undefined) {
    lines.push(
      "",
      ...confusionSection(result.model, dataset, test),
      "",
      ...classResultsTable(dataset, run.outputs, MAX_ROWS),
    );
  } else {
    lines.push("", ...resultsTable(run));
  }
  return lines.join("\n");
}

/** Loss and accuracy (or mse) of the final weights on the training and the test rows. */
function evaluationTable(run: TrainRun, test: Dataset): string[] {
  const { config, dataset, result } = run;
  const binary = dataset.classes !== undefined ||
    (classThreshold(dataset) !== null && classThreshold(test) !== null);
  const cells = (name: string, data: Dataset): string[] => {
    const e: Evaluation = evaluate(result.model, data, config.loss);
    const right = e.accuracy === null ? 0 : Math.round(e.accuracy * data.rows);
    return [
      name,
      formatNumber(e.loss),
      binary && e.accuracy !== null
        ? `${percent(e.accuracy)} (${right}/${data.rows})`
        : formatNumber(evaluate(result.model, data, "mse").loss),
    ];
  };
  const table = [
    ["final weights", `${config.loss} loss`, binary ? "accuracy" : "mse"],
    cells("train", dataset),
    cells("test", test),
  ];
  // The names left-aligned, the numbers right-aligned.
  const width = Math.max(...table.map((row) => row[0].length));
  return columns(table.map(([name, ...rest]) => [name.padEnd(width), ...rest]));
}

function resultsTable(run: TrainRun): string[] {
  const { dataset, outputs } = run;
  const { rows, inputSize: ni, outputSize: no } = dataset;
  const threshold = classThreshold(dataset);
  const classes = threshold === null ? [] : classify(outputs, threshold);
  const names = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => n === 1 ? prefix : `${prefix}${i + 1}`);
  const table = [[
    ...names("x", ni),
    ...names("target", no),
    ...names("output", no),
    ...(threshold === null ? [] : ["class", ""]),
  ]];
  let correct = 0;
  let squares = 0;
  for (let r = 0; r < rows; r++) {
    const row = (data: ArrayLike<number>, n: number, show: (x: number) => string): string[] =>
      Array.from({ length: n }, (_, i) => show(data[r * n + i]));
    let ok = true;
    for (let i = 0; i < no; i++) {
      const e = r * no + i;
      ok &&= classes[e] === dataset.targets[e];
      squares += (outputs[e] - dataset.targets[e]) ** 2;
    }
    if (ok) correct++;
    if (r < MAX_ROWS) {
      table.push([
        ...row(dataset.inputs, ni, formatNumber),
        ...row(dataset.targets, no, formatNumber),
        ...row(outputs, no, threshold === null ? formatNumber : (o) => o.toFixed(4)),
        ...(threshold === null ? [] : [row(classes, no, String).join(" "), ok ? "✓" : "✗"]),
      ]);
    }
  }
  const lines = columns(table).map((line) => `  ${line}`);
  if (rows > MAX_ROWS) lines.push(`  … and ${rows - MAX_ROWS} more rows`);
  if (threshold === null) {
    lines.push(`mse ${formatNumber(squares / (rows * no))} over ${rows} rows`);
  } else {
    lines.push(
      `${correct}/${rows} rows right` + (rows > MAX_ROWS ? ` (${percent(correct / rows)})` : ""),
    );
  }
  return lines;
}
