/**
 * `@backprop/manual`: backpropagation written by hand. Each layer's forward and
 * backward pass sit side by side in `dense.ts`, the loss's in `loss.ts`, the
 * update rules in `optimizer.ts`; buffers are flat typed arrays allocated once
 * per run. A finite-difference {@linkcode gradientCheck} lets anyone verify the
 * gradients, and {@linkcode explainStep} spells out one step, matrix by matrix.
 *
 * It is also fast: the matrix products are register-blocked (their float64
 * results are still bit-identical to the plain loops), tanh and σ are computed
 * without a library call (within a few ulp of Math.tanh and Math.exp, so the
 * seed preset still matches the NumPy original to 1e-13), the loops are compiled once per dtype so that float32
 * and float64 runs in one process do not slow each other down, and an epoch
 * allocates nothing once the code is warm (see `dense.ts` and `_private.ts`).
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

export {
  type ExplainLine,
  type ExplainSection,
  type ExplainStep,
  explainStep,
  type Matrix,
} from "./explain.ts";
export { gradientCheck, type GradientCheckResult, type TensorCheck } from "./gradient_check.ts";
export { computeGradients, referenceGradients } from "./gradients.ts";
export type { LayerGradients } from "@backprop/core";
export { fastSigmoid, fastTanh } from "./dense.ts";
export { type ManualStep, ManualSteps } from "./steps.ts";
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
