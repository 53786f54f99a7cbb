/**
 * Kinks: relu and leaky-relu change slope at z = 0, so a unit whose
 * pre-activation is within rounding of 0 may take either slope in two correct
 * engines that round differently. Such a step says nothing about the
 * derivatives, and `verify` reports it instead of failing it.
 *
 * @module
 */

import type { Dataset, ModelWeights } from "@backprop/core";

/** The unit nearest its kink over a batch. */
export interface Kink {
  /** |z| / Σ|terms of z|: how far from 0 relative to what was summed. */
  relative: number;
  /** 1-based layer. */
  layer: number;
  /** 0-based unit. */
  unit: number;
  /** Position of the row in the batch. */
  row: number;
}

/**
 * The relu-family unit of `model` with the smallest |z| / (Σ_i |x_i·w_ij| + |b_j|)
 * over the rows of `batch`, or null when no hidden layer has a kink. Units whose
 * terms are all exactly 0 do not count: every engine computes exactly 0 there and
 * takes the left slope.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { nearestKink } from "@backprop/verify";
 * const model = initModel(resolveConfig({ activation: "relu" }), 2, 1);
 * nearestKink(model, loadDataset("xor"))!.relative < 1; // true
 * ```
 */
export function nearestKink(model: ModelWeights, batch: Dataset): Kink | null {
  const hidden = model.layers.slice(0, -1);
  if (!hidden.some((l) => l.activation === "relu" || l.activation === "leaky-relu")) return null;
  let best: Kink | null = null;
  for (let r = 0; r < batch.rows; r++) {
    let x = Array.from(batch.inputs.subarray(r * batch.inputSize, (r + 1) * batch.inputSize));
    hidden.forEach((layer, l) => {
      const z = new Array<number>(layer.units);
      for (let j = 0; j < layer.units; j++) {
        let sum = layer.biases[j];
        let scale = Math.abs(layer.biases[j]);
        for (let i = 0; i < layer.inputs; i++) {
          const term = x[i] * layer.weights[i * layer.units + j];
          sum += term;
          scale += Math.abs(term);
        }
        z[j] = sum;
        const kinked = layer.activation === "relu" || layer.activation === "leaky-relu";
        if (kinked && scale > 0) {
          const relative = Math.abs(sum) / scale;
          if (best === null || relative < best.relative) {
            best = { relative, layer: l + 1, unit: j, row: r };
          }
        }
      }
      x = z.map((v) =>
        layer.activation === "relu"
          ? Math.max(v, 0)
          : layer.activation === "leaky-relu"
          ? (v > 0 ? v : 0.01 * v)
          : layer.activation === "tanh"
          ? Math.tanh(v)
          : 1 / (1 + Math.exp(-v))
      );
    });
  }
  return best;
}
