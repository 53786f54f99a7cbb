/**
 * `@backprop/core`: the datasets, configuration, seeded initialisation, model
 * format and `Trainer` contract shared by every backprop implementation.
 *
 * @example Resolve a config, load its dataset, draw the starting weights
 * ```ts
 * import { initModel, loadDataset, predict, resolveConfig } from "@backprop/core";
 *
 * const config = resolveConfig({ preset: "seed" }); // the original Python program
 * const data = loadDataset(config.dataset); // XOR: 4 rows, 2 inputs, 1 output
 * const model = initModel(config, data.inputSize, data.outputSize);
 * console.log(predict(model, [[0, 1]])); // untrained output for (0, 1)
 * ```
 *
 * @module
 */

export { formatValue } from "./format_value.ts";
export { activate, derivativeFromOutput, softmaxInPlace } from "./activation.ts";
export {
  type Activation,
  CHOICES,
  CONFIG_FIELDS,
  type Dtype,
  effectiveBatchSize,
  type HiddenActivation,
  type InitName,
  LEAKY_RELU_ALPHA,
  type LossName,
  type OptimizerName,
  type OutputActivation,
  parseInit,
  type PresetName,
  PRESETS,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
} from "./config.ts";
export {
  classThreshold,
  type DataFileOptions,
  type DataFormat,
  hasBinaryTargets,
  parseCsv,
  parseDataFile,
  parseJsonData,
} from "./data_file.ts";
export {
  fitStandardizer,
  standardizeInputs,
  type Standardizer,
  standardizeSplit,
} from "./standardize.ts";
export { argmax, type ClassMetrics, classMetrics } from "./metrics.ts";
export { type CsvRecord, csvRecords } from "./csv.ts";
export {
  parseShippedDataset,
  SHIPPED_DATASETS,
  SHIPPED_NAMES,
  type ShippedDataset,
} from "./shipped.ts";
export { type Dataset, datasetFromRows, GATE_NAMES, loadDataset, parity } from "./dataset.ts";
export {
  generateDataset,
  GENERATOR_NAMES,
  GENERATOR_SCALE,
  type GeneratorName,
  type GeneratorOptions,
  loadNamedDataset,
  NAMED_DATASETS,
} from "./generators.ts";
export {
  fromLayersModel,
  isLayersModelJson,
  LAYERS_WEIGHTS_FILE,
  type LayersModel,
  type LayersModelJson,
  layersWeightPaths,
  type LayersWeightSpec,
  toLayersModel,
} from "./layers_model.ts";
export {
  checkModelFits,
  cloneModel,
  initModel,
  type LayerGradients,
  type LayerWeights,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
  predict,
  predictFlat,
  validateModel,
} from "./model.ts";
export {
  checkMemory,
  estimateMemory,
  formatBytes,
  MEMORY_BUDGET,
  type MemoryEstimate,
} from "./memory.ts";
export { LIMITS, MAX_SEED, MAX_TEST_FRACTION, PARITY_RANGE, SAMPLES_RANGE } from "./limits.ts";
export { Mt19937, shuffle } from "./rng.ts";
export { type DatasetSplit, splitDataset } from "./split.ts";
export { evaluate, type Evaluation } from "./evaluate.ts";
export { paramSizes, type TrainState, validateTrainState } from "./train_state.ts";
export {
  BatchSchedule,
  checkTargets,
  checkTestData,
  EarlyStopping,
  earlyStopping,
  type EpochInfo,
  type StopReason,
  stopReason,
  type Trainer,
  type TrainOptions,
  type TrainResult,
  type TrainTiming,
} from "./trainer.ts";
