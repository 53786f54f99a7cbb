/**
 * The training loop of the hand-written engine and its `Trainer`.
 *
 * @module
 */

import {
  BatchSchedule,
  checkModelFits,
  checkTargets,
  checkTestData,
  type Dataset,
  type EarlyStopping,
  earlyStopping,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  stopReason,
  type Trainer,
  type TrainOptions,
  type TrainResult,
  validateTrainState,
} from "@backprop/core";
import { Network } from "./network.ts";
import { allocate, type Float } from "./_private.ts";

/**
 * The test rows of a run ({@linkcode TrainOptions.testData}), copied once into
 * the run's dtype and cut into chunks of at most the batch size, so that their
 * forward passes reuse the network's buffers and an epoch allocates nothing.
 */
interface TestRows {
  /** Inputs of each chunk (views into one buffer, made once). */
  readonly x: Float[];
  /** Targets of each chunk. */
  readonly y: Float[];
  /** Rows of each chunk. */
  readonly sizes: Uint32Array;
  /** All test rows. */
  readonly rows: number;
  /** The test loss of each epoch. */
  readonly history: Float64Array;
}

function testRows(config: ResolvedConfig, test: Dataset, chunk: number): TestRows {
  const { rows, inputSize: n, outputSize: k } = test;
  const inputs = allocate(config.dtype, rows * n);
  const targets = allocate(config.dtype, rows * k);
  inputs.set(test.inputs);
  targets.set(test.targets);
  const chunks = Math.ceil(rows / chunk);
  const sizes = new Uint32Array(chunks);
  const x: Float[] = [];
  const y: Float[] = [];
  for (let c = 0; c < chunks; c++) {
    const from = c * chunk;
    sizes[c] = Math.min(chunk, rows - from);
    x.push(inputs.subarray(from * n, (from + sizes[c]) * n));
    y.push(targets.subarray(from * k, (from + sizes[c]) * k));
  }
  return { x, y, sizes, rows, history: new Float64Array(config.epochs) };
}

/**
 * One training run's state, advanced a slice of epochs at a time so that an
 * asynchronous caller can hand control back to the event loop between slices.
 */
class Run {
  readonly #config: ResolvedConfig;
  readonly #data: Dataset;
  readonly #options: TrainOptions;
  readonly #schedule: BatchSchedule;
  readonly #net: Network;
  readonly #history: Float64Array;
  readonly #fixedBatch: boolean;
  readonly #test: TestRows | null;
  readonly #snapshot: () => ModelWeights;
  #epoch = 0;
  /** Epochs trained before this run, by the run whose state it continues. */
  readonly #before: number;
  #stoppedBecause: StopReason | null = null;
  #trainMs = 0;
  /** With `config.patience`: the early stopping, and the weights of its best epoch. */
  readonly #early: EarlyStopping | null;
  #best: ModelWeights | null = null;

  constructor(config: ResolvedConfig, data: Dataset, options: TrainOptions) {
    const start = options.initialModel ?? initModel(config, data.inputSize, data.outputSize);
    checkModelFits(config, data, start);
    checkTestData(data, options.testData);
    checkTargets(config, data);
    if (options.testData !== undefined) checkTargets(config, options.testData);
    this.#early = earlyStopping(config, options.testData);
    const state = options.initialState === undefined
      ? undefined
      : validateTrainState(options.initialState, config, start);
    this.#before = state?.epochs ?? 0;
    this.#config = config;
    this.#data = data;
    this.#options = options;
    this.#schedule = new BatchSchedule(config, data.rows);
    this.#schedule.skip(this.#before);
    this.#net = new Network(config, start, this.#schedule.batchSize, state);
    this.#history = new Float64Array(config.epochs);
    // Full batch in dataset order: gather once, the batch never changes.
    this.#fixedBatch = this.#schedule.batches === 1;
    if (this.#fixedBatch) this.#net.gather(data, this.#schedule.order, 0, data.rows);
    this.#test = options.testData === undefined
      ? null
      : testRows(config, options.testData, this.#schedule.batchSize);
    // Made once, so that the epoch's callback argument stays the only allocation.
    this.#snapshot = () => this.#net.toModel();
  }

  /** Whether the run has stopped. */
  get done(): boolean {
    return this.#stoppedBecause !== null;
  }

  /**
   * Runs up to `count` more epochs, stopping early on the configured conditions.
   * Once warm, an epoch allocates nothing (docs/engine.md, "No allocation per epoch").
   */
  epochs(count: number): void {
    const history = this.#history;
    const { onEpoch, signal } = this.#options;
    const model = this.#snapshot;
    const target = this.#config.targetLoss;
    const last = Math.min(this.#config.epochs, this.#epoch + count);
    let epoch = this.#epoch;
    let stopped: StopReason | null = null;
    const t0 = performance.now();
    while (epoch < last) {
      this.#train(epoch);
      const loss = history[epoch++];
      if (onEpoch !== undefined) onEpoch({ epoch, loss, model });
      // stopReason only when a rule may apply (loss below the target, not finite, or an
      // abort): see docs/engine.md on numbers passed to calls.
      if (!(loss >= target && loss < Infinity) || signal?.aborted) {
        stopped = stopReason(loss, target, signal);
        if (stopped !== null) break;
      }
      if (this.#early !== null) {
        const seen = this.#early.observe(epoch, this.#test!.history[epoch - 1]);
        if (seen === "best") this.#best = this.#net.toModel();
        if (seen === "stop") {
          stopped = "patience";
          break;
        }
      }
    }
    this.#trainMs += performance.now() - t0;
    this.#epoch = epoch;
    this.#stoppedBecause = stopped ?? (epoch === this.#config.epochs ? "epochs" : null);
  }

  /**
   * Epoch `epoch` (0-based): its batches, each a forward pass, backward pass and
   * update, then the test rows if any; its loss goes to `history[epoch]` (and the
   * test loss to the test history). A method of its own (docs/engine.md).
   */
  #train(epoch: number): void {
    const schedule = this.#schedule;
    const net = this.#net;
    const batchLoss = net.batchLoss;
    const data = this.#data;
    const history = this.#history;
    schedule.nextEpoch();
    // The batches' shares are summed in place in the history, not in a local (docs/engine.md).
    history[epoch] = 0;
    for (let b = 0; b < schedule.batches; b++) {
      const size = schedule.size(b);
      if (!this.#fixedBatch) net.gather(data, schedule.order, schedule.start(b), size);
      net.gradients(size, data.rows);
      history[epoch] += batchLoss[0];
      net.update();
    }
    const test = this.#test;
    if (test !== null) {
      // The test loss with the weights after this epoch's last update.
      test.history[epoch] = 0;
      for (let c = 0; c < test.sizes.length; c++) {
        net.evaluate(test.x[c], test.y[c], test.sizes[c], test.rows);
        test.history[epoch] += batchLoss[0];
      }
    }
  }

  /** The result so far (call once {@linkcode done}). */
  result(): TrainResult {
    const epoch = this.#epoch;
    const lossHistory = this.#history.slice(0, epoch);
    return {
      epochsRun: epoch,
      finalLoss: lossHistory[epoch - 1],
      lossHistory,
      ...(this.#test === null ? {} : { testLossHistory: this.#test.history.slice(0, epoch) }),
      stoppedBecause: this.#stoppedBecause ?? "interrupted",
      model: this.#best ?? this.#net.toModel(),
      ...(this.#early === null ? {} : { bestEpoch: this.#early.bestEpoch }),
      state: this.#net.state(this.#before + epoch),
      timing: { trainMs: this.#trainMs, usPerEpoch: (this.#trainMs * 1000) / epoch },
    };
  }
}

/**
 * Trains synchronously with the hand-written engine, in one uninterrupted loop.
 * Same contract as {@linkcode manualTrainer}, except that an abort of
 * `options.signal` can only be seen if something else aborts it synchronously
 * (e.g. from `onEpoch`): use `manualTrainer.train` to react to Ctrl-C.
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
  const run = new Run(config, data, options);
  run.epochs(config.epochs);
  return run.result();
}

// How long the asynchronous trainer computes before it lets the event loop run
// (signal handlers, timers): short enough that Ctrl-C feels immediate.
const SLICE_MS = 20;

/**
 * The hand-written engine as a {@linkcode Trainer}: backpropagation written out
 * layer by layer on flat typed arrays, no autodiff. It computes in slices of
 * about 20 ms and yields to the event loop between them, so an abort (Ctrl-C)
 * is seen within one slice; the results equal {@linkcode trainManual}'s.
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
  async train(
    config: ResolvedConfig,
    data: Dataset,
    options: TrainOptions = {},
  ): Promise<TrainResult> {
    const run = new Run(config, data, options);
    // Epochs per slice: start with one, then aim each slice at SLICE_MS.
    let slice = 1;
    while (true) {
      const t0 = performance.now();
      run.epochs(slice);
      if (run.done) return run.result();
      const ms = performance.now() - t0;
      slice = Math.max(1, Math.min(slice * 4, Math.floor((slice * SLICE_MS) / Math.max(ms, 1e-3))));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  },
};
