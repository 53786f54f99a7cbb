/**
 * The verify suite: a seeded sweep of random valid configs that the hand-written
 * engine must pass in full (no false alarms), and the catalogue of planted bugs
 * (`bugs.ts`) that must each fail, with the checks that caught them. Pure: the
 * entry point (`apps/cli/verify_sweep.ts`) writes the reports.
 *
 * @module
 */

import {
  CHOICES,
  type Dataset,
  loadNamedDataset,
  Mt19937,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
} from "@backprop/core";
import { type Bug, BUGS, referenceEngine } from "./bugs.ts";
import { type Engine, manualEngine } from "./engine.ts";
import { type Check, verifyEngine, type VerifyReport } from "./verify.ts";

/** The worst margin of one check (by kind: tensor names folded into `W`, `b`) over the sweep. */
export interface Margin {
  /** e.g. `gradient W (oracle)`. */
  check: string;
  /** Largest value / tolerance met (≤ 1 passes). */
  ratio: number;
  /** Its value and tolerance. */
  value: number;
  /** See `value`. */
  tolerance: number;
  /** Index of the config where it was met. */
  config: number;
  /** Configs where this check ran. */
  runs: number;
}

/** One config of the sweep that failed, or that met a kink. */
export interface SweepNote {
  /** Index in the sweep. */
  index: number;
  /** The config. */
  config: TrainConfig;
  /** Failed checks with their first failing step; empty for a kink only. */
  failed: string[];
  /** Kinks reported. */
  kinks: number;
}

/** What {@linkcode sweep} found. */
export interface SweepReport {
  /** Configs tried and passed. */
  tried: number;
  /** See `tried`. */
  passed: number;
  /** Steps and oracle comparisons over all configs. */
  steps: number;
  /** See `steps`. */
  compared: number;
  /** Every check kind's worst margin. */
  margins: Margin[];
  /** The configs that failed, and those with kinks. */
  notes: SweepNote[];
  /** How many configs of each kind (activation, output, loss, optimizer, dataset, …). */
  coverage: Record<string, Record<string, number>>;
}

/** The catch matrix: for each bug, the checks that failed and their first step. */
export interface CatchRow {
  /** The bug's id and title. */
  id: string;
  /** See `id`. */
  title: string;
  /** The config it was run on. */
  config: TrainConfig;
  /** Whether verify failed it (it must). */
  caught: boolean;
  /** Failed check name → first failing step. */
  caughtBy: Record<string, number>;
  /** Whether the unmodified reference engine passes the same config (it must). */
  referencePasses: boolean;
}

const pick = <T>(rng: Mt19937, values: readonly T[]): T =>
  values[Math.floor(rng.uniform(0, values.length))];

/**
 * `count` random valid configs from `seed`: every activation, output, loss and
 * optimizer, batch sizes, bias on/off, shortcut, datasets xor, parity:3 and circle,
 * 1 to 2000 epochs (log-uniform).
 *
 * @example
 * ```ts
 * import { randomConfigs } from "@backprop/verify/sweep";
 * randomConfigs(3, 1).length; // 3
 * ```
 */
export function randomConfigs(count: number, seed: number): TrainConfig[] {
  const rng = new Mt19937(seed);
  const out: TrainConfig[] = [];
  for (let i = 0; i < count; i++) {
    const dataset = pick(rng, ["xor", "parity:3", "circle"]);
    const rows = dataset === "xor" ? 4 : dataset === "parity:3" ? 8 : 0;
    const samples = dataset === "circle" ? pick(rng, [16, 24, 40]) : undefined;
    const total = rows || samples!;
    // The outputs and losses of the one-output datasets drawn here (softmax and cce need
    // classes: `deno task verify --dataset iris --output-activation softmax --loss cce`).
    const outputActivation = pick(rng, ["sigmoid", "linear"] as const);
    const loss = outputActivation === "sigmoid"
      ? pick(rng, ["mse", "sse", "bce"] as const)
      : pick(rng, ["mse", "sse"] as const);
    const optimizer = pick(rng, CHOICES.optimizer);
    const learningRate = optimizer === "sgd"
      ? pick(rng, [0.05, 0.1, 0.5, 1])
      : optimizer === "momentum"
      ? pick(rng, [0.01, 0.05, 0.1])
      : pick(rng, [0.005, 0.01, 0.05, 0.1]);
    const batch = pick(rng, ["full", 1, 2, 3, 5]);
    const config: TrainConfig = {
      dataset,
      ...(samples === undefined ? {} : { samples, noise: pick(rng, [0, 0.1]) }),
      hidden: pick(rng, [[2], [3], [4], [8], [3, 3], [4, 2], []]),
      activation: pick(rng, CHOICES.activation),
      outputActivation,
      loss,
      optimizer,
      learningRate,
      batchSize: batch === "full" || (batch as number) >= total ? "full" : batch as number,
      shuffle: rng.uniform(0, 1) < 0.8,
      seed: Math.floor(rng.uniform(0, 100000)),
      init: pick(rng, ["glorot-uniform", "he-uniform", "uniform:1", "numpy"] as const),
      useBias: rng.uniform(0, 1) < 0.7,
      shortcut: rng.uniform(0, 1) < 0.3,
      targetLoss: pick(rng, [0, 0, 0.01]),
      epochs: Math.max(1, Math.round(Math.exp(rng.uniform(0, Math.log(2000))))),
    };
    out.push(config);
  }
  return out;
}

/** The dataset a config names, generated as the CLI would. */
export function datasetOf(config: ResolvedConfig): Dataset {
  return loadNamedDataset(config.dataset, {
    samples: config.samples,
    noise: config.noise,
    seed: config.seed,
  });
}

/** A check's name with the layer number dropped: `gradient W2 (oracle)` → `gradient W (oracle)`. */
export function checkKind(name: string): string {
  return name.replace(/\b(W|b)\d+\b/, "$1");
}

/**
 * Runs `configs` through {@linkcode verifyEngine} with `engine` (default: the
 * hand-written engine), against the oracle and, when `tfjs` is set, TF.js.
 * `onConfig` is called after each config (for progress).
 *
 * @example
 * ```ts ignore
 * import { randomConfigs, sweep } from "@backprop/verify/sweep";
 * const report = await sweep(randomConfigs(5, 1), { tfjs: "cpu" });
 * report.passed === report.tried; // true
 * ```
 */
export async function sweep(
  configs: readonly TrainConfig[],
  options: {
    tfjs?: string | null;
    engine?: Engine;
    onConfig?: (i: number, r: VerifyReport) => void;
  } = {},
): Promise<SweepReport> {
  const margins = new Map<string, Margin>();
  const notes: SweepNote[] = [];
  const coverage: Record<string, Record<string, number>> = {};
  let passed = 0, steps = 0, compared = 0;
  for (let i = 0; i < configs.length; i++) {
    const config = resolveConfig(configs[i]);
    const report = await verifyEngine(config, datasetOf(config), options.engine ?? manualEngine, {
      tfjs: options.tfjs ?? null,
    });
    steps += report.steps;
    compared += report.sampled.length;
    if (report.pass) passed++;
    for (const c of report.checks) fold(margins, c, i);
    if (!report.pass || report.kinks.length > 0) {
      notes.push({
        index: i,
        config: configs[i],
        failed: report.checks.filter((c) => !c.pass).map((c) => `${c.name} at ${c.firstFailure}`),
        kinks: report.kinks.length,
      });
    }
    const count = (field: string, value: unknown) => {
      const key = Array.isArray(value) ? `[${value.join(",")}]` : String(value);
      (coverage[field] ??= {})[key] = (coverage[field][key] ?? 0) + 1;
    };
    for (
      const f of [
        "dataset",
        "activation",
        "outputActivation",
        "loss",
        "optimizer",
        "batchSize",
        "useBias",
        "shortcut",
        "hidden",
      ] as const
    ) count(f, config[f]);
    options.onConfig?.(i, report);
  }
  return {
    tried: configs.length,
    passed,
    steps,
    compared,
    margins: [...margins.values()],
    notes,
    coverage,
  };
}

function fold(margins: Map<string, Margin>, c: Check, config: number) {
  const kind = checkKind(c.name);
  const ratio = Number.isNaN(c.value) ? Infinity : c.value === 0 ? 0 : c.value / c.tolerance;
  const m = margins.get(kind);
  if (m === undefined) {
    margins.set(kind, {
      check: kind,
      ratio,
      value: c.value,
      tolerance: c.tolerance,
      config,
      runs: 1,
    });
    return;
  }
  m.runs++;
  if (ratio > m.ratio) Object.assign(m, { ratio, value: c.value, tolerance: c.tolerance, config });
}

/**
 * Every bug of the catalogue (or of `bugs`) through `verify` on its config, and
 * the unmodified reference engine on the same config.
 *
 * @example
 * ```ts ignore
 * import { catchMatrix } from "@backprop/verify/sweep";
 * (await catchMatrix()).every((row) => row.caught); // true
 * ```
 */
export async function catchMatrix(
  tfjs: string | null = null,
  bugs: readonly Bug[] = BUGS,
): Promise<CatchRow[]> {
  const rows: CatchRow[] = [];
  for (const bug of bugs) {
    const config = resolveConfig(bug.config);
    const data = datasetOf(config);
    const reference = await verifyEngine(config, data, referenceEngine(), { tfjs });
    const report = await verifyEngine(config, data, bug.engine, { tfjs });
    const caughtBy: Record<string, number> = {};
    for (const c of report.checks) if (!c.pass) caughtBy[c.name] = c.firstFailure!;
    rows.push({
      id: bug.id,
      title: bug.title,
      config: bug.config,
      caught: !report.pass,
      caughtBy,
      referencePasses: reference.pass,
    });
  }
  return rows;
}

/** The suite's report in Markdown: the sweep's margins and notes, and the catch matrix. */
export function sweepMarkdown(
  report: SweepReport,
  matrix: readonly CatchRow[],
  meta: { seed: number; tfjs: string | null; seconds: number; command: string },
  reference?: SweepReport,
): string {
  const n = (x: number) => Number.isFinite(x) && x !== 0 ? x.toExponential(1) : String(x);
  const table = (r: SweepReport) => [
    "| check | worst value | its tolerance | value / tolerance | config # | configs |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.margins.map((m) =>
      `| ${m.check} | ${n(m.value)} | ${n(m.tolerance)} | ${n(m.ratio)} | ${m.config} | ${m.runs} |`
    ),
  ];
  const lines = [
    "# verify suite",
    "",
    `Written by \`${meta.command}\` (seed ${meta.seed}, TF.js ${meta.tfjs ?? "off"}, ` +
    `${meta.seconds.toFixed(0)} s).`,
    "",
    "## Zero false alarms: random valid configs on the hand-written engine",
    "",
    `**${report.passed} of ${report.tried} configs PASS** (${report.steps} steps checked ` +
    `for rows and updates, ${report.compared} steps compared with the oracle` +
    `${meta.tfjs ? " and TF.js" : ""}).`,
    "",
    ...table(report),
    "",
    "Coverage: " +
    Object.entries(report.coverage).map(([field, counts]) =>
      `${field} ${Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(", ")}`
    ).join("; ") + ".",
    "",
  ];
  if (report.notes.length > 0) {
    lines.push("Configs that failed or met a kink:", "");
    for (const note of report.notes) {
      lines.push(
        `- #${note.index} ${JSON.stringify(note.config)}: ` +
          (note.failed.length > 0 ? `FAIL ${note.failed.join(", ")}` : "PASS") +
          (note.kinks > 0 ? `, ${note.kinks} kink(s) reported` : ""),
      );
    }
    lines.push("");
  }
  if (reference !== undefined) {
    lines.push(
      "## The oracle against the reference engine",
      "",
      "The same configs through the reference engine (`packages/manual/reference.ts`, plain " +
        "loops, Math.exp and Math.tanh), against the oracle only: " +
        `**${reference.passed} of ${reference.tried} configs PASS** (${reference.steps} steps, ` +
        `${reference.compared} compared with the oracle).`,
      "",
      ...table(reference),
      "",
    );
  }
  const checks = [...new Set(matrix.flatMap((r) => Object.keys(r.caughtBy).map(checkKind)))];
  lines.push(
    "## Every planted bug caught: the catch matrix",
    "",
    "Each bug is planted in a copy of the reference engine (`packages/verify/bugs.ts`); a cell " +
      "gives the first step where that check failed. The unmodified reference engine passes " +
      "every one of these configs.",
    "",
    `| bug | caught | reference passes | ${checks.join(" | ")} |`,
    `| --- | --- | --- | ${checks.map(() => "---").join(" | ")} |`,
    ...matrix.map((r) => {
      const cells = checks.map((kind) => {
        const steps = Object.entries(r.caughtBy).filter(([name]) => checkKind(name) === kind)
          .map(([, s]) => s);
        return steps.length === 0 ? "" : `step ${Math.min(...steps)}`;
      });
      return `| ${r.id}: ${r.title} | ${r.caught ? "yes" : "**NO**"} | ` +
        `${r.referencePasses ? "yes" : "**NO**"} | ${cells.join(" | ")} |`;
    }),
    "",
  );
  return lines.join("\n");
}
