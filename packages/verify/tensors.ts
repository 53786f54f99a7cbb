/**
 * A model's trained tensors as one flat list, in the order every engine keeps
 * them: W1, b1, W2, b2, … (biases only when the model has them), then W_s.
 *
 * @module
 */

import type { Dataset, ModelWeights } from "@backprop/core";

/** One trained tensor's name and shape: `W2` is [inputs, units], `b2` is [units]. */
export interface TensorInfo {
  /** `W1`, `b1`, …, `Ws`. */
  name: string;
  /** [rows, columns] for a matrix, [length] for a bias. */
  shape: number[];
}

/**
 * The names and shapes of `model`'s trained tensors, in order.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { tensorInfo } from "@backprop/verify";
 * const model = initModel(resolveConfig({ preset: "seed" }), 2, 1);
 * tensorInfo(model).map((t) => t.name); // ["W1", "W2"]
 * ```
 */
export function tensorInfo(model: ModelWeights): TensorInfo[] {
  const out: TensorInfo[] = [];
  model.layers.forEach((l, i) => {
    out.push({ name: `W${i + 1}`, shape: [l.inputs, l.units] });
    if (model.useBias) out.push({ name: `b${i + 1}`, shape: [l.units] });
  });
  if (model.shortcut !== undefined) {
    out.push({ name: "Ws", shape: [model.layerSizes[0], model.layerSizes.at(-1)!] });
  }
  return out;
}

/**
 * `model`'s trained tensors as float64 copies, in {@linkcode tensorInfo}'s order.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { modelTensors } from "@backprop/verify";
 * modelTensors(initModel(resolveConfig({ preset: "seed" }), 2, 1))[0].length; // 6
 * ```
 */
export function modelTensors(model: ModelWeights): Float64Array[] {
  const out: Float64Array[] = [];
  for (const l of model.layers) {
    out.push(Float64Array.from(l.weights));
    if (model.useBias) out.push(Float64Array.from(l.biases));
  }
  if (model.shortcut !== undefined) out.push(Float64Array.from(model.shortcut));
  return out;
}

/**
 * A copy of `model` with its trained tensors replaced by `tensors` (in
 * {@linkcode tensorInfo}'s order).
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { modelTensors, withTensors } from "@backprop/verify";
 * const model = initModel(resolveConfig({ preset: "seed" }), 2, 1);
 * withTensors(model, modelTensors(model)).layers[0].weights.length; // 6
 * ```
 */
export function withTensors(model: ModelWeights, tensors: readonly Float64Array[]): ModelWeights {
  let t = 0;
  const layers = model.layers.map((l) => {
    const weights = Array.from(tensors[t++]);
    const biases = model.useBias ? Array.from(tensors[t++]) : l.biases.slice();
    return { ...l, weights, biases };
  });
  const out: ModelWeights = { ...model, layerSizes: model.layerSizes.slice(), layers };
  if (model.shortcut !== undefined) out.shortcut = Array.from(tensors[t++]);
  return out;
}

/**
 * The dataset rows `rows` (in that order) as a dataset of their own: one batch.
 *
 * @example
 * ```ts
 * import { loadDataset } from "@backprop/core";
 * import { batchOf } from "@backprop/verify";
 * batchOf(loadDataset("xor"), [3, 0]).targets; // Float64Array [0, 0]
 * ```
 */
export function batchOf(data: Dataset, rows: ArrayLike<number>): Dataset {
  const { inputSize: n, outputSize: k } = data;
  const inputs = new Float64Array(rows.length * n);
  const targets = new Float64Array(rows.length * k);
  for (let r = 0; r < rows.length; r++) {
    inputs.set(data.inputs.subarray(rows[r] * n, (rows[r] + 1) * n), r * n);
    targets.set(data.targets.subarray(rows[r] * k, (rows[r] + 1) * k), r * k);
  }
  return {
    name: `${data.name} batch`,
    rows: rows.length,
    inputSize: n,
    outputSize: k,
    inputs,
    targets,
  };
}
