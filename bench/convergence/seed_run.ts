/**
 * One seed of the convergence bench: train, judge the result by the
 * criterion, and find the epoch at which the criterion was first met (and the
 * one from which it stayed met) by checking every epoch in the same run. The
 * worker pool and the one-by-one runner both call {@linkcode runSeed}, so they
 * compute the very same numbers.
 *
 * @module
 */

import {
  type Dataset,
  type EpochInfo,
  initModel,
  type ResolvedConfig,
  standardizeSplit,
  type StopReason,
  type TrainResult,
} from "@backprop/core";
import { loadAnyDataset } from "@backprop/cli-kit";
import { trainManual } from "@backprop/manual";
import { type Criterion, outputsWithinHalf } from "./criterion.ts";
import { type Crossings, CrossingWatch } from "./first_met.ts";

/** Implementations the convergence bench can train. */
export type SeedImpl = "manual" | "tfjs-cpu" | "brain.js";

/** Every {@linkcode SeedImpl}, in report order. */
export const SEED_IMPLS: readonly SeedImpl[] = ["manual", "tfjs-cpu", "brain.js"];

/** One training run to do. */
export interface SeedTask {
  /** Which implementation trains. */
  impl: SeedImpl;
  /** The run's config, its seed and epochs final (see {@linkcode prepareConfig}). */
  config: ResolvedConfig;
  /** How success is judged. */
  criterion: Criterion;
  /** Return the loss of every epoch (for the loss-curve chart). */
  keepHistory: boolean;
}

/** What one run gave. */
export interface SeedResult {
  /** The implementation. */
  impl: SeedImpl;
  /** The seed (config.seed). */
  seed: number;
  /** Whether the weights the run ended with meet the criterion (see {@linkcode runSeed}). */
  success: boolean;
  /** The first epoch whose weights met it; null when none did. 0: the initial weights. */
  epochsToTarget: number | null;
  /** The epoch from which it stayed met through the end; null when the end fails it. */
  stableFrom: number | null;
  /** How many times it was lost again after being met. */
  lost: number;
  /** Epochs the run trained. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Why the run stopped. */
  stoppedBecause: StopReason;
  /** Wall-clock milliseconds for the run and its checks. */
  ms: number;
  /** Every epoch's loss when asked for, else null. */
  history: Float64Array | null;
}

/**
 * The config a seed trains with: `epochs` capped at `maxEpochs` and, for a
 * `loss:X` criterion, `targetLoss` set to X so the run stops when it is met.
 */
export function prepareConfig(
  config: ResolvedConfig,
  criterion: Criterion,
  maxEpochs: number,
): ResolvedConfig {
  return {
    ...config,
    epochs: Math.min(config.epochs, maxEpochs),
    targetLoss: criterion.kind === "loss" ? criterion.threshold : config.targetLoss,
  };
}

const datasets = new Map<string, Dataset>();

/**
 * The named dataset of a config, standardised by all its rows when
 * `config.standardize` (the bench trains and judges on every row), loaded once
 * per thread.
 */
export function datasetOf(config: ResolvedConfig): Dataset {
  const key = `${config.dataset}${config.standardize ? " standardized" : ""}`;
  let data = datasets.get(key);
  if (data === undefined) {
    data = standardizeSplit(config, loadAnyDataset(config.dataset), null).train;
    datasets.set(key, data);
  }
  return data;
}

type Train = (
  config: ResolvedConfig,
  data: Dataset,
  onEpoch?: (info: EpochInfo) => void,
) => Promise<TrainResult>;

async function trainerOf(impl: SeedImpl): Promise<Train> {
  switch (impl) {
    case "manual":
      return (config, data, onEpoch) => Promise.resolve(trainManual(config, data, { onEpoch }));
    case "tfjs-cpu": {
      const { trainTfjs } = await import("@backprop/tfjs");
      return (config, data, onEpoch) => trainTfjs(config, data, { backend: "cpu", onEpoch });
    }
    case "brain.js": {
      const { trainBrain } = await import("../harness/brain.ts");
      return (config, data, onEpoch) =>
        Promise.resolve(trainBrain(config, data, undefined, onEpoch));
    }
  }
}

/**
 * Trains `task.config` with `task.impl` and judges it:
 * - `loss:X`: success when an epoch's loss fell below X (the run then stops);
 *   epochs to target = the epochs it ran.
 * - `outputs`: the initial weights and the weights after every epoch are
 *   checked in the same run ({@linkcode EpochInfo.model}); epochs to target =
 *   the first epoch that meets it, `stableFrom` = the epoch from which it stays
 *   met; success when the weights the run ends with meet it.
 */
export async function runSeed(task: SeedTask): Promise<SeedResult> {
  const t0 = performance.now();
  const { config, criterion } = task;
  const data = datasetOf(config);
  const train = await trainerOf(task.impl);
  const watch = new CrossingWatch();
  let onEpoch: ((info: EpochInfo) => void) | undefined;
  if (criterion.kind === "outputs") {
    watch.observe(0, outputsWithinHalf(initModel(config, data.inputSize, data.outputSize), data));
    onEpoch = (info) => watch.observe(info.epoch, outputsWithinHalf(info.model!(), data));
  }
  const result = await train(config, data, onEpoch);
  let success: boolean;
  let crossings: Crossings;
  if (criterion.kind === "loss") {
    success = result.stoppedBecause === "target-loss";
    const at = success ? result.epochsRun : null;
    crossings = { first: at, stableFrom: at, lost: 0 };
  } else {
    const diverged = result.stoppedBecause === "diverged";
    success = !diverged && outputsWithinHalf(result.model, data);
    crossings = watch.crossings;
    // The last epoch's check saw the very weights the run returned.
    if (!diverged && success !== (crossings.stableFrom !== null)) {
      throw new Error(`${task.impl} seed ${config.seed}: the last epoch's check disagrees`);
    }
    if (diverged) crossings = { ...crossings, stableFrom: null };
  }
  return {
    impl: task.impl,
    seed: config.seed,
    success,
    epochsToTarget: crossings.first,
    stableFrom: crossings.stableFrom,
    lost: crossings.lost,
    epochsRun: result.epochsRun,
    finalLoss: result.finalLoss,
    stoppedBecause: result.stoppedBecause,
    ms: performance.now() - t0,
    history: task.keepHistory ? result.lossHistory : null,
  };
}
