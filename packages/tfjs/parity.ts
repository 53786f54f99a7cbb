/**
 * How closely a float32 TF.js run may follow a float64 run of the same config:
 * the tolerances `deno task verify` and the parity tests apply, each with its
 * reason.
 *
 * Two things separate the engines when both are right:
 * 1. float32 rounding (≈ 6e-8 relative per operation in TF.js), which most runs
 *    carry along harmlessly but which chaotic runs (unstable learning rates,
 *    relu units crossing z = 0) amplify;
 * 2. TF.js's Adam keeping β2ᵗ in float32, which shortens its early steps by
 *    δ = {@linkcode adamStepBias} (6.4e-6 for β2 = 0.999).
 *
 * The first is measured per config rather than guessed: the hand-written engine
 * run once in float64 and once in float32 shows how far float32 rounding alone
 * moves this very run (its *sensitivity*). Each tolerance is a fixed floor plus
 * 10× those two effects — 10× because TF.js rounds after every operation
 * whereas the float32 hand-written engine computes each expression in float64
 * and rounds once when it stores it (measured ratio up to 7 on non-chaotic
 * runs).
 *
 * @module
 */

import type { ResolvedConfig } from "@backprop/core";
import { adamStepBias } from "./optimizer.ts";

/** Fixed floors of the tolerances; see each function for the reason. */
export const PARITY_FLOORS: {
  readonly loss: number;
  readonly gradient: number;
  readonly gradientRelative: number;
  readonly weightRelative: number;
  readonly output: number;
} = {
  loss: 1e-5,
  gradient: 1e-6,
  gradientRelative: 1e-5,
  weightRelative: 1e-4,
  output: 1e-5,
};

/** How much more than the measured float32 effects the tolerances allow. */
export const PARITY_FACTOR = 10;

/**
 * Running maximum of |a[e] − b[e]| over the epochs both runs have: entry e is the
 * largest difference up to and including epoch e + 1. Used on the hand-written
 * engine's float64 and float32 loss curves, it is the run's sensitivity to
 * float32 rounding.
 *
 * @example
 * ```ts
 * import { runningMaxDifference } from "@backprop/tfjs";
 * runningMaxDifference([1, 2, 3], [1, 2.5, 3]); // Float64Array [0, 0.5, 0.5]
 * ```
 */
export function runningMaxDifference(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = Math.min(a.length, b.length);
  const out = new Float64Array(n);
  let max = 0;
  for (let e = 0; e < n; e++) {
    const d = Math.abs(a[e] - b[e]);
    if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
    out[e] = max;
  }
  return out;
}

/**
 * Tolerance on |loss_tfjs − loss_float64| at an epoch:
 * 1e-5 + 10·(sensitivity + δ·L₁), with `sensitivity` the float32 effect measured
 * up to that epoch, δ = {@linkcode adamStepBias} and L₁ the first epoch's loss.
 * 1e-5: float32 rounding of the loss and of thousands of updates on a non-chaotic
 * run stays below ~1e-6 (measured, 36 configs × 300 epochs, and the seed
 * configuration over 10 000 epochs: 7e-7). δ·L₁: a relative change δ of every early
 * step changes the loss by at most about δ times what training has removed from it.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { lossTolerance } from "@backprop/tfjs";
 * lossTolerance(resolveConfig({ preset: "seed" }), 0, 0.5); // 1e-5
 * ```
 */
export function lossTolerance(
  config: ResolvedConfig,
  sensitivity: number,
  firstLoss: number,
): number {
  return PARITY_FLOORS.loss +
    PARITY_FACTOR * (sensitivity + adamStepBias(config) * Math.abs(firstLoss));
}

/**
 * Tolerance on every |∂L/∂θ| difference of the first step: 1e-6 + 1e-5·max|g|
 * over all parameters. No training has happened, so nothing is amplified: each
 * entry is a short float32 sum of products, off by a few ulps of the largest
 * terms (measured ≤ 3e-8 on XOR), while a wrong derivative moves entries by a
 * sizable fraction of the gradient.
 *
 * @example
 * ```ts
 * import { gradientTolerance } from "@backprop/tfjs";
 * gradientTolerance(0.1); // 2e-6
 * ```
 */
export function gradientTolerance(maxAbsGradient: number): number {
  return PARITY_FLOORS.gradient + PARITY_FLOORS.gradientRelative * maxAbsGradient;
}

/**
 * Tolerance on the final weights, relative: |Δw| / max(1, |w|) ≤
 * 1e-4 + 10·(sensitivity + δ·η·t), with `sensitivity` the same measure between the
 * float64 and float32 hand-written runs, δ = {@linkcode adamStepBias}, η the
 * learning rate and t the number of updates while δ matters (at most
 * 1 / (1 − β2)). Relative, because weights grow (to 27 in the seed cases) and
 * float32 resolves a weight to 6e-8 of its size: once updates fall below half an
 * ulp, float32 storage rounds part of each away, and weights drift along
 * directions that barely change the outputs (measured up to 2.2e-5 relative over
 * 10 000 epochs, for TF.js and the float32 hand-written engine alike).
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { weightTolerance } from "@backprop/tfjs";
 * weightTolerance(resolveConfig({ preset: "seed" }), 0, 10000); // 1e-4
 * ```
 */
export function weightTolerance(
  config: ResolvedConfig,
  sensitivity: number,
  updates: number,
): number {
  const t = Math.min(updates, 1 / (1 - config.beta2));
  return PARITY_FLOORS.weightRelative +
    PARITY_FACTOR * (sensitivity + adamStepBias(config) * config.learningRate * t);
}

/**
 * Tolerance on the final outputs: 1e-5 + 10·sensitivity, with `sensitivity` the
 * largest output difference between the float64 and float32 hand-written runs.
 * Training drives outputs towards the targets, which damps the weights' drift:
 * measured ≤ 1.3e-6 over the seed cases (10 000 epochs each).
 *
 * @example
 * ```ts
 * import { outputTolerance } from "@backprop/tfjs";
 * outputTolerance(0); // 1e-5
 * ```
 */
export function outputTolerance(sensitivity: number): number {
  return PARITY_FLOORS.output + PARITY_FACTOR * sensitivity;
}
