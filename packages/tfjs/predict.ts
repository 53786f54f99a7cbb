/**
 * A forward pass on TF.js, for comparing the outputs each engine computes.
 *
 * @module
 */

import type { ModelWeights } from "@backprop/core";
import { type Backend, withBackend } from "./backend.ts";
import { TfNetwork } from "./network.ts";

/**
 * The outputs of `model` for `rows` flat input rows (X: [rows, inputs],
 * row-major), computed by TF.js in float32 on `backend` (default `cpu`):
 * [rows, outputs], row-major, widened to float64.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { predictTfjs } from "@backprop/tfjs";
 * const xor = loadDataset("xor");
 * const model = initModel(resolveConfig(), 2, 1);
 * (await predictTfjs(model, xor.inputs, xor.rows)).length; // 4
 * ```
 */
export async function predictTfjs(
  model: ModelWeights,
  inputs: Float64Array,
  rows: number,
  backend: Backend = "cpu",
): Promise<Float64Array> {
  const width = model.layerSizes[0];
  if (inputs.length !== rows * width) {
    throw new RangeError(
      `inputs: ${inputs.length} values is not allowed; expected rows × ${width} = ${rows * width}`,
    );
  }
  return await withBackend(backend, (tf) => {
    const net = new TfNetwork(tf, model);
    try {
      const out = tf.tidy(() => net.predict(tf.tensor2d(Float32Array.from(inputs), [rows, width])));
      try {
        return Float64Array.from(out.dataSync());
      } finally {
        out.dispose();
      }
    } finally {
      net.dispose();
    }
  });
}
