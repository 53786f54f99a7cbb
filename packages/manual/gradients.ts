/**
 * The gradient of the first update, exposed for checking against other engines:
 * the fast engine's and the reference engine's.
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
import { Network } from "./network.ts";
import { backward, batchRows, forward, fromModel, lossAndDelta, type Matrix } from "./reference.ts";

/**
 * The gradients the engine's first update uses: epoch 1's first batch (in the
 * shared batch order), from `model` (default: the config's initial weights),
 * with L that batch's loss. Also returns that loss and, when the model has
 * direct input-to-output connections, ∂L/∂W_s (`shortcut`, [inputs, outputs]).
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { computeGradients } from "@backprop/manual";
 * const { layers } = computeGradients(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * layers[0].weights.length; // 6: ∂L/∂W1 is [2, 3]
 * ```
 */
export function computeGradients(
  config: ResolvedConfig,
  data: Dataset,
  model: ModelWeights = initModel(config, data.inputSize, data.outputSize),
): { loss: number; layers: LayerGradients[]; shortcut?: Float64Array } {
  checkModelFits(config, data, model);
  const schedule = new BatchSchedule(config, data.rows);
  schedule.nextEpoch();
  const rows = schedule.size(0);
  const net = new Network(config, model, rows);
  net.gather(data, schedule.order, 0, rows);
  net.gradients(rows, rows);
  const loss = net.batchLoss[0];
  const layers = net.layers.map((l) => ({
    weights: Float64Array.from(l.gw),
    biases: Float64Array.from(model.useBias ? l.gb : new Float64Array(l.units)),
  }));
  return net.shortcut === null
    ? { loss, layers }
    : { loss, layers, shortcut: Float64Array.from(net.shortcut.gw) };
}

/**
 * The same as {@linkcode computeGradients}, computed by the reference engine
 * (`reference.ts`): its forward pass, loss and backward pass on epoch 1's first batch.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { referenceGradients } from "@backprop/manual";
 * const { layers } = referenceGradients(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * layers[1].weights.length; // 3: ∂L/∂W2 is [3, 1]
 * ```
 */
export function referenceGradients(
  config: ResolvedConfig,
  data: Dataset,
  model: ModelWeights = initModel(config, data.inputSize, data.outputSize),
): { loss: number; layers: LayerGradients[]; shortcut?: Float64Array } {
  const { X, y } = firstBatch(config, data, model);
  const net = fromModel(model);
  const pass = forward(net, X);
  const { loss, delta } = lossAndDelta(config.loss, config.outputActivation, pass, y, X.length);
  const g = backward(net, pass, delta);
  const layers = g.W.map((w, l) => ({
    weights: Float64Array.from(w.flat()),
    biases: Float64Array.from(g.b[l][0]),
  }));
  return g.Ws === null
    ? { loss, layers }
    : { loss, layers, shortcut: Float64Array.from(g.Ws.flat()) };
}

/**
 * Epoch 1's first batch in the shared order (its dataset rows, X and y), after
 * checking that `model` fits `config` and `data`: where every one-step tool starts.
 */
export function firstBatch(
  config: ResolvedConfig,
  data: Dataset,
  model: ModelWeights,
): { rows: number[]; X: Matrix; y: Matrix } {
  checkModelFits(config, data, model);
  const schedule = new BatchSchedule(config, data.rows);
  schedule.nextEpoch();
  const size = schedule.size(0);
  return {
    rows: Array.from(schedule.order.subarray(0, size)),
    ...batchRows(data, schedule.order, 0, size),
  };
}
