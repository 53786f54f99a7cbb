/**
 * The reference engine's plain network (see `reference.ts`): matrices as rows of
 * numbers, its layers, and its conversions from and to `ModelWeights` and a dataset's rows.
 *
 * @module
 */

import {
  type Activation,
  type Dataset,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
} from "@backprop/core";

/** A matrix as rows of numbers: m[r][c]. A bias vector b is the one-row matrix [b]. */
export type Matrix = number[][];

/** One layer, a = f(x·W + b): W[i][j] joins input i to unit j; b = [[b_1 … b_units]]. */
export interface Layer {
  /** [inputs][units] */ W: Matrix;
  /** [1][units]: zeros, never trained, without biases */ b: Matrix;
  /** applied element-wise */ f: Activation;
}

/** The layers from input to output; Ws: [inputs][outputs] (X·Ws joins the output's z) or null. */
export interface Net {
  /** Input to output. */ layers: Layer[];
  /** The shortcut, or null. */ Ws: Matrix | null;
  /** Whether b is trained. */ useBias: boolean;
}
/** The network of `model`, its numbers copied (the model is never changed). */
export function fromModel(model: ModelWeights): Net {
  const rows = (w: readonly number[], n: number, m: number) =>
    Array.from({ length: n }, (_, i) => w.slice(i * m, (i + 1) * m));
  return {
    layers: model.layers.map((l) => ({
      W: rows(l.weights, l.inputs, l.units),
      b: [l.biases.slice()],
      f: l.activation,
    })),
    Ws: model.shortcut ? rows(model.shortcut, model.layerSizes[0], model.layerSizes.at(-1)!) : null,
    useBias: model.useBias,
  };
}

/** `net` as plain `ModelWeights` (a copy). */
export function toModel(net: Net): ModelWeights {
  const model: ModelWeights = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: [net.layers[0].W.length, ...net.layers.map((l) => l.W[0].length)],
    useBias: net.useBias,
    layers: net.layers.map((l) => ({
      inputs: l.W.length,
      units: l.W[0].length,
      activation: l.f,
      weights: l.W.flat(),
      biases: l.b[0].slice(),
    })),
  };
  if (net.Ws !== null) model.shortcut = net.Ws.flat();
  return model;
}

/** Rows `order[start … start + size)` of the dataset (default: all, in order) as X and y. */
export function batchRows(
  data: Dataset,
  order?: ArrayLike<number>,
  start = 0,
  size: number = data.rows,
): { X: Matrix; y: Matrix } {
  const { inputs, targets, inputSize: n, outputSize: k } = data;
  const rows = Array.from({ length: size }, (_, r) => order?.[start + r] ?? start + r);
  return {
    X: rows.map((row) => Array.from(inputs.subarray(row * n, (row + 1) * n))),
    y: rows.map((row) => Array.from(targets.subarray(row * k, (row + 1) * k))),
  };
}
