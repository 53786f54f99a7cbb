/**
 * brain.js 1.6.1, the outside reference: its `NeuralNetwork` trained from the
 * same starting weights as our engines, with the hyper-parameters matched as
 * far as its API allows. Only the bench imports brain.js.
 *
 * What brain.js 1.6.1 does (read from its `dist/neural-network.js`):
 * - every layer, the output included, has the same activation and a bias;
 * - it trains per pattern, in the data's order, never shuffled: for each row a
 *   forward pass, deltas δ = (y − o)·f'(o) (the gradient of ½(y − o)²), then
 *   `change = lr·δ·x + momentum·change; w += change` and `b += lr·δ` (no
 *   momentum on biases);
 * - weights, biases and activations live in `Float32Array`s (arithmetic in
 *   float64, every stored value rounded to float32);
 * - its own initialisation is `Math.random()·0.4 − 0.2`, unseeded;
 * - `learningRate` and `momentum` must lie strictly inside (0, 1) and
 *   `errorThresh` too; each iteration (epoch) reports the mean over rows of
 *   the mean squared output error, measured during that epoch's pass.
 *
 * @module
 */

import brain from "brain.js";
import type { Dataset, EpochInfo, ModelWeights, ResolvedConfig, TrainResult } from "@backprop/core";
import { initModel } from "@backprop/core";

/** The brain.js version the bench pins. */
export const BRAIN_VERSION = "1.6.1";

/**
 * The momentum handed to brain.js for plain SGD: it rejects 0, and
 * `Number.MIN_VALUE` (5e−324) times any change underflows to 0.
 */
export const BRAIN_ZERO_MOMENTUM: number = Number.MIN_VALUE;

/**
 * Why brain.js cannot train `config` as our engines would, or null when it
 * can: sigmoid everywhere, `sse`, `sgd` with 0 < lr < 1, biases on, batches of
 * one row in dataset order.
 */
export function brainMismatch(config: ResolvedConfig): string | null {
  if (config.activation !== "sigmoid" || config.outputActivation !== "sigmoid") {
    return "brain.js uses one activation for every layer; the bench matches sigmoid only";
  }
  if (config.loss !== "sse") return "brain.js minimises ½·(y − o)² per row: loss must be sse";
  if (config.optimizer !== "sgd") return "the bench matches brain.js only for plain sgd";
  if (!(config.learningRate > 0 && config.learningRate < 1)) {
    return "brain.js needs 0 < learning rate < 1";
  }
  if (!config.useBias) return "brain.js always trains biases";
  if (config.batchSize !== 1 || config.shuffle) {
    return "brain.js updates per row in dataset order: needs batch size 1 and no shuffle";
  }
  return null;
}

interface BrainNode {
  bias?: number;
  weights?: Record<string, number>;
}

/** Our weights as brain.js JSON: node j of layer l+1 holds W[i, j] for every input i. */
function toBrainJson(model: ModelWeights): unknown {
  const layers: Record<string, BrainNode>[] = [{}];
  for (let i = 0; i < model.layerSizes[0]; i++) layers[0][i] = {};
  for (const layer of model.layers) {
    const nodes: Record<string, BrainNode> = {};
    for (let j = 0; j < layer.units; j++) {
      const weights: Record<string, number> = {};
      for (let i = 0; i < layer.inputs; i++) weights[i] = layer.weights[i * layer.units + j];
      nodes[j] = { bias: layer.biases[j], weights };
    }
    layers.push(nodes);
  }
  return {
    sizes: model.layerSizes.slice(),
    layers,
    outputLookup: false,
    inputLookup: false,
    activation: "sigmoid",
  };
}

/** brain.js JSON back into our weights. */
function fromBrainJson(json: { sizes: number[]; layers: object[] }, start: ModelWeights) {
  const layers = start.layers.map((layer, l) => {
    const nodes = json.layers[l + 1] as Record<string, BrainNode>;
    const weights = new Array<number>(layer.inputs * layer.units);
    const biases = new Array<number>(layer.units);
    for (let j = 0; j < layer.units; j++) {
      biases[j] = nodes[j].bias ?? 0;
      for (let i = 0; i < layer.inputs; i++) {
        weights[i * layer.units + j] = nodes[j].weights?.[i] ?? 0;
      }
    }
    return { ...layer, weights, biases };
  });
  return { ...start, layers };
}

/** The dataset as brain.js's `{input, output}` rows. */
function brainData(data: Dataset): { input: number[]; output: number[] }[] {
  const rows = [];
  for (let r = 0; r < data.rows; r++) {
    rows.push({
      input: Array.from(data.inputs.subarray(r * data.inputSize, (r + 1) * data.inputSize)),
      output: Array.from(data.targets.subarray(r * data.outputSize, (r + 1) * data.outputSize)),
    });
  }
  return rows;
}

/**
 * Trains brain.js on `data` from `initModel(config, …)` (or `initialModel`),
 * for `config.epochs` iterations, stopping early like our engines when the
 * loss falls below `config.targetLoss`. The loss reported per epoch is our
 * `sse` computed from brain.js's error: ½ · rows · outputs · error. Throws a
 * `RangeError` when {@linkcode brainMismatch} finds a difference. `onEpoch`, when
 * given, is called after every iteration like the engines' `onEpoch`.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { trainBrain } from "./brain.ts";
 * const config = resolveConfig({ preset: "seed", useBias: true, batchSize: 1, shuffle: false });
 * trainBrain({ ...config, epochs: 100 }, loadDataset("xor")).epochsRun; // 100
 * ```
 */
export function trainBrain(
  config: ResolvedConfig,
  data: Dataset,
  initialModel?: ModelWeights,
  onEpoch?: (info: EpochInfo) => void,
): TrainResult {
  const why = brainMismatch(config);
  if (why !== null) throw new RangeError(`brain.js: ${why}`);
  const start = initialModel ?? initModel(config, data.inputSize, data.outputSize);
  const net = new brain.NeuralNetwork({ hiddenLayers: config.hidden, activation: "sigmoid" });
  net.fromJSON(toBrainJson(start) as Parameters<typeof net.fromJSON>[0]);
  const history = new Float64Array(config.epochs);
  const scale = 0.5 * data.rows * data.outputSize;
  let epoch = 0;
  const rows = brainData(data);
  // errorThresh must be in (0, 1): a loss target of 0 ("never stop") becomes 1e-300.
  const errorThresh = Math.min(0.999, Math.max(1e-300, config.targetLoss / scale));
  const t0 = performance.now();
  const status = net.train(
    rows,
    {
      iterations: config.epochs,
      errorThresh,
      learningRate: config.learningRate,
      momentum: BRAIN_ZERO_MOMENTUM,
      log: false,
      callbackPeriod: 1,
      callback: (s: { iterations: number; error: number }) => {
        history[s.iterations - 1] = s.error * scale;
        epoch = s.iterations;
        // Called after the iteration's last update (brain.js 1.6.1, trainingTick).
        onEpoch?.({
          epoch,
          loss: history[epoch - 1],
          model: () => fromBrainJson(net.toJSON(), start),
        });
      },
    } as Parameters<typeof net.train>[1],
  );
  const trainMs = performance.now() - t0;
  epoch = Math.max(epoch, status.iterations);
  const lossHistory = history.slice(0, epoch);
  const finalLoss = lossHistory[epoch - 1];
  return {
    epochsRun: epoch,
    finalLoss,
    lossHistory,
    stoppedBecause: !Number.isFinite(finalLoss)
      ? "diverged"
      : finalLoss < config.targetLoss
      ? "target-loss"
      : "epochs",
    model: fromBrainJson(net.toJSON(), start),
    timing: { trainMs, usPerEpoch: (trainMs * 1000) / epoch },
  };
}

/**
 * Time per iteration of brain.js without the per-epoch callback the loss
 * history needs: `epochs` iterations from the same start, in milliseconds.
 */
export function timeBrain(config: ResolvedConfig, data: Dataset, epochs: number): number {
  const start = initModel(config, data.inputSize, data.outputSize);
  const net = new brain.NeuralNetwork({ hiddenLayers: config.hidden, activation: "sigmoid" });
  net.fromJSON(toBrainJson(start) as Parameters<typeof net.fromJSON>[0]);
  const rows = brainData(data);
  const t0 = performance.now();
  net.train(
    rows,
    {
      iterations: epochs,
      errorThresh: 1e-300,
      learningRate: config.learningRate,
      momentum: BRAIN_ZERO_MOMENTUM,
      log: false,
    } as Parameters<typeof net.train>[1],
  );
  return performance.now() - t0;
}
