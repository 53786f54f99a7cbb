/**
 * The update rules in plain float64, written from TF.js's formulas as the
 * engines document them, with their state kept here. `verify` replays every
 * step's update from the engine's own gradient, so it always knows the state
 * the engine should hold, and predicts the engine's next weights from it.
 *
 * - sgd:       θ ← θ − η·g
 * - momentum:  v ← μ·v + g;  θ ← θ − η·v
 * - adam:      m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²;  t ← t + 1
 *              θ ← θ − η·(m / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε), β1ᵗ, β2ᵗ running products
 *
 * @module
 */

import type { ResolvedConfig } from "@backprop/core";

/** The optimizer state for a list of tensors: velocity / first moment, second moment, powers. */
export interface OptimizerState {
  /** Updates applied so far. */
  t: number;
  /** momentum: v; adam: m (one per tensor; empty for sgd). */
  m: Float64Array[];
  /** adam: s (one per tensor; empty otherwise). */
  s: Float64Array[];
  /** β1ᵗ and β2ᵗ as running products (adam). */
  beta1Power: number;
  /** See `beta1Power`. */
  beta2Power: number;
}

/**
 * The state before the first update, for tensors shaped like `params`.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { initialState } from "@backprop/verify";
 * initialState(resolveConfig(), [new Float64Array(3)]).m[0].length; // 3
 * ```
 */
export function initialState(
  config: ResolvedConfig,
  params: readonly Float64Array[],
): OptimizerState {
  const zeros = () => params.map((p) => new Float64Array(p.length));
  return {
    t: 0,
    m: config.optimizer === "sgd" ? [] : zeros(),
    s: config.optimizer === "adam" ? zeros() : [],
    beta1Power: 1,
    beta2Power: 1,
  };
}

/**
 * One update: returns the new parameters and the new state (the inputs are not
 * modified). With L2 decay (`config.l2` = λ > 0) each tensor marked in `weights`
 * (W and W_s, not the biases) first has g + 2λ·θ as its gradient, as the engines do.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { applyUpdate, initialState } from "@backprop/verify";
 * const config = resolveConfig({ optimizer: "sgd", learningRate: 0.5 });
 * const p = [Float64Array.of(1)];
 * applyUpdate(config, p, [Float64Array.of(2)], initialState(config, p)).params[0][0]; // 0
 * ```
 */
export function applyUpdate(
  config: ResolvedConfig,
  params: readonly Float64Array[],
  gradients: readonly Float64Array[],
  state: OptimizerState,
  weights: readonly boolean[] = [],
): { params: Float64Array[]; state: OptimizerState } {
  const lr = config.learningRate;
  const c = 2 * config.l2;
  const grads = config.l2 === 0
    ? gradients
    : gradients.map((g, t) => weights[t] ? g.map((v, i) => v + c * params[t][i]) : g);
  const next = params.map((p) => Float64Array.from(p));
  if (config.optimizer === "sgd") {
    next.forEach((p, t) => {
      for (let i = 0; i < p.length; i++) p[i] -= lr * grads[t][i];
    });
    return { params: next, state: { ...state, t: state.t + 1 } };
  }
  if (config.optimizer === "momentum") {
    const v = state.m.map((x) => Float64Array.from(x));
    next.forEach((p, t) => {
      for (let i = 0; i < p.length; i++) {
        v[t][i] = config.momentum * v[t][i] + grads[t][i];
        p[i] -= lr * v[t][i];
      }
    });
    return { params: next, state: { ...state, t: state.t + 1, m: v } };
  }
  const { beta1: b1, beta2: b2, epsilon: eps } = config;
  const m = state.m.map((x) => Float64Array.from(x));
  const s = state.s.map((x) => Float64Array.from(x));
  const beta1Power = state.beta1Power * b1;
  const beta2Power = state.beta2Power * b2;
  const c1 = 1 - beta1Power;
  const c2 = 1 - beta2Power;
  next.forEach((p, t) => {
    for (let i = 0; i < p.length; i++) {
      const g = grads[t][i];
      m[t][i] = b1 * m[t][i] + (1 - b1) * g;
      s[t][i] = b2 * s[t][i] + (1 - b2) * g * g;
      p[i] -= lr * (m[t][i] / c1) / (Math.sqrt(s[t][i] / c2) + eps);
    }
  });
  return { params: next, state: { t: state.t + 1, m, s, beta1Power, beta2Power } };
}
