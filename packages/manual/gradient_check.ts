/**
 * A finite-difference check of the hand-written gradients.
 *
 * @module
 */

import {
  BatchSchedule,
  checkModelFits,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { Network } from "./network.ts";

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
  options: { model?: ModelWeights; step?: number } = {},
): GradientCheckResult {
  const f64: ResolvedConfig = { ...config, dtype: "float64" };
  const model = options.model ?? initModel(f64, data.inputSize, data.outputSize);
  checkModelFits(f64, data, model);
  const h = options.step ?? 1e-5;
  if (!(h > 0) || !Number.isFinite(h)) {
    throw new RangeError(`step: ${h} is not allowed; expected a finite number > 0`);
  }
  const schedule = new BatchSchedule(f64, data.rows);
  schedule.nextEpoch();
  const rows = schedule.size(0);
  const net = new Network(f64, model, rows);
  net.gather(data, schedule.order, 0, rows);
  net.gradients(rows, rows);

  const tensors: TensorCheck[] = [];
  let diff2 = 0;
  let analytic2 = 0;
  let numeric2 = 0;
  let maxAbsError = 0;
  let parameters = 0;
  // Every trained tensor in the engine's order: W1, b1, W2, b2, …, then W_s.
  const pairs = net.layers.flatMap((layer, l) =>
    model.useBias
      ? [{ name: `W${l + 1}`, p: layer.w, g: layer.gw }, {
        name: `b${l + 1}`,
        p: layer.b,
        g: layer.gb,
      }]
      : [{ name: `W${l + 1}`, p: layer.w, g: layer.gw }]
  );
  if (net.shortcut !== null) pairs.push({ name: "Ws", p: net.shortcut.w, g: net.shortcut.gw });
  for (const { name, p, g } of pairs) {
    const analytic = Float64Array.from(g); // later forward passes overwrite nothing in g
    let d2 = 0, a2 = 0, n2 = 0, maxAbs = 0;
    for (let i = 0; i < p.length; i++) {
      const saved = p[i];
      p[i] = saved + h;
      const plus = net.loss(rows, rows);
      p[i] = saved - h;
      const minus = net.loss(rows, rows);
      p[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      const err = Math.abs(analytic[i] - numeric);
      d2 += err * err;
      a2 += analytic[i] * analytic[i];
      n2 += numeric * numeric;
      if (err > maxAbs) maxAbs = err;
    }
    tensors.push({ name, maxAbsError: maxAbs, relativeError: ratio(d2, a2, n2) });
    diff2 += d2;
    analytic2 += a2;
    numeric2 += n2;
    maxAbsError = Math.max(maxAbsError, maxAbs);
    parameters += p.length;
  }
  return {
    relativeError: ratio(diff2, analytic2, numeric2),
    maxAbsError,
    tensors,
    step: h,
    parameters,
  };
}

function ratio(diff2: number, a2: number, n2: number): number {
  const denominator = Math.sqrt(a2) + Math.sqrt(n2);
  return denominator === 0 ? 0 : Math.sqrt(diff2) / denominator;
}
