/**
 * The `--out` model file: the trained `ModelWeights` plus the config, a
 * summary of the training and the optimizer state, written atomically; and the
 * `--out-tfjs` directory, the same weights in TF.js's Layers format.
 *
 * @module
 */

import { join } from "node:path";
import {
  LAYERS_WEIGHTS_FILE,
  type ModelWeights,
  type ResolvedConfig,
  type Standardizer,
  type StopReason,
  toLayersModel,
  type TrainState,
} from "@backprop/core";
import { jsonPieces } from "./json_pieces.ts";
import { commitOutputs, type PendingOutput } from "./outputs.ts";
import type { TrainRun } from "./report.ts";
import { readModelSource } from "./tfjs_model_file.ts";

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
  /**
   * The optimizer state and epoch count at the end (see core's `TrainState`), so
   * that `--init-model` can continue the run exactly. Absent when the engine
   * gave none.
   */
  state?: TrainState;
  /** The class names of the outputs, in order, when the dataset had classes. */
  classes?: string[];
  /** With `standardize`: the numbers `predict` scales the inputs by first. */
  standardize?: Standardizer;
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
    ...(result.state === undefined ? {} : { state: result.state }),
    ...(run.dataset.classes === undefined ? {} : { classes: run.dataset.classes.slice() }),
    ...(run.standardizer ? { standardize: run.standardizer } : {}),
  };
}

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
 * numbers. A TF.js Layers `model.json`, or a directory holding one, is read too
 * (see `readModelSource`). Anything wrong — the file cannot be read, is not JSON, or is not a
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
  return (await readModelSource(path, flag)).model;
}

/** Writing a file all or nothing; see `outputs.ts`. */
export { writeFileAtomic } from "./outputs.ts";

/**
 * Writes `model` in TF.js's Layers format: `dir/model.json` and
 * `dir/weights.bin`, each written to a temporary file and renamed over the
 * target. `dir` is made if missing (its parent must exist). `tf.loadLayersModel`
 * loads the result.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { writeTfjsModel } from "@backprop/cli";
 * const dir = await Deno.makeTempDir();
 * await writeTfjsModel(`${dir}/xor`, initModel(resolveConfig(), 2, 1));
 * ```
 */
export async function writeTfjsModel(dir: string, model: ModelWeights): Promise<void> {
  await Deno.mkdir(dir, { recursive: false }).catch((err) => {
    if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
  });
  await commitOutputs(tfjsModelOutputs(dir, model));
}

/**
 * The two files of {@linkcode writeTfjsModel}, for {@linkcode commitOutputs} (which
 * writes them together with a run's other outputs, all or nothing). `dir` must exist.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { tfjsModelOutputs } from "./model_file.ts";
 * tfjsModelOutputs("xor", initModel(resolveConfig(), 2, 1)).map((o) => o.path);
 * // ["xor/weights.bin", "xor/model.json"]
 * ```
 */
export function tfjsModelOutputs(dir: string, model: ModelWeights): PendingOutput[] {
  const { json, weights } = toLayersModel(model);
  return [
    { flag: "--out-tfjs", path: join(dir, LAYERS_WEIGHTS_FILE), content: weights },
    {
      flag: "--out-tfjs",
      path: join(dir, "model.json"),
      content: JSON.stringify(json, null, 1) + "\n",
    },
  ];
}
