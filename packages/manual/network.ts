/**
 * A stack of {@linkcode Dense} layers with the buffers of one run: the batch's
 * inputs and targets, every layer's activations and deltas, the optimizer state.
 *
 * @module
 */

import {
  type Activation,
  type Dataset,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { Dense } from "./dense.ts";
import { lossCode, outputDelta } from "./loss.ts";
import { Optimizer } from "./optimizer.ts";
import { activationCode, allocate, type Float } from "./_private.ts";

/** The network and every buffer one training run needs, allocated once. */
export class Network {
  /** Layers from input to output. */
  readonly layers: Dense[];
  /** X of the current batch: [maxRows, inputs]. */
  readonly x: Float;
  /** y of the current batch: [maxRows, outputs]. */
  readonly y: Float;
  readonly #useBias: boolean;
  readonly #loss: number;
  readonly #activations: Activation[];
  readonly #params: Float[];
  readonly #grads: Float[];
  readonly #optimizer: Optimizer;

  /**
   * Builds the network of `model`'s shape with its weights copied in, for batches
   * of at most `maxRows` rows. The caller has checked that `model` fits `config`.
   */
  constructor(config: ResolvedConfig, model: ModelWeights, maxRows: number) {
    const dtype = config.dtype;
    this.#useBias = model.useBias;
    this.#loss = lossCode(config.loss);
    this.#activations = model.layers.map((l) => l.activation);
    this.layers = model.layers.map((l) => {
      const layer = new Dense(l.inputs, l.units, activationCode(l.activation), maxRows, dtype);
      layer.w.set(l.weights);
      layer.b.set(l.biases);
      return layer;
    });
    const sizes = model.layerSizes;
    this.x = allocate(dtype, maxRows * sizes[0]);
    this.y = allocate(dtype, maxRows * sizes[sizes.length - 1]);
    // Trained tensors in a fixed order: W1, b1, W2, b2, … (biases only when on).
    this.#params = [];
    this.#grads = [];
    for (const l of this.layers) {
      this.#params.push(l.w);
      this.#grads.push(l.gw);
      if (this.#useBias) {
        this.#params.push(l.b);
        this.#grads.push(l.gb);
      }
    }
    this.#optimizer = new Optimizer(config, this.#params);
  }

  /** Copies rows `order[start … start + rows)` of the dataset into X and y. */
  gather(data: Dataset, order: Uint32Array, start: number, rows: number): void {
    const n = data.inputSize;
    const k = data.outputSize;
    const { x, y } = this;
    for (let r = 0; r < rows; r++) {
      const src = order[start + r];
      for (let i = 0; i < n; i++) x[r * n + i] = data.inputs[src * n + i];
      for (let j = 0; j < k; j++) y[r * k + j] = data.targets[src * k + j];
    }
  }

  /** Forward pass over the first `rows` rows of X; the output is the last layer's A. */
  forward(rows: number): void {
    let input = this.x;
    for (const layer of this.layers) {
      layer.forward(input, rows);
      input = layer.a;
    }
  }

  /** Forward pass and loss of the gathered batch, as {@linkcode gradients} computes it. */
  loss(rows: number, totalRows: number): number {
    this.forward(rows);
    return outputDelta(this.#loss, this.layers[this.layers.length - 1], this.y, rows, totalRows);
  }

  /**
   * Forward, loss and backward for the gathered batch, leaving every layer's
   * gradient in `gw`/`gb`. Returns the batch's share of the epoch loss
   * (see `outputDelta`).
   */
  gradients(rows: number, totalRows: number): number {
    this.forward(rows);
    const layers = this.layers;
    const last = layers.length - 1;
    const loss = outputDelta(this.#loss, layers[last], this.y, rows, totalRows);
    for (let l = last; l >= 0; l--) {
      const input = l === 0 ? this.x : layers[l - 1].a;
      layers[l].backward(input, rows, l === 0 ? null : layers[l - 1]);
    }
    return loss;
  }

  /** One optimizer update from the gradients left by {@linkcode gradients}. */
  update(): void {
    this.#optimizer.step(this.#params, this.#grads);
  }

  /** The current weights as plain `ModelWeights` (a copy). */
  toModel(): ModelWeights {
    const first = this.layers[0];
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      layerSizes: [first.inputs, ...this.layers.map((l) => l.units)],
      useBias: this.#useBias,
      layers: this.layers.map((l, i) => ({
        inputs: l.inputs,
        units: l.units,
        activation: this.#activations[i],
        weights: Array.from(l.w),
        biases: Array.from(l.b),
      })),
    };
  }
}
