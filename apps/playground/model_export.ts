/**
 * The model file the page exports: the CLI's `--out` format (see
 * `apps/cli/model_file.ts`), written here without the CLI's Deno-only code so
 * that the page can bundle it. `deno task predict --model FILE` reads it.
 *
 * @module
 */

import type { ModelWeights, ResolvedConfig, StopReason, TrainState } from "@backprop/core";

/** How the exported model was trained (the CLI's `TrainingSummary`). */
export interface PageTraining {
  /** `manual` or `tfjs`. */
  impl: string;
  /** Epochs completed. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Why training stopped; `interrupted` while it is paused or still running. */
  stoppedBecause: StopReason;
  /** Milliseconds spent training. */
  trainMs: number;
}

/**
 * The JSON text of a model file: the weights, the resolved config, the
 * training summary and, when given, the optimizer state (to resume from), as
 * the CLI writes them.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig, validateModel } from "@backprop/core";
 * import { modelFileText } from "@backprop/playground";
 * const config = resolveConfig();
 * const text = modelFileText(initModel(config, 2, 1), config, {
 *   impl: "manual", epochsRun: 0, finalLoss: NaN, stoppedBecause: "interrupted", trainMs: 0,
 * });
 * validateModel(JSON.parse(text)); // ok
 * ```
 */
export function modelFileText(
  model: ModelWeights,
  config: ResolvedConfig,
  training: PageTraining,
  state?: TrainState | null,
): string {
  const file = {
    ...model,
    config,
    training: { ...training, interrupted: training.stoppedBecause === "interrupted" },
    ...(state == null ? {} : { state }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
