/**
 * A finite-difference check of the hand-written gradients. The losses L(θ ± h) are
 * the reference engine's (`reference.ts`: its `forward` and `lossAndDelta`); the
 * gradients checked are the fast engine's by default, or any engine's.
 *
 * @module
 */

import {
  type Dataset,
  initModel,
  type LayerGradients,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { computeGradients, firstBatch } from "./gradients.ts";
import { forward, fromModel, lossAndDelta, tensors } from "./reference.ts";

/**
 * An engine's gradients of epoch 1's first batch from `model`, as
 * {@linkcode computeGradients} (the fast engine) and `referenceGradients` return them.
 */
export type GradientFunction = (
  config: ResolvedConfig,
  data: Dataset,
  model: ModelWeights,
) => { layers: LayerGradients[]; shortcut?: Float64Array };

/** How one parameter tensor fared. */
export interface TensorCheck {
  /** `W1`, `b1`, `W2`, … (layer 1 is the first hidden layer), and `Ws` for the shortcut. */
  name: string;
  /** max_i |analytic_i − numeric_i|. */
  maxAbsError: number;
  /** ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) over this tensor (0 when both are 0). */
  relativeError: number;
}

/** What {@linkcode gradientCheck} reports. */
export interface GradientCheckResult {
  /** ‖analytic − numeric‖₂ / (‖analytic‖₂ + ‖numeric‖₂) over every trained parameter. */
  relativeError: number;
  /** Largest |analytic − numeric| over every trained parameter. */
  maxAbsError: number;
  /** The same, tensor by tensor. */
  tensors: TensorCheck[];
  /** The finite-difference step h. */
  step: number;
  /** Parameters checked. */
  parameters: number;
}

/**
 * Compares backpropagation's gradient with central differences,
 * ∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h, in float64 whatever `config.dtype`,
 * on the first batch of epoch 1, from `model` (default: the initial weights).
 * L is the reference engine's loss; the gradient checked is `gradients`'s
 * (default: the fast engine's {@linkcode computeGradients}; pass
 * `referenceGradients` to check the reference engine's backward pass).
 * The truncation error is O(h²) and the rounding error O(ε/h), so h = 1e-5
 * leaves about 1e-10 of each; relative errors below 1e-6 mean the gradients
 * are right. (At a kink of relu — z exactly 0 — no difference quotient is
 * meaningful; use weights away from kinks.)
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { gradientCheck } from "@backprop/manual";
 * const check = gradientCheck(resolveConfig(), loadDataset("xor"));
 * check.relativeError < 1e-6; // true
 * ```
 */
export function gradientCheck(
  config: ResolvedConfig,
  data: Dataset,
  options: { model?: ModelWeights; step?: number; gradients?: GradientFunction } = {},
): GradientCheckResult {
  const f64: ResolvedConfig = { ...config, dtype: "float64" };
  const model = options.model ?? initModel(f64, data.inputSize, data.outputSize);
  // The batch, checking that the model fits, before any work.
  const { X, y } = firstBatch(f64, data, model);
  const h = options.step ?? 1e-5;
  if (!(h > 0) || !Number.isFinite(h)) {
    throw new RangeError(`step: ${h} is not allowed; expected a finite number > 0`);
  }
  const computed = (options.gradients ?? computeGradients)(f64, data, model);
  // The analytic gradient of each tensor in the order W1, b1, W2, b2, …, Ws, row-major.
  const analyticOf = [
    ...computed.layers.flatMap((g) => (model.useBias ? [g.weights, g.biases] : [g.weights])),
    ...(computed.shortcut === undefined ? [] : [computed.shortcut]),
  ];
  // The numeric side: the reference engine's loss of the same batch, from perturbed weights.
  const net = fromModel(model);
  const lossNow = () =>
    lossAndDelta(f64.loss, f64.outputActivation, forward(net, X), y, X.length).loss;

  const tensorChecks: TensorCheck[] = [];
  let diff2 = 0;
  let analytic2 = 0;
  let numeric2 = 0;
  let maxAbsError = 0;
  let parameters = 0;
  for (const [t, { name, theta }] of tensors(net).entries()) {
    const analytic = analyticOf[t];
    const size = theta.length * theta[0].length;
    if (analytic?.length !== size) {
      throw new RangeError(
        `gradients: ${
          analytic?.length ?? "no"
        } values for ${name} are not allowed; expected ${size}`,
        { cause: { field: "gradients", value: name } },
      );
    }
    let d2 = 0, a2 = 0, n2 = 0, maxAbs = 0;
    // Element i of the row-major gradient is θ[r][c], i = r·cols + c.
    for (let i = 0; i < analytic.length; i++) {
      const row = theta[Math.floor(i / theta[0].length)], c = i % theta[0].length;
      const saved = row[c];
      row[c] = saved + h;
      const plus = lossNow();
      row[c] = saved - h;
      const minus = lossNow();
      row[c] = saved;
      const numeric = (plus - minus) / (2 * h);
      const err = Math.abs(analytic[i] - numeric);
      d2 += err * err;
      a2 += analytic[i] * analytic[i];
      n2 += numeric * numeric;
      if (err > maxAbs) maxAbs = err;
    }
    tensorChecks.push({ name, maxAbsError: maxAbs, relativeError: ratio(d2, a2, n2) });
    diff2 += d2;
    analytic2 += a2;
    numeric2 += n2;
    maxAbsError = Math.max(maxAbsError, maxAbs);
    parameters += analytic.length;
  }
  return {
    relativeError: ratio(diff2, analytic2, numeric2),
    maxAbsError,
    tensors: tensorChecks,
    step: h,
    parameters,
  };
}

function ratio(diff2: number, a2: number, n2: number): number {
  const denominator = Math.sqrt(a2) + Math.sqrt(n2);
  return denominator === 0 ? 0 : Math.sqrt(diff2) / denominator;
}
