/**
 * `@backprop/verify`: checks a backpropagation engine step by step against a
 * float64 autodiff oracle (`@jax-js/jax`, loaded on first use) and, optionally,
 * TF.js. See {@linkcode verifyEngine} for what is checked and `tolerance.ts` for
 * every tolerance and why. Engines plug in as an {@linkcode Engine}: the
 * hand-written one ({@linkcode manualEngine}), the reference one
 * ({@linkcode referenceEngine}), or a backward pass of your own
 * ({@linkcode gradientsEngine}). Two more entry points: `@backprop/verify/bugs`,
 * test code: a catalogue of planted backprop bugs; `@backprop/verify/sweep`, the
 * verify suite (random configs that must pass, bugs that must fail).
 *
 * @example Check the hand-written engine on the original program
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { formatReport, manualEngine, verifyEngine } from "@backprop/verify";
 *
 * const config = resolveConfig({ preset: "seed", epochs: 100 });
 * const report = await verifyEngine(config, loadDataset("xor"), manualEngine);
 * console.log(formatReport(report));
 * ```
 *
 * @module
 */

export {
  type Batch,
  checkGradients,
  type Engine,
  type Gradients,
  gradientsEngine,
  type GradientsFn,
  manualEngine,
  type Stepper,
  type StepRecord,
} from "./engine.ts";
export { formatReport } from "./format.ts";
export { type Kink, nearestKink } from "./kink.ts";
export { loadOracle, type Oracle, type OracleStep } from "./oracle.ts";
export { applyUpdate, initialState, type OptimizerState } from "./optimizer.ts";
export { gradientScale } from "./scale.ts";
export { batchOf, modelTensors, type TensorInfo, tensorInfo, withTensors } from "./tensors.ts";
export { type Pieces, REFERENCE, referenceEngine } from "./reference_engine.ts";
export { TOLERANCES } from "./tolerance.ts";
export {
  type Check,
  type KinkNote,
  sampleSteps,
  verifyEngine,
  type VerifyOptions,
  type VerifyReport,
} from "./verify.ts";
// The types of other packages in this package's signatures, so its documentation is complete.
export type {
  Activation,
  Dataset,
  Dtype,
  HiddenActivation,
  InitName,
  LayerWeights,
  LossName,
  ModelWeights,
  OptimizerName,
  OutputActivation,
  PresetName,
  ResolvedConfig,
  TrainConfig,
} from "@backprop/core";
export type {
  Gradients as ReferenceGradients,
  Layer,
  Matrix,
  Net,
  OptimizerState as ReferenceOptimizerState,
  Pass,
} from "@backprop/manual";
