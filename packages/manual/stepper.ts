/**
 * A training run of the hand-written engine that its caller advances by hand:
 * one batch, or a number of epochs, at a time, reading the weights in between
 * (the playground's worker draws them live, and pauses or steps a run).
 *
 * @module
 */

import {
  BatchSchedule,
  checkModelFits,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  stopReason,
  type TrainState,
} from "@backprop/core";
import { Network } from "./network.ts";

/**
 * One run, advanced by {@linkcode ManualStepper.batch} or
 * {@linkcode ManualStepper.epochs}. It does exactly the arithmetic of
 * `trainManual` in the same order (same batches, same updates, same stop rules,
 * no test rows), so its loss history and weights after any number of epochs
 * equal `trainManual`'s bit for bit (the tests check it).
 *
 * @example Two epochs by hand, then the rest
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { ManualStepper } from "@backprop/manual";
 *
 * const run = new ManualStepper(resolveConfig(), loadDataset("xor"));
 * run.batch(); // full batch: one batch is one epoch
 * run.epochs(1);
 * run.epochs(Infinity); // until a stop rule applies
 * console.log(run.epoch, run.stoppedBecause, run.lossHistory[run.epoch - 1]);
 * ```
 */
export class ManualStepper {
  readonly #config: ResolvedConfig;
  readonly #data: Dataset;
  readonly #schedule: BatchSchedule;
  readonly #net: Network;
  readonly #history: Float64Array;
  readonly #fixedBatch: boolean;
  #epoch = 0;
  #batch = 0;
  #stopped: StopReason | null = null;

  /** Starts a run from `initialModel` (default: the config's initial weights, copied). */
  constructor(config: ResolvedConfig, data: Dataset, initialModel?: ModelWeights) {
    const start = initialModel ?? initModel(config, data.inputSize, data.outputSize);
    checkModelFits(config, data, start);
    if (config.patience > 0) {
      throw new RangeError(
        `patience: ${config.patience} is not allowed; a stepper has no test rows (use trainManual)`,
        { cause: { field: "patience", value: config.patience } },
      );
    }
    this.#config = config;
    this.#data = data;
    this.#schedule = new BatchSchedule(config, data.rows);
    this.#net = new Network(config, start, this.#schedule.batchSize);
    this.#history = new Float64Array(config.epochs);
    this.#fixedBatch = this.#schedule.batches === 1;
    if (this.#fixedBatch) this.#net.gather(data, this.#schedule.order, 0, data.rows);
  }

  /** Epochs completed. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Batches per epoch. */
  get batches(): number {
    return this.#schedule.batches;
  }

  /** Batches of the current epoch already done (0 between epochs). */
  get batchInEpoch(): number {
    return this.#batch;
  }

  /** Why the run stopped (the same rules as `trainManual`), or null while it may go on. */
  get stoppedBecause(): StopReason | null {
    return this.#stopped;
  }

  /** The loss of each completed epoch, index 0 for epoch 1 (a view: copy it to keep it). */
  get lossHistory(): Float64Array {
    return this.#history.subarray(0, this.#epoch);
  }

  /**
   * The optimizer state after the last completed epoch, as `trainManual`'s
   * `result.state` (pass it back as `initialState` with {@linkcode model} to go
   * on), or null in the middle of an epoch, when no such state exists.
   */
  state(): TrainState | null {
    return this.#batch === 0 ? this.#net.state(this.#epoch) : null;
  }

  /** The current weights (a copy). */
  model(): ModelWeights {
    return this.#net.toModel();
  }

  /**
   * One batch: forward pass, backward pass, update. Returns true when it ended an
   * epoch. Does nothing once the run has stopped.
   */
  batch(): boolean {
    if (this.#stopped !== null) return false;
    const schedule = this.#schedule;
    const net = this.#net;
    const epoch = this.#epoch;
    const b = this.#batch;
    if (b === 0) {
      schedule.nextEpoch();
      this.#history[epoch] = 0;
    }
    const size = schedule.size(b);
    if (!this.#fixedBatch) net.gather(this.#data, schedule.order, schedule.start(b), size);
    net.gradients(size, this.#data.rows);
    this.#history[epoch] += net.batchLoss[0];
    net.update();
    if (b + 1 < schedule.batches) {
      this.#batch = b + 1;
      return false;
    }
    this.#batch = 0;
    this.#finishEpoch();
    return true;
  }

  /**
   * Up to `count` epochs (the rest of the current one counts as one), stopping
   * early when a stop rule applies or when `deadline` (a `performance.now()` time)
   * has passed after an epoch. Returns the epochs completed.
   */
  epochs(count: number, deadline = Infinity): number {
    const from = this.#epoch;
    while (this.#batch !== 0 && this.#stopped === null) this.batch();
    const last = Math.min(this.#config.epochs, from + count);
    while (this.#epoch < last && this.#stopped === null) {
      while (!this.batch() && this.#stopped === null) { /* the epoch's next batch */ }
      if (performance.now() > deadline) break;
    }
    return this.#epoch - from;
  }

  #finishEpoch(): void {
    const loss = this.#history[this.#epoch++];
    this.#stopped = stopReason(loss, this.#config.targetLoss, undefined) ??
      (this.#epoch === this.#config.epochs ? "epochs" : null);
  }
}
