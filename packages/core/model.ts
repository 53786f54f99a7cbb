/**
 * `ModelWeights`: the plain, versioned, JSON-serialisable form of a network that
 * every implementation starts from and returns, its seeded initialisation, and
 * a plain-TypeScript forward pass.
 *
 * @module
 */

import { activate, softmaxInPlace } from "./activation.ts";
import { type Activation, CHOICES, parseInit, type ResolvedConfig } from "./config.ts";
import type { Dataset } from "./dataset.ts";
import { Mt19937 } from "./rng.ts";

/** The `format` tag of every model. */
export const MODEL_FORMAT = "backprop-model";
/** The current `version` of the model format. */
export const MODEL_VERSION = 1;

/** One fully connected layer: a = f(x·W + b). */
export interface LayerWeights {
  /** Width of the layer's input. */
  inputs: number;
  /** Number of units (width of the output). */
  units: number;
  /** f, applied element-wise. */
  activation: Activation;
  /** W: [inputs, units], row-major: weights[i * units + j] joins input i to unit j. */
  weights: number[];
  /** b: [units]; all zeros when the model has no biases. */
  biases: number[];
}

/** A network's architecture and numbers, as plain JSON. */
export interface ModelWeights {
  /** Always {@linkcode MODEL_FORMAT}. */
  format: "backprop-model";
  /** Always {@linkcode MODEL_VERSION} for models written by this version. */
  version: 1;
  /** [inputs, hidden…, outputs]. */
  layerSizes: number[];
  /** Whether biases are trained; when false every bias is 0. */
  useBias: boolean;
  /** Layers from input to output: layerSizes.length − 1 of them. */
  layers: LayerWeights[];
  /**
   * Direct input-to-output connections, present exactly when the network has them
   * (config `shortcut`): W_s: [inputs, outputs], row-major, shortcut[i * outputs + j]
   * joining input i to output j. The output layer's pre-activation is then
   * Z_out = A_last·W_out + X·W_s + b_out (X the network's inputs).
   */
  shortcut?: number[];
}

/**
 * ∂L/∂W and ∂L/∂b of one layer, shaped as its weights and biases (see
 * {@linkcode LayerWeights}): what every engine's gradient function returns per layer.
 *
 * @example The zero gradient of a 2 → 3 layer
 * ```ts
 * import type { LayerGradients } from "@backprop/core";
 * const zero: LayerGradients = { weights: new Float64Array(2 * 3), biases: new Float64Array(3) };
 * zero.weights.length; // 6: ∂L/∂W is [2, 3]
 * ```
 */
export interface LayerGradients {
  /** ∂L/∂W: [inputs, units], row-major. */
  weights: Float64Array;
  /** ∂L/∂b: [units] (zeros when the model has no biases). */
  biases: Float64Array;
}

/**
 * Draws a model's starting weights from `config.init` and `config.seed`; see
 * {@linkcode InitName} for each rule. Every implementation starts from these.
 * With `config.shortcut`, W_s is drawn after every other weight and bias, so the
 * rest of the model is the same as without it.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * const model = initModel(resolveConfig({ preset: "seed" }), 2, 1);
 * model.layers[0].weights.length; // 6
 * ```
 */
export function initModel(
  config: ResolvedConfig,
  inputSize: number,
  outputSize: number,
): ModelWeights {
  const sizes = [inputSize, ...config.hidden, outputSize];
  const { kind, range } = parseInit(config.init);
  const rng = new Mt19937(config.seed);
  const layers: LayerWeights[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l];
    const units = sizes[l + 1];
    const limit = kind === "glorot-uniform"
      ? Math.sqrt(6 / (inputs + units))
      : kind === "he-uniform"
      ? Math.sqrt(6 / inputs)
      : range;
    const weights = new Array<number>(inputs * units);
    for (let i = 0; i < weights.length; i++) weights[i] = rng.uniform(-limit, limit);
    const biases = new Array<number>(units).fill(0);
    // uniform:R draws each layer's biases right after its weights.
    if (config.useBias && kind === "uniform") {
      for (let j = 0; j < units; j++) biases[j] = rng.uniform(-range, range);
    }
    const activation = l + 2 === sizes.length ? config.outputActivation : config.activation;
    layers.push({ inputs, units, activation, weights, biases });
  }
  // numpy draws every W first, exactly as the original program, and only then the biases,
  // so turning biases on leaves the weights identical to the original's.
  if (config.useBias && kind === "numpy") {
    for (const layer of layers) {
      for (let j = 0; j < layer.units; j++) layer.biases[j] = rng.uniform(-1, 1);
    }
  }
  const model: ModelWeights = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: sizes,
    useBias: config.useBias,
    layers,
  };
  if (config.shortcut) {
    // Last of all, so that turning the shortcut on changes no other number. Its fan-in
    // and fan-out are W_s's own: the network's inputs and outputs.
    const limit = kind === "glorot-uniform"
      ? Math.sqrt(6 / (inputSize + outputSize))
      : kind === "he-uniform"
      ? Math.sqrt(6 / inputSize)
      : range;
    const shortcut = new Array<number>(inputSize * outputSize);
    for (let i = 0; i < shortcut.length; i++) shortcut[i] = rng.uniform(-limit, limit);
    model.shortcut = shortcut;
  }
  return model;
}

/**
 * Checks that `model` is the network `config` describes for `data` — layer
 * sizes, activations, biases, shortcut weights — so an engine's loop never has to. Throws a
 * `RangeError` naming what differs. Every engine calls it on its starting weights.
 *
 * @example
 * ```ts
 * import { checkModelFits, initModel, loadDataset, resolveConfig } from "@backprop/core";
 * const config = resolveConfig();
 * const xor = loadDataset("xor");
 * checkModelFits(config, xor, initModel(config, 2, 1)); // fits: no error
 * ```
 */
export function checkModelFits(config: ResolvedConfig, data: Dataset, model: ModelWeights): void {
  const expected = [data.inputSize, ...config.hidden, data.outputSize];
  const got = model.layerSizes;
  if (got.length !== expected.length || got.some((s, i) => s !== expected[i])) {
    throw new RangeError(
      `initialModel: layer sizes [${got}] are not allowed; the config and dataset ${data.name} need [${expected}]`,
    );
  }
  model.layers.forEach((layer, l) => {
    const want = l === model.layers.length - 1 ? config.outputActivation : config.activation;
    if (layer.activation !== want) {
      throw new RangeError(
        `initialModel: layer ${
          l + 1
        } activation ${layer.activation} is not allowed; the config needs ${want}`,
      );
    }
  });
  if (model.useBias !== config.useBias) {
    throw new RangeError(
      `initialModel: useBias ${model.useBias} is not allowed; the config has useBias ${config.useBias}`,
    );
  }
  const has = model.shortcut !== undefined;
  if (has !== config.shortcut) {
    throw new RangeError(
      `initialModel: a model ${has ? "with" : "without"} shortcut weights is not allowed; ` +
        `the config has shortcut ${config.shortcut}`,
    );
  }
  const size = data.inputSize * data.outputSize;
  if (has && model.shortcut!.length !== size) {
    throw new RangeError(
      `initialModel: ${
        model.shortcut!.length
      } shortcut weights are not allowed; the config and dataset ${data.name} need ${size}`,
    );
  }
}

/**
 * Deep-copies a model, so a caller may keep it while another trains from it.
 *
 * @example
 * ```ts
 * import { cloneModel, initModel, resolveConfig } from "@backprop/core";
 * const a = initModel(resolveConfig(), 2, 1);
 * cloneModel(a).layers[0].weights !== a.layers[0].weights; // true
 * ```
 */
export function cloneModel(model: ModelWeights): ModelWeights {
  const copy: ModelWeights = {
    ...model,
    layerSizes: [...model.layerSizes],
    layers: model.layers.map((l) => ({ ...l, weights: [...l.weights], biases: [...l.biases] })),
  };
  if (model.shortcut !== undefined) copy.shortcut = [...model.shortcut];
  return copy;
}

function bad(path: string, value: unknown, allowed: string, Kind = RangeError): never {
  let shown: string;
  try {
    shown = typeof value === "number" ? String(value) : JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  if (shown.length > 60) shown = shown.slice(0, 57) + "...";
  throw new Kind(`${path}: ${shown} is not allowed; ${allowed}`);
}

function finiteArray(path: string, value: unknown, length: number): number[] {
  if (!Array.isArray(value)) bad(path, value, `expected an array of ${length} numbers`, TypeError);
  if (value.length !== length) {
    bad(`${path}.length`, value.length, `expected ${length} to match the layer sizes`);
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      bad(`${path}[${i}]`, v, "expected a finite number", TypeError);
    }
  }
  return value;
}

/**
 * Checks that an unknown value (e.g. parsed JSON) is a well-formed model of this
 * version: format, version, shapes that agree with `layerSizes` (the optional
 * `shortcut` too: inputs × outputs values), known activations and finite numbers.
 * Throws a `TypeError`/`RangeError` naming the offending path.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig, validateModel } from "@backprop/core";
 * const json = JSON.stringify(initModel(resolveConfig(), 2, 1));
 * validateModel(JSON.parse(json)).layerSizes; // [2, 8, 1]
 * ```
 */
export function validateModel(value: unknown): ModelWeights {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    bad("model", value, "expected an object", TypeError);
  }
  const m = value as Record<string, unknown>;
  if (m.format !== MODEL_FORMAT) bad("model.format", m.format, `expected "${MODEL_FORMAT}"`);
  if (m.version !== MODEL_VERSION) {
    bad("model.version", m.version, `this version reads version ${MODEL_VERSION}`);
  }
  const sizes = m.layerSizes;
  if (!Array.isArray(sizes) || sizes.length < 2) {
    bad("model.layerSizes", sizes, "expected [inputs, hidden..., outputs]", TypeError);
  }
  sizes.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isInteger(s) || s < 1) {
      bad(`model.layerSizes[${i}]`, s, "expected an integer ≥ 1");
    }
  });
  if (typeof m.useBias !== "boolean") {
    bad("model.useBias", m.useBias, "expected true or false", TypeError);
  }
  const layers = m.layers;
  if (!Array.isArray(layers) || layers.length !== sizes.length - 1) {
    bad(
      "model.layers",
      layers,
      `expected ${sizes.length - 1} layers to match layerSizes`,
      TypeError,
    );
  }
  const activations: readonly string[] = [...CHOICES.activation, ...CHOICES.outputActivation];
  layers.forEach((layer: Record<string, unknown>, l) => {
    const path = `model.layers[${l}]`;
    if (typeof layer !== "object" || layer === null) {
      bad(path, layer, "expected an object", TypeError);
    }
    if (layer.inputs !== sizes[l]) bad(`${path}.inputs`, layer.inputs, `expected ${sizes[l]}`);
    if (layer.units !== sizes[l + 1]) bad(`${path}.units`, layer.units, `expected ${sizes[l + 1]}`);
    if (typeof layer.activation !== "string" || !activations.includes(layer.activation)) {
      bad(`${path}.activation`, layer.activation, `expected one of ${activations.join(", ")}`);
    }
    finiteArray(`${path}.weights`, layer.weights, sizes[l] * sizes[l + 1]);
    const biases = finiteArray(`${path}.biases`, layer.biases, sizes[l + 1]);
    if (!m.useBias && biases.some((b) => b !== 0)) {
      bad(`${path}.biases`, biases, "expected all zeros when useBias is false");
    }
  });
  if (m.shortcut !== undefined) {
    const inputs = sizes[0];
    const outputs = sizes[sizes.length - 1];
    if (!Array.isArray(m.shortcut)) {
      bad(
        "model.shortcut",
        m.shortcut,
        `expected an array of ${inputs} × ${outputs} numbers (W_s: inputs × outputs)`,
        TypeError,
      );
    }
    finiteArray("model.shortcut", m.shortcut, inputs * outputs);
  }
  return value as ModelWeights;
}

/**
 * Forward pass in plain TypeScript on flat rows: X: [rows, inputs] → [rows, outputs].
 * With a shortcut, the output layer's pre-activation is (A_last·W_out + X·W_s) + b_out,
 * each product summed in increasing index, as the engines compute it.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, predictFlat, resolveConfig } from "@backprop/core";
 * const xor = loadDataset("xor");
 * const model = initModel(resolveConfig(), 2, 1);
 * predictFlat(model, xor.inputs, xor.rows).length; // 4
 * ```
 */
export function predictFlat(model: ModelWeights, inputs: Float64Array, rows: number): Float64Array {
  const width = model.layerSizes[0];
  if (inputs.length !== rows * width) {
    throw new RangeError(
      `inputs: ${inputs.length} values is not allowed; expected rows × ${width} = ${rows * width}`,
    );
  }
  let x = inputs;
  const last = model.layers.length - 1;
  const ws = model.shortcut;
  model.layers.forEach((layer, l) => {
    const { inputs: n, units, weights: w, biases: b, activation } = layer;
    const a = new Float64Array(rows * units);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < units; j++) {
        // z_j = Σ_i x_i · W[i, j] + b_j, summed in increasing i as NumPy's dot does for small sizes.
        let z = 0;
        for (let i = 0; i < n; i++) z += x[r * n + i] * w[i * units + j];
        if (l === last && ws !== undefined) {
          // + Σ_i X[r, i] · W_s[i, j], the network's own inputs straight to the output.
          let s = 0;
          for (let i = 0; i < width; i++) s += inputs[r * width + i] * ws[i * units + j];
          z += s;
        }
        a[r * units + j] = activation === "softmax" ? z + b[j] : activate(activation, z + b[j]);
      }
      if (activation === "softmax") softmaxInPlace(a.subarray(r * units, (r + 1) * units));
    }
    x = a;
  });
  return x;
}

/**
 * Forward pass on nested rows: each input row of the model's input width gives
 * one output row.
 *
 * @example
 * ```ts
 * import { initModel, predict, resolveConfig } from "@backprop/core";
 * const model = initModel(resolveConfig(), 2, 1);
 * predict(model, [[0, 1], [1, 1]]).length; // 2
 * ```
 */
export function predict(model: ModelWeights, inputs: readonly (readonly number[])[]): number[][] {
  const width = model.layerSizes[0];
  const flat = new Float64Array(inputs.length * width);
  inputs.forEach((row, r) => {
    if (row.length !== width) {
      throw new RangeError(
        `inputs[${r}]: ${row.length} values is not allowed; the model takes ${width}`,
      );
    }
    flat.set(row, r * width);
  });
  const out = predictFlat(model, flat, inputs.length);
  const units = model.layerSizes[model.layerSizes.length - 1];
  return inputs.map((_, r) => Array.from(out.subarray(r * units, (r + 1) * units)));
}
