/**
 * The training loop of the hand-written engine and its `Trainer`.
 *
 * @module
 */

import {
  BatchSchedule,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  type Trainer,
  type TrainOptions,
  type TrainResult,
} from "@backprop/core";
import { Network } from "./network.ts";

/**
 * Checks that `model` is the network `config` describes for `data`, so the loop
 * never has to. Throws a `RangeError` naming what differs.
 */
export function checkModelFits(config: ResolvedConfig, data: Dataset, model: ModelWeights): void {
  const expected = [data.inputSize, ...config.hidden, data.outputSize];
  const got = model.layerSizes;
  if (got.length !== expected.length || got.some((s, i) => s !== expected[i])) {
    throw new RangeError(
      `initialModel: layer sizes [${got}] are not allowed; the config and dataset ${data.name} need [${expected}]`,
    );
  }
  model.layers.forEach((layer, l) => {
    const want = l === model.layers.length - 1 ? config.outputActivation : config.activation;
    if (layer.activation !== want) {
      throw new RangeError(
        `initialModel: layer ${
          l + 1
        } activation ${layer.activation} is not allowed; the config needs ${want}`,
      );
    }
  });
  if (model.useBias !== config.useBias) {
    throw new RangeError(
      `initialModel: useBias ${model.useBias} is not allowed; the config has useBias ${config.useBias}`,
    );
  }
}

/**
 * Trains synchronously with the hand-written engine. Same contract as
 * {@linkcode manualTrainer}.
 *
 * @example Solve XOR with the default preset
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { trainManual } from "@backprop/manual";
 *
 * const result = trainManual(resolveConfig(), loadDataset("xor"));
 * console.log(result.stoppedBecause, result.finalLoss);
 * ```
 */
export function trainManual(
  config: ResolvedConfig,
  data: Dataset,
  options: TrainOptions = {},
): TrainResult {
  const start = options.initialModel ?? initModel(config, data.inputSize, data.outputSize);
  checkModelFits(config, data, start);
  const schedule = new BatchSchedule(config, data.rows);
  const net = new Network(config, start, schedule.batchSize);
  const history = new Float64Array(config.epochs);
  const { onEpoch, signal } = options;
  const target = config.targetLoss;
  const rows = data.rows;
  // Full batch in dataset order: gather once, the batch never changes.
  const fixedBatch = schedule.batches === 1;
  if (fixedBatch) net.gather(data, schedule.order, 0, rows);

  let stoppedBecause: StopReason = "epochs";
  let epoch = 0;
  const t0 = performance.now();
  while (epoch < config.epochs) {
    schedule.nextEpoch();
    let loss = 0;
    for (let b = 0; b < schedule.batches; b++) {
      const size = schedule.size(b);
      if (!fixedBatch) net.gather(data, schedule.order, schedule.start(b), size);
      loss += net.gradients(size, rows);
      net.update();
    }
    history[epoch++] = loss;
    if (onEpoch !== undefined) onEpoch({ epoch, loss });
    if (!Number.isFinite(loss)) {
      stoppedBecause = "diverged";
      break;
    }
    if (loss < target) {
      stoppedBecause = "target-loss";
      break;
    }
    if (signal?.aborted) {
      stoppedBecause = "interrupted";
      break;
    }
  }
  const trainMs = performance.now() - t0;
  const lossHistory = history.slice(0, epoch);
  return {
    epochsRun: epoch,
    finalLoss: lossHistory[epoch - 1],
    lossHistory,
    stoppedBecause,
    model: net.toModel(),
    timing: { trainMs, usPerEpoch: (trainMs * 1000) / epoch },
  };
}

/**
 * The hand-written engine as a {@linkcode Trainer}: backpropagation written out
 * layer by layer on flat typed arrays, no autodiff.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { manualTrainer } from "@backprop/manual";
 *
 * const result = await manualTrainer.train(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * console.log(result.model.layers[1].weights);
 * ```
 */
export const manualTrainer: Trainer = {
  name: "manual",
  train(config: ResolvedConfig, data: Dataset, options?: TrainOptions): Promise<TrainResult> {
    try {
      return Promise.resolve(trainManual(config, data, options));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
