/**
 * The command-line flag of every config field: one table that the argument
 * parser, `--help` and the error messages all read.
 *
 * @module
 */

import {
  CHOICES,
  GATE_NAMES,
  GENERATOR_NAMES,
  MAX_TEST_FRACTION,
  PARITY_RANGE,
  SAMPLES_RANGE,
  type TrainConfig,
} from "@backprop/core";

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
  `generated 2-D: ${GENERATOR_NAMES.join(", ")}`;

/**
 * Every config field's flag, in the order of `CONFIG_FIELDS`.
 *
 * @example
 * ```ts
 * import { CONFIG_FLAGS } from "@backprop/cli";
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
 * import { flagOf } from "@backprop/cli";
 * flagOf("batchSize"); // "--batch-size"
 * ```
 */
export function flagOf(field: keyof TrainConfig): string {
  const flag = CONFIG_FLAGS.find((f) => f.field === field);
  return flag === undefined ? field : `--${flag.name}`;
}
