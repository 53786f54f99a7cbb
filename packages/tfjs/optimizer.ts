/**
 * TF.js's own optimizers, built from the config's hyper-parameters. Their update
 * rules (tfjs-core 4.22.0, `src/optimizers/`) are the ones `@backprop/manual`'s
 * `optimizer.ts` writes out, with every quantity in float32:
 * - `tf.train.sgd(η)`:            θ ← θ + (−η)·g
 * - `tf.train.momentum(η, μ)`:    v ← μ·v + g;  θ ← θ + (−η)·v   (no Nesterov, no dampening)
 * - `tf.train.adam(η, β1, β2, ε)`: m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²;
 *   θ ← θ + (−η)·(m / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε), with β1ᵗ, β2ᵗ running
 *   products held in float32 variables.
 *
 * ε is always passed explicitly: TF.js's default would be its backend epsilon
 * (1e-7), not the config's (1e-8 by default).
 *
 * @module
 */

import type { Optimizer, Tensor } from "@tensorflow/tfjs";
import type { ResolvedConfig, TrainState } from "@backprop/core";
import type { Tf } from "./backend.ts";

/**
 * The TF.js optimizer of `config.optimizer` with the config's learning rate,
 * momentum, β1, β2 and ε. Free it with {@linkcode disposeOptimizer}.
 */
export function createOptimizer(tf: Tf, config: ResolvedConfig): Optimizer {
  switch (config.optimizer) {
    case "sgd":
      return tf.train.sgd(config.learningRate);
    case "momentum":
      return tf.train.momentum(config.learningRate, config.momentum, false);
    case "adam":
      return tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon);
  }
}

/**
 * Frees an optimizer's state. `MomentumOptimizer.dispose()` in 4.22.0 does not
 * call `SGDOptimizer.dispose()`, so its −η scalar would leak; it is freed here
 * too (disposing a tensor twice is harmless). (`instanceof` cannot tell the
 * optimizers apart: TF.js's `Optimizer` answers it by duck typing.)
 */
export function disposeOptimizer(tf: Tf, optimizer: Optimizer): void {
  optimizer.dispose();
  if (optimizer.getClassName() === "Momentum") tf.SGDOptimizer.prototype.dispose.call(optimizer);
}

/**
 * The relative amount by which TF.js's Adam shortens its early steps compared
 * with exact arithmetic: δ = ½·|fround(β2) − β2| / (1 − β2), 0 for other
 * optimizers. TF.js keeps β2ᵗ as a float32 variable starting at fround(β2), so
 * its bias correction divides by 1 − fround(β2)ᵗ while the moment update uses
 * the exact 1 − β2; for small t that inflates v̂ by ≈ 2δ and shrinks each step
 * by ≈ δ. For β2 = 0.999, δ ≈ 6.4e-6; the effect fades as β2ᵗ → 0. The
 * float32 rounding of β1 contributes ~1e-7, far less.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { adamStepBias } from "@backprop/tfjs";
 * adamStepBias(resolveConfig({ optimizer: "adam", beta2: 0.999 })); // ≈ 6.4e-6
 * ```
 */
export function adamStepBias(config: ResolvedConfig): number {
  if (config.optimizer !== "adam") return 0;
  return Math.abs(Math.fround(config.beta2) - config.beta2) / (1 - config.beta2) / 2;
}

/**
 * Loads a saved {@linkcode TrainState} into a fresh TF.js optimizer with
 * `setWeights`: the step count (TF.js's `iter`), then momentum's velocities or
 * Adam's first and then second moments, in the trained tensors' order (TF.js
 * matches them to the variables by position). Each value is rounded to float32.
 * TF.js's Adam recomputes β1ᵗ⁺¹ and β2ᵗ⁺¹ from the step count with `pow` in
 * float32, so a resumed Adam run follows the uninterrupted one within float32,
 * not bit for bit.
 */
export async function setOptimizerState(
  tf: Tf,
  optimizer: Optimizer,
  state: TrainState,
  shapes: readonly number[][],
): Promise<void> {
  const named = (name: string, values: number[], t: number): { name: string; tensor: Tensor } => ({
    name,
    tensor: tf.tensor(values, shapes[t], "float32"),
  });
  const weights: { name: string; tensor: Tensor }[] = [
    { name: "iter", tensor: tf.scalar(state.steps, "int32") },
    ...state.first.map((v, t) => named(`param${t}/m`, v, t)),
    ...state.second.map((v, t) => named(`param${t}/v`, v, t)),
  ];
  try {
    await optimizer.setWeights(weights);
  } finally {
    // The optimizer's variables hold their own references to the data.
    tf.dispose(weights.map((w) => w.tensor));
  }
}

/**
 * The optimizer's state after a run, read with `getWeights` (see
 * {@linkcode setOptimizerState} for the layout), as a {@linkcode TrainState}
 * for a run that has trained `epochs` epochs in all. β1ᵗ and β2ᵗ are the float64
 * running products from `start` (a fresh run: 1), as the hand-written engine keeps them.
 */
export async function optimizerState(
  optimizer: Optimizer,
  config: ResolvedConfig,
  epochs: number,
  start: TrainState | undefined,
  tensors: number,
): Promise<TrainState> {
  const [iter, ...slots] = await optimizer.getWeights();
  const steps = (await iter.tensor.data())[0];
  // getWeights makes the step count's scalar afresh; the moments are the optimizer's own.
  iter.tensor.dispose();
  const values = await Promise.all(slots.map(async (w) => Array.from(await w.tensor.data())));
  let beta1Power = start?.beta1Power ?? 1;
  let beta2Power = start?.beta2Power ?? 1;
  if (config.optimizer === "adam") {
    for (let t = start?.steps ?? 0; t < steps; t++) {
      beta1Power *= config.beta1;
      beta2Power *= config.beta2;
    }
  }
  return {
    epochs,
    optimizer: config.optimizer,
    steps,
    beta1Power,
    beta2Power,
    first: config.optimizer === "sgd" ? [] : values.slice(0, tensors),
    second: config.optimizer === "adam" ? values.slice(tensors, 2 * tensors) : [],
  };
}
