/**
 * What counts as "converged": the success criterion of the convergence bench.
 *
 * @module
 */

import { type Dataset, type ModelWeights, predictFlat } from "@backprop/core";

/**
 * - `outputs`: every output of every row is within 0.5 of its target (each
 *   row classified correctly at threshold 0.5);
 * - `loss`: some epoch's loss (the configured loss) falls below `threshold`.
 */
export type Criterion = { kind: "outputs" } | { kind: "loss"; threshold: number };

/** The criterion used when `--criterion` is not given. */
export const DEFAULT_CRITERION: Criterion = { kind: "outputs" };

/**
 * Parses `outputs` or `loss:X` (X a finite number > 0). Throws a `RangeError`
 * that says what is allowed.
 *
 * @example
 * ```ts
 * import { parseCriterion } from "./criterion.ts";
 * parseCriterion("loss:0.01"); // { kind: "loss", threshold: 0.01 }
 * ```
 */
export function parseCriterion(text: string): Criterion {
  if (text === "outputs") return { kind: "outputs" };
  const match = /^loss:(.+)$/.exec(text);
  const threshold = match ? Number(match[1]) : NaN;
  if (match && match[1].trim() !== "" && Number.isFinite(threshold) && threshold > 0) {
    return { kind: "loss", threshold };
  }
  throw new RangeError(
    `--criterion: ${JSON.stringify(text)} is not allowed; expected outputs or loss:X with X > 0`,
  );
}

/**
 * The criterion as a person reads it in the report.
 *
 * @example
 * ```ts
 * import { describeCriterion } from "./criterion.ts";
 * describeCriterion({ kind: "outputs" }); // "outputs: every output within 0.5 of its target"
 * ```
 */
export function describeCriterion(criterion: Criterion): string {
  return criterion.kind === "outputs"
    ? "outputs: every output within 0.5 of its target"
    : `loss:${criterion.threshold}: the epoch loss falls below ${criterion.threshold}`;
}

/** The criterion as `--criterion` spells it. */
export function criterionFlag(criterion: Criterion): string {
  return criterion.kind === "outputs" ? "outputs" : `loss:${criterion.threshold}`;
}

/**
 * Whether every output of `model` on `data` is within 0.5 of its target,
 * computed in float64 by core's reference forward pass.
 */
export function outputsWithinHalf(model: ModelWeights, data: Dataset): boolean {
  const outputs = predictFlat(model, data.inputs, data.rows);
  for (let i = 0; i < outputs.length; i++) {
    // `!(… < 0.5)` so that a NaN output fails.
    if (!(Math.abs(outputs[i] - data.targets[i]) < 0.5)) return false;
  }
  return true;
}
