/**
 * The convergence bench: many seeds of each configuration on each engine,
 * summarised as success rates, epochs to target, final losses and seed-by-seed
 * agreement between the engines.
 *
 * @module
 */

import { resolveConfig, type ResolvedConfig, type TrainConfig } from "@backprop/core";
import type { Criterion } from "./criterion.ts";
import { brainMismatch } from "../harness/brain.ts";
import { type OnTaskDone, SeedPool } from "./pool.ts";
import { prepareConfig, type SeedImpl, type SeedResult, type SeedTask } from "./seed_run.ts";
import { REAL_CASES } from "../real/real.ts";
import { type Interval, summarize, type Summary, wilson } from "../harness/stats.ts";
import { type RunTimes, runTimes } from "../harness/survival.ts";

/** One configuration of the convergence bench. */
export interface ConvergenceCase {
  /** Short name for tables and file names. */
  name: string;
  /** What it is, in words. */
  description: string;
  /** Its fields (the seed is set per run). */
  config: TrainConfig;
}

function realConfig(name: string): TrainConfig {
  return REAL_CASES.find((c) => c.name === name)!.config;
}

/** The configurations the full bench runs. */
export const CONVERGENCE_CASES: readonly ConvergenceCase[] = [
  {
    name: "seed",
    description:
      "`seed` preset: the original program, 2-3-1 sigmoid, no biases, NumPy U(−1, 1), SGD 0.5 on ½·SSE, 10 000 epochs",
    config: { preset: "seed" },
  },
  {
    name: "default",
    description: "`default` preset: 2-8-1 tanh/sigmoid, Glorot, Adam 0.05, BCE, stop at 0.01",
    config: { preset: "default" },
  },
  {
    name: "2-2-1-sigmoid",
    description: "2-2-1 sigmoid with biases (the smallest XOR net), NumPy U(−1, 1), SGD 0.5, ½·SSE",
    config: { preset: "seed", hidden: [2], useBias: true },
  },
  {
    name: "tanh",
    description: "2-3-1, tanh hidden, sigmoid output, biases, NumPy U(−1, 1), SGD 0.5, ½·SSE",
    config: { preset: "seed", activation: "tanh", useBias: true },
  },
  {
    name: "adam",
    description: "2-3-1 sigmoid with biases, NumPy U(−1, 1), Adam 0.05, ½·SSE",
    config: { preset: "seed", optimizer: "adam", learningRate: 0.05, useBias: true },
  },
  {
    name: "per-pattern",
    description:
      "2-3-1 sigmoid with biases, U(−0.2, 0.2), SGD 0.5 one row at a time in order: brain.js's scheme",
    config: {
      preset: "seed",
      useBias: true,
      init: "uniform:0.2",
      batchSize: 1,
      shuffle: false,
    },
  },
  {
    name: "mini-batch",
    description: "`default` preset with shuffled batches of 2 rows",
    config: { preset: "default", batchSize: 2 },
  },
  {
    name: "parity:3",
    description: "`default` preset on 3-bit parity (8 rows)",
    config: { preset: "default", dataset: "parity:3" },
  },
  {
    name: "parity:4",
    description: "`default` preset on 4-bit parity (16 rows)",
    config: { preset: "default", dataset: "parity:4" },
  },
  {
    name: "parity:5",
    description: "`default` preset with 16 hidden units on 5-bit parity (32 rows)",
    config: { preset: "default", dataset: "parity:5", hidden: [16] },
  },
  {
    name: "iris",
    description:
      "`default` preset + softmax/cce on iris (150 rows, 4-8-3, raw features), 5 000 epochs",
    config: {
      preset: "default",
      dataset: "iris",
      outputActivation: "softmax",
      loss: "cce",
      epochs: 5000,
    },
  },
  {
    name: "digits",
    description:
      "64-32-10 tanh/softmax on digits (1 797 rows), cce, Adam 0.01, batches of 64, standardised, 40 epochs",
    // The real-data bench's digits net, trained on every row (no test split).
    // Its targetLoss 0 runs to the cap: a loss below 0.01 can leave a row misclassified.
    config: { ...realConfig("digits"), testSplit: 0, epochs: 40 },
  },
];

/** The subset `--quick` runs. */
export const QUICK_CASE_NAMES: readonly string[] = [
  "seed",
  "default",
  "per-pattern",
  "mini-batch",
  "parity:4",
];

/** How the convergence bench runs. */
export interface ConvergenceOptions {
  /** The configurations. */
  cases: readonly ConvergenceCase[];
  /** Seeds 0 … seeds − 1 for the hand-written engine (and brain.js). */
  seeds: number;
  /** Seeds 0 … tfjsSeeds − 1 for TF.js (capped: it is slow). */
  tfjsSeeds: number;
  /** Most epochs of any run. */
  maxEpochs: number;
  /** Most epochs of a TF.js run (its comparison runs of the other engines use the same cap). */
  tfjsMaxEpochs: number;
  /** The success criterion. */
  criterion: Criterion;
  /** Number of workers. */
  workers: number;
  /** Skip TF.js altogether. */
  noTfjs?: boolean;
  /** Progress callback. */
  onDone?: OnTaskDone;
}

/** Success rate, epochs to target and final loss of one engine on one configuration. */
export interface EngineStats {
  /** The engine. */
  impl: SeedImpl;
  /** Most epochs its runs had. */
  maxEpochs: number;
  /** Runs (seeds). */
  runs: number;
  /** Runs that met the criterion. */
  successes: number;
  /** Success rate with its 95 % Wilson interval. */
  rate: Interval;
  /** Epochs to target over the successful runs only (see {@linkcode times} for all runs). */
  epochsToTarget: Summary;
  /** Epochs to first meeting the criterion and to staying solved, over all runs (censored). */
  times: RunTimes;
  /** Final loss over all runs (diverged runs excluded). */
  finalLoss: Summary;
  /** Runs whose loss became non-finite. */
  diverged: number;
  /** Median wall-clock ms per seed, every epoch's check included. */
  msPerSeed: number;
}

/** Seed-by-seed comparison of an engine with the hand-written one under the same cap. */
export interface Agreement {
  /** The engine compared with `manual`. */
  impl: SeedImpl;
  /** Seeds compared. */
  seeds: number;
  /** Epoch cap of both. */
  maxEpochs: number;
  /** Seeds on which both succeeded or both failed. */
  same: number;
  /** Seeds on which they differ. */
  differing: number[];
  /** Median |Δ epochs to target| over seeds where both succeeded. */
  medianEpochGap: number;
  /** Largest |Δ epochs to target| over seeds where both succeeded. */
  maxEpochGap: number;
  /** Seeds where both succeeded (the gaps' n). */
  bothSolved: number;
}

/** Everything measured on one configuration. */
export interface CaseResult {
  /** The configuration's name. */
  name: string;
  /** Its description. */
  description: string;
  /** The resolved config (seed of the first run). */
  config: ResolvedConfig;
  /** Per engine; `manual` first. */
  engines: EngineStats[];
  /** Comparisons with `manual`, one per other engine. */
  agreement: Agreement[];
  /** The hand-written engine on TF.js's seeds under TF.js's cap (null without TF.js). */
  reference: EngineStats | null;
  /**
   * Loss curves of the first seed, per engine, each under its own epoch cap;
   * `every` (in the JSON, which keeps at most 250 points): losses[i] is epoch (i + 1) · every.
   */
  curves: { impl: SeedImpl; seed: number; maxEpochs: number; losses: number[]; every?: number }[];
  /** Epochs to target of every successful run of each engine (for histograms). */
  epochs: { impl: SeedImpl; maxEpochs: number; values: number[] }[];
  /** Why an engine was left out, per engine. */
  skipped: { impl: SeedImpl; reason: string }[];
  /** Every run, for the JSON. */
  runs: { impl: SeedImpl; maxEpochs: number; results: Omit<SeedResult, "history">[] }[];
}

interface Group {
  impl: SeedImpl;
  maxEpochs: number;
  seeds: number;
  keepFirst: boolean;
  tasks: SeedTask[];
  results: SeedResult[];
}

function groupTasks(
  impl: SeedImpl,
  base: ResolvedConfig,
  criterion: Criterion,
  seeds: number,
  maxEpochs: number,
  keepFirst: boolean,
): Group {
  const tasks: SeedTask[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    tasks.push({
      impl,
      config: prepareConfig({ ...base, seed }, criterion, maxEpochs),
      criterion,
      keepHistory: keepFirst && seed === 0,
    });
  }
  return {
    impl,
    maxEpochs: Math.min(base.epochs, maxEpochs),
    seeds,
    keepFirst,
    tasks,
    results: [],
  };
}

function engineStats(group: Group): EngineStats {
  const results = group.results;
  const successes = results.filter((r) => r.success);
  const finite = results.filter((r) => Number.isFinite(r.finalLoss));
  return {
    impl: group.impl,
    maxEpochs: group.maxEpochs,
    runs: results.length,
    successes: successes.length,
    rate: wilson(successes.length, results.length),
    epochsToTarget: summarize(successes.map((r) => r.epochsToTarget!)),
    times: runTimes(results, group.maxEpochs),
    finalLoss: summarize(finite.map((r) => r.finalLoss)),
    diverged: results.length - finite.length,
    msPerSeed: summarize(results.map((r) => r.ms)).median,
  };
}

function agreementOf(reference: Group, other: Group): Agreement {
  const differing: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < other.results.length; i++) {
    const a = reference.results[i];
    const b = other.results[i];
    if (a.success !== b.success) differing.push(b.seed);
    else if (a.success) gaps.push(Math.abs(a.epochsToTarget! - b.epochsToTarget!));
  }
  const gap = summarize(gaps);
  return {
    impl: other.impl,
    seeds: other.results.length,
    maxEpochs: other.maxEpochs,
    same: other.results.length - differing.length,
    differing,
    medianEpochGap: gap.median,
    maxEpochGap: gap.max,
    bothSolved: gaps.length,
  };
}

/**
 * Runs every case: first the hand-written engine and brain.js (where it
 * applies) on every seed, plus the hand-written engine under TF.js's caps when
 * those are tighter, then TF.js, each run judged on its own. All on a pool of
 * `workers` Web Workers.
 */
export async function runConvergence(options: ConvergenceOptions): Promise<CaseResult[]> {
  const { criterion } = options;
  const plans = options.cases.map((c) => {
    const base = resolveConfig(c.config);
    const capped = Math.min(options.maxEpochs, options.tfjsMaxEpochs);
    const manual = groupTasks("manual", base, criterion, options.seeds, options.maxEpochs, true);
    const needsCapped = Math.min(base.epochs, capped) < manual.maxEpochs ||
      options.tfjsSeeds > options.seeds;
    const manualCapped = options.noTfjs
      ? null
      : needsCapped
      ? groupTasks("manual", base, criterion, options.tfjsSeeds, capped, true)
      : null;
    const tfjs = options.noTfjs
      ? null
      : groupTasks("tfjs-cpu", base, criterion, options.tfjsSeeds, capped, true);
    const brainWhy = brainMismatch(base);
    const brain = brainWhy === null
      ? groupTasks("brain.js", base, criterion, options.seeds, options.maxEpochs, true)
      : null;
    return { c, base, manual, manualCapped, tfjs, brain, brainWhy };
  });

  const pool = new SeedPool(options.workers);
  try {
    const first = plans.flatMap((p) => [p.manual, p.manualCapped, p.brain]).filter(
      (g): g is Group => g !== null,
    );
    const firstTasks = first.flatMap((g) => g.tasks);
    const tfjsGroups = plans.map((p) => p.tfjs).filter((g): g is Group => g !== null);
    const total = firstTasks.length + tfjsGroups.reduce((n, g) => n + g.tasks.length, 0);
    let offset = 0;
    const onDone: OnTaskDone = (done, _, result) => options.onDone?.(offset + done, total, result);
    const firstResults = await pool.run(firstTasks, onDone);
    let at = 0;
    for (const g of first) {
      g.results = firstResults.slice(at, at + g.tasks.length);
      at += g.tasks.length;
    }
    offset = firstTasks.length;
    const tfjsResults = await pool.run(tfjsGroups.flatMap((g) => g.tasks), onDone);
    at = 0;
    for (const g of tfjsGroups) {
      g.results = tfjsResults.slice(at, at + g.tasks.length);
      at += g.tasks.length;
    }
  } finally {
    pool.close();
  }

  return plans.map((p): CaseResult => {
    const engines = [p.manual, p.tfjs, p.brain].filter((g): g is Group => g !== null);
    const reference = p.manualCapped ?? p.manual;
    const agreement: Agreement[] = [];
    if (p.tfjs) agreement.push(agreementOf(reference, p.tfjs));
    if (p.brain) agreement.push(agreementOf(p.manual, p.brain));
    const curves = [p.manual, p.tfjs, p.brain].filter((g): g is Group => g !== null).map((g) => {
      const run = g.results[0];
      return {
        impl: g.impl,
        seed: run.seed,
        maxEpochs: g.maxEpochs,
        losses: Array.from(run.history ?? []),
      };
    });
    const skipped: { impl: SeedImpl; reason: string }[] = [];
    if (p.brainWhy !== null) skipped.push({ impl: "brain.js", reason: p.brainWhy });
    if (options.noTfjs) skipped.push({ impl: "tfjs-cpu", reason: "--no-tfjs" });
    const all = [...engines, ...(p.manualCapped ? [p.manualCapped] : [])];
    return {
      name: p.c.name,
      description: p.c.description,
      config: { ...p.base, seed: 0 },
      engines: engines.map(engineStats),
      agreement,
      reference: p.tfjs === null ? null : engineStats({
        ...reference,
        maxEpochs: p.tfjs.maxEpochs,
        results: reference.results.slice(0, p.tfjs.results.length),
      }),
      curves,
      epochs: engines.map((g) => ({
        impl: g.impl,
        maxEpochs: g.maxEpochs,
        values: g.results.filter((r) => r.success).map((r) => r.epochsToTarget!),
      })),
      skipped,
      runs: all.map((g) => ({
        impl: g.impl,
        maxEpochs: g.maxEpochs,
        results: g.results.map(({ history: _, ...rest }) => rest),
      })),
    };
  });
}

/**
 * The rows of a case's table: its engines, with the hand-written engine under
 * TF.js's seeds and cap ({@linkcode CaseResult.reference}) right after TF.js,
 * so that TF.js sits beside the row it can be compared with.
 */
export function withReference(c: CaseResult): EngineStats[] {
  const rows: EngineStats[] = [];
  for (const e of c.engines) {
    rows.push(e);
    if (e.impl === "tfjs-cpu" && c.reference) rows.push(c.reference);
  }
  return rows;
}
