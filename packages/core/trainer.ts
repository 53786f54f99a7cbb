/**
 * The `Trainer` contract every implementation fulfils, and the batch schedule
 * they all share so that mini-batches come in the same order everywhere.
 *
 * @module
 */

import { effectiveBatchSize, type ResolvedConfig } from "./config.ts";
import type { Dataset } from "./dataset.ts";
import type { ModelWeights } from "./model.ts";
import { Mt19937, shuffle } from "./rng.ts";
import type { TrainState } from "./train_state.ts";

/**
 * Why training stopped. `interrupted`: the caller's `signal` was aborted;
 * `patience`: the test loss did not improve for `config.patience` epochs.
 */
export type StopReason = "epochs" | "target-loss" | "diverged" | "interrupted" | "patience";

/** What `onEpoch` is told after each epoch. */
export interface EpochInfo {
  /** 1-based epoch just finished. */
  epoch: number;
  /** That epoch's loss (see {@linkcode TrainResult.lossHistory}). */
  loss: number;
  /**
   * A copy of the weights after this epoch's last update, made when called (a
   * read of every weight: call it only when needed). The engines of this
   * repository always give it.
   */
  model?: () => ModelWeights;
}

/** Optional inputs of {@linkcode Trainer.train}. */
export interface TrainOptions {
  /** Called after every epoch; keep it cheap. */
  onEpoch?: (info: EpochInfo) => void;
  /** Aborting it stops training after the current epoch with reason `interrupted`. */
  signal?: AbortSignal;
  /**
   * Start from these weights instead of `initModel(config, …)`. They are copied,
   * never modified. Their layer sizes and activations must match the config.
   */
  initialModel?: ModelWeights;
  /**
   * Continue a run that stopped: the optimizer state and epoch count it returned
   * as {@linkcode TrainResult.state}, with its model as `initialModel`. The batch
   * schedule skips the epochs already trained, so the two runs together equal one
   * run of both lengths (see `train_state.ts`). It must fit the model and config
   * (`validateTrainState`); an engine that cannot take it says so.
   */
  initialState?: TrainState;
  /**
   * Held-out rows to measure after every epoch, never trained on: the result's
   * {@linkcode TrainResult.testLossHistory}. Same input and output widths as the
   * training data (a `RangeError` naming `testData` otherwise). Costs one forward
   * pass over these rows per epoch.
   */
  testData?: Dataset;
}

/** Wall-clock cost of a run. */
export interface TrainTiming {
  /** Milliseconds spent in the training loop (set-up excluded). */
  trainMs: number;
  /** trainMs · 1000 / epochsRun. */
  usPerEpoch: number;
}

/** What a run returns. */
export interface TrainResult {
  /** Epochs completed (the diverging epoch counts). */
  epochsRun: number;
  /** lossHistory[epochsRun − 1]. */
  finalLoss: number;
  /**
   * Loss of each epoch, index 0 for epoch 1. An epoch's loss is the configured loss
   * over all rows, each row's output computed in that epoch's forward pass with
   * the weights before its batch's update (for full batch: the loss of the
   * weights the epoch started with, as the original program computes it).
   */
  lossHistory: Float64Array;
  /**
   * Present exactly when {@linkcode TrainOptions.testData} was given: the loss on
   * the test rows of each epoch, index 0 for epoch 1, with the same length as
   * `lossHistory`. Epoch e's value is the configured loss (the same definition
   * and scaling as `lossHistory`: ½·Σ for sse, the mean over the test rows and
   * outputs for mse and bce) over every test row, computed with the weights at
   * the END of epoch e, i.e. after its last update — unlike `lossHistory[e − 1]`,
   * whose outputs come from before each batch's update. So for full batch,
   * `testLossHistory[e − 1]` is measured with the weights `lossHistory[e]` starts
   * from, and the last entry belongs to the returned `model`. It is computed
   * before the stop rules look at the epoch, so the diverging epoch has one too
   * (usually NaN).
   */
  testLossHistory?: Float64Array;
  /** Why the loop ended. */
  stoppedBecause: StopReason;
  /**
   * The weights after the last update; with `config.patience` > 0, the weights
   * of epoch {@linkcode TrainResult.bestEpoch} instead.
   */
  model: ModelWeights;
  /**
   * With `config.patience` > 0: the epoch (1-based) of the lowest test loss, whose
   * weights `model` holds. Absent otherwise.
   */
  bestEpoch?: number;
  /**
   * The optimizer state and epoch count after the last update, counting the epochs
   * of {@linkcode TrainOptions.initialState}: pass it back with `model` to go on
   * training. Absent when the engine cannot export it.
   */
  state?: TrainState;
  /** How long it took. */
  timing: TrainTiming;
}

/**
 * Checks {@linkcode TrainOptions.testData} against the training data: it must
 * have rows and the same input and output widths. Throws a `RangeError` naming
 * `testData`; does nothing when `test` is `undefined`. Every engine calls it
 * before training.
 *
 * @example
 * ```ts
 * import { checkTestData, parity } from "@backprop/core";
 * checkTestData(parity(3), parity(3)); // fine
 * // checkTestData(parity(3), parity(4)) throws: 4 inputs, expected 3
 * ```
 */
export function checkTestData(data: Dataset, test: Dataset | undefined): void {
  if (test === undefined) return;
  if (test.inputSize !== data.inputSize || test.outputSize !== data.outputSize) {
    throw new RangeError(
      `testData: ${test.inputSize} inputs and ${test.outputSize} outputs are not allowed; ` +
        `expected ${data.inputSize} and ${data.outputSize} like the training data ${data.name}`,
      { cause: { field: "testData", value: test.name } },
    );
  }
  if (!(test.rows >= 1)) {
    throw new RangeError(`testData: ${test.rows} rows are not allowed; expected at least 1`, {
      cause: { field: "testData", value: test.name },
    });
  }
}

/**
 * Checks that every target of `data` fits the config's output: a sigmoid output
 * (which `bce` requires) lies in (0, 1), so its targets must be in [0, 1]; a
 * softmax output needs rows of class probabilities (one-hot); a linear output
 * takes any finite target. Throws a `RangeError` with
 * `cause: { field: "targets", value, row, dataset }` (`row` 1-based) naming the
 * dataset, the row and the value. Every engine calls it before training.
 *
 * @example
 * ```ts
 * import { checkTargets, datasetFromRows, resolveConfig } from "@backprop/core";
 * const data = datasetFromRows("t.csv", [[0], [1]], [[0], [5]]);
 * checkTargets(resolveConfig({ outputActivation: "linear", loss: "mse" }), data); // fine
 * // checkTargets(resolveConfig(), data) throws:
 * // "targets: 5 (t.csv, row 2) is not allowed; expected a value in [0, 1] for a sigmoid output …"
 * ```
 */
export function checkTargets(
  config: Pick<ResolvedConfig, "outputActivation" | "loss">,
  data: Dataset,
): void {
  if (config.outputActivation === "softmax") {
    checkClassRows(data);
    return;
  }
  if (config.outputActivation !== "sigmoid") return;
  const { targets, outputSize } = data;
  for (let i = 0; i < targets.length; i++) {
    const y = targets[i];
    if (y >= 0 && y <= 1) continue;
    const row = Math.floor(i / outputSize) + 1;
    throw new RangeError(
      `targets: ${y} (${data.name}, row ${row}) is not allowed; expected a value in [0, 1] ` +
        `for a sigmoid output (loss ${config.loss}); use a linear output with loss mse or sse ` +
        "for other targets",
      { cause: { field: "targets", value: y, row, dataset: data.name } },
    );
  }
}

/**
 * For a softmax output: every row of targets is a probability row (values in
 * [0, 1] summing to 1 within 1e-9, e.g. one-hot), which δ_out = (p − y)/n assumes.
 */
function checkClassRows(data: Dataset): void {
  const { targets, outputSize: k } = data;
  for (let r = 0; r < data.rows; r++) {
    let sum = 0, ok = true;
    for (let j = 0; j < k; j++) {
      const y = targets[r * k + j];
      ok &&= y >= 0 && y <= 1;
      sum += y;
    }
    // 1e-9: far above the rounding of a sum of k ≤ 10 000 values, far below a wrong row.
    if (!ok || !(Math.abs(sum - 1) <= 1e-9)) {
      const row = Array.from(targets.subarray(r * k, (r + 1) * k));
      throw new RangeError(
        `targets: [${row.join(", ")}] (${data.name}, row ${r + 1}) is not allowed; a softmax ` +
          "output needs each row to be class probabilities summing to 1 (one-hot classes)",
        { cause: { field: "targets", value: row, row: r + 1, dataset: data.name } },
      );
    }
  }
}

/**
 * The stop rules every engine applies after each epoch, in this order: a loss
 * that is not finite (NaN, ±Infinity) → `diverged`; loss < `targetLoss` →
 * `target-loss`; an aborted `signal` → `interrupted`; otherwise `null` (train
 * on). Running out of epochs (`epochs`) is the caller's loop bound, not checked here.
 *
 * @example
 * ```ts
 * import { stopReason } from "@backprop/core";
 * stopReason(NaN, 0.01, undefined); // "diverged"
 * stopReason(0.005, 0.01, undefined); // "target-loss"
 * stopReason(0.5, 0.01, AbortSignal.abort()); // "interrupted"
 * stopReason(0.5, 0.01, undefined); // null
 * ```
 */
export function stopReason(
  loss: number,
  targetLoss: number,
  signal: AbortSignal | undefined,
): StopReason | null {
  if (!Number.isFinite(loss)) return "diverged";
  if (loss < targetLoss) return "target-loss";
  if (signal?.aborted) return "interrupted";
  return null;
}

/**
 * Early stopping (`config.patience`): watches each epoch's test loss, says when a
 * new best arrives (keep those weights) and when `patience` epochs have passed
 * without one (stop). "Improved" means strictly below the best so far.
 *
 * @example
 * ```ts
 * import { EarlyStopping } from "@backprop/core";
 * const early = new EarlyStopping(2);
 * [0.5, 0.4, 0.45, 0.41].map((loss, e) => early.observe(e + 1, loss)); // ["best", "best", null, "stop"]
 * early.bestEpoch; // 2
 * ```
 */
export class EarlyStopping {
  /** Epochs without a new best before `observe` says stop, ≥ 1. */
  readonly patience: number;
  /** The lowest test loss so far (Infinity before any). */
  best: number = Infinity;
  /** Its epoch, 1-based (0 before any). */
  bestEpoch: number = 0;

  /** Watches for `patience` epochs without improvement. */
  constructor(patience: number) {
    this.patience = patience;
  }

  /** After epoch `epoch` (1-based) with test loss `loss`: "best", "stop" or null (go on). */
  observe(epoch: number, loss: number): "best" | "stop" | null {
    if (loss < this.best) {
      this.best = loss;
      this.bestEpoch = epoch;
      return "best";
    }
    return epoch - this.bestEpoch >= this.patience ? "stop" : null;
  }
}

/**
 * The {@linkcode EarlyStopping} of a run, or `null` when `config.patience` is 0;
 * a `RangeError` naming `patience` when it is on but there are no test rows.
 *
 * @example
 * ```ts
 * import { earlyStopping, resolveConfig } from "@backprop/core";
 * earlyStopping(resolveConfig(), undefined); // null
 * ```
 */
export function earlyStopping(
  config: ResolvedConfig,
  test: Dataset | undefined,
): EarlyStopping | null {
  if (config.patience === 0) return null;
  if (test === undefined) {
    throw new RangeError(
      `patience: ${config.patience} is not allowed without test rows; pass testData, or patience 0`,
      { cause: { field: "patience", value: config.patience } },
    );
  }
  return new EarlyStopping(config.patience);
}

/**
 * An implementation of training: the hand-written engine, TF.js, ….
 *
 * @example A trainer that only reports the initial weights
 * ```ts
 * import { initModel, type Trainer } from "@backprop/core";
 * const idle: Trainer = {
 *   name: "idle",
 *   train(config, dataset) {
 *     const model = initModel(config, dataset.inputSize, dataset.outputSize);
 *     return Promise.resolve({
 *       epochsRun: 0, finalLoss: NaN, lossHistory: new Float64Array(0),
 *       stoppedBecause: "epochs", model, timing: { trainMs: 0, usPerEpoch: 0 },
 *     });
 *   },
 * };
 * ```
 */
export interface Trainer {
  /** Short name, as `--impl` spells it. */
  readonly name: string;
  /** Trains a network on `dataset` as `config` says. */
  train(config: ResolvedConfig, dataset: Dataset, options?: TrainOptions): Promise<TrainResult>;
}

/**
 * The row order of each epoch. It starts as 0, 1, …, rows − 1; when batches are
 * smaller than the dataset and `shuffle` is on, {@linkcode BatchSchedule.nextEpoch}
 * shuffles it in place (see {@linkcode shuffle}) from its previous order with a
 * generator seeded `seed XOR 0x9E3779B9`, kept apart from the initialisation's.
 *
 * @example
 * ```ts
 * import { BatchSchedule, loadDataset, resolveConfig } from "@backprop/core";
 * const config = resolveConfig({ dataset: "parity:3", batchSize: 2 });
 * const schedule = new BatchSchedule(config, loadDataset("parity:3").rows);
 * schedule.nextEpoch(); // schedule.order now holds epoch 1's row order
 * schedule.batches; // 4
 * ```
 */
export class BatchSchedule {
  /** Rows in the dataset. */
  readonly rows: number;
  /** Rows per batch; the last batch of an epoch may be smaller. */
  readonly batchSize: number;
  /** Batches per epoch: ceil(rows / batchSize). */
  readonly batches: number;
  /** The current row order, valid after {@linkcode nextEpoch}. */
  readonly order: Uint32Array;
  readonly #rng: Mt19937 | null;

  /** Plans batches for `rows` rows; throws a `RangeError` if `batchSize` exceeds them. */
  constructor(config: ResolvedConfig, rows: number) {
    this.rows = rows;
    this.batchSize = effectiveBatchSize(config, rows);
    this.batches = Math.ceil(rows / this.batchSize);
    this.order = new Uint32Array(rows);
    for (let r = 0; r < rows; r++) this.order[r] = r;
    this.#rng = this.batchSize < rows && config.shuffle
      ? new Mt19937((config.seed ^ 0x9e3779b9) >>> 0)
      : null;
  }

  /** Advances to the next epoch's order (a no-op unless shuffling). */
  nextEpoch(): void {
    if (this.#rng !== null) shuffle(this.order, this.#rng);
  }

  /**
   * Skips `epochs` epochs: the order becomes the one the schedule would hold after
   * that many calls of {@linkcode nextEpoch}, so that a run resumed after `epochs`
   * epochs takes its batches in the order of the uninterrupted run.
   */
  skip(epochs: number): void {
    if (this.#rng !== null) { for (let e = 0; e < epochs; e++) shuffle(this.order, this.#rng); }
  }

  /** First position in {@linkcode order} of batch `b` (0-based). */
  start(b: number): number {
    return b * this.batchSize;
  }

  /** Number of rows in batch `b`. */
  size(b: number): number {
    return Math.min(this.batchSize, this.rows - b * this.batchSize);
  }
}
