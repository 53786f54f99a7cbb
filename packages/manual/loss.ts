/**
 * The loss at the output layer: its value and the output delta D = ∂L/∂Z that
 * starts the backward pass.
 *
 * With o = f(z) the output, y the target, n rows in the batch and k outputs:
 * - sse: L = ½·Σ(o − y)²,          D = (o − y) · f'(z)
 * - mse: L = Σ(o − y)² / (n·k),    D = 2·(o − y) · f'(z) / (n·k)
 * - bce: L = Σ ℓ(z, y) / (n·k),    D = (o − y) / (n·k)   (sigmoid output only)
 *   where ℓ(z, y) = −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))], computed as
 *   max(z, 0) − z·y + ln(1 + e^−|z|), which never takes the log of 0.
 * - cce: L = Σ_rows Σ_j y_j·(lse(z) − z_j) / n,  D = (p − y) / n   (softmax output only)
 *   where p = softmax(z) and lse(z) = max z + ln Σ_i e^{z_i − max z} (log-sum-exp): no
 *   overflow, never ln 0. D = (p − y)/n assumes Σ_j y_j = 1 (one-hot targets).
 * f'(z) is o·(1 − o) for a sigmoid output and 1 for a linear one.
 *
 * @module
 */

import type { LossName } from "@backprop/core";
import { type Float, perDtype } from "./_private.ts";

/** Loss codes, so the per-batch loop switches on a number. */
export const SSE = 0;
/** See {@linkcode SSE}. */
export const MSE = 1;
/** See {@linkcode SSE}. */
export const BCE = 2;
/** See {@linkcode SSE}. */
export const CCE = 3;

/** The integer code of a loss name. */
export function lossCode(loss: LossName): number {
  return loss === "sse" ? SSE : loss === "mse" ? MSE : loss === "bce" ? BCE : CCE;
}

/** The loss's loop, compiled once per dtype (see `perDtype`), so self-contained. */
export function lossKernels(sse: number, bce: number, cce: number) {
  /**
   * A = softmax(Z) row by row, for `rows` rows of k values: with m = max of the row,
   * A_j = e^{Z_j − m} / Σ_i e^{Z_i − m}, the sum in increasing i.
   */
  function softmax(z: Float, a: Float, rows: number, k: number): void {
    for (let r = 0; r < rows; r++) {
      const from = r * k;
      let m = -Infinity;
      for (let j = 0; j < k; j++) if (z[from + j] > m) m = z[from + j];
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(z[from + j] - m);
      for (let j = 0; j < k; j++) a[from + j] = Math.exp(z[from + j] - m) / sum;
    }
  }

  /**
   * Fills `d` with ∂L_batch/∂Z for the first `len` = rows·k outputs and sets
   * `result[0]` to the batch's share of the epoch loss, i.e. its terms already
   * divided as the epoch's loss divides them: ½ for sse, 1 / (totalRows·k) for mse
   * and bce (`epochValues` = totalRows·k). The sum runs over the outputs in order.
   *
   * o, z, d: the output layer's A, Z and D; y: the batch's targets, all [rows, k].
   * `sigmoid`: whether the output activation is a sigmoid (else linear; for cce, o
   * is already softmax(z)). `k`: outputs per row.
   */
  function outputDelta(
    loss: number,
    sigmoid: boolean,
    o: Float,
    z: Float,
    d: Float,
    y: Float,
    len: number,
    epochValues: number,
    result: Float64Array,
    k: number,
  ): void {
    let sum = 0;
    if (loss === cce) {
      const scale = k / len; // 1 / rows
      for (let from = 0; from < len; from += k) {
        let m = -Infinity;
        for (let j = 0; j < k; j++) if (z[from + j] > m) m = z[from + j];
        let s = 0;
        for (let j = 0; j < k; j++) s += Math.exp(z[from + j] - m);
        const lse = m + Math.log(s);
        for (let j = 0; j < k; j++) {
          const e = from + j;
          sum += y[e] * (lse - z[e]);
          d[e] = (o[e] - y[e]) * scale;
        }
      }
      result[0] = sum / (epochValues / k); // epochValues / k = totalRows, exactly
      return;
    }
    if (loss === bce) {
      const scale = 1 / len;
      for (let e = 0; e < len; e++) {
        const ze = z[e];
        sum += (ze > 0 ? ze : 0) - ze * y[e] + Math.log1p(Math.exp(-Math.abs(ze)));
        d[e] = (o[e] - y[e]) * scale;
      }
      result[0] = sum / epochValues;
      return;
    }
    // sse and mse differ only in the factor before (o − y)·f'(z).
    const scale = loss === sse ? 1 : 2 / len;
    for (let e = 0; e < len; e++) {
      const oe = o[e];
      const err = oe - y[e];
      sum += err * err;
      // ((o − y)·o)·(1 − o), in the original's order of operations, for sse.
      const g = sigmoid ? err * oe * (1 - oe) : err;
      d[e] = loss === sse ? g : g * scale;
    }
    result[0] = loss === sse ? 0.5 * sum : sum / epochValues;
  }

  return { outputDelta, softmax };
}

/** {@linkcode lossKernels} for each dtype. */
export const LOSS_KERNELS: { float64: LossKernels; float32: LossKernels } = perDtype(
  lossKernels,
  SSE,
  BCE,
  CCE,
);

/** What {@linkcode lossKernels} returns. */
export type LossKernels = ReturnType<typeof lossKernels>;
