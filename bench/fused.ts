/**
 * The "limit": XOR on a 2-3-1 sigmoid net without biases, full-batch SGD on
 * ½·Σ(o − y)², written as one loop with every weight in a local variable. No
 * engine can do this problem much faster in JavaScript, so the generic
 * engine's time per epoch is reported as a ratio to it.
 *
 * @module
 */

import type { Dataset, ModelWeights } from "@backprop/core";

/** What a fused run returns. */
export interface FusedResult {
  /** Epochs run. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Loss of each epoch (of the weights the epoch started with). */
  lossHistory: Float64Array;
  /** W1 [2, 3] row-major, then W2 [3, 1]: the weights after the last update. */
  weights: Float64Array;
}

/**
 * Trains the `seed` preset's network (2-3-1 sigmoid, no biases, `sse`, `sgd`)
 * on the 4 rows of `data` from `start`, stopping after `epochs` or once an
 * epoch's loss is below `targetLoss`. Same mathematics, row order and loss
 * definition as the hand-written engine, so the loss histories agree to
 * rounding.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { trainFusedXor } from "@backprop/bench";
 * const config = resolveConfig({ preset: "seed" });
 * const xor = loadDataset("xor");
 * trainFusedXor(initModel(config, 2, 1), xor, 0.5, 1000, 0).epochsRun; // 1000
 * ```
 */
export function trainFusedXor(
  start: ModelWeights,
  data: Dataset,
  learningRate: number,
  epochs: number,
  targetLoss: number,
): FusedResult {
  const sizes = start.layerSizes;
  if (sizes.length !== 3 || sizes[0] !== 2 || sizes[1] !== 3 || sizes[2] !== 1 || start.useBias) {
    throw new RangeError("trainFusedXor: needs a 2-3-1 model without biases");
  }
  if (data.rows !== 4 || data.inputSize !== 2 || data.outputSize !== 1) {
    throw new RangeError("trainFusedXor: needs 4 rows of 2 inputs and 1 target");
  }
  const X = data.inputs;
  const Y = data.targets;
  const [a00, a01, a02, a10, a11, a12] = start.layers[0].weights;
  const [b0, b1, b2] = start.layers[1].weights;
  const w = Float64Array.of(a00, a01, a02, a10, a11, a12, b0, b1, b2);
  const history = new Float64Array(epochs);
  const epochsRun = loop(w, X, Y, learningRate, epochs, targetLoss, history);
  const lossHistory = history.slice(0, epochsRun);
  return { epochsRun, finalLoss: lossHistory[epochsRun - 1], lossHistory, weights: w };
}

function loop(
  w: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  lr: number,
  epochs: number,
  target: number,
  history: Float64Array,
): number {
  // W1[i][j] = uij, W2[j] = vj.
  let u00 = w[0], u01 = w[1], u02 = w[2], u10 = w[3], u11 = w[4], u12 = w[5];
  let v0 = w[6], v1 = w[7], v2 = w[8];
  let epoch = 0;
  while (epoch < epochs) {
    let sum = 0;
    let g00 = 0, g01 = 0, g02 = 0, g10 = 0, g11 = 0, g12 = 0, gv0 = 0, gv1 = 0, gv2 = 0;
    for (let r = 0; r < 4; r++) {
      const x0 = X[2 * r];
      const x1 = X[2 * r + 1];
      const h0 = 1 / (1 + Math.exp(-(x0 * u00 + x1 * u10)));
      const h1 = 1 / (1 + Math.exp(-(x0 * u01 + x1 * u11)));
      const h2 = 1 / (1 + Math.exp(-(x0 * u02 + x1 * u12)));
      const o = 1 / (1 + Math.exp(-(h0 * v0 + h1 * v1 + h2 * v2)));
      const e = o - Y[r];
      sum += e * e;
      const d = e * o * (1 - o);
      gv0 += h0 * d;
      gv1 += h1 * d;
      gv2 += h2 * d;
      const d0 = d * v0 * h0 * (1 - h0);
      const d1 = d * v1 * h1 * (1 - h1);
      const d2 = d * v2 * h2 * (1 - h2);
      g00 += x0 * d0;
      g01 += x0 * d1;
      g02 += x0 * d2;
      g10 += x1 * d0;
      g11 += x1 * d1;
      g12 += x1 * d2;
    }
    const loss = 0.5 * sum;
    history[epoch++] = loss;
    u00 -= lr * g00;
    u01 -= lr * g01;
    u02 -= lr * g02;
    u10 -= lr * g10;
    u11 -= lr * g11;
    u12 -= lr * g12;
    v0 -= lr * gv0;
    v1 -= lr * gv1;
    v2 -= lr * gv2;
    if (!(loss >= target)) break; // below the target, or NaN
  }
  w.set([u00, u01, u02, u10, u11, u12, v0, v1, v2]);
  return epoch;
}
