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
  }
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
  }
}
