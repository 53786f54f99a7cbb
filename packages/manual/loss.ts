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

/** The integer code of a loss name. */
export function lossCode(loss: LossName): number {
  return loss === "sse" ? SSE : loss === "mse" ? MSE : BCE;
}

/** The loss's loop, compiled once per dtype (see `perDtype`), so self-contained. */
export function lossKernels(sse: number, bce: number) {
  /**
   * Fills `d` with ∂L_batch/∂Z for the first `len` = rows·k outputs and sets
   * `result[0]` to the batch's share of the epoch loss, i.e. its terms already
   * divided as the epoch's loss divides them: ½ for sse, 1 / (totalRows·k) for mse
   * and bce (`epochValues` = totalRows·k). The sum runs over the outputs in order.
   *
   * o, z, d: the output layer's A, Z and D; y: the batch's targets, all [rows, k].
   * `sigmoid`: whether the output activation is a sigmoid (else linear).
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
  ): void {
    let sum = 0;
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

  return { outputDelta };
}

/** {@linkcode lossKernels} for each dtype. */
export const LOSS_KERNELS: { float64: LossKernels; float32: LossKernels } = perDtype(
  lossKernels,
  SSE,
  BCE,
);

/** What {@linkcode lossKernels} returns. */
export type LossKernels = ReturnType<typeof lossKernels>;
