/**
 * The classics suite: Rumelhart, Hinton & Williams' 1986 backpropagation
 * results (PDP vol. 1, ch. 8) rerun over many seeds with both engines, so that
 * each published single run can be placed within the distribution it came
 * from. `deno task classics` runs it (see `main.ts`).
 *
 * What was published (each figure is one run, not a mean; momentum "about 0.9"
 * in most simulations, initial weights "small random"):
 * - XOR on a 2-1-1 network with direct input-to-output connections: solved
 *   after 558 sweeps at learning rate 0.5;
 * - XOR on 2-2-1: in hundreds of runs, twice stuck in a local minimum (two
 *   patterns right, the output for the other two at 0.5), reached after 6 587
 *   presentations at learning rate 0.25; at 0.5 or above it escaped;
 * - 4-bit parity on 4-4-1: solved after 2 825 presentations of each pattern at
 *   learning rate 0.5;
 * - Chauvin's study, reported there: at learning rate 0.25 and a criterion of
 *   0.01 error per pattern, presentations to solve fall with the number of
 *   hidden units H roughly as P = 280 − 33·log2 H (H from 2 to 32). The task is
 *   taken to be XOR (2-H-1), the problem of the section it is reported in; the
 *   chapter's text could not be checked here, so that is an assumption.
 *
 * What they did not say, and what is chosen here (and varied):
 * - units: sigmoid, every hidden and output unit with a bias;
 * - E = ½·Σ(t − o)² summed over patterns (their E, our `sse`), momentum
 *   μ = 0.9 (our `momentum`: v ← μv + g, θ ← θ − ηv, which is their
 *   Δw(t) = −η·∂E/∂w + α·Δw(t−1));
 * - when weights change: after every sweep (their "accumulated" gradient, the
 *   primary setting) or after every pattern in a fixed order (`batchSize: 1,
 *   shuffle: false`);
 * - initial weights and biases from U(−R, R), R ∈ {0.3, 0.5, 1} (primary 0.5:
 *   the PDP software's default range of width 1);
 * - the criterion: the mean error per pattern E/P = ½·Σ(t − o)² / P of a sweep
 *   below 0.01 (primary: Chauvin's "0.01 error per pattern" in their notation
 *   E_p = ½·Σ_j(t_j − o_j)²), also 0.04 (looser) and 0.005 (stricter, about
 *   every output within 0.1 of its target). A sweep's error is summed as the
 *   sweep presents the patterns, as their programs did, so "sweeps to solve"
 *   counts the sweep in which the error first fell below the criterion;
 * - a run that has not met the criterion after a cap of sweeps (20 000 for
 *   XOR, 50 000 for parity) failed.
 *
 * @module
 */

import {
  loadNamedDataset,
  type ModelWeights,
  resolveConfig,
  type ResolvedConfig,
} from "@backprop/core";
import type { ClassicsEngine, ClassicsRun, ClassicsTask } from "./run.ts";
import { type OnRunDone, runClassicsTasks } from "./pool.ts";
import {
  isRhwMinimum,
  type PercentileRank,
  percentileRank,
  ratePercent,
  signature,
} from "./stats.ts";
import { type Interval, summarize, type Summary } from "@backprop/bench/harness";

/** When the weights change: after each sweep through the patterns, or after each pattern. */
export type UpdateMode = "sweep" | "pattern";

/** One choice of the settings the paper leaves open. */
export interface Setting {
  /** When the weights change. */
  update: UpdateMode;
  /** Initial weights and biases from U(−range, range). */
  range: number;
}

/** Every setting the suite runs; the first of them with `range` 0.5 and sweeps is primary. */
export const SETTINGS: readonly Setting[] = [
  { update: "sweep", range: 0.3 },
  { update: "sweep", range: 0.5 },
  { update: "sweep", range: 1 },
  { update: "pattern", range: 0.3 },
  { update: "pattern", range: 0.5 },
  { update: "pattern", range: 1 },
];

/** The primary setting: weights changed after each sweep, initial range ±0.5. */
export const PRIMARY_SETTING: Setting = SETTINGS[1];

/**
 * The criteria: the mean error per pattern of a sweep, E/P with E = ½·Σ(t − o)²,
 * below each of these. The primary one is {@linkcode PRIMARY_CRITERION}.
 */
export const CRITERIA: readonly number[] = [0.04, 0.01, 0.005];

/** Index in {@linkcode CRITERIA} of the primary criterion, 0.01 per pattern. */
export const PRIMARY_CRITERION = 1;

/** What the paper reports for a network. */
export type Published =
  | { kind: "sweeps"; sweeps: number; text: string }
  | { kind: "local-minimum"; runs: number; of: string; sweeps: number; text: string }
  | { kind: "escapes"; text: string };

/** One network and learning rate with its published figure. */
export interface Variant {
  /** Short unique name, also used in file names. */
  id: string;
  /** The network, as a person reads it, e.g. `2-1-1 + direct connections`. */
  label: string;
  /** Dataset name (`xor`, `parity:4`). */
  dataset: string;
  /** Hidden layer sizes. */
  hidden: number[];
  /** Direct input-to-output connections. */
  shortcut: boolean;
  /** Learning rate η. */
  learningRate: number;
  /** What was published. */
  published: Published;
}

/** A group of variants shown together, with its caps. */
export interface Experiment {
  /** Short name. */
  id: string;
  /** Title in the report. */
  title: string;
  /** The variants. */
  variants: Variant[];
  /** Most sweeps of a run of the hand-written engine. */
  maxEpochs: number;
  /** TF.js: how many seeds (0 … seeds − 1) of the primary setting, and its sweep cap. */
  tfjs: { seeds: number; maxEpochs: number };
}

/** Chauvin's line as reported: presentations to solve against log2 of the hidden units. */
export function chauvinLine(hidden: number): number {
  return 280 - 33 * Math.log2(hidden);
}

/** The hidden-layer sizes of Chauvin's study as rerun here. */
export const CHAUVIN_HIDDEN: readonly number[] = [2, 4, 8, 16, 32];

/** The experiments, in report order. */
export const EXPERIMENTS: readonly Experiment[] = [
  {
    id: "xor-2-1-1",
    title: "XOR on 2-1-1 with direct input-to-output connections",
    variants: [{
      id: "xor-2-1-1",
      label: "2-1-1 + direct connections, η = 0.5",
      dataset: "xor",
      hidden: [1],
      shortcut: true,
      learningRate: 0.5,
      published: { kind: "sweeps", sweeps: 558, text: "solved after 558 sweeps" },
    }],
    maxEpochs: 20_000,
    tfjs: { seeds: 20, maxEpochs: 20_000 },
  },
  {
    id: "xor-2-2-1",
    title: "XOR on 2-2-1: the local minimum",
    variants: [
      {
        id: "xor-2-2-1-lr0.25",
        label: "2-2-1, η = 0.25",
        dataset: "xor",
        hidden: [2],
        shortcut: false,
        learningRate: 0.25,
        published: {
          kind: "local-minimum",
          runs: 2,
          of: "hundreds",
          sweeps: 6587,
          text: "stuck twice in hundreds of runs (two patterns right, two at 0.5), " +
            "reached after 6 587 presentations",
        },
      },
      {
        id: "xor-2-2-1-lr0.5",
        label: "2-2-1, η = 0.5",
        dataset: "xor",
        hidden: [2],
        shortcut: false,
        learningRate: 0.5,
        published: { kind: "escapes", text: "with η ≥ 0.5 it escaped" },
      },
    ],
    maxEpochs: 20_000,
    tfjs: { seeds: 20, maxEpochs: 20_000 },
  },
  {
    id: "parity-4-4-1",
    title: "4-bit parity on 4-4-1",
    variants: [{
      id: "parity-4-4-1",
      label: "4-4-1, η = 0.5",
      dataset: "parity:4",
      hidden: [4],
      shortcut: false,
      learningRate: 0.5,
      published: {
        kind: "sweeps",
        sweeps: 2825,
        text: "solved after 2 825 presentations of each pattern",
      },
    }],
    maxEpochs: 50_000,
    tfjs: { seeds: 6, maxEpochs: 10_000 },
  },
  {
    id: "chauvin",
    title: "Chauvin: sweeps to solve XOR against the number of hidden units",
    variants: CHAUVIN_HIDDEN.map((h) => ({
      id: `chauvin-h${h}`,
      label: `2-${h}-1, η = 0.25 (Chauvin)`,
      dataset: "xor",
      hidden: [h],
      shortcut: false,
      learningRate: 0.25,
      published: {
        kind: "sweeps" as const,
        sweeps: chauvinLine(h),
        text: `P = 280 − 33·log2 ${h} = ${Number(chauvinLine(h).toFixed(1))}`,
      },
    })),
    maxEpochs: 20_000,
    tfjs: { seeds: 8, maxEpochs: 5_000 },
  },
];

/** A setting as a short label: `sweep, ±0.5`. */
export function settingLabel(setting: Setting): string {
  return `${setting.update === "sweep" ? "per sweep" : "per pattern"}, ±${setting.range}`;
}

/** Whether two settings are the same. */
export function sameSetting(a: Setting, b: Setting): boolean {
  return a.update === b.update && a.range === b.range;
}

/** The config of one run: the variant, the setting, the seed, the sweep cap. */
export function classicsConfig(
  variant: Variant,
  setting: Setting,
  seed: number,
  maxEpochs: number,
  rows: number,
): ResolvedConfig {
  return resolveConfig({
    preset: "seed",
    dataset: variant.dataset,
    hidden: variant.hidden,
    activation: "sigmoid",
    outputActivation: "sigmoid",
    loss: "sse",
    optimizer: "momentum",
    momentum: 0.9,
    learningRate: variant.learningRate,
    useBias: true,
    shortcut: variant.shortcut,
    init: `uniform:${setting.range}`,
    batchSize: setting.update === "sweep" ? "full" : 1,
    shuffle: false,
    seed,
    epochs: maxEpochs,
    targetLoss: Math.min(...thresholdsFor(rows)),
    dtype: "float64",
  });
}

/** The loss (E = ½·Σ(t − o)², summed over the patterns) of each criterion for `rows` patterns. */
export function thresholdsFor(rows: number): number[] {
  return CRITERIA.map((perPattern) => perPattern * rows);
}

/** How the suite runs. */
export interface ClassicsOptions {
  /** Seeds 0 … seeds − 1 of every variant and setting on the hand-written engine. */
  seeds: number;
  /** Override of every experiment's TF.js seeds (0 for none). */
  tfjsSeeds?: number;
  /** Override of every experiment's sweep cap (both engines; for quick runs). */
  maxEpochs?: number;
  /** Override of every experiment's TF.js sweep cap. */
  tfjsMaxEpochs?: number;
  /** Web Workers (0: run in this thread). */
  workers: number;
  /** Only these experiments (by id); all when absent. */
  only?: readonly string[];
  /** Progress callback. */
  onDone?: OnRunDone;
}

/** The runs of one variant in one setting on one engine, seeds 0 … n − 1. */
export interface Group {
  /** The variant's id. */
  variant: string;
  /** The setting. */
  setting: Setting;
  /** The engine. */
  engine: ClassicsEngine;
  /** The sweep cap. */
  maxEpochs: number;
  /** The runs, seed by seed. */
  runs: ClassicsRun[];
}

/** Stuck runs continued with a larger learning rate: did they escape? */
export interface EscapeResult {
  /** The setting of the stuck runs. */
  setting: Setting;
  /** The learning rate they continued with. */
  learningRate: number;
  /** Sweeps of the continuation. */
  sweeps: number;
  /** The seeds continued (runs that ended in the local minimum at η = 0.25). */
  seeds: number[];
  /** Per seed, the sweep of the continuation that met the primary criterion, or null. */
  solvedAfter: (number | null)[];
}

/** Everything the suite measured. */
export interface ClassicsResults {
  /** The options it ran with (without the callback). */
  options: Omit<ClassicsOptions, "onDone">;
  /** The experiments as run (caps after overrides). */
  experiments: Experiment[];
  /** Every group of runs. */
  groups: Group[];
  /** The continuations of the stuck η = 0.25 runs. */
  escapes: EscapeResult[];
  /** Wall-clock seconds. */
  seconds: number;
  /** Runs done, per engine. */
  runs: { manual: number; tfjs: number };
}

/** The learning rates stuck runs are continued with. */
export const ESCAPE_RATES: readonly number[] = [0.5, 1];

/** The variant that the escape test continues. */
const STUCK_VARIANT = "xor-2-2-1-lr0.25";

/**
 * Runs the suite: every variant × setting × seed on the hand-written engine, the
 * primary setting's first seeds on TF.js, then the runs stuck in the local
 * minimum at η = 0.25 continued at larger learning rates. All on a pool of Web
 * Workers, TF.js's slow runs first.
 */
export async function runClassics(options: ClassicsOptions): Promise<ClassicsResults> {
  const t0 = performance.now();
  const experiments = EXPERIMENTS.filter((e) => !options.only || options.only.includes(e.id))
    .map((e) => ({
      ...e,
      maxEpochs: options.maxEpochs ?? e.maxEpochs,
      tfjs: {
        seeds: options.tfjsSeeds ?? Math.min(e.tfjs.seeds, options.seeds),
        maxEpochs: options.tfjsMaxEpochs ??
          Math.min(options.maxEpochs ?? Infinity, e.tfjs.maxEpochs),
      },
    }));
  const groups: Group[] = [];
  const tasks: { group: Group; task: ClassicsTask; cost: number }[] = [];
  for (const e of experiments) {
    for (const variant of e.variants) {
      const rows = loadNamedDataset(variant.dataset).rows;
      const plan = (engine: ClassicsEngine, setting: Setting, seeds: number, cap: number) => {
        const group: Group = { variant: variant.id, setting, engine, maxEpochs: cap, runs: [] };
        groups.push(group);
        const updates = setting.update === "sweep" ? 1 : rows;
        for (let seed = 0; seed < seeds; seed++) {
          const config = classicsConfig(variant, setting, seed, cap, rows);
          // Cost: the cap's updates (failures run to it), TF.js ~300 times slower a step.
          const cost = cap * updates * (engine === "tfjs" ? 300 : 1) * (1 + variant.hidden[0] / 8);
          tasks.push({ group, task: { engine, config, thresholds: thresholdsFor(rows) }, cost });
        }
      };
      for (const setting of SETTINGS) plan("manual", setting, options.seeds, e.maxEpochs);
      if (e.tfjs.seeds > 0) plan("tfjs", PRIMARY_SETTING, e.tfjs.seeds, e.tfjs.maxEpochs);
    }
  }
  const ordered = tasks.map((t, i) => ({ ...t, i })).sort((a, b) => b.cost - a.cost || a.i - b.i);
  const escapesPlanned = experiments.some((e) => e.variants.some((v) => v.id === STUCK_VARIANT));
  let offset = 0;
  let total = ordered.length;
  const onDone: OnRunDone = (done, _, run) => options.onDone?.(offset + done, total, run);
  const results = await runClassicsTasks(ordered.map((t) => t.task), options.workers, onDone);
  ordered.forEach((t, k) => t.group.runs[t.task.config.seed] = results[k]);

  // The local-minimum runs at η = 0.25, continued at larger learning rates.
  const escapes: EscapeResult[] = [];
  if (escapesPlanned) {
    const stuckExperiment = experiments.find((e) =>
      e.variants.some((v) => v.id === STUCK_VARIANT)
    )!;
    const variant = stuckExperiment.variants.find((v) => v.id === STUCK_VARIANT)!;
    const data = loadNamedDataset(variant.dataset);
    const sweeps = stuckExperiment.maxEpochs;
    const continued: { escape: EscapeResult; task: ClassicsTask }[] = [];
    for (const g of groups) {
      if (g.variant !== STUCK_VARIANT || g.engine !== "manual") continue;
      const stuck = g.runs.filter((r) =>
        r.crossings[PRIMARY_CRITERION] === null && isRhwMinimum(signature(r.outputs, data.targets))
      );
      for (const learningRate of ESCAPE_RATES) {
        const escape: EscapeResult = {
          setting: g.setting,
          learningRate,
          sweeps,
          seeds: stuck.map((r) => r.seed),
          solvedAfter: [],
        };
        escapes.push(escape);
        for (const r of stuck) {
          const config = {
            ...classicsConfig({ ...variant, learningRate }, g.setting, r.seed, sweeps, data.rows),
          };
          continued.push({
            escape,
            task: {
              engine: "manual",
              config,
              thresholds: thresholdsFor(data.rows),
              initialModel: r.model as ModelWeights,
            },
          });
        }
      }
    }
    offset = total;
    total += continued.length;
    const more = await runClassicsTasks(continued.map((c) => c.task), options.workers, onDone);
    continued.forEach((c, k) => c.escape.solvedAfter.push(more[k].crossings[PRIMARY_CRITERION]));
  }
  const { onDone: _, ...rest } = options;
  return {
    options: rest,
    experiments,
    groups,
    escapes,
    seconds: (performance.now() - t0) / 1000,
    runs: {
      manual: groups.filter((g) => g.engine === "manual").reduce((n, g) => n + g.runs.length, 0) +
        escapes.reduce((n, e) => n + e.seeds.length, 0),
      tfjs: groups.filter((g) => g.engine === "tfjs").reduce((n, g) => n + g.runs.length, 0),
    },
  };
}

// ------------------------------------------------------------ summaries

/** One group's figures under one criterion. */
export interface CriterionStats {
  /** Runs. */
  n: number;
  /** Runs that met the criterion within the cap. */
  solved: number;
  /** Failure rate in %, with its 95 % Wilson interval. */
  failure: Interval;
  /** Sweeps to meet the criterion, over the solved runs. */
  sweeps: Summary;
  /** The published figure's place among the solved runs' sweeps (sweeps figures only). */
  rank: PercentileRank | null;
}

/** The sweeps to meet criterion `c` of the solved runs of a group. */
export function sweepsOf(group: Group, c: number = PRIMARY_CRITERION): number[] {
  return group.runs.map((r) => r.crossings[c]).filter((s): s is number => s !== null);
}

/** A group's figures under criterion `c`, placing `published` (sweeps) if given. */
export function criterionStats(
  group: Group,
  c: number = PRIMARY_CRITERION,
  published: number | null = null,
): CriterionStats {
  const sweeps = sweepsOf(group, c);
  const n = group.runs.length;
  return {
    n,
    solved: sweeps.length,
    failure: ratePercent(n - sweeps.length, n),
    sweeps: summarize(sweeps),
    rank: published === null ? null : percentileRank(published, sweeps),
  };
}

/** The failures of a group under the primary criterion, by the signature of their final outputs. */
export interface FailureKind {
  /** The signature (see `signature` in stats.ts). */
  signature: string;
  /** Whether it is the paper's local minimum: two right, two at 0.5. */
  rhw: boolean;
  /** Seeds that ended so. */
  seeds: number[];
  /** Their final losses (E). */
  losses: number[];
  /** The sweep from which each one's loss stayed within 1 % of its final value. */
  plateaus: number[];
}

/** The failed runs of a group (primary criterion), grouped by signature, most frequent first. */
export function failureKinds(group: Group, targets: ArrayLike<number>): FailureKind[] {
  const kinds = new Map<string, FailureKind>();
  for (const r of group.runs) {
    if (r.crossings[PRIMARY_CRITERION] !== null) continue;
    const sig = signature(r.outputs, targets);
    let kind = kinds.get(sig);
    if (kind === undefined) {
      kind = { signature: sig, rhw: isRhwMinimum(sig), seeds: [], losses: [], plateaus: [] };
      kinds.set(sig, kind);
    }
    kind.seeds.push(r.seed);
    kind.losses.push(r.finalLoss);
    kind.plateaus.push(r.plateau);
  }
  return [...kinds.values()].sort((a, b) =>
    b.seeds.length - a.seeds.length || a.signature.localeCompare(b.signature)
  );
}

/** Seed-by-seed comparison of TF.js with the hand-written engine under TF.js's cap. */
export interface Agreement {
  /** Seeds compared. */
  seeds: number;
  /** The sweep cap of the comparison. */
  maxEpochs: number;
  /** Seeds on which both met the primary criterion within the cap, or both did not. */
  same: number;
  /** Seeds on which one did and the other did not. */
  differing: number[];
  /** Over the seeds both solved: the largest |Δ sweeps| … */
  maxGap: number;
  /** … and the median |Δ sweeps|. */
  medianGap: number;
  /** Seeds both solved within the cap. */
  bothSolved: number;
  /** Seeds both solved with exactly the same sweep count. */
  identical: number;
  /** TF.js's sweeps over its solved seeds, and the hand-written engine's over the same seeds. */
  tfjs: Summary;
  manual: Summary;
}

/**
 * Compares a TF.js group with the hand-written engine's runs of the same
 * variant, setting and seeds: a manual run counts as solved under TF.js's cap
 * when it met the criterion by then (training is deterministic, so a shorter
 * cap only truncates the same run).
 */
export function agreement(tfjs: Group, manual: Group): Agreement {
  const differing: number[] = [];
  const gaps: number[] = [];
  const tSweeps: number[] = [];
  const mSweeps: number[] = [];
  let identical = 0;
  for (const t of tfjs.runs) {
    const m = manual.runs[t.seed];
    const ts = t.crossings[PRIMARY_CRITERION];
    const raw = m.crossings[PRIMARY_CRITERION];
    const ms = raw !== null && raw <= tfjs.maxEpochs ? raw : null;
    if ((ts === null) !== (ms === null)) differing.push(t.seed);
    else if (ts !== null && ms !== null) {
      gaps.push(Math.abs(ts - ms));
      if (ts === ms) identical++;
    }
    if (ts !== null) tSweeps.push(ts);
    if (ms !== null) mSweeps.push(ms);
  }
  const gap = summarize(gaps);
  return {
    seeds: tfjs.runs.length,
    maxEpochs: tfjs.maxEpochs,
    same: tfjs.runs.length - differing.length,
    differing,
    bothSolved: gaps.length,
    maxGap: gaps.length === 0 ? NaN : gap.max,
    medianGap: gap.median,
    identical,
    tfjs: summarize(tSweeps),
    manual: summarize(mSweeps),
  };
}

/** The group of a variant, setting and engine, if it ran. */
export function findGroup(
  results: ClassicsResults,
  variant: string,
  setting: Setting,
  engine: ClassicsEngine = "manual",
): Group | undefined {
  return results.groups.find((g) =>
    g.variant === variant && g.engine === engine && sameSetting(g.setting, setting)
  );
}
