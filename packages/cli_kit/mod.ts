/**
 * The vocabulary every command of the project shares (`deno task train`,
 * `verify`, `predict`, `bench`, `classics`): one {@linkcode UsageError}, one
 * table of exit codes ({@linkcode EXIT}), one way to read flags
 * ({@linkcode scanFlags}, with "did you mean" for a mistyped flag), the flag of
 * every training config field ({@linkcode CONFIG_FLAGS}) and `--config FILE`.
 *
 * @example
 * ```ts
 * import type { TrainConfig } from "@backprop/core";
 * import { CONFIG_OPTIONS, EXIT, scanFlags, setConfigFlag, UsageError } from "@backprop/cli-kit";
 * const config: TrainConfig = {};
 * try {
 *   for (const flag of scanFlags(["--lr", "0.1"], CONFIG_OPTIONS).flags) setConfigFlag(config, flag);
 * } catch (err) {
 *   if (err instanceof UsageError) Deno.exit(EXIT.usage);
 * }
 * config; // { learningRate: 0.1 }
 * ```
 *
 * @module
 */

export { EXIT, exitCodesHelp } from "./exit.ts";
export {
  didYouMean,
  type FlagSpec,
  type FlagTable,
  type GivenFlag,
  parseNumber,
  scanFlags,
  type ScannedArgs,
  type ScanOptions,
  versionText,
} from "./flags.ts";
export {
  CONFIG_FLAGS,
  CONFIG_OPTIONS,
  type ConfigFlag,
  type FlagKind,
  flagOf,
  restated,
  setConfigFlag,
} from "./config_flags.ts";
export { readConfigFile } from "./config_file.ts";
export {
  CONFIG_MAX_BYTES,
  DATA_MAX_BYTES,
  MODEL_MAX_BYTES,
  readCappedText,
  TooLargeError,
} from "./input_file.ts";
export { checkOutputDir, statOrNull } from "./output_dir.ts";
export { DATA_DIR, loadAnyDataset, readShippedFile } from "./shipped_data.ts";
export { configErrorField, errorMessage, UsageError, usageExit } from "./usage_error.ts";
// The core types in this package's signatures, so its documentation is complete.
export type {
  Activation,
  Dataset,
  Dtype,
  GeneratorOptions,
  HiddenActivation,
  InitName,
  LossName,
  OptimizerName,
  OutputActivation,
  PresetName,
  TrainConfig,
} from "@backprop/core";
