/**
 * The command-line flag of every config field: one table that the argument
 * parser, `--help` and the error messages all read.
 *
 * @module
 */

import {
  CHOICES,
  CONFIG_FIELDS,
  formatValue as show,
  GATE_NAMES,
  GENERATOR_NAMES,
  MAX_TEST_FRACTION,
  PARITY_RANGE,
  SAMPLES_RANGE,
  SHIPPED_NAMES,
  type TrainConfig,
} from "@backprop/core";
import { type FlagTable, type GivenFlag, parseNumber } from "./flags.ts";
import { configErrorField, UsageError } from "./usage_error.ts";

/**
 * How a flag's text becomes a config value:
 * - `text`: as typed (names such as `tanh`; core checks them);
 * - `number`, `integer`: a decimal number (core checks the range);
 * - `layers`: comma-separated sizes, `""` or `none` for none;
 * - `batch`: an integer or `full`;
 * - `switch`: a flag without value that sets the field to `false`
 *   (`--no-bias`); the same name without `no-` sets it to `true`.
 */
export type FlagKind = "text" | "number" | "integer" | "layers" | "batch" | "switch";

/** One config field's flag. */
export interface ConfigFlag {
  /** The {@linkcode TrainConfig} field it sets. */
  readonly field: keyof TrainConfig;
  /** The flag without its leading dashes, e.g. `lr`. */
  readonly name: string;
  /** How its value is parsed. */
  readonly kind: FlagKind;
  /** Placeholder of its value in `--help`, e.g. `NUM`; empty for switches. */
  readonly arg: string;
  /** One-line description for `--help`. */
  readonly help: string;
}

const datasets =
  `${GATE_NAMES.join(", ")}, parity:N (N ${PARITY_RANGE.min}-${PARITY_RANGE.max}); ` +
  `generated 2-D: ${GENERATOR_NAMES.join(", ")}; real (data/): ${SHIPPED_NAMES.join(", ")}`;

/**
 * Every config field's flag, in the order of `CONFIG_FIELDS`.
 *
 * @example
 * ```ts
 * import { CONFIG_FLAGS } from "@backprop/cli-kit";
 * CONFIG_FLAGS.find((f) => f.field === "learningRate")?.name; // "lr"
 * ```
 */
export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  {
    field: "preset",
    name: "preset",
    kind: "text",
    arg: "NAME",
    help: `base of every unset field: ${CHOICES.preset.join(", ")}`,
  },
  { field: "dataset", name: "dataset", kind: "text", arg: "NAME", help: datasets },
  {
    field: "samples",
    name: "samples",
    kind: "integer",
    arg: "N",
    help: `rows of a generated dataset, ${SAMPLES_RANGE.min} to ${SAMPLES_RANGE.max}`,
  },
  {
    field: "noise",
    name: "noise",
    kind: "number",
    arg: "NUM",
    help: "noise of a generated dataset, 0 to 1",
  },
  {
    field: "testSplit",
    name: "test-split",
    kind: "number",
    arg: "F",
    help: `fraction of the rows held out for testing, 0 to ${MAX_TEST_FRACTION}`,
  },
  {
    field: "hidden",
    name: "hidden",
    kind: "layers",
    arg: "SIZES",
    help: `hidden layer sizes, e.g. 4,4; none (or "") for no hidden layer`,
  },
  {
    field: "activation",
    name: "activation",
    kind: "text",
    arg: "NAME",
    help: `hidden activation: ${CHOICES.activation.join(", ")}`,
  },
  {
    field: "outputActivation",
    name: "output-activation",
    kind: "text",
    arg: "NAME",
    help: `output activation: ${CHOICES.outputActivation.join(", ")}`,
  },
  { field: "loss", name: "loss", kind: "text", arg: "NAME", help: CHOICES.loss.join(", ") },
  {
    field: "optimizer",
    name: "optimizer",
    kind: "text",
    arg: "NAME",
    help: CHOICES.optimizer.join(", "),
  },
  { field: "learningRate", name: "lr", kind: "number", arg: "NUM", help: "step size, > 0" },
  {
    field: "momentum",
    name: "momentum",
    kind: "number",
    arg: "NUM",
    help: "momentum's μ, in [0, 1)",
  },
  { field: "beta1", name: "beta1", kind: "number", arg: "NUM", help: "Adam's β1, in [0, 1)" },
  { field: "beta2", name: "beta2", kind: "number", arg: "NUM", help: "Adam's β2, in [0, 1)" },
  { field: "epsilon", name: "epsilon", kind: "number", arg: "NUM", help: "Adam's ε, > 0" },
  { field: "epochs", name: "epochs", kind: "integer", arg: "N", help: "most passes over the data" },
  {
    field: "batchSize",
    name: "batch-size",
    kind: "batch",
    arg: "N|full",
    help: "rows per update, up to the dataset's rows",
  },
  {
    field: "shuffle",
    name: "no-shuffle",
    kind: "switch",
    arg: "",
    help: "reshuffle the rows each epoch when batches are smaller",
  },
  { field: "seed", name: "seed", kind: "integer", arg: "N", help: "random seed, 0 to 2^32-1" },
  {
    field: "init",
    name: "init",
    kind: "text",
    arg: "NAME",
    help: "uniform:R, glorot-uniform, he-uniform, numpy",
  },
  {
    field: "useBias",
    name: "no-bias",
    kind: "switch",
    arg: "",
    help: "give every layer a bias",
  },
  {
    field: "shortcut",
    name: "no-shortcut",
    kind: "switch",
    arg: "",
    help: "connect the inputs directly to the output layer too (--shortcut)",
  },
  {
    field: "targetLoss",
    name: "target-loss",
    kind: "number",
    arg: "NUM",
    help: "stop once the loss is below this; 0: never",
  },
  {
    field: "patience",
    name: "patience",
    kind: "integer",
    arg: "N",
    help: "stop when the test loss has not improved for N epochs, keep the best weights; 0: never",
  },
  {
    field: "l2",
    name: "l2",
    kind: "number",
    arg: "NUM",
    help: "L2 weight decay λ: loss + λ·Σw² over the weights (not biases), as TF.js's regularizer",
  },
  {
    field: "standardize",
    name: "no-standardize",
    kind: "switch",
    arg: "",
    help: "scale inputs to mean 0, deviation 1 by the training rows (--standardize)",
  },
  {
    field: "dtype",
    name: "dtype",
    kind: "text",
    arg: "NAME",
    help: `number type: ${CHOICES.dtype.join(", ")}`,
  },
];

/**
 * The flag that sets a config field, with its dashes: `learningRate` → `--lr`.
 *
 * @example
 * ```ts
 * import { flagOf } from "@backprop/cli-kit";
 * flagOf("batchSize"); // "--batch-size"
 * ```
 */
export function flagOf(field: keyof TrainConfig): string {
  const flag = CONFIG_FLAGS.find((f) => f.field === field);
  return flag === undefined ? field : `--${flag.name}`;
}

/** Config flags by name; `on` is what a switch sets: `--no-bias` false, `--bias` true. */
const BY_NAME = new Map<string, { flag: ConfigFlag; on: boolean }>();
const OPTIONS: Record<string, { type: "string" | "boolean" }> = {};
for (const flag of CONFIG_FLAGS) {
  if (flag.kind === "switch") {
    const positive = flag.name.replace(/^no-/, "");
    BY_NAME.set(flag.name, { flag, on: false });
    BY_NAME.set(positive, { flag, on: true });
    OPTIONS[flag.name] = { type: "boolean" };
    OPTIONS[positive] = { type: "boolean" };
  } else {
    BY_NAME.set(flag.name, { flag, on: true });
    OPTIONS[flag.name] = { type: "string" };
  }
}

/**
 * The config flags as a {@linkcode FlagTable} for `scanFlags`: every value flag,
 * and both forms of each switch (`--no-bias` and `--bias`).
 *
 * @example
 * ```ts
 * import { CONFIG_OPTIONS } from "@backprop/cli-kit";
 * CONFIG_OPTIONS.lr; // { type: "string" }
 * ```
 */
export const CONFIG_OPTIONS: FlagTable = OPTIONS;

/**
 * Sets the config field of a config flag given on the command line, parsing its
 * text: numbers here (their ranges are left to `resolveConfig`), names as typed.
 * Returns `false` (and changes nothing) when `given` is not a config flag. Throws
 * a {@linkcode UsageError} naming the flag for a malformed number or layer list.
 *
 * @example
 * ```ts
 * import type { TrainConfig } from "@backprop/core";
 * import { setConfigFlag } from "@backprop/cli-kit";
 * const config: TrainConfig = {};
 * setConfigFlag(config, { name: "hidden", rawName: "--hidden", value: "8,8" });
 * setConfigFlag(config, { name: "no-bias", rawName: "--no-bias", value: undefined });
 * config; // { hidden: [8, 8], useBias: false }
 * ```
 */
export function setConfigFlag(config: TrainConfig, given: GivenFlag): boolean {
  const entry = BY_NAME.get(given.name);
  if (entry === undefined) return false;
  const { flag, on } = entry;
  const fields = config as Record<string, unknown>;
  if (flag.kind === "switch") {
    fields[flag.field] = on;
    return true;
  }
  const value = given.value ?? "";
  const malformed = (expected: string): never => {
    throw new UsageError(`--${flag.name}: ${show(value)} is not allowed; expected ${expected}`);
  };
  switch (flag.kind) {
    case "number":
    case "integer":
      fields[flag.field] = parseNumber(value) ??
        malformed(flag.kind === "number" ? "a number" : "an integer");
      break;
    case "batch":
      fields[flag.field] = value === "full" ? value : parseNumber(value) ??
        malformed("an integer or full");
      break;
    case "layers":
      fields[flag.field] = value.trim() === "" || value === "none" ? [] : value.split(",").map(
        (size) => parseNumber(size.trim()) ?? malformed("layer sizes such as 4 or 8,8, or none"),
      );
      break;
    default:
      fields[flag.field] = value;
  }
  return true;
}

/**
 * Runs `fn`, rewriting a core error about a config field into a {@linkcode UsageError}
 * that starts with that field's label: `learningRate: -1 is not …` → `--lr: -1 is not …`.
 * `field` names the field for errors that carry none (those of `loadDataset`). Any
 * other error is thrown as it is.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { flagOf, restated } from "@backprop/cli-kit";
 * try {
 *   restated(flagOf, () => resolveConfig({ learningRate: -1 }));
 * } catch (err) {
 *   (err as Error).message; // "--lr: -1 is not allowed; expected a number > 0"
 * }
 * ```
 */
export function restated<T>(
  label: (field: string) => string,
  fn: () => T,
  field?: string,
): T {
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
