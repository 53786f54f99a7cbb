/**
 * A backward pass that `deno task verify --impl examples/verify/solution.ts`
 * grades as correct: the loss of one batch and its gradient, written out with
 * plain loops. Compare it with `starter.ts`, where the backward pass is yours.
 *
 * Shapes: X [n, inputs], W_l [inputs_l, units_l] row-major, b_l [units_l].
 * Forward: a_0 = X, z_l = a_{l−1}·W_l + b_l (+ X·W_s at the output), a_l = f(z_l).
 * Backward: δ_out = ∂L/∂z_out; δ_{l−1} = (δ_l·W_lᵀ) ⊙ f′(z_{l−1});
 * ∇W_l = a_{l−1}ᵀ·δ_l; ∇b_l = Σ_rows δ_l; ∇W_s = Xᵀ·δ_out.
 *
 * @module
 */

import {
  activate,
  derivativeFromOutput,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import type { Batch, Gradients } from "@backprop/verify";

/** The loss of `batch` at `model` and its gradient (see the module doc). */
export function gradients(model: ModelWeights, batch: Batch, config: ResolvedConfig): Gradients {
  const { rows: n } = batch;
  const L = model.layers.length;
  const inputs = model.layerSizes[0];
  const k = model.layerSizes[L];
  // Forward pass, keeping every layer's activations: a[l] is [n, width_l].
  const a: number[][] = [Array.from(batch.inputs)];
  model.layers.forEach((layer, l) => {
    const z = new Array<number>(n * layer.units).fill(0);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < layer.units; j++) {
        let s = layer.biases[j];
        for (let i = 0; i < layer.inputs; i++) {
          s += a[l][r * layer.inputs + i] * layer.weights[i * layer.units + j];
        }
        if (l === L - 1 && model.shortcut) {
          for (let i = 0; i < inputs; i++) s += a[0][r * inputs + i] * model.shortcut[i * k + j];
        }
        z[r * layer.units + j] = s;
      }
    }
    a.push(z.map((v) => activate(layer.activation, v)));
  });

  // Loss and δ_out = ∂L/∂z_out.
  const o = a[L];
  const y = batch.targets;
  const outF = model.layers[L - 1].activation;
  let loss = 0;
  let delta = o.map((oe, e) => {
    const err = oe - y[e];
    if (config.loss === "bce") {
      // −[y·ln o + (1 − y)·ln(1 − o)]; with a sigmoid output ∂/∂z is o − y.
      loss += -(y[e] * Math.log(oe) + (1 - y[e]) * Math.log(1 - oe));
      return err / (n * k);
    }
    loss += err * err;
    const g = err * derivativeFromOutput(outF, oe);
    return config.loss === "sse" ? g : 2 * g / (n * k);
  });
  loss = config.loss === "sse" ? loss / 2 : loss / (n * k);

  // Backward pass, output layer first.
  const deltaOut = delta;
  const layers: { weights: number[]; biases: number[] }[] = [];
  for (let l = L - 1; l >= 0; l--) {
    const layer = model.layers[l];
    const gw = new Array<number>(layer.inputs * layer.units).fill(0);
    const gb = new Array<number>(layer.units).fill(0);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < layer.units; j++) {
        const d = delta[r * layer.units + j];
        gb[j] += d;
        for (let i = 0; i < layer.inputs; i++) {
          gw[i * layer.units + j] += a[l][r * layer.inputs + i] * d;
        }
      }
    }
    layers[l] = { weights: gw, biases: gb };
    if (l > 0) {
      // δ_{l−1} = (δ_l·W_lᵀ) ⊙ f′(z_{l−1}), with the weights before any update.
      const f = model.layers[l - 1].activation;
      const next = new Array<number>(n * layer.inputs).fill(0);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < layer.inputs; i++) {
          let s = 0;
          for (let j = 0; j < layer.units; j++) {
            s += delta[r * layer.units + j] * layer.weights[i * layer.units + j];
          }
          next[r * layer.inputs + i] = s * derivativeFromOutput(f, a[l][r * layer.inputs + i]);
        }
      }
      delta = next;
    }
  }
  if (!model.shortcut) return { loss, layers };
  const shortcut = new Array<number>(inputs * k).fill(0);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < inputs; i++) {
      for (let j = 0; j < k; j++) shortcut[i * k + j] += a[0][r * inputs + i] * deltaOut[r * k + j];
    }
  }
  return { loss, layers, shortcut };
}
