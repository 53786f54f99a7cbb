/**
 * The library as one module, to bundle for a browser or Node: the datasets and
 * config of `@backprop/core` and the hand-written engine of `@backprop/manual`.
 *
 * ```sh
 * deno bundle --platform browser -o backprop.js examples/backprop.ts
 * ```
 *
 * @module
 */

export {
  initModel,
  loadDataset,
  predict,
  resolveConfig,
  toLayersModel,
  type TrainConfig,
} from "@backprop/core";
export { gradientCheck, trainManual } from "@backprop/manual";
