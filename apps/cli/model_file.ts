/**
 * The `--out` model file: the trained `ModelWeights` plus the config and a
 * summary of the training, written atomically.
 *
 * @module
 */

import {
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  validateModel,
} from "@backprop/core";
import { readCappedText, TooLargeError } from "./input_file.ts";
import { jsonPieces } from "./json_pieces.ts";
import type { TrainRun } from "./report.ts";
import { UsageError } from "./usage_error.ts";
import { errorMessage, show } from "./_private.ts";

/** How a saved model was trained. */
export interface TrainingSummary {
  /** The `--impl` name. */
  impl: string;
  /** Epochs completed. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Why training stopped. */
  stoppedBecause: StopReason;
  /** Milliseconds spent training. */
  trainMs: number;
  /** Whether Ctrl-C cut training short. */
  interrupted: boolean;
}

/** The content of a model file: a `ModelWeights` that also carries its config and training. */
export interface ModelFile extends ModelWeights {
  /** The resolved config it was trained with. */
  config: ResolvedConfig;
  /** How it was trained. */
  training: TrainingSummary;
}

/**
 * The model file of a run. `validateModel` from `@backprop/core` accepts it.
 *
 * @example
 * ```ts
 * import { loadDataset, predictFlat, resolveConfig, validateModel } from "@backprop/core";
 * import { manualTrainer } from "@backprop/manual";
 * import { modelFile } from "@backprop/cli";
 * const config = resolveConfig();
 * const dataset = loadDataset(config.dataset);
 * const result = await manualTrainer.train(config, dataset);
 * const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
 * const file = modelFile({ impl: "manual", config, dataset, result, outputs });
 * validateModel(JSON.parse(JSON.stringify(file))); // ok
 * ```
 */
export function modelFile(run: TrainRun): ModelFile {
  const { result } = run;
  return {
    ...result.model,
    config: run.config,
    training: {
      impl: run.impl,
      epochsRun: result.epochsRun,
      finalLoss: result.finalLoss,
      stoppedBecause: result.stoppedBecause,
      trainMs: result.timing.trainMs,
      interrupted: result.stoppedBecause === "interrupted",
    },
  };
}

/**
 * The most a model file may hold: 512 MiB. Its text is read back (by `predict
 * --model`) as one string, and V8's strings stop at about that length.
 */
export const MODEL_MAX_BYTES: number = 512 * 2 ** 20;

/**
 * About how many bytes the model file of a network with `parameters` weights and
 * biases takes: 32 per parameter (one number per line, indented; measured 29.7 for
 * 3 × 4096 hidden units), plus the config and summary.
 *
 * @example
 * ```ts
 * import { modelFileBytes } from "./model_file.ts";
 * modelFileBytes(33); // 5152
 * ```
 */
export function modelFileBytes(parameters: number): number {
  return 32 * parameters + 4096;
}

/**
 * The text of the `--out` model file, `JSON.stringify(modelFile(run), null, 2)`
 * and a newline, made piece by piece so that models too large for one string
 * can be written.
 *
 * @example
 * ```ts ignore
 * const text = [...modelFileJson(run)].join("");
 * ```
 */
export function* modelFileJson(run: TrainRun): Generator<string> {
  yield* jsonPieces(modelFile(run), 2);
  yield "\n";
}

/**
 * Reads a model file (written by `--out`, or any JSON `ModelWeights`) and checks
 * it with core's `validateModel`: format, version, layer shapes and finite
 * numbers. Anything wrong — the file cannot be read, is not JSON, or is not a
 * valid model — is a {@linkcode UsageError} naming `flag` and the file, e.g.
 * `--model m.json: model.layers[0].weights[2]: null is not allowed; expected a
 * finite number`. Only the weights are returned; the config and training
 * summary a model file also holds are not needed to predict.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { readModelFile } from "@backprop/cli";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, JSON.stringify(initModel(resolveConfig(), 2, 1)));
 * (await readModelFile(path)).layerSizes; // [2, 8, 1]
 * ```
 */
export async function readModelFile(path: string, flag = "--model"): Promise<ModelWeights> {
  let text: string;
  try {
    text = await readCappedText(path, MODEL_MAX_BYTES);
  } catch (err) {
    const reason = err instanceof Deno.errors.NotFound
      ? "no such file"
      : err instanceof TooLargeError
      ? `${err.message}, the most a model file may hold`
      : errorMessage(err);
    throw new UsageError(`${flag}: cannot read ${show(path)}: ${reason}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: not valid JSON: ${errorMessage(err)}`, { cause: err });
  }
  try {
    return validateModel(value);
  } catch (err) {
    throw new UsageError(`${flag} ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Writing a file all or nothing; see `outputs.ts`. */
export { writeFileAtomic } from "./outputs.ts";
