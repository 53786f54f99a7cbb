/**
 * The real-data rows of the bench: test accuracy over seeds on the shipped
 * datasets (iris, digits), for the hand-written engine and TF.js (cpu), and the
 * time each takes to train. Each seed splits the rows with its own seed
 * (`--test-split 0.2`), standardises by the training rows where the case says
 * so, trains, and scores the held-out rows (argmax of the outputs).
 *
 *     deno task bench:real                 # 20 seeds of each case, both engines
 *     deno task bench:real --seeds 5 --case digits
 *
 * @module
 */

import {
  evaluate,
  resolveConfig,
  type ResolvedConfig,
  splitDataset,
  standardizeSplit,
  type TrainConfig,
  type TrainResult,
} from "@backprop/core";
import { loadAnyDataset } from "@backprop/cli-kit";
import { trainManual } from "@backprop/manual";
import { markdownTable, summarize } from "../harness/mod.ts";

/** One real-data configuration and the test accuracy it aims at. */
export interface RealCase {
  /** Short name. */
  readonly name: string;
  /** What it is, in one line. */
  readonly description: string;
  /** The config fields over the `default` preset (seed set per run). */
  readonly config: TrainConfig;
  /** The median test accuracy it should reach. */
  readonly target: number;
}

/** The cases: iris with the default preset and softmax; digits with a wider net. */
export const REAL_CASES: readonly RealCase[] = [
  {
    name: "iris",
    description: "`default` preset + softmax/cce, test split 0.2",
    config: { dataset: "iris", outputActivation: "softmax", loss: "cce", testSplit: 0.2 },
    target: 0.93,
  },
  {
    name: "digits",
    description:
      "64-32-10 tanh/softmax, cce, Adam 0.01, batches of 64, 200 epochs, standardised, test split 0.2",
    config: {
      dataset: "digits",
      hidden: [32],
      outputActivation: "softmax",
      loss: "cce",
      learningRate: 0.01,
      batchSize: 64,
      epochs: 200,
      targetLoss: 0,
      standardize: true,
      testSplit: 0.2,
    },
    target: 0.95,
  },
];

/** The engines measured. */
export type RealImpl = "manual" | "tfjs-cpu";

/** One seed's outcome. */
export interface RealRun {
  /** Seed of the weights, the batch order and the split. */
  seed: number;
  /** Fraction of the test rows whose largest output is their class. */
  accuracy: number;
  /** Epochs trained. */
  epochs: number;
  /** Milliseconds of training (the engine's own timing, no data preparation). */
  trainMs: number;
}

/**
 * Trains case `c` with `impl` for seed `seed` and scores its test rows.
 *
 * @example
 * ```ts ignore
 * const run = await runReal(REAL_CASES[0], "manual", 0); // { accuracy: 0.9666…, … }
 * ```
 */
export async function runReal(c: RealCase, impl: RealImpl, seed: number): Promise<RealRun> {
  const config: ResolvedConfig = resolveConfig({ ...c.config, seed });
  const split = splitDataset(loadAnyDataset(config.dataset), config.testSplit, seed);
  const { train, test } = standardizeSplit(config, split.train, split.test);
  let result: TrainResult;
  if (impl === "manual") {
    result = trainManual(config, train, { testData: test! });
  } else {
    const { trainTfjs } = await import("@backprop/tfjs");
    result = await trainTfjs(config, train, { testData: test!, backend: "cpu" });
  }
  return {
    seed,
    accuracy: evaluate(result.model, test!, config.loss).accuracy!,
    epochs: result.epochsRun,
    trainMs: result.timing.trainMs,
  };
}

/** A case's runs on one engine, summarised. */
export interface RealRow {
  /** The case. */
  name: string;
  /** The engine. */
  impl: RealImpl;
  /** Every seed. */
  runs: RealRun[];
}

/**
 * The rows as a Markdown table: median (p10–p90) test accuracy against the target,
 * median epochs and training time, and each engine's time over the hand-written one's.
 */
export function realTable(rows: readonly RealRow[]): string {
  const manualMs = new Map(
    rows.filter((r) => r.impl === "manual").map((r) => [r.name, timeOf(r)]),
  );
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return markdownTable(
    [
      "case",
      "engine",
      "seeds",
      "test accuracy: median (p10–p90)",
      "target",
      "epochs",
      "train s",
      "× manual",
    ],
    rows.map((r) => {
      const acc = summarize(r.runs.map((x) => x.accuracy));
      const target = REAL_CASES.find((c) => c.name === r.name)?.target ?? NaN;
      return [
        r.name,
        r.impl,
        String(r.runs.length),
        `${pct(acc.median)} (${pct(acc.p10)}–${pct(acc.p90)})`,
        `≥ ${pct(target)} ${acc.median >= target ? "met" : "missed"}`,
        String(summarize(r.runs.map((x) => x.epochs)).median),
        (timeOf(r) / 1000).toFixed(2),
        (timeOf(r) / manualMs.get(r.name)!).toFixed(2),
      ];
    }),
    ["l", "l", "r", "r", "l", "r", "r", "r"],
  );
}

/** Median training time of a row, ms. */
function timeOf(row: RealRow): number {
  return summarize(row.runs.map((x) => x.trainMs)).median;
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    args: Deno.args,
    options: { seeds: { type: "string", default: "20" }, case: { type: "string" } },
  });
  const seeds = Number(values.seeds);
  const cases = REAL_CASES.filter((c) => values.case === undefined || c.name === values.case);
  if (!Number.isInteger(seeds) || seeds < 1 || cases.length === 0) {
    console.error(
      `error: --seeds: an integer ≥ 1; --case: one of ${REAL_CASES.map((c) => c.name).join(", ")}`,
    );
    Deno.exit(2);
  }
  const rows: RealRow[] = [];
  for (const c of cases) {
    for (const impl of ["manual", "tfjs-cpu"] as const) {
      const runs: RealRun[] = [];
      for (let seed = 0; seed < seeds; seed++) runs.push(await runReal(c, impl, seed));
      rows.push({ name: c.name, impl, runs });
    }
  }
  for (const c of cases) console.log(`- ${c.name}: ${c.description}`);
  console.log("\n" + realTable(rows));
}
