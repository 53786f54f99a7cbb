/**
 * The report's part for a dataset with classes (a label column, a shipped
 * dataset): a results table by class name, the confusion matrix, per-class
 * precision and recall.
 *
 * @module
 */

import {
  argmax,
  type ClassMetrics,
  classMetrics,
  type Dataset,
  type ModelWeights,
  predictFlat,
} from "@backprop/core";
import { columns, formatNumber } from "./_private.ts";

/** Inputs shown per row before the rest are left out (digits has 64). */
const MAX_INPUTS = 6;

/** A fraction as a percentage with up to 4 significant digits; "–" for NaN. */
export function percent(fraction: number): string {
  return Number.isNaN(fraction) ? "–" : `${Number((fraction * 100).toPrecision(4))}%`;
}

/**
 * The confusion matrix (rows: true class, columns: predicted) with each class's
 * recall at the end of its row and precision under its column.
 *
 * @example
 * ```ts
 * import { classMetrics, datasetFromRows } from "@backprop/core";
 * import { confusionText } from "@backprop/cli";
 * const d = datasetFromRows("d", [[0], [1]], [[1, 0], [0, 1]]);
 * confusionText(classMetrics(d, Float64Array.of(0.9, 0.1, 0.8, 0.2))).length; // 5
 * ```
 */
export function confusionText(m: ClassMetrics): string[] {
  const table = [
    ["true \\ predicted", ...m.classes, "recall"],
    ...m.confusion.map((row, t) => [m.classes[t], ...row.map(String), percent(m.recall[t])]),
    ["precision", ...m.precision.map(percent), ""],
  ];
  const width = Math.max(...table.map((row) => row[0].length));
  return columns(table.map(([name, ...rest]) => [name.padEnd(width), ...rest]));
}

/** The metrics of `model` on `data`. */
export function runMetrics(model: ModelWeights, data: Dataset): ClassMetrics {
  return classMetrics(data, predictFlat(model, data.inputs, data.rows));
}

/**
 * The confusion matrix of `model` on the test rows (or, without them, on the
 * training rows `dataset`), titled, for the report.
 */
export function confusionSection(
  model: ModelWeights,
  dataset: Dataset,
  test: Dataset | null | undefined,
): string[] {
  const data = test ?? dataset;
  const m = runMetrics(model, data);
  const which = test ? "test" : "training";
  return [
    `confusion matrix, ${which} rows (accuracy ${percent(m.accuracy)}, ${
      Math.round(m.accuracy * data.rows)
    }/${data.rows})`,
    ...confusionText(m).map((line) => `  ${line}`),
  ];
}

/**
 * The first `max` training rows by class: up to 6 inputs, the true class, the
 * predicted class (largest output of `outputs`: [rows, k]) and that output, ✓ or ✗;
 * then the count right.
 */
export function classResultsTable(dataset: Dataset, outputs: Float64Array, max: number): string[] {
  const { rows, inputSize: ni, outputSize: k } = dataset;
  const names = dataset.classes ?? [];
  const shown = Math.min(ni, MAX_INPUTS);
  const table = [[
    ...Array.from({ length: shown }, (_, i) => `x${i + 1}`),
    ...(ni > shown ? [`… x${ni}`] : []),
    "class",
    "predicted",
    "output",
    "",
  ]];
  let right = 0;
  for (let r = 0; r < rows; r++) {
    const truth = argmax(dataset.targets, r * k, k), guess = argmax(outputs, r * k, k);
    if (truth === guess) right++;
    if (r >= max) continue;
    table.push([
      ...Array.from({ length: shown }, (_, i) => formatNumber(dataset.inputs[r * ni + i])),
      ...(ni > shown ? ["…"] : []),
      names[truth] ?? String(truth),
      names[guess] ?? String(guess),
      outputs[r * k + guess].toFixed(4),
      truth === guess ? "✓" : "✗",
    ]);
  }
  const lines = columns(table).map((line) => `  ${line}`);
  if (rows > max) lines.push(`  … and ${rows - max} more rows`);
  lines.push(`${right}/${rows} training rows right (${percent(right / rows)})`);
  return lines;
}
