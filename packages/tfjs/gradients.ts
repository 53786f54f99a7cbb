/**
 * The gradient of the first update as TF.js's autodiff computes it, for
 * comparison with the hand-written engine's `computeGradients`.
 *
 * @module
 */

import {
  BatchSchedule,
  checkModelFits,
  type Dataset,
  initModel,
  type LayerGradients,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { type Backend, withBackend } from "./backend.ts";
import { batchLossFn } from "./loss.ts";
import { TfNetwork } from "./network.ts";

/** Optional inputs of {@linkcode computeGradientsTfjs}. */
export interface GradientOptions {
  /** Weights to differentiate at; default the config's initial weights. */
  model?: ModelWeights;
  /** Where TF.js computes; default `cpu`. */
  backend?: Backend;
}

/**
 * The gradients the TF.js engine's first update uses: epoch 1's first batch (in
 * the shared batch order) from `options.model` (default: the config's initial
 * weights), with L that batch's loss, by `tf.variableGrads`. Also returns L and,
 * when the model has direct input-to-output connections, ∂L/∂W_s (`shortcut`).
 * Same shape as `@backprop/manual`'s `computeGradients`; values are float32.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { computeGradientsTfjs } from "@backprop/tfjs";
 * const config = resolveConfig({ preset: "seed" });
 * const { layers } = await computeGradientsTfjs(config, loadDataset("xor"));
 * layers[0].weights.length; // 6: ∂L/∂W1 is [2, 3]
 * ```
 */
export async function computeGradientsTfjs(
  config: ResolvedConfig,
  data: Dataset,
  options: GradientOptions = {},
): Promise<{ loss: number; layers: LayerGradients[]; shortcut?: Float64Array }> {
  const model = options.model ?? initModel(config, data.inputSize, data.outputSize);
  checkModelFits(config, data, model);
  const schedule = new BatchSchedule(config, data.rows);
  schedule.nextEpoch();
  const rows = schedule.size(0);
  const { inputSize: n, outputSize: k } = data;
  const x = new Float32Array(rows * n);
  const y = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const src = schedule.order[r];
    x.set(data.inputs.subarray(src * n, (src + 1) * n), r * n);
    y.set(data.targets.subarray(src * k, (src + 1) * k), r * k);
  }
  return await withBackend(options.backend ?? "cpu", (tf) => {
    const net = new TfNetwork(tf, model);
    let loss = NaN;
    let layers: LayerGradients[] = [];
    let shortcut: Float64Array | undefined;
    try {
      tf.tidy(() => {
        const lossFn = batchLossFn(tf, config.loss, config.outputActivation);
        const xb = tf.tensor2d(x, [rows, n]);
        const yb = tf.tensor2d(y, [rows, k]);
        const { value, grads } = tf.variableGrads(() => lossFn(net.logits(xb), yb), net.params);
        const read = (name: string) => Float64Array.from(grads[name].dataSync());
        let p = 0;
        layers = model.layers.map((l) => {
          const weights = read(net.params[p++].name);
          const biases = model.useBias ? read(net.params[p++].name) : new Float64Array(l.units);
          return { weights, biases };
        });
        // W_s is the last variable when there is one.
        if (model.shortcut !== undefined) shortcut = read(net.params[p++].name);
        loss = value.dataSync()[0];
      });
    } finally {
      net.dispose();
    }
    return shortcut === undefined ? { loss, layers } : { loss, layers, shortcut };
  });
}
