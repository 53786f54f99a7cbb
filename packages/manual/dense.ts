/**
 * A fully connected layer, its forward pass and its backward pass side by side.
 *
 * Shapes, for a batch of `rows` rows:
 * - X: [rows, inputs] (the previous layer's activations, or the batch's inputs)
 * - W: [inputs, units], b: [units]
 * - Z: [rows, units] = X·W + b,  A: [rows, units] = f(Z)
 * - D: [rows, units] = ∂L/∂Z (the layer's "delta")
 *
 * The same maths as plain loops is `reference.ts` (`forward`, `backward`): read that
 * first. The arithmetic here is in {@linkcode denseKernels}, written for speed but in the
 * same order of operations as the plain loops it replaces: every sum adds its
 * terms one at a time, in increasing index, starting from 0, so float64 products
 * are bit-identical to the textbook triple loops (and to NumPy's for the
 * original's small matrices).
 *
 * @module
 */

import { type Dtype, LEAKY_RELU_ALPHA } from "@backprop/core";
import { allocate, type Float, LEAKY_RELU, perDtype, RELU, SIGMOID, TANH } from "./_private.ts";

/**
 * The layer's loops, compiled once per dtype (see `perDtype`), so self-contained:
 * the activation codes and the leaky-relu slope come in as arguments.
 *
 * They are written for speed (docs/engine.md says how and why): register-blocked
 * products, edge blocks that repeat the last index, cache-sized row chunks, σ and
 * tanh without a library call. Every output keeps one accumulator adding its terms
 * in increasing order, so float64 results are those of the plain loops, except σ
 * and tanh (`fastSigmoid`, `fastTanh`: within 4 and 2 ulp of Math.exp's and
 * Math.tanh's). With float32 buffers every sum is float64 and each stored value is
 * rounded to float32 once.
 */
export function denseKernels(
  sigmoid: number,
  tanh: number,
  relu: number,
  leakyRelu: number,
  alpha: number,
) {
  // Rows of X and D per chunk in weightGradient: CHUNK_VALUES / (n + m) rows keeps the
  // chunk's part of X and D near 128 KiB in float64, well inside a core's L2 cache.
  const CHUNK_VALUES = 16384;

  /**
   * Z = X·W + b and A = f(Z) for the first `rows` rows:
   * Z[r, j] = (Σ_i X[r, i]·W[i, j]) + b[j], the sum in increasing i from 0, then b
   * added. X: [rows, n], W: [n, m], b: [m], Z and A: [rows, m]; `code`: f.
   * Blocks of 4 rows × 2 columns: as fast as 2 × 4 on square layers, and only
   * twice the work rather than four times on a one-unit output layer.
   */
  function affine(
    x: Float,
    w: Float,
    b: Float,
    z: Float,
    a: Float,
    rows: number,
    n: number,
    m: number,
    code: number,
  ) {
    const lastJ = m - 1;
    const bands = rows - (rows & 3); // rows in whole bands of 4
    const pairs = m - (m & 1); // columns in whole pairs
    for (let r0 = 0; r0 < bands; r0 += 4) {
      const x0 = r0 * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
      const z0 = r0 * m, z1 = z0 + m, z2 = z1 + m, z3 = z2 + m;
      for (let j0 = 0; j0 < pairs; j0 += 2) {
        const j1 = j0 + 1;
        // s_rc = Z[r0 + r, j_c] before the bias.
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (let i = 0, wi = 0; i < n; i++, wi += m) {
          const w0 = w[wi + j0], w1 = w[wi + j1];
          const u0 = x[x0 + i], u1 = x[x1 + i], u2 = x[x2 + i], u3 = x[x3 + i];
          s00 += u0 * w0, s01 += u0 * w1, s10 += u1 * w0, s11 += u1 * w1;
          s20 += u2 * w0, s21 += u2 * w1, s30 += u3 * w0, s31 += u3 * w1;
        }
        const b0 = b[j0], b1 = b[j1];
        z[z0 + j0] = s00 + b0, z[z0 + j1] = s01 + b1, z[z1 + j0] = s10 + b0, z[z1 + j1] = s11 + b1;
        z[z2 + j0] = s20 + b0, z[z2 + j1] = s21 + b1, z[z3 + j0] = s30 + b0, z[z3 + j1] = s31 + b1;
      }
      if (pairs < m) {
        // An odd last column (the whole of a one-unit output layer): 4 rows × 1.
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let i = 0, wi = lastJ; i < n; i++, wi += m) {
          const v = w[wi];
          s0 += x[x0 + i] * v, s1 += x[x1 + i] * v, s2 += x[x2 + i] * v, s3 += x[x3 + i] * v;
        }
        const bj = b[lastJ];
        z[z0 + lastJ] = s0 + bj, z[z1 + lastJ] = s1 + bj;
        z[z2 + lastJ] = s2 + bj, z[z3 + lastJ] = s3 + bj;
      }
      // A = f(Z) for these rows while they are in cache.
      activate(z, a, z0, z3 + m, code);
    }
    // The last rows % 4 rows (all of them for a batch of 1), one at a time in
    // blocks of 4 columns: a band of 4 would compute each of them 4 times over.
    for (let r = bands; r < rows; r++) {
      const xr = r * n, zr = r * m;
      for (let j0 = 0; j0 < m; j0 += 4) {
        const j1 = j0 + 1 < m ? j0 + 1 : lastJ;
        const j2 = j0 + 2 < m ? j0 + 2 : lastJ;
        const j3 = j0 + 3 < m ? j0 + 3 : lastJ;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let i = 0, wi = 0; i < n; i++, wi += m) {
          const u = x[xr + i];
          s0 += u * w[wi + j0], s1 += u * w[wi + j1], s2 += u * w[wi + j2], s3 += u * w[wi + j3];
        }
        z[zr + j0] = s0 + b[j0], z[zr + j1] = s1 + b[j1];
        z[zr + j2] = s2 + b[j2], z[zr + j3] = s3 + b[j3];
      }
    }
    if (bands < rows) activate(z, a, bands * m, rows * m, code);
  }

  // 2^k at index k + 55, for the k met below (−54 ≤ k ≤ 1023).
  const POW2 = new Float64Array(1080);
  for (let k = -55; k < 1025; k++) POW2[k + 55] = 2 ** k;

  /**
   * A = f(Z) elementwise, for the values at [from, to). σ and tanh are written out
   * here, without Math.exp or Math.tanh (docs/engine.md: the method, speed, accuracy):
   * e^y = 2^k·e^r with k = round(y / ln 2), r = y − k·ln 2, e^r = 1 + r + r²·Q(r).
   * - σ(z) = 1 / (1 + e^−z); σ = 1 for z > 37.5; Math.exp past −z ≥ 709, ±∞, NaN.
   * - tanh x = x + x·s·P(s), s = x², for |x| < 0.55; ±(1 − 2 / (e^{2|x|} + 1)) below
   *   |x| = 22; ±1 from there (±0 and NaN stay as they are).
   */
  function activate(z: Float, a: Float, from: number, to: number, code: number) {
    // Local constants, so that they are built into the compiled code. P: (tanh x − x)/x³
    // on s = x² ∈ [0, 0.3025]; Q: (e^r − 1 − r)/r² on |r| ≤ ln 2 / 2 (Chebyshev fits).
    const P0 = -0.3333333333333333, P1 = 0.13333333333332714, P2 = -0.053968253967434016;
    const P3 = 0.021869488493666944, P4 = -0.008863234397814355, P5 = 0.003592110378689024;
    const P6 = -0.001455661830100716, P7 = 0.0005889360520074057, P8 = -0.0002346347410887237;
    const P9 = 8.511313685577672e-05, P10 = -2.060276537636634e-05;
    const Q0 = 0.5000000000000001, Q1 = 0.16666666666666669, Q2 = 0.041666666666624164;
    const Q3 = 0.008333333333330065, Q4 = 0.0013888888917196719, Q5 = 0.00019841269863040545;
    const Q6 = 2.4801521322368692e-05, Q7 = 2.7557268480310024e-06, Q8 = 2.7620075879983367e-07;
    const Q9 = 2.5100375832561234e-08;
    // ln 2 in two parts; LN2_HI has 32 significant bits, so k·LN2_HI is exact for k < 2^21.
    const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    const INV_LN2 = 1.4426950408889634;
    // 1.5·2^52: (v + ROUND) − ROUND is v rounded to the nearest integer, for |v| < 2^51.
    const ROUND = 6755399441055744;
    switch (code) {
      case sigmoid:
        for (let e = from; e < to; e++) {
          const y = -z[e];
          if (y >= -37.5 && y < 709) {
            const k = (y * INV_LN2 + ROUND) - ROUND;
            const r = (y - k * LN2_HI) - k * LN2_LO;
            const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
            const q = (Q0 + r * Q1) + r2 * (Q2 + r * Q3) +
              r4 * ((Q4 + r * Q5) + r2 * (Q6 + r * Q7)) + r8 * (Q8 + r * Q9);
            a[e] = 1 / (1 + POW2[k + 55] * (1 + (r + r2 * q)));
          } else {
            a[e] = 1 / (1 + Math.exp(y));
          }
        }
        break;
      case tanh:
        for (let e = from; e < to; e++) {
          const x = z[e];
          const s = x * x;
          let v = x; // ±0 and NaN stay as they are
          if (s < 0.3025) {
            const s2 = s * s, s4 = s2 * s2;
            const p = (P0 + s * P1) + s2 * (P2 + s * P3) +
              s4 * ((P4 + s * P5) + s2 * (P6 + s * P7) + s4 * ((P8 + s * P9) + s2 * P10));
            if (x !== 0) v = x + x * s * p;
          } else if (s < 484) { // |x| < 22: ±(1 − 2 / (e^{2|x|} + 1)), e^y as for σ
            const y = 2 * Math.abs(x);
            const k = (y * INV_LN2 + ROUND) - ROUND;
            const r = (y - k * LN2_HI) - k * LN2_LO;
            const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
            const q = (Q0 + r * Q1) + r2 * (Q2 + r * Q3) +
              r4 * ((Q4 + r * Q5) + r2 * (Q6 + r * Q7)) + r8 * (Q8 + r * Q9);
            const t = 1 - 2 / (POW2[k + 55] * (1 + (r + r2 * q)) + 1);
            v = x < 0 ? -t : t;
          } else if (s >= 484) {
            v = x < 0 ? -1 : 1; // |x| ≥ 22, ±∞
          }
          a[e] = v;
        }
        break;
      case relu:
        for (let e = from; e < to; e++) a[e] = z[e] > 0 ? z[e] : 0;
        break;
      case leakyRelu:
        for (let e = from; e < to; e++) a[e] = z[e] > 0 ? z[e] : alpha * z[e];
        break;
      default: // linear
        for (let e = from; e < to; e++) a[e] = z[e];
    }
  }

  // One value at a time, through `activate` itself (for tests and the exports below).
  const ONE = new Float64Array(1);
  function scalar(code: number, x: number): number {
    ONE[0] = x;
    activate(ONE, ONE, 0, 1, code);
    return ONE[0];
  }

  /** σ(z) exactly as `activate` computes it. */
  function fastSigmoid(z: number): number {
    return scalar(sigmoid, z);
  }

  /** tanh x exactly as `activate` computes it. */
  function fastTanh(x: number): number {
    return scalar(tanh, x);
  }

  /**
   * ∂L/∂W = Xᵀ·D: G[i, j] = Σ_r X[r, i]·D[r, j], in increasing r from 0.
   * X: [rows, n], D: [rows, m], G: [n, m], accumulated in float64 `g`.
   *
   * Blocked 2 values of i × 4 of j, rows innermost. Every block reads a column
   * pair of X and four columns of D over all rows, so for large batches the
   * rows go in chunks that fit in cache (the blocks of one chunk then read it from
   * cache, not from memory). Between chunks each of the 8 running sums is stored
   * in `g` and loaded again: still one sum per output, adding rows in order.
   */
  function weightGradient(
    x: Float,
    d: Float,
    g: Float64Array,
    rows: number,
    n: number,
    m: number,
  ) {
    const lastI = n - 1, lastJ = m - 1;
    // (A multiplication first: small batches fit in one chunk, and skip the division.)
    const chunk = rows * (n + m) <= CHUNK_VALUES
      ? rows
      : Math.max(1, Math.floor(CHUNK_VALUES / (n + m)));
    if (m === 1) {
      // One unit (the usual output layer): a 2 × 4 block would compute each sum four
      // times, so take 8 values of i at once instead: G[i, 0] = Σ_r X[r, i]·D[r, 0].
      for (let start = 0; start < rows; start += chunk) {
        const end = start + chunk < rows ? start + chunk : rows;
        for (let i0 = 0; i0 < n; i0 += 8) {
          const i1 = i0 + 1 < n ? i0 + 1 : lastI, i2 = i0 + 2 < n ? i0 + 2 : lastI;
          const i3 = i0 + 3 < n ? i0 + 3 : lastI, i4 = i0 + 4 < n ? i0 + 4 : lastI;
          const i5 = i0 + 5 < n ? i0 + 5 : lastI, i6 = i0 + 6 < n ? i0 + 6 : lastI;
          const i7 = i0 + 7 < n ? i0 + 7 : lastI;
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
          if (start > 0) {
            s0 = g[i0], s1 = g[i1], s2 = g[i2], s3 = g[i3];
            s4 = g[i4], s5 = g[i5], s6 = g[i6], s7 = g[i7];
          }
          for (let r = start, xr = start * n; r < end; r++, xr += n) {
            const dr = d[r];
            s0 += x[xr + i0] * dr, s1 += x[xr + i1] * dr, s2 += x[xr + i2] * dr;
            s3 += x[xr + i3] * dr, s4 += x[xr + i4] * dr, s5 += x[xr + i5] * dr;
            s6 += x[xr + i6] * dr, s7 += x[xr + i7] * dr;
          }
          g[i0] = s0, g[i1] = s1, g[i2] = s2, g[i3] = s3;
          g[i4] = s4, g[i5] = s5, g[i6] = s6, g[i7] = s7;
        }
      }
      return;
    }
    for (let start = 0; start < rows; start += chunk) {
      const end = start + chunk < rows ? start + chunk : rows;
      for (let i0 = 0; i0 < n; i0 += 2) {
        const i1 = i0 + 1 < n ? i0 + 1 : lastI;
        const g0 = i0 * m, g1 = i1 * m;
        for (let j0 = 0; j0 < m; j0 += 4) {
          const j1 = j0 + 1 < m ? j0 + 1 : lastJ;
          const j2 = j0 + 2 < m ? j0 + 2 : lastJ;
          const j3 = j0 + 3 < m ? j0 + 3 : lastJ;
          // s_rc = G[i_r, j_c], carried over from the previous chunk.
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
          if (start > 0) {
            s00 = g[g0 + j0], s01 = g[g0 + j1], s02 = g[g0 + j2], s03 = g[g0 + j3];
            s10 = g[g1 + j0], s11 = g[g1 + j1], s12 = g[g1 + j2], s13 = g[g1 + j3];
          }
          for (let r = start, xr = start * n, dr = start * m; r < end; r++, xr += n, dr += m) {
            const u = x[xr + i0], v = x[xr + i1];
            const d0 = d[dr + j0], d1 = d[dr + j1], d2 = d[dr + j2], d3 = d[dr + j3];
            s00 += u * d0, s01 += u * d1, s02 += u * d2, s03 += u * d3;
            s10 += v * d0, s11 += v * d1, s12 += v * d2, s13 += v * d3;
          }
          g[g0 + j0] = s00, g[g0 + j1] = s01, g[g0 + j2] = s02, g[g0 + j3] = s03;
          g[g1 + j0] = s10, g[g1 + j1] = s11, g[g1 + j2] = s12, g[g1 + j3] = s13;
        }
      }
    }
  }

  /** ∂L/∂b = Σ_r D[r, :], in increasing r from 0. D: [rows, m], accumulated in float64 `g`. */
  function biasGradient(d: Float, g: Float64Array, rows: number, m: number) {
    for (let j = 0; j < m; j++) g[j] = 0;
    for (let r = 0, dr = 0; r < rows; r++, dr += m) {
      for (let j = 0; j < m; j++) g[j] += d[dr + j];
    }
  }

  /** dst[k] = src[k] for k < len (rounding to float32 when dst is a Float32Array). */
  function copy(src: Float64Array, dst: Float, len: number) {
    for (let k = 0; k < len; k++) dst[k] = src[k];
  }

  /**
   * The previous layer's delta, D_prev = (D·Wᵀ) ⊙ f'(A_prev):
   * P[r, i] = (Σ_j D[r, j]·W[i, j]) · f'(A_prev[r, i]), the sum in increasing j from 0.
   * D: [rows, m], W: [n, m], A_prev and P: [rows, n]; `code` is the previous layer's
   * activation. Blocked 2 rows × 4 values of i; D's rows and W's rows are both read
   * along j, contiguously.
   */
  function inputDelta(
    d: Float,
    w: Float,
    pa: Float,
    pd: Float,
    rows: number,
    n: number,
    m: number,
    code: number,
  ) {
    const lastI = n - 1;
    for (let r0 = 0; r0 < rows; r0 += 2) {
      const r1 = r0 + 1 < rows ? r0 + 1 : r0;
      const d0 = r0 * m, d1 = r1 * m, p0 = r0 * n, p1 = r1 * n;
      for (let i0 = 0; i0 < n; i0 += 4) {
        const i1 = i0 + 1 < n ? i0 + 1 : lastI;
        const i2 = i0 + 2 < n ? i0 + 2 : lastI;
        const i3 = i0 + 3 < n ? i0 + 3 : lastI;
        const w0 = i0 * m, w1 = i1 * m, w2 = i2 * m, w3 = i3 * m;
        // s_rc = (D·Wᵀ)[r_r, i_c]
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        for (let j = 0; j < m; j++) {
          const u = d[d0 + j], v = d[d1 + j];
          const v0 = w[w0 + j], v1 = w[w1 + j], v2 = w[w2 + j], v3 = w[w3 + j];
          s00 += u * v0, s01 += u * v1, s02 += u * v2, s03 += u * v3;
          s10 += v * v0, s11 += v * v1, s12 += v * v2, s13 += v * v3;
        }
        pd[p0 + i0] = slope(code, s00, pa[p0 + i0]), pd[p0 + i1] = slope(code, s01, pa[p0 + i1]);
        pd[p0 + i2] = slope(code, s02, pa[p0 + i2]), pd[p0 + i3] = slope(code, s03, pa[p0 + i3]);
        pd[p1 + i0] = slope(code, s10, pa[p1 + i0]), pd[p1 + i1] = slope(code, s11, pa[p1 + i1]);
        pd[p1 + i2] = slope(code, s12, pa[p1 + i2]), pd[p1 + i3] = slope(code, s13, pa[p1 + i3]);
      }
    }
  }

  /** s·f'(z), with f' written in terms of the activation's output a = f(z). */
  function slope(code: number, s: number, a: number): number {
    switch (code) {
      case sigmoid: // s · a · (1 − a), left to right, exactly as the original's NumPy line
        return s * a * (1 - a);
      case tanh:
        return s * (1 - a * a);
      case relu:
        return a > 0 ? s : 0;
      case leakyRelu:
        return a > 0 ? s : alpha * s;
      default: // linear
        return s;
    }
  }

  return {
    affine,
    activate,
    weightGradient,
    biasGradient,
    copy,
    inputDelta,
    fastTanh,
    fastSigmoid,
  };
}

// LINEAR is the code the kernels do not name (their `default:`).
const KERNELS = perDtype(denseKernels, SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);
const SCALAR = denseKernels(SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);

/**
 * σ(z) = 1 / (1 + e^−z) exactly as the engine computes it (through the engine's
 * own loop, one value at a time): e^−z without a library call, within 2 ulp of
 * the exact σ, as 1 / (1 + Math.exp(−z)) is. For code of your own that must
 * reproduce the engine's numbers, and for tests.
 *
 * @example
 * ```ts
 * import { fastSigmoid } from "@backprop/manual";
 * fastSigmoid(0); // 0.5
 * Math.abs(fastSigmoid(2) - 1 / (1 + Math.exp(-2))) < 1e-15; // true
 * ```
 */
export const fastSigmoid: (z: number) => number = SCALAR.fastSigmoid;

/**
 * tanh x exactly as the engine computes it (through the engine's own loop, one
 * value at a time): within 1 ulp of the exact tanh (Math.tanh: 2).
 *
 * @example
 * ```ts
 * import { fastTanh } from "@backprop/manual";
 * fastTanh(0); // 0
 * Math.abs(fastTanh(0.5) - Math.tanh(0.5)) < 1e-15; // true
 * ```
 */
export const fastTanh: (x: number) => number = SCALAR.fastTanh;

/** One layer's parameters, gradients and per-batch buffers, allocated once per run. */
export class Dense {
  /** Width of X. */
  readonly inputs: number;
  /** Width of Z and A. */
  readonly units: number;
  /** Activation code (see `_private.ts`). */
  readonly activation: number;
  /** Whether b is trained; without it b stays 0 and ∂L/∂b is not computed. */
  readonly useBias: boolean;
  /** W: [inputs, units], row-major. */
  readonly w: Float;
  /** b: [units]. */
  readonly b: Float;
  /** ∂L/∂W: [inputs, units]. */
  readonly gw: Float;
  /** ∂L/∂b: [units] (left at 0 without biases). */
  readonly gb: Float;
  /** Z: [maxRows, units]; the first `rows` rows are this batch's. */
  readonly z: Float;
  /** A: [maxRows, units]. */
  readonly a: Float;
  /** D = ∂L/∂Z: [maxRows, units]. */
  readonly d: Float;
  readonly #kernels: ReturnType<typeof denseKernels>;
  // The gradients' running sums in float64: gw and gb themselves for float64, separate
  // buffers for float32 (so a sum is rounded to float32 once, when it is complete).
  readonly #gw64: Float64Array;
  readonly #gb64: Float64Array;

  /** Allocates a layer for batches of at most `maxRows` rows. */
  constructor(
    inputs: number,
    units: number,
    activation: number,
    maxRows: number,
    dtype: Dtype,
    useBias = true,
  ) {
    this.inputs = inputs;
    this.units = units;
    this.activation = activation;
    this.useBias = useBias;
    this.w = allocate(dtype, inputs * units);
    this.b = allocate(dtype, units);
    this.gw = allocate(dtype, inputs * units);
    this.gb = allocate(dtype, units);
    this.z = allocate(dtype, maxRows * units);
    this.a = allocate(dtype, maxRows * units);
    this.d = allocate(dtype, maxRows * units);
    this.#kernels = KERNELS[dtype];
    this.#gw64 = this.gw instanceof Float64Array ? this.gw : new Float64Array(inputs * units);
    this.#gb64 = this.gb instanceof Float64Array ? this.gb : new Float64Array(units);
  }

  /** Forward: Z = X·W + b, then A = f(Z), for the first `rows` rows of X. */
  forward(x: Float, rows: number): void {
    const k = this.#kernels;
    k.affine(x, this.w, this.b, this.z, this.a, rows, this.inputs, this.units, this.activation);
  }

  /** A = f(Z) for the first `rows` rows of Z (after Z was written by other means). */
  activate(rows: number): void {
    this.#kernels.activate(this.z, this.a, 0, rows * this.units, this.activation);
  }

  /**
   * Backward, given D = ∂L/∂Z for the first `rows` rows:
   * - ∂L/∂W = Xᵀ·D  (summed over rows in increasing order)
   * - ∂L/∂b = Σ_rows D (when the layer has biases)
   * - and, when `prev` is given, the previous layer's delta
   *   D_prev = (D·Wᵀ) ⊙ f'_prev(A_prev), with f' written in terms of A_prev.
   */
  backward(x: Float, rows: number, prev: Dense | null): void {
    const k = this.#kernels;
    const n = this.inputs;
    const m = this.units;
    k.weightGradient(x, this.d, this.#gw64, rows, n, m);
    if (this.useBias) k.biasGradient(this.d, this.#gb64, rows, m);
    if (this.#gw64 !== this.gw) {
      // float32: round the finished sums once (a loop: TypedArray#set between types is slow).
      k.copy(this.#gw64, this.gw, n * m);
      if (this.useBias) k.copy(this.#gb64, this.gb, m);
    }
    if (prev === null) return;
    k.inputDelta(this.d, this.w, prev.a, prev.d, rows, n, m, prev.activation);
  }
}
