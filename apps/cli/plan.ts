/**
 * Turning parsed arguments into a checked plan: every user mistake is found
 * here, before any training starts or any file is written.
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import {
  type Dataset,
  effectiveBatchSize,
  GENERATOR_NAMES,
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
  readConfigFile,
  restated,
  UsageError,
} from "@backprop/cli-kit";
import { readDataFile } from "./read_data.ts";
import { type InitModel, readInitModel } from "./init_model.ts";
import { checkTfjsOut } from "./tfjs_model_file.ts";
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
  if (args.boundary !== undefined && dataset.inputSize !== 2) {
    throw new UsageError(
      `--boundary: ${datasetLabel(dataset.name)} has ${dataset.inputSize} input${
        dataset.inputSize === 1 ? "" : "s"
      }; a decision boundary is drawn for 2 inputs only`,
    );
  }
  const outputs: [string, string | undefined][] = [
    ["--out", args.out],
    ["--plot", args.plot],
    ["--boundary", args.boundary],
    ["--network", args.network],
  ];
  const seen = new Map<string, string>();
  for (const [flag, path] of outputs) {
    if (path === undefined) continue;
    await checkOut(flag, path);
    const other = seen.get(resolve(path));
    if (other !== undefined) {
      throw new UsageError(`${flag}: ${show(path)} is not allowed; ${other} writes that file`);
    }
    seen.set(resolve(path), flag);
  }
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

async function checkOut(flag: string, path: string): Promise<void> {
  const dir = dirname(path);
  const isDirectory = async (p: string): Promise<boolean> => {
    try {
      return (await Deno.stat(p)).isDirectory;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return false;
      throw err;
    }
  };
  if (!await isDirectory(dir)) {
    throw new UsageError(`${flag}: ${show(path)} is not allowed; directory ${dir} does not exist`);
  }
  if (await isDirectory(path)) {
    throw new UsageError(`${flag}: ${show(path)} is not allowed; it is a directory, not a file`);
  }
}
