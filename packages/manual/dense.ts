/**
 * A fully connected layer, its forward pass and its backward pass side by side.
 *
 * Shapes, for a batch of `rows` rows:
 * - X: [rows, inputs] (the previous layer's activations, or the batch's inputs)
 * - W: [inputs, units], b: [units]
 * - Z: [rows, units] = X·W + b,  A: [rows, units] = f(Z)
 * - D: [rows, units] = ∂L/∂Z (the layer's "delta")
 *
 * @module
 */

import { LEAKY_RELU_ALPHA } from "@backprop/core";
import { allocate, type Float, LEAKY_RELU, LINEAR, RELU, SIGMOID, TANH } from "./_private.ts";
import type { Dtype } from "@backprop/core";

/** One layer's parameters, gradients and per-batch buffers, allocated once per run. */
export class Dense {
  /** Width of X. */
  readonly inputs: number;
  /** Width of Z and A. */
  readonly units: number;
  /** Activation code (see `_private.ts`). */
  readonly activation: number;
  /** W: [inputs, units], row-major. */
  readonly w: Float;
  /** b: [units]. */
  readonly b: Float;
  /** ∂L/∂W: [inputs, units]. */
  readonly gw: Float;
  /** ∂L/∂b: [units]. */
  readonly gb: Float;
  /** Z: [maxRows, units]; the first `rows` rows are this batch's. */
  readonly z: Float;
  /** A: [maxRows, units]. */
  readonly a: Float;
  /** D = ∂L/∂Z: [maxRows, units]. */
  readonly d: Float;

  /** Allocates a layer for batches of at most `maxRows` rows. */
  constructor(inputs: number, units: number, activation: number, maxRows: number, dtype: Dtype) {
    this.inputs = inputs;
    this.units = units;
    this.activation = activation;
    this.w = allocate(dtype, inputs * units);
    this.b = allocate(dtype, units);
    this.gw = allocate(dtype, inputs * units);
    this.gb = allocate(dtype, units);
    this.z = allocate(dtype, maxRows * units);
    this.a = allocate(dtype, maxRows * units);
    this.d = allocate(dtype, maxRows * units);
  }

  /** Forward: Z = X·W + b, then A = f(Z), for the first `rows` rows of X. */
  forward(x: Float, rows: number): void {
    const { inputs: n, units: m, w, b, z, a } = this;
    for (let r = 0; r < rows; r++) {
      const zr = r * m;
      const xr = r * n;
      // Z[r, :] = Σ_i X[r, i] · W[i, :], accumulated in increasing i (as X @ W does), then + b.
      for (let j = 0; j < m; j++) z[zr + j] = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[xr + i];
        const wi = i * m;
        for (let j = 0; j < m; j++) z[zr + j] += xi * w[wi + j];
      }
      for (let j = 0; j < m; j++) z[zr + j] += b[j];
    }
    const len = rows * m;
    switch (this.activation) {
      case SIGMOID: // σ(z) = 1 / (1 + e^−z)
        for (let k = 0; k < len; k++) a[k] = 1 / (1 + Math.exp(-z[k]));
        break;
      case TANH:
        for (let k = 0; k < len; k++) a[k] = Math.tanh(z[k]);
        break;
      case RELU:
        for (let k = 0; k < len; k++) a[k] = z[k] > 0 ? z[k] : 0;
        break;
      case LEAKY_RELU:
        for (let k = 0; k < len; k++) a[k] = z[k] > 0 ? z[k] : LEAKY_RELU_ALPHA * z[k];
        break;
      case LINEAR:
        for (let k = 0; k < len; k++) a[k] = z[k];
        break;
    }
  }

  /**
   * Backward, given D = ∂L/∂Z for the first `rows` rows:
   * - ∂L/∂W = Xᵀ·D  (summed over rows in increasing order)
   * - ∂L/∂b = Σ_rows D
   * - and, when `prev` is given, the previous layer's delta
   *   D_prev = (D·Wᵀ) ⊙ f'_prev(A_prev), with f' written in terms of A_prev.
   */
  backward(x: Float, rows: number, prev: Dense | null): void {
    const { inputs: n, units: m, w, gw, gb, d } = this;
    gw.fill(0);
    gb.fill(0);
    for (let r = 0; r < rows; r++) {
      const dr = r * m;
      const xr = r * n;
      for (let i = 0; i < n; i++) {
        const xi = x[xr + i];
        const wi = i * m;
        for (let j = 0; j < m; j++) gw[wi + j] += xi * d[dr + j];
      }
      for (let j = 0; j < m; j++) gb[j] += d[dr + j];
    }
    if (prev === null) return;
    // D_prev[r, i] = (Σ_j D[r, j] · W[i, j]) · f'(A_prev[r, i])
    const pa = prev.a;
    const pd = prev.d;
    const code = prev.activation;
    for (let r = 0; r < rows; r++) {
      const dr = r * m;
      for (let i = 0; i < n; i++) {
        const wi = i * m;
        let s = 0;
        for (let j = 0; j < m; j++) s += d[dr + j] * w[wi + j];
        const k = r * n + i;
        const ak = pa[k];
        // Written as s · a · (1 − a), left to right, exactly as the original's NumPy line.
        pd[k] = code === SIGMOID
          ? s * ak * (1 - ak)
          : code === TANH
          ? s * (1 - ak * ak)
          : code === RELU
          ? (ak > 0 ? s : 0)
          : code === LEAKY_RELU
          ? (ak > 0 ? s : LEAKY_RELU_ALPHA * s)
          : s;
      }
    }
  }
}
