/**
 * Turning parsed arguments into a checked plan: every user mistake is found
 * here, before any training starts or any file is written.
 *
 * @module
 */

import { resolve } from "node:path";
import {
  checkMemory,
  checkTargets,
  type Dataset,
  effectiveBatchSize,
  formatBytes,
  GENERATOR_NAMES,
  MEMORY_BUDGET,
  resolveConfig,
  type ResolvedConfig,
  splitDataset,
  type Standardizer,
  standardizeSplit,
  type TrainConfig,
} from "@backprop/core";
import type { TrainArgs } from "./args.ts";
import {
  configErrorField,
  flagOf,
  loadAnyDataset,
  MODEL_MAX_BYTES,
  readConfigFile,
  restated,
  UsageError,
} from "@backprop/cli-kit";
import { readDataFile } from "./read_data.ts";
import { type InitModel, readInitModel } from "./init_model.ts";
import { checkTfjsOut } from "./tfjs_model_file.ts";
import { modelFileBytes } from "./model_file.ts";
import { type PlannedOutput, probeOutputs } from "./outputs.ts";
import { datasetLabel, show } from "./_private.ts";

/** A run that is ready to train. */
export interface TrainPlan {
  /** Name of the implementation, a key of `IMPLS`. */
  readonly impl: string;
  /** The config: preset, then the config file's fields, then the flags. */
  readonly config: ResolvedConfig;
  /** The rows to train on: the config's dataset (or `--data` file) minus the test rows. */
  readonly dataset: Dataset;
  /** The rows held out by `testSplit`, or `null` when there are none. */
  readonly test: Dataset | null;
  /** With `standardize`: the training rows' means and deviations (both sets are scaled by them). */
  readonly standardizer?: Standardizer | null;
  /** Where to write the model (its directory exists), or `undefined`. */
  readonly out: string | undefined;
  /** Print JSON instead of the report. */
  readonly json: boolean;
  /** Where to write the loss curve (SVG), or `undefined`. */
  readonly plot: string | undefined;
  /** Where to write the decision surface (SVG; the data has 2 inputs), or `undefined`. */
  readonly boundary: string | undefined;
  /** Where to write the picture of the network (SVG), or `undefined`. */
  readonly network?: string;
  /** Print the first backpropagation step before training. */
  readonly explain: boolean;
  /** Where to write the model in TF.js's Layers format (a directory), or `undefined`. */
  readonly outTfjs?: string;
  /** The model to start from (`--init-model`), or `undefined` for fresh weights. */
  readonly init?: InitModel;
}

/**
 * Reads the config file, resolves the config (preset, then file, then flags),
 * loads the dataset (a named one, generated with `samples`, `noise` and `seed`,
 * or the `--data` file, whose path then becomes the config's `dataset`), splits
 * off `testSplit` of its rows, and checks the batch size, that `--boundary` has
 * a 2-input problem to draw, and the directories of the files to write. Throws
 * a {@linkcode UsageError} that names the flag, or the file and field, that is
 * wrong; a bad data file's message starts with its name, line and column.
 *
 * @example
 * ```ts
 * import { parseTrainArgs, planRun } from "@backprop/cli";
 * const plan = await planRun(parseTrainArgs(["--preset", "seed", "--lr", "1"]));
 * plan.config.hidden; // [3]
 * plan.dataset.rows; // 4
 * ```
 */
export async function planRun(args: TrainArgs): Promise<TrainPlan> {
  const file = args.configFile === undefined ? {} : await readConfigFile(args.configFile);
  const label = (field: string): string =>
    Object.hasOwn(file, field) && !Object.hasOwn(args.config, field)
      ? `--config ${args.configFile}: ${field}`
      : flagOf(field as keyof TrainConfig);
  const given = (field: string): boolean =>
    Object.hasOwn(file, field) || Object.hasOwn(args.config, field);

  if (args.data !== undefined && Object.hasOwn(args.config, "dataset")) {
    throw new UsageError("--data: not with --dataset; --data FILE trains on the file's rows");
  }
  if (args.label !== undefined && args.data === undefined) {
    throw new UsageError(
      "--label: only with --data FILE, where it names the CSV column of the class names",
    );
  }
  if (args.label !== undefined && args.targets !== undefined) {
    throw new UsageError("--label: not with --targets; the label column is the one target");
  }
  if (args.targets !== undefined && args.data === undefined) {
    throw new UsageError(
      "--targets: only with --data FILE, where it says how many trailing CSV columns are targets",
    );
  }
  const fields = args.data === undefined
    ? { ...file, ...args.config }
    : { ...file, ...args.config, dataset: args.data };
  const config = restated(label, () => resolveConfig(fields));

  const generated = args.data === undefined &&
    (GENERATOR_NAMES as readonly string[]).includes(config.dataset);
  for (const field of ["samples", "noise"]) {
    if (given(field) && !generated) {
      const source = args.data === undefined ? config.dataset : `--data ${args.data}`;
      throw new UsageError(
        `${label(field)}: only a generated dataset (${
          GENERATOR_NAMES.join(", ")
        }) has ${field}; ${source} has fixed rows`,
      );
    }
  }
  const all = args.data === undefined
    ? restated(
      label,
      () =>
        loadAnyDataset(config.dataset, {
          samples: config.samples,
          noise: config.noise,
          seed: config.seed,
        }),
      "dataset",
    )
    : await readData(args.data, args.targets, args.label);
  try {
    checkTargets(config, all);
  } catch (err) {
    if (configErrorField(err) !== "targets" || !(err instanceof Error)) throw err;
    const { value, row } = err.cause as { value: number; row: number };
    const source = args.data === undefined ? `--dataset ${config.dataset}` : `--data ${args.data}`;
    throw new UsageError(
      `${source}: row ${row} has target ${value}; ${err.message.split("; ").slice(1).join("; ")}`
        .replace("loss mse or sse", "--loss mse or sse")
        .replace("a linear output", "--output-activation linear"),
      { cause: err },
    );
  }
  const split = restated(label, () => splitDataset(all, config.testSplit, config.seed));
  const { train: dataset, test, standardizer } = standardizeSplit(config, split.train, split.test);
  if (config.outputActivation === "softmax" && dataset.outputSize < 2) {
    throw new UsageError(
      `${label("outputActivation")}: softmax needs 2 or more classes; ${
        datasetLabel(dataset.name)
      } has 1 target column (use sigmoid and bce, or --label with --data)`,
    );
  }
  if (config.testSplit > 0 && test === null) {
    throw new UsageError(
      `${label("testSplit")}: ${config.testSplit} of ${all.rows} rows is less than one row; ` +
        "hold out a larger fraction or use more rows",
    );
  }
  restated(label, () => effectiveBatchSize(config, dataset.rows));
  const [budget, budgetName] = availableMemory();
  const { parameters } = restated(label, () => checkMemory(config, dataset, budget, budgetName));
  if (args.out !== undefined && modelFileBytes(parameters) > MODEL_MAX_BYTES) {
    throw new UsageError(
      `--out: a model of ${parameters} parameters makes a JSON file of about ` +
        `${formatBytes(modelFileBytes(parameters))}, more than the ${
          formatBytes(MODEL_MAX_BYTES)
        } ` +
        "a model file may hold (it is read back as one string); use smaller hidden layers",
    );
  }
  if (args.boundary !== undefined && dataset.inputSize !== 2) {
    throw new UsageError(
      `--boundary: ${datasetLabel(dataset.name)} has ${dataset.inputSize} input${
        dataset.inputSize === 1 ? "" : "s"
      }; a decision boundary is drawn for 2 inputs only`,
    );
  }
  await probeOutputs(plannedOutputs(args));
  const seen = new Map(
    plannedOutputs(args).flatMap(({ flag, path }) =>
      path === undefined ? [] : [[resolve(path), flag] as const]
    ),
  );
  if (args.outTfjs !== undefined) {
    await checkTfjsOut(args.outTfjs);
    for (const name of ["model.json", "weights.bin"]) {
      const other = seen.get(resolve(args.outTfjs, name));
      if (other !== undefined) {
        throw new UsageError(
          `--out-tfjs: ${show(args.outTfjs)} is not allowed; ${other} writes ${name} there`,
        );
      }
    }
  }
  let init = args.initModel === undefined
    ? undefined
    : await readInitModel(args.initModel, config, dataset);
  // The reference engine is kept plain: it starts every run with a fresh optimizer.
  if (init?.state !== undefined && args.impl === "reference") {
    init = { ...init, state: undefined, freshBecause: "the reference engine resumes no optimizer" };
  }
  return {
    impl: args.impl,
    config,
    dataset,
    test,
    standardizer,
    out: args.out,
    json: args.json,
    plot: args.plot,
    boundary: args.boundary,
    ...(args.network === undefined ? {} : { network: args.network }),
    explain: args.explain,
    outTfjs: args.outTfjs,
    init,
  };
}

/**
 * Reads a `--data` file. A file that cannot be read, or that holds no valid
 * data, is a {@linkcode UsageError}: core's message, which starts with the file
 * and, for a bad value or row, its line and column.
 */
async function readData(
  path: string,
  targets: number | undefined,
  label: string | undefined,
): Promise<Dataset> {
  try {
    return await readDataFile(path, {
      ...(targets === undefined ? {} : { targets }),
      ...(label === undefined ? {} : { label }),
    });
  } catch (err) {
    const known = err instanceof TypeError || err instanceof RangeError ||
      Object.values(Deno.errors).some((Kind) => err instanceof Kind);
    if (!known || !(err instanceof Error)) throw err;
    throw new UsageError(
      ["targets", "label"].includes(configErrorField(err) ?? "") ? `--${err.message}` : err.message,
      { cause: err },
    );
  }
}

/**
 * The files a run of `args` writes, in the order they are committed. A new output
 * flag is one more entry here.
 *
 * @example
 * ```ts
 * import { parseTrainArgs } from "./args.ts";
 * import { plannedOutputs } from "./plan.ts";
 * plannedOutputs(parseTrainArgs(["--out", "m.json"]))[0]; // { flag: "--out", path: "m.json" }
 * ```
 */
export function plannedOutputs(args: TrainArgs): PlannedOutput[] {
  return [
    { flag: "--out", path: args.out },
    { flag: "--plot", path: args.plot },
    { flag: "--boundary", path: args.boundary },
    { flag: "--network", path: args.network },
  ];
}

/**
 * The memory a run may use, and what it is: the machine's available memory when
 * Deno may ask for it (`--allow-sys=systemMemoryInfo`, as the tasks grant), else
 * core's fixed `MEMORY_BUDGET` (4 GiB). Never prompts for the permission.
 */
function availableMemory(): [number, string] {
  try {
    const state = Deno.permissions.querySync({ name: "sys", kind: "systemMemoryInfo" }).state;
    if (state === "granted") {
      return [Deno.systemMemoryInfo().available, "this machine's available memory"];
    }
  } catch {
    // A platform without the information: the fixed budget.
  }
  return [MEMORY_BUDGET, "the fixed budget used without --allow-sys=systemMemoryInfo"];
}
