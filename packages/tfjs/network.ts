/**
 * A network of fully connected layers held as TF.js variables, built from and
 * read back into the plain {@linkcode ModelWeights} every engine shares.
 *
 * @module
 */

import type { Tensor, Tensor2D, Variable } from "@tensorflow/tfjs";
import {
  type Activation,
  LEAKY_RELU_ALPHA,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
} from "@backprop/core";
import type { Tf } from "./backend.ts";

/** One layer: W: [inputs, units], b: [units] (absent without biases), and f. */
interface Layer {
  readonly inputs: number;
  readonly units: number;
  readonly activation: Activation;
  readonly w: Variable;
  readonly b: Variable | null;
}

/** The layers of one run as TF.js variables. Dispose it when done. */
export class TfNetwork {
  /**
   * Trained variables in the engines' shared order: W1, b1, W2, b2, … (biases only
   * when on), then W_s when the model has direct input-to-output connections.
   */
  readonly params: Variable[];
  /** The weights (every layer's W, then W_s), without the biases: what L2 decay applies to. */
  readonly weights: Variable[];
  readonly #tf: Tf;
  readonly #layers: Layer[];
  readonly #useBias: boolean;
  /** W_s: [inputs, outputs], or null without a shortcut. */
  readonly #shortcut: Variable | null;

  /** Copies `model`'s weights into new variables (float32: each value rounded to nearest). */
  constructor(tf: Tf, model: ModelWeights) {
    this.#tf = tf;
    this.#useBias = model.useBias;
    // A variable keeps its own copy: free each initial tensor once its variable exists.
    const variable = (init: Tensor): Variable => {
      try {
        return tf.variable(init, true);
      } finally {
        init.dispose();
      }
    };
    this.#layers = model.layers.map((l) => ({
      inputs: l.inputs,
      units: l.units,
      activation: l.activation,
      w: variable(tf.tensor2d(l.weights, [l.inputs, l.units], "float32")),
      b: model.useBias ? variable(tf.tensor1d(l.biases, "float32")) : null,
    }));
    const sizes = model.layerSizes;
    this.#shortcut = model.shortcut === undefined ? null : variable(
      tf.tensor2d(model.shortcut, [sizes[0], sizes[sizes.length - 1]], "float32"),
    );
    this.params = this.#layers.flatMap((l) => l.b === null ? [l.w] : [l.w, l.b]);
    if (this.#shortcut !== null) this.params.push(this.#shortcut);
    this.weights = this.#layers.map((l) => l.w);
    if (this.#shortcut !== null) this.weights.push(this.#shortcut);
  }

  /**
   * Forward pass of a batch x: [rows, inputs]. Returns the output layer's
   * pre-activation z (the losses start from it; see `loss.ts`).
   */
  logits(x: Tensor2D): Tensor2D {
    const tf = this.#tf;
    const last = this.#layers.length - 1;
    let a = x;
    for (let l = 0; l <= last; l++) {
      const { w, b, activation } = this.#layers[l];
      // Z = X·W + b; the output layer with a shortcut: Z = (A·W + X·W_s) + b.
      let product: Tensor2D = tf.matMul(a, w);
      if (l === last && this.#shortcut !== null) {
        product = tf.add(product, tf.matMul(x, this.#shortcut));
      }
      const z: Tensor2D = b === null ? product : tf.add(product, b);
      if (l === last) return z;
      a = activate(tf, activation, z);
    }
    throw new Error("unreachable: a network has at least one layer");
  }

  /** Forward pass of a batch x: [rows, inputs] to the outputs o = f(z): [rows, outputs]. */
  predict(x: Tensor2D): Tensor2D {
    const last = this.#layers[this.#layers.length - 1];
    return activate(this.#tf, last.activation, this.logits(x));
  }

  /** The current weights as plain `ModelWeights`, float32 values widened to numbers. */
  toModel(): ModelWeights {
    const layers = this.#layers;
    const model: ModelWeights = {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      layerSizes: [layers[0].inputs, ...layers.map((l) => l.units)],
      useBias: this.#useBias,
      layers: layers.map((l) => ({
        inputs: l.inputs,
        units: l.units,
        activation: l.activation,
        weights: Array.from(l.w.dataSync()),
        biases: l.b === null ? new Array<number>(l.units).fill(0) : Array.from(l.b.dataSync()),
      })),
    };
    if (this.#shortcut !== null) model.shortcut = Array.from(this.#shortcut.dataSync());
    return model;
  }

  /** Frees every variable. */
  dispose(): void {
    this.#tf.dispose(this.params);
  }
}

/** a = f(z) for the activation, as `@backprop/core`'s `activate` defines it. */
export function activate(tf: Tf, activation: Activation, z: Tensor2D): Tensor2D {
  switch (activation) {
    case "sigmoid":
      return tf.sigmoid(z);
    case "tanh":
      return tf.tanh(z);
    case "relu":
      return tf.relu(z);
    case "leaky-relu":
      // z > 0 ? z : 0.01·z; TF.js's gradient is 1 for z > 0, else 0.01 (the manual engine's).
      return tf.leakyRelu(z, LEAKY_RELU_ALPHA);
    case "linear":
      return z;
    case "softmax":
      return tf.softmax(z); // row-wise, along the last axis
  }
}
