/**
 * Your backward pass, graded by `deno task verify --impl examples/verify/starter.ts`.
 * The forward pass and the loss are written; fill in the TODO. `solution.ts`
 * beside this file is one answer.
 *
 * Shapes: X [n, inputs], W_l [inputs_l, units_l] row-major, b_l [units_l].
 * Forward: a_0 = X, z_l = a_{l−1}·W_l + b_l, a_l = f(z_l).
 * Backward: δ_out = ∂L/∂z_out; δ_{l−1} = (δ_l·W_lᵀ) ⊙ f′(z_{l−1});
 * ∇W_l = a_{l−1}ᵀ·δ_l; ∇b_l = Σ_rows δ_l.
 * (`derivativeFromOutput(f, a)` from `@backprop/core` gives f′(z) from a = f(z).)
 * This starter leaves the shortcut (`--shortcut`) out.
 *
 * @module
 */

import { activate, type ModelWeights, type ResolvedConfig } from "@backprop/core";
import type { Batch, Gradients } from "@backprop/verify";

/** The loss of `batch` at `model` and its gradient. */
export function gradients(model: ModelWeights, batch: Batch, config: ResolvedConfig): Gradients {
  const { rows: n } = batch;
  const L = model.layers.length;
  const k = model.layerSizes[L];
  // Forward pass: a[l] is [n, width_l], row-major.
  const a: number[][] = [Array.from(batch.inputs)];
  model.layers.forEach((layer, l) => {
    const z = new Array<number>(n * layer.units).fill(0);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < layer.units; j++) {
        let s = layer.biases[j];
        for (let i = 0; i < layer.inputs; i++) {
          s += a[l][r * layer.inputs + i] * layer.weights[i * layer.units + j];
        }
        z[r * layer.units + j] = s;
      }
    }
    a.push(z.map((v) => activate(layer.activation, v)));
  });
  const o = a[L];
  const y = batch.targets;
  let loss = 0;
  for (let e = 0; e < o.length; e++) {
    loss += config.loss === "bce"
      ? -(y[e] * Math.log(o[e]) + (1 - y[e]) * Math.log(1 - o[e]))
      : (o[e] - y[e]) ** 2;
  }
  loss = config.loss === "sse" ? loss / 2 : loss / (n * k);

  // TODO: the backward pass. Start from δ_out = ∂L/∂z_out, then go down the layers.
  const layers = model.layers.map((layer) => ({
    weights: new Array<number>(layer.inputs * layer.units).fill(0),
    biases: new Array<number>(layer.units).fill(0),
  }));
  return { loss, layers };
}
