/**
 * The command line of `deno task bench`: its own flags, and any `train` flag,
 * which narrows the bench to that one configuration.
 *
 * @module
 */

import { resolveConfig, type TrainConfig } from "@backprop/core";
import {
  CONFIG_OPTIONS,
  flagOf,
  type FlagTable,
  loadAnyDataset,
  readConfigFile,
  restated,
  scanFlags,
  setConfigFlag,
  UsageError,
} from "@backprop/cli-kit";
import { type Criterion, DEFAULT_CRITERION, parseCriterion } from "./convergence/criterion.ts";

/** What the command line asked for. */
export interface BenchArgs {
  /** Seeds per configuration for the hand-written engine and brain.js. */
  seeds: number;
  /** Seeds per configuration for TF.js. */
  tfjsSeeds: number;
  /** Cap on every run's epochs (Infinity: each configuration's own). */
  maxEpochs: number;
  /** Cap on TF.js's epochs. */
  tfjsMaxEpochs: number;
  /** The success criterion. */
  criterion: Criterion;
  /** The reduced set for CI. */
  quick: boolean;
  /** Directory of latest.json, latest.md and the SVGs. */
  out: string;
  /** Worker count. */
  workers: number | null;
  /** Which parts run. */
  only: "all" | "convergence" | "speed";
  /** Leave TF.js out. */
  noTfjs: boolean;
  /** Print the source digest and exit. */
  digest: boolean;
  /** Print help and exit. */
  help: boolean;
  /** Print the version and exit. */
  version: boolean;
  /** The `train` flags given (and `--config` file fields), or null for none. */
  custom: TrainConfig | null;
}

/** The default output directory, relative to the working directory. */
export const DEFAULT_OUT = "bench/results";

const FLAGS: FlagTable = {
  seeds: { type: "string" },
  "tfjs-seeds": { type: "string" },
  "max-epochs": { type: "string" },
  "tfjs-max-epochs": { type: "string" },
  criterion: { type: "string" },
  quick: { type: "boolean" },
  out: { type: "string" },
  workers: { type: "string" },
  only: { type: "string" },
  "no-tfjs": { type: "boolean" },
  digest: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  config: { type: "string" },
  // train flags the bench does not take, named so the message can say so
  json: { type: "boolean" },
  impl: { type: "string" },
  suite: { type: "string" },
  ...CONFIG_OPTIONS,
};

/** `--help` text. */
export const HELP = `deno task bench [flags] [train flags]

Convergence over many seeds, speed per epoch and to a target, and an outside
reference (brain.js), written to OUT/latest.json, OUT/latest.md and SVG charts.

  --seeds N            seeds per configuration (default 100; --quick: 8)
  --criterion C        success: outputs (every output within 0.5 of its target,
                       the default) or loss:X (an epoch's loss below X)
  --max-epochs N       cap on every run's epochs (default: each configuration's)
  --tfjs-seeds N       seeds for TF.js, which is slow (default: min(seeds, 20); --quick: 3)
  --tfjs-max-epochs N  cap on TF.js's epochs (default 2000; --quick: 300)
  --quick              a reduced set in under a minute, for CI
  --out DIR            where to write (default ${DEFAULT_OUT})
  --workers N          Web Workers for the seeds (default: one per core)
  --only PART          convergence or speed (default: both)
  --no-tfjs            leave TF.js out
  --digest             print the digest of the sources (see latest.md) and exit
  --report FILE.json   instead: re-render latest.md and the charts of a saved run
                       from its JSON, into --out (default: the JSON's folder)
  --version            print the version
  -h, --help           this text

Any flag of \`deno task train\` (--preset, --dataset, --hidden, --lr, --config FILE, …)
narrows the bench to that one configuration.
`;

function count(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 1) {
    throw new UsageError(
      `--${flag}: ${JSON.stringify(value)} is not allowed; expected an integer ≥ 1`,
    );
  }
  return n;
}

/**
 * Parses the bench's arguments (values as `--seeds 8` or `--seeds=8`), the
 * `train` config flags among them, and reads `--config FILE`. The config they
 * give is resolved here, so a bad value (`--lr -1`) is found before any work.
 * Throws a {@linkcode UsageError} naming the flag.
 *
 * @example
 * ```ts
 * import { parseBenchArgs } from "@backprop/bench";
 * const args = await parseBenchArgs(["--seeds", "10", "--criterion=loss:0.05", "--hidden", "4"]);
 * args.custom; // { hidden: [4] }
 * ```
 */
export async function parseBenchArgs(argv: readonly string[]): Promise<BenchArgs> {
  const given: Record<string, string | true> = {};
  const flags: TrainConfig = {};
  let configFile: string | undefined;
  for (const flag of scanFlags(argv, FLAGS).flags) {
    if (flag.name === "json" || flag.name === "impl") {
      throw new UsageError(`--${flag.name}: is a train flag the bench does not take; see --help`);
    }
    if (flag.name === "suite") {
      throw new UsageError(
        "--suite: each suite is its own command now: deno task classics (the 1986 study), " +
          "deno task verify:sweep (the verify suite)",
      );
    }
    if (flag.name === "config") configFile = flag.value;
    else if (!setConfigFlag(flags, flag)) given[flag.name] = flag.value ?? true;
  }
  let custom: TrainConfig | null = null;
  const file = configFile === undefined ? {} : await readConfigFile(configFile);
  const merged = { ...file, ...flags };
  if (Object.keys(merged).length > 0 || configFile !== undefined) {
    custom = merged;
    const label = (field: string): string =>
      Object.hasOwn(file, field) && !Object.hasOwn(flags, field)
        ? `--config ${configFile}: ${field}`
        : flagOf(field as keyof TrainConfig);
    const config = restated(label, () => resolveConfig(merged));
    restated(label, () => loadAnyDataset(config.dataset), "dataset");
  }
  const quick = given.quick === true;
  const text = (name: string): string | undefined =>
    typeof given[name] === "string" ? given[name] as string : undefined;
  const num = (name: string): number | undefined => {
    const v = text(name);
    return v === undefined ? undefined : count(name, v);
  };
  const seeds = num("seeds") ?? (quick ? 8 : 100);
  let criterion = DEFAULT_CRITERION;
  const criterionText = text("criterion");
  if (criterionText !== undefined) {
    try {
      criterion = parseCriterion(criterionText);
    } catch (error) {
      throw new UsageError((error as Error).message, { cause: error });
    }
  }
  const only = text("only") ?? "all";
  if (only !== "all" && only !== "convergence" && only !== "speed") {
    throw new UsageError(
      `--only: ${JSON.stringify(only)} is not allowed; expected convergence or speed`,
    );
  }
  const out = text("out") ?? DEFAULT_OUT;
  if (out.trim() === "") {
    throw new UsageError(`--out: "" is not allowed; expected a directory`);
  }
  return {
    seeds,
    tfjsSeeds: num("tfjs-seeds") ?? Math.min(seeds, quick ? 3 : 20),
    maxEpochs: num("max-epochs") ?? Infinity,
    tfjsMaxEpochs: num("tfjs-max-epochs") ?? (quick ? 300 : 2000),
    criterion,
    quick,
    out,
    workers: num("workers") ?? null,
    only,
    noTfjs: given["no-tfjs"] === true,
    digest: given.digest === true,
    help: given.help === true,
    version: given.version === true,
    custom,
  };
}
