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

import type { ResolvedConfig } from "@backprop/core";
import { allocate, type Float } from "./_private.ts";

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
  // First moment / velocity, and second moment, one buffer per parameter tensor.
  readonly #m: Float[];
  readonly #s: Float[];
  #beta1Power = 1;
  #beta2Power = 1;

  /** Allocates state shaped like `params`. */
  constructor(config: ResolvedConfig, params: readonly Float[]) {
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
    this.#m = this.#kind === SGD ? [] : params.map((p) => allocate(dtypeOf(p), p.length));
    this.#s = this.#kind === ADAM ? params.map((p) => allocate(dtypeOf(p), p.length)) : [];
  }

  /** One update of every `params[t]` from `grads[t]`. */
  step(params: readonly Float[], grads: readonly Float[]): void {
    const lr = this.#lr;
    if (this.#kind === SGD) {
      for (let t = 0; t < params.length; t++) {
        const p = params[t];
        const g = grads[t];
        for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      }
    } else if (this.#kind === MOMENTUM) {
      const mu = this.#momentum;
      for (let t = 0; t < params.length; t++) {
        const p = params[t];
        const g = grads[t];
        const v = this.#m[t];
        for (let i = 0; i < p.length; i++) {
          v[i] = mu * v[i] + g[i];
          p[i] -= lr * v[i];
        }
      }
    } else {
      const b1 = this.#beta1;
      const b2 = this.#beta2;
      const eps = this.#epsilon;
      this.#beta1Power *= b1;
      this.#beta2Power *= b2;
      const c1 = 1 - this.#beta1Power;
      const c2 = 1 - this.#beta2Power;
      for (let t = 0; t < params.length; t++) {
        const p = params[t];
        const g = grads[t];
        const m = this.#m[t];
        const s = this.#s[t];
        for (let i = 0; i < p.length; i++) {
          const gi = g[i];
          m[i] = b1 * m[i] + (1 - b1) * gi;
          s[i] = b2 * s[i] + (1 - b2) * gi * gi;
          p[i] -= lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + eps);
        }
      }
    }
  }
}

function dtypeOf(p: Float): "float32" | "float64" {
  return p instanceof Float32Array ? "float32" : "float64";
}
