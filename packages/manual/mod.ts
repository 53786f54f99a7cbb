/**
 * `@backprop/manual`: backpropagation written by hand, twice.
 *
 * **Read the reference first:** `reference.ts` is the whole algorithm in one short
 * file — forward pass, loss and output delta, backward pass, the sgd, momentum and
 * Adam updates, the training loop — as plain loops over `number[][]` with
 * `Math.exp` and `Math.tanh`, each line in the original program's terms
 * (δ_out = ∂L/∂o ⊙ f′(z), δ_h = (δ_out·Wᵀ) ⊙ f′(z_h), ∇W = Aᵀ·δ). It trains as
 * {@linkcode referenceTrainer} (`--impl reference`), and its functions
 * ({@linkcode forward}, {@linkcode lossAndDelta}, {@linkcode backward},
 * {@linkcode update}) are what {@linkcode explainStep} prints and what
 * {@linkcode gradientCheck} differentiates.
 *
 * The fast engine ({@linkcode trainManual}, {@linkcode manualTrainer}; `dense.ts`,
 * `network.ts`, `optimizer.ts`) computes the same thing on flat typed arrays with
 * register-blocked kernels, σ and tanh without a library call, and no allocation
 * per epoch. It is proven equal to the reference by tests: every NumPy golden case
 * (`seed_fidelity_test.ts`), and 240 random configs to 1e-10
 * (`reference_sweep_test.ts`); `docs/engine.md` explains its speed.
 *
 * @example Train the original program and check its gradients
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { gradientCheck, trainManual } from "@backprop/manual";
 *
 * const config = resolveConfig({ preset: "seed" });
 * const xor = loadDataset("xor");
 * const result = trainManual(config, xor);
 * console.log(result.finalLoss, gradientCheck(config, xor).relativeError);
 * ```
 *
 * @module
 */

export { type ExplainLine, type ExplainSection, type ExplainStep, explainStep } from "./explain.ts";
export {
  gradientCheck,
  type GradientCheckResult,
  type GradientFunction,
  type TensorCheck,
} from "./gradient_check.ts";
export { computeGradients, referenceGradients } from "./gradients.ts";
export { fastSigmoid, fastTanh } from "./dense.ts";
export { type ManualStep, ManualSteps } from "./steps.ts";
export { ManualStepper } from "./stepper.ts";
export { manualTrainer, trainManual } from "./train.ts";
export {
  activation,
  backward,
  batchRows,
  forward,
  fromModel,
  type Gradients,
  type Layer,
  lossAndDelta,
  matMul,
  type Matrix,
  type Net,
  type OptimizerState,
  optimizerState,
  type Pass,
  referenceTrainer,
  tensors,
  timesDerivative,
  toModel,
  trainReference,
  transpose,
  update,
} from "./reference.ts";
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
