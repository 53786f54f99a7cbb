/**
 * TensorFlow.js's Layers format (`model.json` + a weights file), as TF.js 4.x
 * writes it and `tf.loadLayersModel` reads it, converted to and from
 * {@linkcode ModelWeights} without TF.js: the JSON and the bytes only.
 *
 * The network maps onto Keras layers as follows:
 * - each layer is a `Dense` layer: its kernel is W: [inputs, units] row-major and
 *   its bias b: [units], exactly our layout, stored as little-endian float32;
 * - sigmoid, tanh, relu and linear are Dense activations; leaky-relu is not one
 *   in TF.js, so such a layer is a linear `Dense` followed by a `LeakyReLU` layer
 *   with α = {@linkcode LEAKY_RELU_ALPHA} (TF.js computes x < 0 ? α·x : x, ours);
 * - without a shortcut the model is a `Sequential`; with one it is a functional
 *   `Model` whose output Dense reads `Concatenate([A_last, X])` with the kernel
 *   [W_out; W_s] (W_out's rows, then W_s's): z = A_last·W_out + X·W_s + b, the
 *   same sum in another order (equal within float32 rounding).
 *
 * Reading accepts those shapes, whoever wrote them (TF.js's `model.save`, this
 * module, Keras via tensorflowjs_converter): Dense, LeakyReLU after a linear
 * Dense, InputLayer, and one Concatenate of the last hidden output and the
 * input. Any other layer is a `RangeError` naming it.
 *
 * @module
 */

import { type Activation, CHOICES, LEAKY_RELU_ALPHA } from "./config.ts";
import {
  type LayerWeights,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
  validateModel,
} from "./model.ts";

/** The name of the weights file {@linkcode toLayersModel} refers to. */
export const LAYERS_WEIGHTS_FILE = "weights.bin";

/** One weight tensor in a TF.js weights manifest. */
export interface LayersWeightSpec {
  /** `layer/kernel` or `layer/bias`. */
  name: string;
  /** [inputs, units] for a kernel, [units] for a bias. */
  shape: number[];
  /** Always float32 here. */
  dtype: "float32";
}

/** The content of a TF.js Layers `model.json`. */
export interface LayersModelJson {
  /** The Keras-style model config: `{class_name, config, keras_version, backend}`. */
  modelTopology: Record<string, unknown>;
  /** Always `layers-model`. */
  format: "layers-model";
  /** Who wrote it. */
  generatedBy: string;
  /** Always null here (no converter). */
  convertedBy: null;
  /** The weight files and the tensors they hold, in order. */
  weightsManifest: { paths: string[]; weights: LayersWeightSpec[] }[];
}

/** A TF.js Layers model: its `model.json` and the bytes of its weights file. */
export interface LayersModel {
  /** What to write to `model.json`. */
  json: LayersModelJson;
  /** What to write to {@linkcode LAYERS_WEIGHTS_FILE}: every tensor, float32 little-endian. */
  weights: Uint8Array;
}

const KERAS_ACTIVATION: Record<Activation, string> = {
  sigmoid: "sigmoid",
  tanh: "tanh",
  relu: "relu",
  "leaky-relu": "linear",
  linear: "linear",
  softmax: "softmax",
};

function denseConfig(name: string, units: number, activation: Activation, useBias: boolean) {
  return {
    name,
    units,
    activation: KERAS_ACTIVATION[activation],
    use_bias: useBias,
    trainable: true,
    dtype: "float32",
  };
}

/**
 * Converts a model to TF.js's Layers format: a `Sequential` of Dense layers, or
 * a functional `Model` with a `Concatenate` when the model has a shortcut (see
 * the module doc). Weights are rounded to float32.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig, toLayersModel } from "@backprop/core";
 * const { json, weights } = toLayersModel(initModel(resolveConfig(), 2, 1));
 * json.modelTopology.class_name; // "Sequential"
 * weights.length; // (2·8 + 8 + 8·1 + 1) float32 values = 132 bytes
 * ```
 */
export function toLayersModel(model: ModelWeights): LayersModel {
  const checked = validateModel(model);
  const { layers, useBias, shortcut } = checked;
  const inputs = checked.layerSizes[0];
  const specs: LayersWeightSpec[] = [];
  const values: number[][] = [];
  const keras: Record<string, unknown>[] = [];
  const last = layers.length - 1;
  // Functional models name each layer's input; `previous` is the last layer's name.
  let previous = "input";
  const node = (name: string) => [[[name, 0, 0, {}]]];
  layers.forEach((layer, l) => {
    const name = `dense_${l + 1}`;
    const config: Record<string, unknown> = denseConfig(
      name,
      layer.units,
      layer.activation,
      useBias,
    );
    let kernel = layer.weights;
    let rows = layer.inputs;
    let inbound = node(previous);
    if (l === last && shortcut !== undefined) {
      // z = [A_last, X]·[W_out; W_s] + b: W_s's rows follow W_out's.
      keras.push({
        class_name: "Concatenate",
        name: "concatenate",
        config: { name: "concatenate", axis: -1, trainable: true },
        inbound_nodes: [[[previous, 0, 0, {}], ["input", 0, 0, {}]]],
      });
      inbound = node("concatenate");
      kernel = [...layer.weights, ...shortcut];
      rows = layer.inputs + inputs;
    }
    if (l === 0 && shortcut === undefined) config.batch_input_shape = [null, inputs];
    keras.push({ class_name: "Dense", name, config, inbound_nodes: inbound });
    specs.push({ name: `${name}/kernel`, shape: [rows, layer.units], dtype: "float32" });
    values.push(kernel);
    if (useBias) {
      specs.push({ name: `${name}/bias`, shape: [layer.units], dtype: "float32" });
      values.push(layer.biases);
    }
    previous = name;
    if (layer.activation === "leaky-relu") {
      const relu = `leaky_re_lu_${l + 1}`;
      keras.push({
        class_name: "LeakyReLU",
        name: relu,
        config: { name: relu, alpha: LEAKY_RELU_ALPHA, trainable: true },
        inbound_nodes: node(name),
      });
      previous = relu;
    }
  });
  const topology = shortcut === undefined
    ? {
      class_name: "Sequential",
      config: {
        name: "sequential",
        layers: keras.map(({ class_name, config }) => ({ class_name, config })),
      },
    }
    : {
      class_name: "Model",
      config: {
        name: "model",
        layers: [
          {
            class_name: "InputLayer",
            name: "input",
            config: { name: "input", batch_input_shape: [null, inputs], dtype: "float32" },
            inbound_nodes: [],
          },
          ...keras,
        ],
        input_layers: [["input", 0, 0]],
        output_layers: [[previous, 0, 0]],
      },
    };
  const flat = Float32Array.from(values.flat());
  const bytes = new Uint8Array(flat.length * 4);
  const view = new DataView(bytes.buffer);
  flat.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return {
    json: {
      modelTopology: {
        ...topology,
        keras_version: "tfjs-layers 4.22.0",
        backend: "tensor_flow.js",
      },
      format: "layers-model",
      generatedBy: `backprop ${MODEL_FORMAT} v${MODEL_VERSION}`,
      convertedBy: null,
      weightsManifest: [{ paths: [`./${LAYERS_WEIGHTS_FILE}`], weights: specs }],
    },
    weights: bytes,
  };
}

function refuse(message: string, Kind = RangeError): never {
  throw new Kind(`model.json: ${message}`, { cause: { field: "model" } });
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    refuse(`${what} is not an object`, TypeError);
  }
  return value as Record<string, unknown>;
}

/**
 * Whether parsed JSON looks like a TF.js model (it has a `modelTopology`), as
 * opposed to this project's own model format.
 *
 * @example
 * ```ts
 * import { initModel, isLayersModelJson, resolveConfig, toLayersModel } from "@backprop/core";
 * const model = initModel(resolveConfig(), 2, 1);
 * isLayersModelJson(toLayersModel(model).json); // true
 * isLayersModelJson(model); // false
 * ```
 */
export function isLayersModelJson(value: unknown): boolean {
  return typeof value === "object" && value !== null && "modelTopology" in value;
}

/**
 * The weight files a `model.json` lists, in the order their bytes are
 * concatenated (relative to the `model.json`'s directory).
 *
 * @example
 * ```ts
 * import { initModel, layersWeightPaths, resolveConfig, toLayersModel } from "@backprop/core";
 * layersWeightPaths(toLayersModel(initModel(resolveConfig(), 2, 1)).json); // ["./weights.bin"]
 * ```
 */
export function layersWeightPaths(json: unknown): string[] {
  const manifest = record(json, "the file").weightsManifest;
  if (!Array.isArray(manifest)) refuse("weightsManifest is missing or not an array", TypeError);
  return manifest.flatMap((group, g) => {
    const paths = record(group, `weightsManifest[${g}]`).paths;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== "string")) {
      refuse(`weightsManifest[${g}].paths is not a list of file names`, TypeError);
    }
    return paths as string[];
  });
}

/** A layer of the topology as read: class, name, config, inbound layer names. */
interface KerasLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
  inbound: string[];
}

function kerasLayers(topology: Record<string, unknown>): {
  layers: KerasLayer[];
  functional: boolean;
} {
  const className = topology.class_name;
  const config = topology.config;
  if (className === "Sequential") {
    // Keras 2 writes {name, layers}; old Keras a bare list of layers.
    const list = Array.isArray(config) ? config : record(config, "modelTopology.config").layers;
    if (!Array.isArray(list)) refuse("modelTopology.config.layers is not a list", TypeError);
    const layers = list.map((value, i) => {
      const l = record(value, `layer ${i}`);
      const c = record(l.config, `layer ${i}'s config`);
      return { className: String(l.class_name), name: String(c.name ?? i), config: c, inbound: [] };
    });
    return { layers, functional: false };
  }
  if (className === "Model" || className === "Functional") {
    const c = record(config, "modelTopology.config");
    if (!Array.isArray(c.layers)) refuse("modelTopology.config.layers is not a list", TypeError);
    const layers = c.layers.map((value: unknown, i: number) => {
      const l = record(value, `layer ${i}`);
      const nodes = Array.isArray(l.inbound_nodes) ? l.inbound_nodes : [];
      if (nodes.length > 1) {
        refuse(`layer ${l.name} is applied ${nodes.length} times; expected once`);
      }
      const inbound = nodes.length === 0
        ? []
        : (nodes[0] as unknown[]).map((n) => String((n as unknown[])[0]));
      return {
        className: String(l.class_name),
        name: String(l.name),
        config: record(l.config, `layer ${l.name}'s config`),
        inbound,
      };
    });
    const outs = c.output_layers;
    const ins = c.input_layers;
    if (!Array.isArray(outs) || outs.length !== 1 || !Array.isArray(ins) || ins.length !== 1) {
      refuse("a functional model needs exactly one input and one output");
    }
    // Order the layers from the input along the path to the output.
    const byName = new Map(layers.map((l: KerasLayer) => [l.name, l]));
    const ordered: KerasLayer[] = [];
    const visit = (name: string) => {
      const layer = byName.get(name);
      if (layer === undefined) refuse(`layer ${name} is referred to but not defined`);
      if (ordered.includes(layer)) return;
      layer.inbound.forEach(visit);
      ordered.push(layer);
    };
    visit(String((outs[0] as unknown[])[0]));
    return { layers: ordered, functional: true };
  }
  return refuse(
    `model class ${JSON.stringify(className)} is not supported; expected Sequential or Model`,
  );
}

const HIDDEN: readonly string[] = ["sigmoid", "tanh", "relu"];

/**
 * Reads a TF.js Layers model — its parsed `model.json` and the bytes of its
 * weight files concatenated in manifest order ({@linkcode layersWeightPaths}) —
 * into {@linkcode ModelWeights}. Dense layers only (with LeakyReLU after a
 * linear Dense, and one Concatenate for a shortcut, see the module doc); hidden
 * activations sigmoid, tanh, relu or leaky-relu, output sigmoid or linear;
 * float32 weights. Anything else is a `RangeError`/`TypeError` whose one-line
 * message starts with `model.json:` and names the layer or field.
 *
 * @example A round trip
 * ```ts
 * import { fromLayersModel, initModel, resolveConfig, toLayersModel } from "@backprop/core";
 * const { json, weights } = toLayersModel(initModel(resolveConfig(), 2, 1));
 * fromLayersModel(JSON.parse(JSON.stringify(json)), weights).layerSizes; // [2, 8, 1]
 * ```
 */
export function fromLayersModel(json: unknown, weights: Uint8Array): ModelWeights {
  const file = record(json, "the file");
  if (file.format !== undefined && file.format !== "layers-model") {
    refuse(`format ${JSON.stringify(file.format)} is not supported; expected "layers-model"`);
  }
  let topology = record(file.modelTopology, "modelTopology");
  // tensorflowjs_converter nests the Keras model under model_config.
  if (topology.model_config !== undefined) topology = record(topology.model_config, "model_config");
  const { layers: keras, functional } = kerasLayers(topology);

  // The weight tensors, in manifest order.
  const specs = (file.weightsManifest as { weights: unknown[] }[]).flatMap((g) =>
    Array.isArray(g.weights) ? g.weights : []
  ).map((s, i) => record(s, `weightsManifest weight ${i}`));
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  const order: { shape: number[]; values: Float32Array }[] = [];
  let offset = 0;
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  for (const spec of specs) {
    if (spec.dtype !== "float32" || spec.quantization !== undefined) {
      refuse(`weight ${spec.name}: dtype ${spec.dtype} is not supported; expected float32`);
    }
    const shape = spec.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > weights.byteLength) {
      refuse(`the weight files hold ${weights.byteLength} bytes; the manifest needs more`);
    }
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(offset + i * 4, true);
    offset += size * 4;
    const tensor = { shape, values };
    tensors.set(String(spec.name), tensor);
    order.push(tensor);
  }
  if (offset !== weights.byteLength) {
    refuse(`the weight files hold ${weights.byteLength} bytes; the manifest describes ${offset}`);
  }

  // Walk the layers: Dense (+ LeakyReLU), one Concatenate before the output Dense.
  const dense: { name: string; units: number; activation: string; bias: boolean }[] = [];
  let inputName: string | null = null;
  let concat: { shortcutFirst: boolean } | null = null;
  let previous: string | null = null;
  for (const layer of keras) {
    const { className, name, config } = layer;
    if (
      functional && className !== "InputLayer" && className !== "Concatenate" &&
      (layer.inbound.length !== 1 || layer.inbound[0] !== previous)
    ) {
      refuse(`layer ${name} does not follow the layer before it; only a chain is supported`);
    }
    if (className === "InputLayer") {
      if (inputName !== null) refuse(`a second input layer ${name} is not supported`);
      inputName = name;
    } else if (className === "Dense") {
      dense.push({
        name,
        units: Number(config.units),
        activation: String(config.activation ?? "linear"),
        bias: config.use_bias !== false,
      });
    } else if (className === "LeakyReLU") {
      const before = dense[dense.length - 1];
      if (before?.activation !== "linear" || previous !== before.name) {
        refuse(`layer ${name} (LeakyReLU) is supported only right after a linear Dense layer`);
      }
      const alpha = Number(config.alpha ?? 0.3);
      if (Math.fround(alpha) !== Math.fround(LEAKY_RELU_ALPHA)) {
        refuse(
          `layer ${name}: LeakyReLU alpha ${alpha} is not supported; expected ${LEAKY_RELU_ALPHA}`,
        );
      }
      before.activation = "leaky-relu";
    } else if (className === "Concatenate" && functional) {
      const [a, b] = layer.inbound;
      if (layer.inbound.length !== 2 || (a !== inputName && b !== inputName)) {
        refuse(`layer ${name} (Concatenate) must join the last hidden output and the input`);
      }
      const other = b === inputName ? a : b;
      if (other !== (previous ?? inputName)) {
        refuse(`layer ${name} (Concatenate) must join the last hidden output and the input`);
      }
      concat = { shortcutFirst: a === inputName && b !== inputName };
    } else {
      refuse(`layer ${name} (${className}) is not supported; only Dense layers are read`);
    }
    previous = name;
    if (concat !== null && className === "Dense") break;
  }
  if (dense.length === 0) refuse("no Dense layer");
  if (previous !== keras[keras.length - 1].name) {
    refuse("the Concatenate must feed the output Dense layer, the last layer");
  }
  if (dense.some((d) => d.bias !== dense[0].bias)) {
    refuse("some Dense layers have biases and some not; expected all or none");
  }
  const useBias = dense[0].bias;

  // Weights by name (layer/kernel, layer/bias), else in manifest order.
  const byName = dense.every((d) =>
    tensors.has(`${d.name}/kernel`) && (!useBias || tensors.has(`${d.name}/bias`))
  );
  let next = 0;
  const take = (layer: string, kind: "kernel" | "bias") => {
    const t = byName ? tensors.get(`${layer}/${kind}`) : order[next++];
    if (t === undefined) refuse(`no ${kind} weights for layer ${layer}`);
    return t;
  };
  const layers: LayerWeights[] = [];
  let shortcut: number[] | undefined;
  let width = 0;
  dense.forEach((d, l) => {
    const last = l === dense.length - 1;
    const allowed = last
      ? CHOICES.outputActivation as readonly string[]
      : [...HIDDEN, "leaky-relu"];
    if (!allowed.includes(d.activation)) {
      refuse(
        `layer ${d.name}: activation ${d.activation} is not supported in ${
          last ? "the output" : "a hidden"
        } layer; expected ${allowed.join(", ")}`,
      );
    }
    const kernel = take(d.name, "kernel");
    const bias = useBias ? take(d.name, "bias") : null;
    if (kernel.shape.length !== 2 || kernel.shape[1] !== d.units) {
      refuse(`layer ${d.name}: kernel shape [${kernel.shape}] does not match ${d.units} units`);
    }
    if (bias !== null && (bias.shape.length !== 1 || bias.shape[0] !== d.units)) {
      refuse(`layer ${d.name}: bias shape [${bias.shape}] does not match ${d.units} units`);
    }
    let rows = kernel.shape[0];
    let w = Array.from(kernel.values);
    if (l === 0) width = concat !== null && dense.length === 1 ? rows / 2 : rows;
    if (last && concat !== null) {
      // Kernel rows: [A_last; X] (or [X; A_last]): split off W_s's `width` rows.
      rows -= width;
      const cut = (concat.shortcutFirst ? width : rows) * d.units;
      const [head, tail] = [w.slice(0, cut), w.slice(cut)];
      [w, shortcut] = concat.shortcutFirst ? [tail, head] : [head, tail];
    }
    layers.push({
      inputs: rows,
      units: d.units,
      activation: d.activation as Activation,
      weights: w,
      biases: bias === null ? new Array(d.units).fill(0) : Array.from(bias.values),
    });
  });
  const model: ModelWeights = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: [layers[0].inputs, ...layers.map((l) => l.units)],
    useBias,
    layers,
  };
  if (shortcut !== undefined) model.shortcut = shortcut;
  try {
    return validateModel(model);
  } catch (err) {
    return refuse(`the layers do not chain: ${(err as Error).message}`);
  }
}
