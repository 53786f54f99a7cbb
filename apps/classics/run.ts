/**
 * One training run of the classics suite. A run trains until the strictest criterion is met or the sweep cap is
 * reached, and reports, for every criterion, the sweep at which it was first
 * met (read from the loss of each sweep), the final outputs and when the loss
 * reached its last plateau. Runs are pure functions of their task, so the pool
 * (`pool.ts`) and the in-thread runner give the same numbers.
 *
 * @module
 */

import {
  type Dataset,
  loadNamedDataset,
  type ModelWeights,
  predictFlat,
  type ResolvedConfig,
  type StopReason,
  type TrainResult,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { firstBelow, plateauEpoch } from "./stats.ts";

/** The engines the suite compares. */
export type ClassicsEngine = "manual" | "tfjs";

/** One run to do. */
export interface ClassicsTask {
  /** Which engine trains (TF.js on its cpu backend). */
  engine: ClassicsEngine;
  /** The run's config; `epochs` is the sweep cap and `targetLoss` the strictest threshold. */
  config: ResolvedConfig;
  /** Loss thresholds (the config's loss, `sse`: E = ½·Σ(t − o)²), one per criterion. */
  thresholds: number[];
  /** Start from these weights instead of the config's (continuing a stuck run). */
  initialModel?: ModelWeights;
}

/** What one run gave. */
export interface ClassicsRun {
  /** The engine. */
  engine: ClassicsEngine;
  /** The seed (config.seed). */
  seed: number;
  /** Sweeps trained. */
  epochsRun: number;
  /** Why the run stopped. */
  stoppedBecause: StopReason;
  /** Loss of the last sweep. */
  finalLoss: number;
  /** Per threshold: the first sweep whose loss was below it, or null. */
  crossings: (number | null)[];
  /** The outputs of the final weights for every row, in row order (core's float64 forward pass). */
  outputs: number[];
  /** The sweep from which the loss stayed within 1 % of its final value. */
  plateau: number;
  /** The final weights. */
  model: ModelWeights;
  /** Wall-clock milliseconds. */
  ms: number;
}

const datasets = new Map<string, Dataset>();

/** The named dataset of a config, loaded once per thread. */
function datasetOf(name: string): Dataset {
  let data = datasets.get(name);
  if (data === undefined) {
    data = loadNamedDataset(name);
    datasets.set(name, data);
  }
  return data;
}

/**
 * Trains one task and measures it. The run stops at `config.targetLoss` (set it
 * to the smallest threshold) or after `config.epochs` sweeps.
 */
export async function runClassicsTask(task: ClassicsTask): Promise<ClassicsRun> {
  const t0 = performance.now();
  const { config } = task;
  const data = datasetOf(config.dataset);
  const options = task.initialModel === undefined ? {} : { initialModel: task.initialModel };
  let result: TrainResult;
  if (task.engine === "manual") {
    result = trainManual(config, data, options);
  } else {
    const { trainTfjs } = await import("@backprop/tfjs");
    result = await trainTfjs(config, data, { ...options, backend: "cpu" });
  }
  return {
    engine: task.engine,
    seed: config.seed,
    epochsRun: result.epochsRun,
    stoppedBecause: result.stoppedBecause,
    finalLoss: result.finalLoss,
    crossings: firstBelow(result.lossHistory, task.thresholds),
    outputs: Array.from(predictFlat(result.model, data.inputs, data.rows)),
    plateau: plateauEpoch(result.lossHistory),
    model: result.model,
    ms: performance.now() - t0,
  };
}
