/**
 * Turning parsed arguments into a checked plan: every user mistake is found
 * here, before any training starts or any file is written.
 *
 * @module
 */

import { dirname } from "node:path";
import {
  CONFIG_FIELDS,
  type Dataset,
  effectiveBatchSize,
  loadDataset,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
} from "@backprop/core";
import type { TrainArgs } from "./args.ts";
import { readConfigFile } from "./config_file.ts";
import { flagOf } from "./flags.ts";
import { configErrorField, UsageError } from "./usage_error.ts";
import { show } from "./_private.ts";

/** A run that is ready to train. */
export interface TrainPlan {
  /** Name of the implementation, a key of `IMPLS`. */
  readonly impl: string;
  /** The config: preset, then the config file's fields, then the flags. */
  readonly config: ResolvedConfig;
  /** The config's dataset. */
  readonly dataset: Dataset;
  /** Where to write the model (its directory exists), or `undefined`. */
  readonly out: string | undefined;
  /** Print JSON instead of the report. */
  readonly json: boolean;
}

/**
 * Reads the config file, resolves the config (preset, then file, then flags),
 * loads the dataset and checks the batch size and the `--out` directory. Throws a
 * {@linkcode UsageError} that names the flag, or the file and field, that is wrong.
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

  const config = restated(label, () => resolveConfig({ ...file, ...args.config }));
  const dataset = restated(label, () => loadDataset(config.dataset), "dataset");
  restated(label, () => effectiveBatchSize(config, dataset.rows));
  if (args.out !== undefined) await checkOut(args.out);
  return { impl: args.impl, config, dataset, out: args.out, json: args.json };
}

/**
 * Runs `fn`, rewriting a core error about a config field into a {@linkcode UsageError}
 * that starts with that field's label: `learningRate: -1 is not …` → `--lr: -1 is not …`.
 * `field` names the field for errors that carry none (those of `loadDataset`).
 */
function restated<T>(label: (field: string) => string, fn: () => T, field?: string): T {
  try {
    return fn();
  } catch (err) {
    const name = configErrorField(err) ?? field;
    if (name === undefined || !(err instanceof Error)) throw err;
    const rest = err.message.startsWith(`${name}: `)
      ? err.message.slice(name.length + 2)
      : err.message;
    const where = label(name);
    throw new UsageError(`${where}: ${where.startsWith("--config") ? rest : flagNames(rest)}`);
  }
}

/** Replaces camelCase field names in a message by their flags: `outputActivation` → `--output-activation`. */
function flagNames(message: string): string {
  return CONFIG_FIELDS.filter((f) => /[A-Z]/.test(f)).reduce(
    (text, field) => text.replaceAll(new RegExp(`\\b${field}\\b`, "g"), flagOf(field)),
    message,
  );
}

async function checkOut(path: string): Promise<void> {
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
    throw new UsageError(`--out: ${show(path)} is not allowed; directory ${dir} does not exist`);
  }
  if (await isDirectory(path)) {
    throw new UsageError(`--out: ${show(path)} is not allowed; it is a directory, not a file`);
  }
}
