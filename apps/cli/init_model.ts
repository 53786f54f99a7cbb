/**
 * `--init-model FILE`: the starting weights of a run read from a saved model,
 * and, when the file carries it, the optimizer state to resume from.
 *
 * @module
 */

import {
  checkModelFits,
  type Dataset,
  type ModelWeights,
  type ResolvedConfig,
  type TrainState,
  validateTrainState,
} from "@backprop/core";
import { readModelSource } from "./tfjs_model_file.ts";
import { UsageError } from "@backprop/cli-kit";
import { errorMessage } from "./_private.ts";

/** Where a run starts when `--init-model` is given. */
export interface InitModel {
  /** The file read. */
  path: string;
  /** The starting weights; they fit the config and dataset. */
  model: ModelWeights;
  /**
   * The optimizer state and epoch count to continue from: present when the file
   * is ours, was written with a state, and its optimizer is the config's. Without
   * it the run starts from the weights with a fresh optimizer and batch order.
   */
  state: TrainState | undefined;
  /** Why there is no state, for the report (`undefined` when there is one). */
  freshBecause: string | undefined;
}

/**
 * Reads `--init-model FILE` (this project's model file, or a TF.js `model.json`
 * or its directory) and checks that it is the network `config` describes for
 * `dataset` (core's `checkModelFits`), and that its optimizer state, if used,
 * fits too. Each mistake is a {@linkcode UsageError} naming the flag and the file.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { readInitModel } from "@backprop/cli";
 * const config = resolveConfig();
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, JSON.stringify(initModel(config, 2, 1)));
 * (await readInitModel(path, config, loadDataset("xor"))).freshBecause; // "the file holds no optimizer state"
 * ```
 */
export async function readInitModel(
  path: string,
  config: ResolvedConfig,
  dataset: Dataset,
): Promise<InitModel> {
  const source = await readModelSource(path, "--init-model");
  const where = `--init-model ${source.path}`;
  try {
    checkModelFits(config, dataset, source.model);
  } catch (err) {
    const message = errorMessage(err).replace(/^initialModel: /, "");
    throw new UsageError(`${where}: ${message} (set the flags it was trained with)`, {
      cause: err,
    });
  }
  const saved = source.file?.state;
  if (saved === undefined) {
    return {
      path: source.path,
      model: source.model,
      state: undefined,
      freshBecause: source.file === null
        ? "a TF.js model holds no optimizer state"
        : "the file holds no optimizer state",
    };
  }
  const optimizer = (saved as { optimizer?: unknown }).optimizer;
  if (optimizer !== config.optimizer) {
    return {
      path: source.path,
      model: source.model,
      state: undefined,
      freshBecause: `its optimizer state is ${
        JSON.stringify(optimizer)
      }'s, not ${config.optimizer}'s`,
    };
  }
  try {
    const state = validateTrainState(saved, config, source.model);
    return { path: source.path, model: source.model, state, freshBecause: undefined };
  } catch (err) {
    throw new UsageError(`${where}: ${errorMessage(err)}`, { cause: err });
  }
}
