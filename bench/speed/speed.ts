/**
 * The speed bench: microseconds per epoch and time to a target loss for each
 * engine on problems from XOR up to matrix-bound sizes, all in one process.
 *
 * @module
 */

import {
  type Dataset,
  initModel,
  loadDataset,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
  type TrainResult,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { brainMismatch, timeBrain, trainBrain } from "../harness/brain.ts";
import { teacherDataset } from "./data.ts";
import { trainFusedXor } from "./fused.ts";
import { summarize, type Summary } from "../harness/stats.ts";

/** Engines the speed bench times. */
export type SpeedEngine =
  | "manual-f64"
  | "manual-f32"
  | "fused-limit"
  | "brain.js"
  | "tfjs-cpu"
  | "tfjs-wasm"
  | "tfjs-node";

/** One problem: a config on a dataset, a loss to reach, the engines to time. */
export interface SpeedProblem {
  /** Short name. */
  name: string;
  /** What it is, in words. */
  description: string;
  /** The config (float64; `manual-f32` switches dtype). */
  config: ResolvedConfig;
  /** The data. */
  data: Dataset;
  /** Loss whose crossing ends a time-to-target run. */
  target: number;
  /** Engines timed on it. */
  engines: SpeedEngine[];
  /** Flops per epoch: 6 · rows · Σ fan-in · fan-out (forward + backward). */
  flopsPerEpoch: number;
  /** Whether it is one of the large, matrix-bound problems. */
  matrixBound: boolean;
}

const TFJS_ENGINES: SpeedEngine[] = ["tfjs-cpu", "tfjs-wasm", "tfjs-node"];

/** 6 · rows · Σ fan-in · fan-out for the network `config` builds on `data`. */
export function flopsPerEpoch(config: ResolvedConfig, data: Dataset): number {
  const sizes = [data.inputSize, ...config.hidden, data.outputSize];
  let weights = 0;
  for (let l = 0; l + 1 < sizes.length; l++) weights += sizes[l] * sizes[l + 1];
  return 6 * data.rows * weights;
}

function problem(
  name: string,
  description: string,
  fields: TrainConfig,
  data: Dataset,
  target: number,
  engines: SpeedEngine[],
  matrixBound = false,
): SpeedProblem {
  const config = resolveConfig({ ...fields, dataset: fields.dataset ?? data.name });
  return {
    name,
    description,
    config,
    data,
    target,
    engines,
    flopsPerEpoch: flopsPerEpoch(config, data),
    matrixBound,
  };
}

/** The problems of the full run (`quick`: without the 4 096-row one). */
export function speedProblems(quick: boolean): SpeedProblem[] {
  const xor = loadDataset("xor");
  const problems = [
    problem(
      "xor",
      "XOR, 2-3-1 sigmoid, no biases, full-batch SGD 0.5 on ½·SSE (`seed` preset)",
      { preset: "seed", epochs: 100_000 },
      xor,
      0.05,
      ["manual-f64", "manual-f32", "fused-limit", ...TFJS_ENGINES],
    ),
    problem(
      "xor-per-pattern",
      "XOR, 2-3-1 sigmoid with biases, SGD 0.5 one row at a time in order (brain.js's scheme)",
      {
        preset: "seed",
        useBias: true,
        init: "uniform:0.2",
        batchSize: 1,
        shuffle: false,
        epochs: 100_000,
      },
      xor,
      0.05,
      ["manual-f64", "manual-f32", "brain.js"],
    ),
    problem(
      "parity:8",
      "8-bit parity (256 rows), 8-16-1 tanh/sigmoid, Adam 0.05, BCE, full batch",
      { preset: "default", dataset: "parity:8", hidden: [16], epochs: 20_000 },
      loadDataset("parity:8"),
      0.05,
      ["manual-f64", "manual-f32", ...TFJS_ENGINES],
    ),
    problem(
      "mlp-1k",
      "1 024 rows × 16 inputs (seeded teacher), 16-64-64-1 tanh/sigmoid, Adam 0.01, BCE, full batch",
      { preset: "default", hidden: [64, 64], learningRate: 0.01, epochs: 2000 },
      teacherDataset(1024, 16, 1),
      0.05,
      ["manual-f64", "manual-f32", ...TFJS_ENGINES],
      true,
    ),
  ];
  if (!quick) {
    problems.push(problem(
      "mlp-4k",
      "4 096 rows × 64 inputs (seeded teacher), 64-256-1 tanh/sigmoid, Adam 0.01, BCE, full batch",
      { preset: "default", hidden: [256], learningRate: 0.01, epochs: 2000 },
      teacherDataset(4096, 64, 2),
      0.05,
      ["manual-f64", "manual-f32", ...TFJS_ENGINES],
      true,
    ));
  }
  return problems;
}

/** A speed problem for a config given on the command line. */
export function customSpeedProblem(
  config: ResolvedConfig,
  data: Dataset,
  target: number,
): SpeedProblem {
  const engines: SpeedEngine[] = ["manual-f64", "manual-f32", ...TFJS_ENGINES];
  if (brainMismatch(config) === null) engines.push("brain.js");
  return {
    name: "custom",
    description: "the configuration given on the command line",
    config,
    data,
    target,
    engines,
    flopsPerEpoch: flopsPerEpoch(config, data),
    matrixBound: false,
  };
}

/** Time to target of one engine on one problem. */
export interface TimeToTarget {
  /** Wall-clock ms of each run. */
  ms: Summary;
  /** Runs made. */
  runs: number;
  /** Epochs the run took (deterministic: the same every run). */
  epochs: number;
  /** Whether the target was reached before the problem's epoch cap. */
  reached: boolean;
  /**
   * True when the run was not made because it would take too long: `ms` is
   * then epochs-to-target of the hand-written engine × this engine's time per epoch.
   */
  estimated: boolean;
}

/** One engine on one problem. */
export interface SpeedRow {
  /** The problem's name. */
  problem: string;
  /** The engine. */
  engine: SpeedEngine;
  /** False when the engine could not run; see `reason`. */
  available: boolean;
  /** Why it is absent, when it is. */
  reason?: string;
  /** µs per epoch over the timed repetitions. */
  usPerEpoch?: Summary;
  /** Epochs per timed repetition. */
  epochsPerRep?: number;
  /** GFLOP/s at the median time (6 · rows · Σ fan-in · fan-out per epoch). */
  gflops?: number;
  /** Time to the problem's target loss. */
  timeToTarget?: TimeToTarget;
  /**
   * When the row was measured in several processes (see `measureSpeedInProcesses`):
   * each one's median µs per epoch, in the order measured. The row itself is that
   * of the process with the middle median.
   */
  processMedians?: number[];
}

/** How long to measure. */
export interface SpeedBudget {
  /** Timed repetitions. */
  reps: number;
  /** Aim of each repetition, ms. */
  repMs: number;
  /** Warm-up, ms (at least one run). */
  warmMs: number;
  /** Time-to-target runs longer than this (estimated) are estimated, not run. */
  targetLimitMs: number;
  /** Repeat a time-to-target run (up to 3 times) while the total stays below this. */
  targetRepeatMs: number;
}

/** The budgets of a full and a quick run. */
export const BUDGETS: { readonly full: SpeedBudget; readonly quick: SpeedBudget } = {
  full: { reps: 7, repMs: 300, warmMs: 500, targetLimitMs: 60_000, targetRepeatMs: 3_000 },
  quick: { reps: 3, repMs: 40, warmMs: 60, targetLimitMs: 1_000, targetRepeatMs: 300 },
};

type Runner = (config: ResolvedConfig, data: Dataset) => Promise<TrainResult>;

interface TfjsModule {
  trainTfjs: typeof import("@backprop/tfjs").trainTfjs;
  loadBackend: typeof import("@backprop/tfjs").loadBackend;
}

let tfjsModule: Promise<TfjsModule> | undefined;
const backendStatus = new Map<string, Promise<string | null>>();

/** Why a TF.js backend cannot run here, or null when it can. */
export function tfjsBackendProblem(backend: "cpu" | "wasm" | "tensorflow"): Promise<string | null> {
  let status = backendStatus.get(backend);
  if (status === undefined) {
    status = (async () => {
      try {
        tfjsModule ??= import("@backprop/tfjs");
        const tfjs = await tfjsModule;
        await tfjs.loadBackend(backend);
        // Leave cpu active so that a later failure cannot strand TF.js on a broken backend.
        await tfjs.loadBackend("cpu");
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })();
    backendStatus.set(backend, status);
  }
  return status;
}

async function runnerOf(engine: SpeedEngine): Promise<Runner | string> {
  switch (engine) {
    case "manual-f64":
      return (config, data) => Promise.resolve(trainManual({ ...config, dtype: "float64" }, data));
    case "manual-f32":
      return (config, data) => Promise.resolve(trainManual({ ...config, dtype: "float32" }, data));
    case "fused-limit":
      return (config, data) => {
        const r = trainFusedXor(
          initModel(config, data.inputSize, data.outputSize),
          data,
          config.learningRate,
          config.epochs,
          config.targetLoss,
        );
        return Promise.resolve({
          epochsRun: r.epochsRun,
          finalLoss: r.finalLoss,
          lossHistory: r.lossHistory,
          stoppedBecause: r.finalLoss < config.targetLoss ? "target-loss" : "epochs",
          model: initModel(config, data.inputSize, data.outputSize),
          timing: { trainMs: 0, usPerEpoch: 0 },
        });
      };
    case "brain.js":
      return (config, data) => Promise.resolve(trainBrain(config, data));
    case "tfjs-cpu":
    case "tfjs-wasm":
    case "tfjs-node": {
      const backend = engine === "tfjs-cpu"
        ? "cpu"
        : engine === "tfjs-wasm"
        ? "wasm"
        : "tensorflow";
      const problem = await tfjsBackendProblem(backend);
      if (problem !== null) return problem;
      const { trainTfjs } = await tfjsModule!;
      return (config, data) => trainTfjs(config, data, { backend });
    }
  }
}

/** Wall-clock ms of one run of `epochs` epochs that never stops early. */
async function timeRun(
  engine: SpeedEngine,
  run: Runner,
  config: ResolvedConfig,
  data: Dataset,
  epochs: number,
): Promise<number> {
  const c = { ...config, epochs, targetLoss: 0 };
  if (engine === "brain.js") return timeBrain(c, data, epochs);
  const t0 = performance.now();
  await run(c, data);
  return performance.now() - t0;
}

/**
 * Times one engine on one problem: a warm-up of growing runs until one takes
 * about a quarter of `warmMs` (and at least `warmMs` in all), then `reps`
 * runs of the epochs that take about `repMs`, each without early stopping;
 * then time to target (see {@linkcode TimeToTarget}). `manualEpochs` is the
 * hand-written engine's epochs to target, for the estimate.
 */
export async function measureSpeed(
  problem: SpeedProblem,
  engine: SpeedEngine,
  budget: SpeedBudget,
  manualEpochs: number | null,
): Promise<SpeedRow> {
  const run = await runnerOf(engine);
  if (typeof run === "string") {
    return { problem: problem.name, engine, available: false, reason: run };
  }
  const { config, data } = problem;
  // Warm-up and calibration.
  let epochs = 1;
  let spent = 0;
  let perEpoch = 0;
  for (;;) {
    const ms = await timeRun(engine, run, config, data, epochs);
    spent += ms;
    perEpoch = ms / epochs;
    if (ms >= budget.warmMs / 4 && spent >= budget.warmMs) break;
    if (ms >= budget.warmMs / 4) continue; // long enough: repeat until warm
    epochs = Math.min(
      epochs * 4,
      Math.max(1, Math.ceil(budget.warmMs / 4 / Math.max(perEpoch, 1e-6))),
    );
  }
  const epochsPerRep = Math.max(1, Math.round(budget.repMs / perEpoch));
  const times: number[] = [];
  for (let r = 0; r < budget.reps; r++) {
    times.push((await timeRun(engine, run, config, data, epochsPerRep)) * 1000 / epochsPerRep);
  }
  const usPerEpoch = summarize(times);
  const row: SpeedRow = {
    problem: problem.name,
    engine,
    available: true,
    usPerEpoch,
    epochsPerRep,
    gflops: problem.flopsPerEpoch / (usPerEpoch.median * 1e3),
  };
  row.timeToTarget = await timeToTarget(
    problem,
    engine === "manual-f64",
    run,
    usPerEpoch.median,
    budget,
    manualEpochs,
  );
  return row;
}

async function timeToTarget(
  problem: SpeedProblem,
  reference: boolean,
  run: Runner,
  usPerEpoch: number,
  budget: SpeedBudget,
  manualEpochs: number | null,
): Promise<TimeToTarget> {
  const config = { ...problem.config, targetLoss: problem.target };
  const guessEpochs = manualEpochs ?? config.epochs;
  const guessMs = (guessEpochs * usPerEpoch) / 1000;
  // The hand-written engine always runs: its epochs are the others' estimate.
  if (!reference && guessMs > budget.targetLimitMs) {
    return {
      ms: summarize([guessMs]),
      runs: 0,
      epochs: guessEpochs,
      reached: manualEpochs !== null,
      estimated: true,
    };
  }
  const ms: number[] = [];
  let result: TrainResult | undefined;
  while (ms.length < 3) {
    const t0 = performance.now();
    result = await run(config, problem.data);
    ms.push(performance.now() - t0);
    const total = ms.reduce((a, b) => a + b, 0);
    if (total + ms[ms.length - 1] > budget.targetRepeatMs) break;
  }
  return {
    ms: summarize(ms),
    runs: ms.length,
    epochs: result!.epochsRun,
    reached: result!.stoppedBecause === "target-loss",
    estimated: false,
  };
}
