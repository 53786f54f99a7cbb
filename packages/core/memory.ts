/**
 * How much memory a training run needs, estimated from its sizes before it
 * starts, so that a run that cannot fit is refused instead of failing later.
 *
 * @module
 */

import { effectiveBatchSize, type ResolvedConfig } from "./config.ts";
import type { Dataset } from "./dataset.ts";

/** A training run's memory, in bytes, by what holds it. */
export interface MemoryEstimate {
  /** Parameters: every weight and bias (stored as 0 without biases) and shortcut weight. */
  readonly parameters: number;
  /** The weights the engine trains, in its number type. */
  readonly weights: number;
  /** One gradient per parameter. */
  readonly gradients: number;
  /** The optimizer's state: none for sgd, a velocity for momentum, two moments for Adam. */
  readonly optimizer: number;
  /** Per batch: pre-activations, activations and deltas of every layer. */
  readonly activations: number;
  /** The starting and the returned `ModelWeights` (plain arrays of 8-byte numbers). */
  readonly models: number;
  /** The sum of the above. */
  readonly total: number;
}

/**
 * A memory budget for runs when the machine's free memory is not known: 4 GiB.
 *
 * @example
 * ```ts
 * import { MEMORY_BUDGET } from "@backprop/core";
 * MEMORY_BUDGET / 2 ** 30; // 4
 * ```
 */
export const MEMORY_BUDGET: number = 4 * 2 ** 30;

/**
 * Estimates the memory a run of `config` on `data` needs. With P parameters,
 * b bytes per number (8 for float64, 4 for float32) and B rows per batch:
 * weights P·b, gradients P·b, optimizer state 0, P·b or 2·P·b, activations
 * 3·B·(Σ layer widths)·b, and the two `ModelWeights` 2·P·8. A 2-8-1 network is
 * a few kB; three hidden layers of 4096 units with Adam about 1.6 GB (measured
 * peak: 49 bytes per parameter plus ~150 MB for the runtime itself).
 *
 * @example
 * ```ts
 * import { estimateMemory, loadDataset, resolveConfig } from "@backprop/core";
 * const m = estimateMemory(resolveConfig(), loadDataset("xor"));
 * m.parameters; // 2·8 + 8 + 8·1 + 1 = 33
 * ```
 */
export function estimateMemory(config: ResolvedConfig, data: Dataset): MemoryEstimate {
  const sizes = [data.inputSize, ...config.hidden, data.outputSize];
  let parameters = config.shortcut ? data.inputSize * data.outputSize : 0;
  for (let l = 1; l < sizes.length; l++) {
    parameters += sizes[l - 1] * sizes[l] + sizes[l]; // biases are stored (as 0) even when off
  }
  const b = config.dtype === "float32" ? 4 : 8;
  const moments = config.optimizer === "adam" ? 2 : config.optimizer === "momentum" ? 1 : 0;
  const batch = effectiveBatchSize(config, data.rows);
  const widths = sizes.reduce((sum, n) => sum + n, 0);
  const estimate = {
    parameters,
    weights: parameters * b,
    gradients: parameters * b,
    optimizer: moments * parameters * b,
    activations: 3 * batch * widths * b,
    models: 2 * parameters * 8,
  };
  return {
    ...estimate,
    total: estimate.weights + estimate.gradients + estimate.optimizer + estimate.activations +
      estimate.models,
  };
}

/**
 * Refuses a run whose {@linkcode estimateMemory} is over `budget` bytes (default
 * {@linkcode MEMORY_BUDGET}; a CLI passes the machine's free memory, and
 * `budgetName` to say so): a
 * `RangeError` with `cause: { field: "hidden", value, estimate }` saying how much
 * is needed, for what, and how much there is. Returns the estimate otherwise.
 *
 * @example
 * ```ts
 * import { checkMemory, parity, resolveConfig } from "@backprop/core";
 * checkMemory(resolveConfig({ hidden: [64] }), parity(3)); // fine
 * // checkMemory(resolveConfig({ hidden: [4096, 4096, 4096] }), parity(3), 2 ** 30) throws
 * ```
 */
export function checkMemory(
  config: ResolvedConfig,
  data: Dataset,
  budget: number = MEMORY_BUDGET,
  budgetName = "the budget",
): MemoryEstimate {
  const m = estimateMemory(config, data);
  if (m.total <= budget) return m;
  const parts = [
    `weights ${formatBytes(m.weights)}`,
    `gradients ${formatBytes(m.gradients)}`,
    ...(m.optimizer > 0 ? [`${config.optimizer} state ${formatBytes(m.optimizer)}`] : []),
    `activations ${formatBytes(m.activations)}`,
    `models ${formatBytes(m.models)}`,
  ];
  throw new RangeError(
    `hidden: ${config.hidden.join(",")} is not allowed; training ${m.parameters} parameters ` +
      `needs about ${formatBytes(m.total)} of memory (${parts.join(", ")}), more than ` +
      `${budgetName} (${formatBytes(budget)}); use fewer or smaller hidden layers ` +
      "(or a smaller batch)",
    { cause: { field: "hidden", value: config.hidden, estimate: m } },
  );
}

/**
 * A size in bytes as people read it, to three digits: `10 bytes`, `1.5 KiB`,
 * `100 MiB`, `6.5 GiB`.
 *
 * @example
 * ```ts
 * import { formatBytes } from "@backprop/core";
 * formatBytes(1 << 20); // "1 MiB"
 * ```
 */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [["GiB", 2 ** 30], ["MiB", 2 ** 20], ["KiB", 2 ** 10]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toPrecision(3))} ${unit}`;
  }
  return `${bytes} bytes`;
}
