/**
 * One seed of the convergence bench: train, judge the result by the
 * criterion, and find the epoch at which the criterion was first met. The
 * worker pool and the one-by-one runner both call {@linkcode runSeed}, so they
 * compute the very same numbers.
 *
 * @module
 */

import {
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  type TrainResult,
} from "@backprop/core";
import { loadAnyDataset } from "@backprop/cli-kit";
import { trainManual } from "@backprop/manual";
import { type Criterion, outputsWithinHalf } from "./criterion.ts";

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
  /**
   * A guess of the first epoch meeting the `outputs` criterion (another
   * engine's answer for the same seed), where the search starts; null for none.
   */
  hint: number | null;
}

/** What one run gave. */
export interface SeedResult {
  /** The implementation. */
  impl: SeedImpl;
  /** The seed (config.seed). */
  seed: number;
  /** Whether the criterion was met (see {@linkcode runSeed}). */
  success: boolean;
  /** The first epoch at which it was met; null on failure. 0: by the initial weights. */
  epochsToTarget: number | null;
  /** Epochs the run trained. */
  epochsRun: number;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Why the run stopped. */
  stoppedBecause: StopReason;
  /** Extra shorter runs made to find {@linkcode epochsToTarget}. */
  probes: number;
  /** Wall-clock milliseconds for the run and its probes. */
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

/** The named dataset of a config, loaded once per thread. */
export function datasetOf(config: ResolvedConfig): Dataset {
  let data = datasets.get(config.dataset);
  if (data === undefined) {
    data = loadAnyDataset(config.dataset);
    datasets.set(config.dataset, data);
  }
  return data;
}

type Train = (config: ResolvedConfig, data: Dataset) => Promise<TrainResult>;

async function trainerOf(impl: SeedImpl): Promise<Train> {
  switch (impl) {
    case "manual":
      return (config, data) => Promise.resolve(trainManual(config, data));
    case "tfjs-cpu": {
      const { trainTfjs } = await import("@backprop/tfjs");
      return (config, data) => trainTfjs(config, data, { backend: "cpu" });
    }
    case "brain.js": {
      const { trainBrain } = await import("../harness/brain.ts");
      return (config, data) => Promise.resolve(trainBrain(config, data));
    }
  }
}

/**
 * Trains `task.config` with `task.impl` and judges it:
 * - `loss:X`: success when an epoch's loss fell below X (the run then stops);
 *   epochs to target = the epochs it ran.
 * - `outputs`: success when the weights the run ends with put every output
 *   within 0.5 of its target. The first epoch k whose weights did so is then
 *   found by re-training the same seed for k epochs (training is
 *   deterministic, so those runs follow the same path) and searching: from the
 *   hint outwards by doubling steps, then by bisection. It assumes that once
 *   met the criterion stays met, which the final check supports but cannot
 *   prove for every epoch.
 */
export async function runSeed(task: SeedTask): Promise<SeedResult> {
  const t0 = performance.now();
  const { config, criterion } = task;
  const data = datasetOf(config);
  const train = await trainerOf(task.impl);
  const result = await train(config, data);
  let success: boolean;
  let epochsToTarget: number | null = null;
  let probes = 0;
  if (criterion.kind === "loss") {
    success = result.stoppedBecause === "target-loss";
    if (success) epochsToTarget = result.epochsRun;
  } else {
    success = result.stoppedBecause !== "diverged" && outputsWithinHalf(result.model, data);
    if (success) {
      const check = async (epochs: number): Promise<boolean> => {
        probes++;
        const model: ModelWeights = epochs === 0
          ? initModel(config, data.inputSize, data.outputSize)
          : (await train({ ...config, epochs }, data)).model;
        return outputsWithinHalf(model, data);
      };
      epochsToTarget = await firstTrue(check, result.epochsRun, task.hint);
    }
  }
  return {
    impl: task.impl,
    seed: config.seed,
    success,
    epochsToTarget,
    epochsRun: result.epochsRun,
    finalLoss: result.finalLoss,
    stoppedBecause: result.stoppedBecause,
    probes,
    ms: performance.now() - t0,
    history: task.keepHistory ? result.lossHistory : null,
  };
}

/**
 * The smallest k in [0, hi] with `check(k)` true, given that `check(hi)` is
 * true and assuming `check` is monotone (false, then true). Starts at `hint`
 * (clamped into range; 0 when null), moves away from it in steps 1, 2, 4, …
 * until the answer is bracketed, then bisects.
 *
 * @example
 * ```ts
 * import { firstTrue } from "./seed_run.ts";
 * await firstTrue((k) => Promise.resolve(k >= 37), 100, 40); // 37
 * ```
 */
export async function firstTrue(
  check: (k: number) => Promise<boolean>,
  hi: number,
  hint: number | null,
): Promise<number> {
  let lo = -1; // check(lo) is false (or lo is below the range)
  const start = Math.max(0, Math.min(hi, hint ?? 0));
  if (start < hi) {
    if (await check(start)) {
      hi = start;
      for (let step = 1; hi - step > lo; step *= 2) {
        const k = hi - step;
        if (await check(k)) hi = k;
        else {
          lo = k;
          break;
        }
      }
    } else {
      lo = start;
      for (let step = 1; lo + step < hi; step *= 2) {
        const k = lo + step;
        if (await check(k)) {
          hi = k;
          break;
        }
        lo = k;
      }
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await check(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
