/**
 * `@backprop/manual`: backpropagation written by hand. Each layer's forward and
 * backward pass sit side by side in `dense.ts`, the loss's in `loss.ts`, the
 * update rules in `optimizer.ts`; buffers are flat typed arrays allocated once
 * per run. A finite-difference {@linkcode gradientCheck} lets anyone verify the
 * gradients.
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

export { gradientCheck, type GradientCheckResult, type TensorCheck } from "./gradient_check.ts";
export { computeGradients, type LayerGradients } from "./gradients.ts";
export { checkModelFits, manualTrainer, trainManual } from "./train.ts";
