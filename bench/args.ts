/**
 * The command line of `deno task bench`: its own flags, and any `train` flag,
 * which narrows the bench to that one configuration.
 *
 * @module
 */

import { parseTrainArgs, readConfigFile } from "@backprop/cli";
import type { TrainConfig } from "@backprop/core";
import { type Criterion, DEFAULT_CRITERION, parseCriterion } from "./criterion.ts";
import { scanFlags } from "./_flags.ts";

/** A mistake on the command line; its message names the flag. */
export class BenchUsageError extends Error {
  /** Builds the error. */
  constructor(message: string) {
    super(message);
    this.name = "BenchUsageError";
  }
}

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
  /** The `train` flags given (and `--config` file fields), or null for none. */
  custom: TrainConfig | null;
}

/** The default output directory, relative to the working directory. */
export const DEFAULT_OUT = "bench/results";

type Kind = "count" | "text" | "switch";
const FLAGS: Record<string, Kind> = {
  seeds: "count",
  "tfjs-seeds": "count",
  "max-epochs": "count",
  "tfjs-max-epochs": "count",
  criterion: "text",
  quick: "switch",
  out: "text",
  workers: "count",
  only: "text",
  "no-tfjs": "switch",
  digest: "switch",
  help: "switch",
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
  --suite classics     instead: rerun Rumelhart, Hinton & Williams 1986 (XOR,
                       parity) over many seeds; --suite classics --help for its flags
  --report FILE.json   instead: re-render latest.md and the charts of a saved run
                       from its JSON, into --out (default: the JSON's folder)
  -h, --help           this text

Any flag of \`deno task train\` (--preset, --dataset, --hidden, --lr, --config FILE, …)
narrows the bench to that one configuration.
`;

function count(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 1) {
    throw new BenchUsageError(
      `--${flag}: ${JSON.stringify(value)} is not allowed; expected an integer ≥ 1`,
    );
  }
  return n;
}

/**
 * Parses the bench's arguments. Bench flags take their value as `--seeds 8`
 * or `--seeds=8`; every other argument goes to the CLI's `parseTrainArgs`.
 * `--config FILE` is read here. Throws a {@linkcode BenchUsageError}.
 *
 * @example
 * ```ts
 * import { parseBenchArgs } from "@backprop/bench";
 * const args = await parseBenchArgs(["--seeds", "10", "--criterion=loss:0.05", "--hidden", "4"]);
 * args.custom; // { hidden: [4] }
 * ```
 */
export async function parseBenchArgs(argv: readonly string[]): Promise<BenchArgs> {
  // Every argument that is not a bench flag goes to parseTrainArgs.
  const rest: string[] = [];
  const given = scanFlags(
    argv,
    FLAGS,
    (message) => new BenchUsageError(message),
    (arg) => rest.push(arg),
  );
  for (const flag of ["--json", "--impl"]) {
    if (rest.some((a) => a === flag || a.startsWith(flag + "="))) {
      throw new BenchUsageError(`${flag}: is a train flag the bench does not take; see --help`);
    }
  }
  let custom: TrainConfig | null = null;
  try {
    const train = parseTrainArgs(rest);
    const file = train.configFile === undefined ? {} : await readConfigFile(train.configFile);
    const merged = { ...file, ...train.config };
    if (Object.keys(merged).length > 0 || train.configFile !== undefined) custom = merged;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
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
      throw new BenchUsageError((error as Error).message);
    }
  }
  const only = text("only") ?? "all";
  if (only !== "all" && only !== "convergence" && only !== "speed") {
    throw new BenchUsageError(
      `--only: ${JSON.stringify(only)} is not allowed; expected convergence or speed`,
    );
  }
  const out = text("out") ?? DEFAULT_OUT;
  if (out.trim() === "") {
    throw new BenchUsageError(`--out: "" is not allowed; expected a directory`);
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
    custom,
  };
}
