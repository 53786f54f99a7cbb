/**
 * The training loop on TF.js and its `Trainer`.
 *
 * It follows `@backprop/manual`'s loop step for step: each epoch takes
 * {@linkcode BatchSchedule}'s row order, runs its batches in order with one
 * optimizer update each, adds up each batch's share of the epoch loss (read
 * back once per epoch), then checks divergence, the target loss and the abort
 * signal, in that order (`stopReason` of `@backprop/core`). With `testData`,
 * each epoch ends with one forward pass over the test rows (after the epoch's
 * last update), read back with the batch losses.
 *
 * @module
 */

import type { Scalar, Tensor2D } from "@tensorflow/tfjs";
import {
  BatchSchedule,
  checkModelFits,
  checkTargets,
  checkTestData,
  type Dataset,
  earlyStopping,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  stopReason,
  type Trainer,
  type TrainOptions,
  type TrainResult,
  type TrainState,
  validateTrainState,
} from "@backprop/core";
import { type Backend, type Tf, withBackend } from "./backend.ts";
import { batchLossFn, epochShare } from "./loss.ts";
import { TfNetwork } from "./network.ts";
import {
  createOptimizer,
  disposeOptimizer,
  optimizerState,
  setOptimizerState,
} from "./optimizer.ts";

/** {@linkcode TrainOptions} plus the TF.js backend to run on. */
export interface TfjsTrainOptions extends TrainOptions {
  /** Where TF.js computes; default `cpu`. */
  backend?: Backend;
}

/**
 * How long the loop computes before it lets the event loop run (signal handlers,
 * timers), so that Ctrl-C is seen within this many milliseconds. A turn of the
 * event loop costs about a millisecond (the timer's granularity), so yielding
 * every 20 ms as the hand-written engine does would cost TF.js 5 %.
 */
const SLICE_MS = 100;

/**
 * Trains with TF.js: weights as `tf.Variable`s, gradients by TF.js's autodiff,
 * updates by `tf.train.sgd` / `momentum` / `adam`. Same contract and result as
 * the hand-written engine, from the same starting weights, batch order and loss
 * definitions. TF.js computes in float32 whatever `config.dtype` says; the
 * returned weights are those float32 values as numbers.
 *
 * TF.js is imported on the first call, not when this module loads. Runs are
 * serialised (TF.js has one global engine). Every tensor made is freed before
 * the promise settles.
 *
 * @example Solve XOR with the default preset on the cpu backend
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { trainTfjs } from "@backprop/tfjs";
 *
 * const result = await trainTfjs(resolveConfig(), loadDataset("xor"), { backend: "cpu" });
 * console.log(result.stoppedBecause, result.finalLoss);
 * ```
 */
export async function trainTfjs(
  config: ResolvedConfig,
  data: Dataset,
  options: TfjsTrainOptions = {},
): Promise<TrainResult> {
  const start = options.initialModel ?? initModel(config, data.inputSize, data.outputSize);
  checkModelFits(config, data, start);
  checkTestData(data, options.testData);
  checkTargets(config, data);
  if (options.testData !== undefined) checkTargets(config, options.testData);
  const state = options.initialState === undefined
    ? undefined
    : validateTrainState(options.initialState, config, start);
  const schedule = new BatchSchedule(config, data.rows);
  // A resumed run continues the batch order after the epochs already trained.
  schedule.skip(state?.epochs ?? 0);
  return await withBackend(
    options.backend ?? "cpu",
    (tf) => loop(tf, config, data, start, schedule, options, state),
  );
}

async function loop(
  tf: Tf,
  config: ResolvedConfig,
  data: Dataset,
  start: ModelWeights,
  schedule: BatchSchedule,
  options: TrainOptions,
  state: TrainState | undefined,
): Promise<TrainResult> {
  const { rows, inputSize: n, outputSize: k } = data;
  const { batches } = schedule;
  const { onEpoch, signal, testData } = options;
  const target = config.targetLoss;
  // Batches with changing rows only when shuffling; otherwise each batch is a fixed slice.
  const shuffled = batches > 1 && config.shuffle;
  const shares = Float64Array.from(
    { length: batches },
    (_, b) => epochShare(config.loss, schedule.size(b), rows),
  );
  const x = tf.tensor2d(Float32Array.from(data.inputs), [rows, n]);
  const y = tf.tensor2d(Float32Array.from(data.targets), [rows, k]);
  const net = new TfNetwork(tf, start);
  const model = () => net.toModel();
  const optimizer = createOptimizer(tf, config);
  const loss = batchLossFn(tf, config.loss, config.outputActivation);
  const history = new Float64Array(config.epochs);
  // The test rows, if any: one forward pass per epoch after its last update.
  const test = testData === undefined ? null : {
    x: tf.tensor2d(Float32Array.from(testData.inputs), [testData.rows, n]),
    y: tf.tensor2d(Float32Array.from(testData.targets), [testData.rows, k]),
    history: new Float64Array(config.epochs),
  };
  // costs[b]: batch b's loss; costs[batches]: the test loss (when there are test rows).
  const costs: Scalar[] = new Array(batches + (test === null ? 0 : 1));
  let stoppedBecause: StopReason = "epochs";
  let epoch = 0;
  let trainMs = 0;
  try {
    if (state !== undefined) {
      await setOptimizerState(tf, optimizer, state, net.params.map((p) => p.shape));
    }
    // With L2 decay λ, TF.js's regularizer: minimise L + λ·Σw² over the weights (not the
    // biases); the cost returned (and reported) is L alone.
    const l2 = config.l2;
    const step = l2 === 0
      ? (xb: Tensor2D, yb: Tensor2D): Scalar =>
        optimizer.minimize(() => loss(net.logits(xb), yb), true, net.params)!
      : (xb: Tensor2D, yb: Tensor2D): Scalar => {
        let cost: Scalar | null = null;
        optimizer.minimize(
          () => {
            cost = tf.keep(loss(net.logits(xb), yb));
            const penalty = tf.addN(net.weights.map((w) => tf.sum(tf.square(w))));
            return tf.add(cost, tf.mul(penalty, l2)) as Scalar;
          },
          false,
          net.params,
        );
        return cost!;
      };
    const early = earlyStopping(config, testData);
    let best: ModelWeights | null = null;
    const t0 = performance.now();
    let lastYield = t0;
    while (epoch < config.epochs) {
      schedule.nextEpoch();
      if (batches === 1) {
        costs[0] = step(x, y);
      } else {
        const [xe, ye] = shuffled
          ? tf.tidy(() => {
            const order = tf.tensor1d(Int32Array.from(schedule.order), "int32");
            return [tf.gather(x, order), tf.gather(y, order)];
          })
          : [x, y];
        for (let b = 0; b < batches; b++) {
          const from = schedule.start(b);
          const size = schedule.size(b);
          costs[b] = tf.tidy(() =>
            step(tf.slice(xe, [from, 0], [size, n]), tf.slice(ye, [from, 0], [size, k]))
          );
        }
        if (shuffled) tf.dispose([xe, ye]);
      }
      if (test !== null) costs[batches] = tf.tidy(() => loss(net.logits(test.x), test.y));
      // One read per epoch: every batch's loss (and the test loss) at once, added up in float64.
      const values = costs.length === 1 ? costs[0].dataSync() : readAll(tf, costs);
      tf.dispose(costs);
      let epochLoss = 0;
      for (let b = 0; b < batches; b++) epochLoss += values[b] * shares[b];
      if (test !== null) test.history[epoch] = values[batches];
      history[epoch++] = epochLoss;
      if (onEpoch !== undefined) onEpoch({ epoch, loss: epochLoss, model });
      const stop = stopReason(epochLoss, target, signal);
      if (stop !== null) {
        stoppedBecause = stop;
        break;
      }
      const seen = early?.observe(epoch, test!.history[epoch - 1]);
      if (seen === "best") best = net.toModel();
      if (seen === "stop") {
        stoppedBecause = "patience";
        break;
      }
      const now = performance.now();
      if (now - lastYield >= SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
        if (signal?.aborted && epoch < config.epochs) {
          stoppedBecause = "interrupted";
          break;
        }
      }
    }
    trainMs = performance.now() - t0;
    const lossHistory = history.slice(0, epoch);
    const before = state?.epochs ?? 0;
    const saved = await optimizerState(optimizer, config, before + epoch, state, net.params.length);
    return {
      epochsRun: epoch,
      finalLoss: lossHistory[epoch - 1],
      lossHistory,
      ...(test === null ? {} : { testLossHistory: test.history.slice(0, epoch) }),
      stoppedBecause,
      model: best ?? net.toModel(),
      ...(early === null ? {} : { bestEpoch: early.bestEpoch }),
      state: saved,
      timing: { trainMs, usPerEpoch: (trainMs * 1000) / epoch },
    };
  } finally {
    tf.dispose(costs.filter((c) => c !== undefined));
    disposeOptimizer(tf, optimizer);
    net.dispose();
    tf.dispose(test === null ? [x, y] : [x, y, test.x, test.y]);
  }
}

function readAll(tf: Tf, costs: Scalar[]): Float32Array {
  const stacked = tf.stack(costs);
  try {
    return stacked.dataSync() as Float32Array;
  } finally {
    stacked.dispose();
  }
}

/**
 * The TF.js engine as a {@linkcode Trainer} named `tfjs`, running on `backend`
 * (default `cpu`). See {@linkcode trainTfjs}.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { tfjsTrainer } from "@backprop/tfjs";
 *
 * const trainer = tfjsTrainer("wasm");
 * const result = await trainer.train(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * console.log(trainer.name, result.model.layers[1].weights);
 * ```
 */
export function tfjsTrainer(backend: Backend = "cpu"): Trainer {
  return {
    name: "tfjs",
    train(config: ResolvedConfig, data: Dataset, options?: TrainOptions): Promise<TrainResult> {
      return trainTfjs(config, data, { ...options, backend });
    },
  };
}
