/**
 * The update rules, applied to each parameter tensor θ with gradient g, with
 * η the learning rate. They are TF.js's formulas, so both engines agree:
 * - sgd:       θ ← θ − η·g
 * - momentum:  v ← μ·v + g;  θ ← θ − η·v                        (tf.train.momentum)
 * - adam:      m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²;
 *              θ ← θ − η · (m / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε)  (tf.train.adam)
 *   where β1ᵗ and β2ᵗ are kept as running products, as TF.js keeps them.
 *
 * @module
 */

import type { ResolvedConfig, TrainState } from "@backprop/core";
import { allocate, type Float, perDtype } from "./_private.ts";

/**
 * The update rules' loops over one parameter tensor θ (gradient g, state m and s),
 * compiled once per dtype (see `perDtype`), so self-contained.
 */
export function optimizerKernels() {
  /** θ ← θ − η·g */
  function sgd(p: Float, g: Float, lr: number) {
    for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
  }

  /** v ← μ·v + g;  θ ← θ − η·v */
  function momentum(p: Float, g: Float, v: Float, lr: number, mu: number) {
    for (let i = 0; i < p.length; i++) {
      v[i] = mu * v[i] + g[i];
      p[i] -= lr * v[i];
    }
  }

  /** m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²;  θ ← θ − η·(m / c1) / (√(s / c2) + ε) */
  function adam(
    p: Float,
    g: Float,
    m: Float,
    s: Float,
    lr: number,
    b1: number,
    b2: number,
    eps: number,
    c1: number,
    c2: number,
  ) {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      s[i] = b2 * s[i] + (1 - b2) * gi * gi;
      p[i] -= lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + eps);
    }
  }

  return { sgd, momentum, adam };
}

const KERNELS = perDtype(optimizerKernels);

const SGD = 0;
const MOMENTUM = 1;
const ADAM = 2;

/** Optimizer state for a fixed list of parameter tensors, allocated once. */
export class Optimizer {
  readonly #kind: number;
  readonly #lr: number;
  readonly #momentum: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;
  readonly #kernels: ReturnType<typeof optimizerKernels>;
  // First moment / velocity, and second moment, one buffer per parameter tensor.
  readonly #m: Float[];
  readonly #s: Float[];
  #beta1Power = 1;
  #beta2Power = 1;
  #steps = 0;

  /**
   * Allocates state shaped like `params`, in `config.dtype`: zeros, or the moments
   * and β powers of `state` (already checked to fit, see `validateTrainState`).
   */
  constructor(config: ResolvedConfig, params: readonly Float[], state?: TrainState) {
    this.#kind = config.optimizer === "sgd"
      ? SGD
      : config.optimizer === "momentum"
      ? MOMENTUM
      : ADAM;
    this.#lr = config.learningRate;
    this.#momentum = config.momentum;
    this.#beta1 = config.beta1;
    this.#beta2 = config.beta2;
    this.#epsilon = config.epsilon;
    this.#kernels = KERNELS[config.dtype];
    this.#m = this.#kind === SGD ? [] : params.map((p) => allocate(config.dtype, p.length));
    this.#s = this.#kind === ADAM ? params.map((p) => allocate(config.dtype, p.length)) : [];
    if (state !== undefined) {
      this.#m.forEach((m, t) => m.set(state.first[t]));
      this.#s.forEach((s, t) => s.set(state.second[t]));
      this.#beta1Power = state.beta1Power;
      this.#beta2Power = state.beta2Power;
      this.#steps = state.steps;
    }
  }

  /** A copy of the state after the updates so far, for a run that has trained `epochs` epochs. */
  state(epochs: number): TrainState {
    return {
      epochs,
      optimizer: this.#kind === SGD ? "sgd" : this.#kind === MOMENTUM ? "momentum" : "adam",
      steps: this.#steps,
      beta1Power: this.#beta1Power,
      beta2Power: this.#beta2Power,
      first: this.#m.map((m) => Array.from(m)),
      second: this.#s.map((s) => Array.from(s)),
    };
  }

  /** One update of every `params[t]` from `grads[t]`. */
  step(params: readonly Float[], grads: readonly Float[]): void {
    const k = this.#kernels;
    const lr = this.#lr;
    this.#steps++;
    if (this.#kind === SGD) {
      for (let t = 0; t < params.length; t++) k.sgd(params[t], grads[t], lr);
    } else if (this.#kind === MOMENTUM) {
      const mu = this.#momentum;
      for (let t = 0; t < params.length; t++) k.momentum(params[t], grads[t], this.#m[t], lr, mu);
    } else {
      // β1ᵗ and β2ᵗ as running products, as TF.js keeps them.
      this.#beta1Power *= this.#beta1;
      this.#beta2Power *= this.#beta2;
      const c1 = 1 - this.#beta1Power;
      const c2 = 1 - this.#beta2Power;
      for (let t = 0; t < params.length; t++) {
        k.adam(
          params[t],
          grads[t],
          this.#m[t],
          this.#s[t],
          lr,
          this.#beta1,
          this.#beta2,
          this.#epsilon,
          c1,
          c2,
        );
      }
    }
  }
}
