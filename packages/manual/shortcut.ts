/**
 * Direct input-to-output connections ("shortcut" connections, config `shortcut`):
 * the output layer also sees the network's inputs X, through W_s: [inputs, outputs].
 *
 * Shapes, for a batch of `rows` rows, with A_last the last hidden layer's
 * activations (X itself when there is no hidden layer) and W_out, b_out the
 * output layer's parameters:
 * - Z_out = (A_last·W_out + X·W_s) + b_out,  A_out = f(Z_out)
 * - ∂L/∂W_s = Xᵀ·D_out  (D_out = ∂L/∂Z_out, the output layer's delta)
 *
 * The shortcut changes nothing else of the backward pass: W_out, b_out and the
 * hidden layers' deltas see D_out exactly as before, since X is not trained.
 *
 * Both products are the dense layer's own kernels (`affine` for X·W_s and
 * A_last·W_out, `weightGradient` for Xᵀ·D_out), compiled once more for these calls
 * (docs/engine.md); the products go to float64 scratch buffers, and one short loop
 * adds them and the bias. Every sum adds its terms in increasing index from 0, so in
 * float64 Z_out is bit-identical to core's `predictFlat`.
 *
 * @module
 */

import { type Dtype, LEAKY_RELU_ALPHA } from "@backprop/core";
import { type Dense, denseKernels } from "./dense.ts";
import {
  allocate,
  type Float,
  LEAKY_RELU,
  LINEAR,
  perDtype,
  RELU,
  SIGMOID,
  TANH,
  type TensorStore,
} from "./_private.ts";

/**
 * The one loop of its own, compiled once per dtype (see `perDtype`), so
 * self-contained: Z = (P + S) + b row by row. The output layer then applies its
 * own f to Z ({@linkcode Dense.activate}), so σ is the dense layers' σ.
 */
export function shortcutKernels() {
  /** z[r, j] = (p[r, j] + s[r, j]) + b[j] for the first `rows` rows of m columns. */
  function combine(p: Float64Array, s: Float64Array, b: Float, z: Float, rows: number, m: number) {
    for (let r = 0, e = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, e++) z[e] = (p[e] + s[e]) + b[j];
    }
  }

  return { combine };
}

// The dense kernels again, for the shortcut's calls only (their argument types differ
// from the layers': float64 scratch buffers), and the combining loop.
const DENSE = perDtype(denseKernels, SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);
const KERNELS = perDtype(shortcutKernels);

/** W_s, its gradient and the scratch buffers of one run, allocated once. */
export class Shortcut {
  /** Width of X (the network's inputs). */
  readonly inputs: number;
  /** Width of the output layer. */
  readonly outputs: number;
  /** W_s: [inputs, outputs], row-major. */
  readonly w: Float;
  /** ∂L/∂W_s: [inputs, outputs]. */
  readonly gw: Float;
  readonly #gw64: Float64Array;
  // A_last·W_out and X·W_s of the batch, [maxRows, outputs], in float64.
  readonly #product: Float64Array;
  readonly #direct: Float64Array;
  // The zero bias the products are computed with (the real b_out is added after them).
  readonly #zero: Float64Array;
  readonly #dense: ReturnType<typeof denseKernels>;
  readonly #kernels: ReturnType<typeof shortcutKernels>;

  /**
   * Allocates W_s and the buffers for batches of at most `maxRows` rows; W_s and its
   * gradient are views of `store` when given.
   */
  constructor(inputs: number, outputs: number, maxRows: number, dtype: Dtype, store?: TensorStore) {
    this.inputs = inputs;
    this.outputs = outputs;
    const size = inputs * outputs;
    const at = store?.offset ?? 0;
    this.w = store === undefined ? allocate(dtype, size) : store.params.subarray(at, at + size);
    this.gw = store === undefined ? allocate(dtype, size) : store.grads.subarray(at, at + size);
    this.#gw64 = this.gw instanceof Float64Array ? this.gw : new Float64Array(inputs * outputs);
    this.#product = new Float64Array(maxRows * outputs);
    this.#direct = new Float64Array(maxRows * outputs);
    this.#zero = new Float64Array(outputs);
    this.#dense = DENSE[dtype];
    this.#kernels = KERNELS[dtype];
  }

  /**
   * The output layer's forward pass with the shortcut, in place of `out.forward`:
   * out.z = (prev·W_out + x·W_s) + b_out and out.a = f(out.z), for the first `rows`
   * rows; `prev` is A_last (or x without hidden layers). f must be sigmoid or
   * linear, the output activations.
   */
  forward(x: Float, prev: Float, out: Dense, rows: number): void {
    const d = this.#dense;
    const m = this.outputs;
    d.affine(prev, out.w, this.#zero, this.#product, this.#product, rows, out.inputs, m, LINEAR);
    d.affine(x, this.w, this.#zero, this.#direct, this.#direct, rows, this.inputs, m, LINEAR);
    this.#kernels.combine(this.#product, this.#direct, out.b, out.z, rows, m);
    // A = f(Z), applied to Z as stored (rounded, in float32).
    out.activate(rows);
  }

  /** ∂L/∂W_s = Xᵀ·D_out for the first `rows` rows (summed over rows in increasing order). */
  backward(x: Float, delta: Float, rows: number): void {
    const d = this.#dense;
    const n = this.inputs;
    const m = this.outputs;
    d.weightGradient(x, delta, this.#gw64, rows, n, m);
    if (this.#gw64 !== this.gw) d.copy(this.#gw64, this.gw, n * m);
  }
}
