/**
 * `@backprop/cli`: the `deno task train`, `verify` and `predict` commands and
 * their reusable pieces: the flag table and argument parser, config-file and
 * data-file reading, the checks that run before training, the text and JSON
 * reports, the pictures, the `--explain` layout, the model file and the
 * progress line. The commands are `train.ts`, `verify.ts` and `predict.ts`; run
 * each with `--help` for its flags.
 *
 * @example Parse a command line, check it, train and print the report
 * ```ts
 * import { predictFlat } from "@backprop/core";
 * import { formatReport, loadTrainer, parseTrainArgs, planRun } from "@backprop/cli";
 *
 * const plan = await planRun(parseTrainArgs(["--hidden", "4", "--lr", "0.1"]));
 * const trainer = await loadTrainer(plan.impl);
 * const result = await trainer.train(plan.config, plan.dataset);
 * const outputs = predictFlat(result.model, plan.dataset.inputs, plan.dataset.rows);
 * console.log(formatReport({ ...plan, result, outputs }));
 * ```
 *
 * @module
 */

export { parseTrainArgs, type TrainArgs } from "./args.ts";
export { CONFIG_FLAGS, type ConfigFlag, type FlagKind, flagOf } from "@backprop/cli-kit";
export { helpText } from "./help.ts";
export { formatEntry, formatExplain, formatMatrix, MATRIX_LIMIT } from "./explain.ts";
export { DEFAULT_IMPL, IMPLS, loadTrainer } from "./impls.ts";
export {
  classResultsTable,
  confusionSection,
  confusionText,
  percent,
  runMetrics,
} from "./class_report.ts";
export {
  formatJsonReport,
  type JsonReport,
  jsonReport,
  type Prediction,
  type RowsEvaluation,
} from "./json_report.ts";
export {
  type ModelFile,
  modelFile,
  readModelFile,
  type TrainingSummary,
  writeFileAtomic,
  writeTfjsModel,
} from "./model_file.ts";
export { boundaryPlot, lossPlot, networkPlot } from "./pictures.ts";
export { planRun, type TrainPlan } from "./plan.ts";
export { readDataFile } from "./read_data.ts";
export { type InitModel, readInitModel } from "./init_model.ts";
export { checkTfjsOut, type ModelSource, readModelSource } from "./tfjs_model_file.ts";
export { parseInputRows, parsePredictArgs, type PredictArgs, predictHelpText } from "./predict.ts";
export { type Progress, progressLine } from "./progress.ts";
export {
  classify,
  describeStop,
  formatConfig,
  formatReport,
  outputRange,
  type ReportOptions,
  type TrainRun,
} from "./report.ts";
// The library types in this package's signatures, so its documentation is complete.
export type {
  Activation,
  ClassMetrics,
  DataFileOptions,
  DataFormat,
  Dataset,
  Dtype,
  EpochInfo,
  HiddenActivation,
  InitName,
  LayerWeights,
  LossName,
  ModelWeights,
  OptimizerName,
  OutputActivation,
  PresetName,
  ResolvedConfig,
  Standardizer,
  StopReason,
  TrainConfig,
  Trainer,
  TrainOptions,
  TrainResult,
  TrainState,
  TrainTiming,
} from "@backprop/core";
export type { ExplainLine, ExplainSection, ExplainStep, Matrix } from "@backprop/manual";
