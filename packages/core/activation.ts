/**
 * Activation functions as plain scalar maths, for {@linkcode predict} and for
 * readers. The engines inline the same formulas in their loops.
 *
 * @module
 */

import { type Activation, LEAKY_RELU_ALPHA } from "./config.ts";

/**
 * f(z) for an activation:
 * sigmoid 1 / (1 + e^−z); tanh; relu max(0, z); leaky-relu z > 0 ? z : 0.01·z; linear z.
 * `softmax` is row-wise, not element-wise: a `RangeError` here; see {@linkcode softmaxInPlace}.
 *
 * @example
 * ```ts
 * import { activate } from "@backprop/core";
 * activate("sigmoid", 0); // 0.5
 * ```
 */
export function activate(activation: Activation, z: number): number {
  switch (activation) {
    case "sigmoid":
      return 1 / (1 + Math.exp(-z));
    case "tanh":
      return Math.tanh(z);
    case "relu":
      return z > 0 ? z : 0;
    case "leaky-relu":
      return z > 0 ? z : LEAKY_RELU_ALPHA * z;
    case "linear":
      return z;
    case "softmax":
      throw new RangeError("activation: softmax is row-wise; use softmaxInPlace on a row of z", {
        cause: { field: "activation", value: activation },
      });
  }
}

/**
 * Softmax of one row z, in place: p_j = e^{z_j − m} / Σ_i e^{z_i − m} with m = max z
 * (the shift changes nothing mathematically and keeps every e^… ≤ 1, so no overflow).
 * Returns ln Σ_i e^{z_i} = m + ln Σ_i e^{z_i − m} (log-sum-exp), for the cce loss.
 *
 * @example
 * ```ts
 * import { softmaxInPlace } from "@backprop/core";
 * const row = Float64Array.of(0, Math.log(3)); // e^z = 1, 3
 * softmaxInPlace(row); // ln 4
 * Array.from(row); // [0.25, 0.75]
 * ```
 */
export function softmaxInPlace(z: Float64Array | number[]): number {
  let m = -Infinity;
  for (let j = 0; j < z.length; j++) if (z[j] > m) m = z[j];
  let sum = 0;
  for (let j = 0; j < z.length; j++) sum += Math.exp(z[j] - m);
  for (let j = 0; j < z.length; j++) z[j] = Math.exp(z[j] - m) / sum;
  return m + Math.log(sum);
}

/**
 * f'(z) written in terms of the output a = f(z), as backpropagation uses it:
 * sigmoid a·(1 − a); tanh 1 − a²; relu a > 0 ? 1 : 0; leaky-relu a > 0 ? 1 : 0.01;
 * linear 1. (For relu and leaky-relu the derivative at z = 0 is taken as the
 * left one, as TF.js does.)
 *
 * @example
 * ```ts
 * import { activate, derivativeFromOutput } from "@backprop/core";
 * derivativeFromOutput("sigmoid", activate("sigmoid", 0)); // 0.25
 * ```
 */
export function derivativeFromOutput(activation: Activation, a: number): number {
  switch (activation) {
    case "sigmoid":
      return a * (1 - a);
    case "tanh":
      return 1 - a * a;
    case "relu":
      return a > 0 ? 1 : 0;
    case "leaky-relu":
      return a > 0 ? 1 : LEAKY_RELU_ALPHA;
    case "linear":
      return 1;
    case "softmax":
      throw new RangeError(
        "activation: softmax's Jacobian is not element-wise; with cce, δ = p − y",
        {
          cause: { field: "activation", value: activation },
        },
      );
  }
}
