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
 * on the rows of `data` (2 inputs and 1 target each: XOR's 4, or XOR's repeated
 * for the bench's profile) from `start`, stopping after `epochs` or once an
 * epoch's loss is below `targetLoss`. Same mathematics, σ, row order and loss
 * definition as the hand-written engine: the same bits.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { trainFusedXor } from "./fused.ts";
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
  if (data.inputSize !== 2 || data.outputSize !== 1) {
    throw new RangeError("trainFusedXor: needs rows of 2 inputs and 1 target");
  }
  const [a00, a01, a02, a10, a11, a12] = start.layers[0].weights;
  const [b0, b1, b2] = start.layers[1].weights;
  const w = Float64Array.of(a00, a01, a02, a10, a11, a12, b0, b1, b2);
  const history = new Float64Array(epochs);
  const epochsRun = loop(w, data, learningRate, epochs, targetLoss, history);
  const lossHistory = history.slice(0, epochsRun);
  return { epochsRun, finalLoss: lossHistory[epochsRun - 1], lossHistory, weights: w };
}

// The engine's σ, written out as its `activate` loop computes it (packages/manual/dense.ts
// explains the maths; bench/speed/fused_test.ts checks that this loop gives the engine's bits).
// Here rather than imported: the engine's own `fastSigmoid` goes through a buffer, which
// would slow the limit down. Local constants, as in the engine, so that they are compiled in.
const POW2 = new Float64Array(1080); // 2^k at k + 55
for (let k = -55; k < 1025; k++) POW2[k + 55] = 2 ** k;

/**
 * σ(v) as the hand-written engine computes it, one value at a time and without
 * the engine's buffers: what the fused loop uses, and what the bench's profile
 * times per value.
 *
 * @example
 * ```ts
 * import { engineSigma } from "./fused.ts";
 * engineSigma(0); // 0.5
 * ```
 */
export function engineSigma(v: number): number {
  const Q0 = 0.5000000000000001, Q1 = 0.16666666666666669, Q2 = 0.041666666666624164;
  const Q3 = 0.008333333333330065, Q4 = 0.0013888888917196719, Q5 = 0.00019841269863040545;
  const Q6 = 2.4801521322368692e-05, Q7 = 2.7557268480310024e-06, Q8 = 2.7620075879983367e-07;
  const Q9 = 2.5100375832561234e-08;
  const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
  const INV_LN2 = 1.4426950408889634, ROUND = 6755399441055744;
  const y = -v;
  if (!(y >= -37.5 && y < 709)) return 1 / (1 + Math.exp(y));
  const k = (y * INV_LN2 + ROUND) - ROUND;
  const r = (y - k * LN2_HI) - k * LN2_LO;
  const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const q = (Q0 + r * Q1) + r2 * (Q2 + r * Q3) + r4 * ((Q4 + r * Q5) + r2 * (Q6 + r * Q7)) +
    r8 * (Q8 + r * Q9);
  return 1 / (1 + POW2[k + 55] * (1 + (r + r2 * q)));
}

function loop(
  w: Float64Array,
  data: Dataset,
  lr: number,
  epochs: number,
  target: number,
  history: Float64Array,
): number {
  const X = data.inputs;
  const Y = data.targets;
  const rows = data.rows;
  const h = new Float64Array(3); // the row's hidden pre-activations, then activations
  // W1[i][j] = uij, W2[j] = vj.
  let u00 = w[0], u01 = w[1], u02 = w[2], u10 = w[3], u11 = w[4], u12 = w[5];
  let v0 = w[6], v1 = w[7], v2 = w[8];
  let epoch = 0;
  while (epoch < epochs) {
    let sum = 0;
    let g00 = 0, g01 = 0, g02 = 0, g10 = 0, g11 = 0, g12 = 0, gv0 = 0, gv1 = 0, gv2 = 0;
    for (let r = 0; r < rows; r++) {
      const x0 = X[2 * r];
      const x1 = X[2 * r + 1];
      // Two call sites of σ, not four: V8 inlines at most about 920 bytes of bytecode into
      // one function, three and a half σ's worth, and a σ not inlined boxes its number.
      h[0] = x0 * u00 + x1 * u10;
      h[1] = x0 * u01 + x1 * u11;
      h[2] = x0 * u02 + x1 * u12;
      for (let j = 0; j < 3; j++) h[j] = engineSigma(h[j]);
      const h0 = h[0], h1 = h[1], h2 = h[2];
      const o = engineSigma(h0 * v0 + h1 * v1 + h2 * v2);
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
