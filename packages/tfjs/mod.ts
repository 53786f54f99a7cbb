/**
 * `@backprop/tfjs`: the same training as `@backprop/manual`, done by
 * TensorFlow.js — weights as `tf.Variable`s, gradients by autodiff, updates by
 * `tf.train.sgd` / `momentum` / `adam` — so the two engines can check each
 * other. It starts from the same `ModelWeights`, takes batches in the same
 * order (`BatchSchedule`), uses the same loss definitions and stop rules, and
 * returns the same `TrainResult`.
 *
 * TF.js computes in float32 only: `config.dtype` does not apply, and the
 * returned weights are float32 values widened to numbers.
 *
 * TF.js itself is imported on first use, never when this module loads.
 * Backends: `cpu` (default), `wasm` (needs read access to the npm cache, where
 * its `.wasm` file lives) and `tensorflow` (needs the optional
 * `@tensorflow/tfjs-node`; without it a {@linkcode TfjsNodeMissingError} says
 * how to install it). TF.js's "looks like you are running TensorFlow.js in
 * Node.js" banner is silenced (TF.js's `PROD` flag).
 *
 * The tolerances in `parity.ts` ({@linkcode lossTolerance} and its siblings) say
 * how closely a float32 TF.js run may follow a float64 run of the same config,
 * and why; `deno task verify` applies them. One known TF.js difference is
 * quantified there: its Adam keeps β2ᵗ in float32, which shortens early steps by
 * {@linkcode adamStepBias} (6.4e-6 for β2 = 0.999).
 *
 * @example Train XOR on TF.js and compare the first gradient with autodiff's
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { computeGradientsTfjs, tfjsTrainer } from "@backprop/tfjs";
 *
 * const config = resolveConfig({ preset: "seed" });
 * const xor = loadDataset("xor");
 * const result = await tfjsTrainer("cpu").train(config, xor);
 * const first = await computeGradientsTfjs(config, xor);
 * console.log(result.finalLoss, first.layers[0].weights);
 * ```
 *
 * @module
 */

export {
  type Backend,
  BACKENDS,
  isBackend,
  loadBackend,
  type Tf,
  TFJS_NODE_SPECIFIER,
  TFJS_VERSION,
  TfjsNodeMissingError,
  withBackend,
} from "./backend.ts";
export { computeGradientsTfjs, type GradientOptions } from "./gradients.ts";
export { adamStepBias } from "./optimizer.ts";
export {
  gradientTolerance,
  lossTolerance,
  outputTolerance,
  PARITY_FACTOR,
  PARITY_FLOORS,
  runningMaxDifference,
  weightTolerance,
} from "./parity.ts";
export { predictTfjs } from "./predict.ts";
export { tfjsTrainer, type TfjsTrainOptions, trainTfjs } from "./train.ts";
// The core types in this package's signatures, so its documentation is complete.
export type {
  Activation,
  Dataset,
  Dtype,
  EpochInfo,
  HiddenActivation,
  InitName,
  LayerGradients,
  LayerWeights,
  LossName,
  ModelWeights,
  OptimizerName,
  OutputActivation,
  PresetName,
  ResolvedConfig,
  StopReason,
  TrainConfig,
  Trainer,
  TrainOptions,
  TrainResult,
  TrainState,
  TrainTiming,
} from "@backprop/core";
