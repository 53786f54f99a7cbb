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
  type TrainState,
} from "@backprop/core";
import { Dense } from "./dense.ts";
import { LOSS_KERNELS, lossCode, type LossKernels } from "./loss.ts";
import { Optimizer } from "./optimizer.ts";
import { Shortcut } from "./shortcut.ts";
import {
  activationCode,
  allocate,
  type Float,
  LINEAR,
  perDtype,
  SIGMOID,
  SOFTMAX,
} from "./_private.ts";

/**
 * The batch's copy, compiled once per dtype (see `perDtype`), so self-contained:
 * its stores go to buffers of one dtype, and a process that trains in both does
 * not slow the per-row path down.
 */
export function gatherKernels() {
  /**
   * X[r, :] = inputs[order[start + r], :] and y[r, :] = targets[order[start + r], :]
   * for r < rows. inputs: [dataset rows, n], targets: [dataset rows, k], X: [rows, n], y: [rows, k].
   */
  function gather(
    inputs: Float64Array,
    targets: Float64Array,
    order: Uint32Array,
    start: number,
    rows: number,
    n: number,
    k: number,
    x: Float,
    y: Float,
  ) {
    for (let r = 0; r < rows; r++) {
      const src = order[start + r];
      for (let i = 0; i < n; i++) x[r * n + i] = inputs[src * n + i];
      for (let j = 0; j < k; j++) y[r * k + j] = targets[src * k + j];
    }
  }
  return { gather };
}

const GATHER = perDtype(gatherKernels);

/** The network and every buffer one training run needs, allocated once. */
export class Network {
  /** Layers from input to output. */
  readonly layers: Dense[];
  /**
   * [0]: the loss share of the last {@linkcode gradients} or {@linkcode evaluate}
   * call; a buffer, read in place, so that no number is boxed (docs/engine.md).
   */
  readonly batchLoss: Float64Array = new Float64Array(1);
  /** X of the current batch: [maxRows, inputs]. */
  readonly x: Float;
  /** y of the current batch: [maxRows, outputs]. */
  readonly y: Float;
  /** The direct input-to-output connections W_s, or null when the model has none. */
  readonly shortcut: Shortcut | null;
  readonly #useBias: boolean;
  readonly #l2: number;
  readonly #loss: number;
  readonly #lossKernels: LossKernels;
  readonly #activations: Activation[];
  readonly #params: Float[];
  readonly #optimizer: Optimizer;
  readonly #flatParams: Float;
  readonly #flatGrads: Float;
  readonly #gather: ReturnType<typeof gatherKernels>["gather"];

  /**
   * Builds the network of `model`'s shape with its weights copied in, for batches
   * of at most `maxRows` rows, its optimizer starting from `state` if given. The
   * caller has checked that `model` (and `state`) fit `config`.
   */
  constructor(
    config: ResolvedConfig,
    model: ModelWeights,
    maxRows: number,
    state?: TrainState,
  ) {
    const dtype = config.dtype;
    this.#gather = GATHER[dtype].gather;
    this.#useBias = model.useBias;
    this.#l2 = config.l2;
    this.#loss = lossCode(config.loss);
    this.#lossKernels = LOSS_KERNELS[dtype];
    this.#activations = model.layers.map((l) => l.activation);
    const sizes = model.layerSizes;
    // Every trained tensor in one buffer, in the order W1, b1, W2, b2, … (biases only when
    // on), then W_s; their gradients in another of the same layout: one optimizer loop
    // updates them all.
    let count = 0;
    for (const l of model.layers) count += l.inputs * l.units + (model.useBias ? l.units : 0);
    const shortcutAt = count;
    if (model.shortcut !== undefined) count += sizes[0] * sizes[sizes.length - 1];
    const params = allocate(dtype, count);
    const grads = allocate(dtype, count);
    let offset = 0;
    this.layers = model.layers.map((l) => {
      const code = activationCode(l.activation);
      const store = { params, grads, offset };
      offset += l.inputs * l.units + (model.useBias ? l.units : 0);
      const layer = new Dense(l.inputs, l.units, code, maxRows, dtype, model.useBias, store);
      layer.w.set(l.weights);
      layer.b.set(l.biases);
      return layer;
    });
    this.x = allocate(dtype, maxRows * sizes[0]);
    this.y = allocate(dtype, maxRows * sizes[sizes.length - 1]);
    if (model.shortcut === undefined) {
      this.shortcut = null;
    } else {
      const out = this.layers[this.layers.length - 1];
      if (out.activation !== SIGMOID && out.activation !== LINEAR && out.activation !== SOFTMAX) {
        throw new RangeError(
          `shortcut: output activation ${
            model.layers[this.layers.length - 1].activation
          } is not allowed; a shortcut needs a sigmoid, linear or softmax output`,
        );
      }
      this.shortcut = new Shortcut(sizes[0], sizes[sizes.length - 1], maxRows, dtype, {
        params,
        grads,
        offset: shortcutAt,
      });
      this.shortcut.w.set(model.shortcut);
    }
    // The same tensors one by one (views of `params`), for the optimizer's state.
    this.#params = [];
    for (const l of this.layers) {
      this.#params.push(l.w);
      if (this.#useBias) this.#params.push(l.b);
    }
    if (this.shortcut !== null) this.#params.push(this.shortcut.w);
    this.#optimizer = new Optimizer(config, this.#params, state);
    this.#flatParams = params;
    this.#flatGrads = grads;
  }

  /** Copies rows `order[start … start + rows)` of the dataset into X and y. */
  gather(data: Dataset, order: Uint32Array, start: number, rows: number): void {
    const { inputs, targets, inputSize, outputSize } = data;
    this.#gather(inputs, targets, order, start, rows, inputSize, outputSize, this.x, this.y);
  }

  /** Forward pass over the first `rows` rows of X; the output is the last layer's A. */
  forward(rows: number): void {
    this.#forward(this.x, rows);
  }

  // Every layer's forward pass from inputs x; the output layer's with the shortcut if any.
  #forward(x: Float, rows: number): void {
    const layers = this.layers;
    const last = layers.length - 1;
    if (last > 0) layers[0].forward(x, rows);
    for (let l = 1; l < last; l++) layers[l].forward(layers[l - 1].a, rows);
    const prev = last === 0 ? x : layers[last - 1].a;
    const out = layers[last];
    if (this.shortcut === null) out.forward(prev, rows);
    else this.shortcut.forward(x, prev, out, rows);
    // softmax: the layer left A = Z (as linear); normalise each row.
    if (out.activation === SOFTMAX) this.#lossKernels.softmax(out.z, out.a, rows, out.units);
  }

  /** Forward pass and loss of the gathered batch, as {@linkcode gradients} computes it. */
  loss(rows: number, totalRows: number): number {
    this.forward(rows);
    this.#outputDelta(this.y, rows, totalRows);
    return this.batchLoss[0];
  }

  /**
   * Forward pass and loss of `rows` ≤ maxRows rows held elsewhere (inputs `x`,
   * targets `y`, e.g. a chunk of the test rows), as their share of a loss over
   * `totalRows` rows, left in `batchLoss[0]`. The gathered batch X, y is
   * untouched; the layers' Z, A and D are overwritten (the next
   * {@linkcode gradients} computes them again). Allocates nothing.
   */
  evaluate(x: Float, y: Float, rows: number, totalRows: number): void {
    this.#forward(x, rows);
    this.#outputDelta(y, rows, totalRows);
  }

  /**
   * Forward, loss and backward for the gathered batch, leaving every layer's
   * gradient in `gw`/`gb` (and ∂L/∂W_s in `shortcut.gw`) and the batch's share of the epoch loss (see
   * `outputDelta` in `loss.ts`) in `batchLoss[0]`.
   */
  gradients(rows: number, totalRows: number): void {
    this.forward(rows);
    this.#outputDelta(this.y, rows, totalRows);
    const layers = this.layers;
    for (let l = layers.length - 1; l > 0; l--) {
      layers[l].backward(layers[l - 1].a, rows, layers[l - 1]);
    }
    layers[0].backward(this.x, rows, null);
    // ∂L/∂W_s = Xᵀ·D_out: the output delta is still in place (the layers only read it).
    if (this.shortcut !== null) this.shortcut.backward(this.x, layers[layers.length - 1].d, rows);
  }

  // The loss is passed on through `batchLoss` rather than returned (docs/engine.md).
  #outputDelta(y: Float, rows: number, totalRows: number): void {
    const out = this.layers[this.layers.length - 1];
    const k = out.units;
    this.#lossKernels.outputDelta(
      this.#loss,
      out.activation === SIGMOID,
      out.a,
      out.z,
      out.d,
      y,
      rows * k,
      totalRows * k,
      this.batchLoss,
      k,
    );
  }

  /**
   * One optimizer update from the gradients left by {@linkcode gradients}; with
   * `config.l2` = λ > 0, each weight's gradient first gains ∂(λ·Σw²)/∂w = 2λ·w
   * (every layer's W and W_s; not the biases).
   */
  update(): void {
    if (this.#l2 > 0) {
      const c = 2 * this.#l2;
      for (const l of this.layers) for (let i = 0; i < l.w.length; i++) l.gw[i] += c * l.w[i];
      const s = this.shortcut;
      if (s !== null) { for (let i = 0; i < s.w.length; i++) s.gw[i] += c * s.w[i]; }
    }
    this.#optimizer.step(this.#flatParams, this.#flatGrads);
  }

  /** The optimizer's state (a copy), for a run that has trained `epochs` epochs in all. */
  state(epochs: number): TrainState {
    return this.#optimizer.state(epochs);
  }

  /** The current weights as plain `ModelWeights` (a copy). */
  toModel(): ModelWeights {
    const first = this.layers[0];
    const model: ModelWeights = {
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
    if (this.shortcut !== null) model.shortcut = Array.from(this.shortcut.w);
    return model;
  }
}
