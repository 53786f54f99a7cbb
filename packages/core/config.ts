/**
 * Training configuration: every field optional with a documented default,
 * resolved once by {@linkcode resolveConfig} into a {@linkcode ResolvedConfig}.
 *
 * @module
 */

import { LIMITS, MAX_SEED, MAX_TEST_FRACTION, SAMPLES_RANGE } from "./limits.ts";
import { fail } from "./_private.ts";

/** Activation of the hidden layers. `leaky-relu` uses slope {@linkcode LEAKY_RELU_ALPHA} below 0. */
export type HiddenActivation = "sigmoid" | "tanh" | "relu" | "leaky-relu";
/**
 * Activation of the output layer. `softmax` turns a row's z into probabilities
 * p_j = e^{z_j} / Σ_i e^{z_i} (row-wise, not element-wise); it goes with loss `cce`.
 */
export type OutputActivation = "sigmoid" | "linear" | "softmax";
/** Any activation a layer may have. */
export type Activation = HiddenActivation | OutputActivation;
/**
 * Loss over a batch of n rows and k outputs, with y the target and o the output:
 * - `mse`: (1 / (n·k)) · Σ (y − o)²
 * - `sse`: ½ · Σ (y − o)², the original program's
 * - `bce`: (1 / (n·k)) · Σ −[y·ln o + (1 − y)·ln(1 − o)] (needs a sigmoid output)
 * - `cce`: (1 / n) · Σ_rows Σ_j −y_j·ln p_j, categorical cross-entropy (needs a
 *   softmax output; one-hot y), computed as Σ_j y_j·(lse(z) − z_j) with
 *   lse(z) = max z + ln Σ_i e^{z_i − max z}, never ln 0
 */
export type LossName = "mse" | "sse" | "bce" | "cce";
/** Update rule; see {@linkcode ResolvedConfig} for the exact formulas. */
export type OptimizerName = "sgd" | "momentum" | "adam";
/** Element type of the hand-written engine's buffers. */
export type Dtype = "float64" | "float32";
/** A preset name: `seed` (the original Python program) or `default`. */
export type PresetName = "seed" | "default";
/**
 * Weight initialisation:
 * - `uniform:R`: every weight and bias from U(−R, R), layer by layer (W then b);
 * - `glorot-uniform`: W from U(−l, l), l = √(6 / (fanIn + fanOut)); biases 0;
 * - `he-uniform`: W from U(−l, l), l = √(6 / fanIn); biases 0;
 * - `numpy`: NumPy's legacy generator as the original program drew it: every W from
 *   U(−1, 1) layer by layer, then (with biases on) every b from U(−1, 1) layer by layer.
 *
 * With `shortcut` on, the shortcut weights W_s: [inputs, outputs] are drawn last,
 * after every other weight and bias, by the same rule (glorot and he limits from
 * W_s's own fan-in and fan-out), so every other number is as without them.
 */
export type InitName = `uniform:${number}` | "glorot-uniform" | "he-uniform" | "numpy";

/** The slope of `leaky-relu` for negative inputs: f(z) = z for z > 0, else 0.01·z. */
export const LEAKY_RELU_ALPHA = 0.01;

/** Allowed values of each enumerated field. */
export const CHOICES: {
  readonly activation: readonly HiddenActivation[];
  readonly outputActivation: readonly OutputActivation[];
  readonly loss: readonly LossName[];
  readonly optimizer: readonly OptimizerName[];
  readonly dtype: readonly Dtype[];
  readonly preset: readonly PresetName[];
} = {
  activation: ["sigmoid", "tanh", "relu", "leaky-relu"],
  outputActivation: ["sigmoid", "linear", "softmax"],
  loss: ["mse", "sse", "bce", "cce"],
  optimizer: ["sgd", "momentum", "adam"],
  dtype: ["float64", "float32"],
  preset: ["seed", "default"],
};

/**
 * What a user may set. Every field is optional; an unset field takes the chosen
 * preset's value, and the `default` preset's values are the defaults listed here.
 */
export interface TrainConfig {
  /**
   * Starting point for every unset field.
   * @default {"default"}
   */
  preset?: PresetName;
  /**
   * Dataset name: a built-in (`xor`, `and`, `or`, `nand`, `xnor`, `parity:N`) or a
   * generated 2-D problem (`circle`, `gauss`, `xor2d`, `spiral`; see
   * `loadNamedDataset`). A program that trains on data of its own may record
   * where that came from here (the CLI's `--data` stores the file's path).
   * @default {"xor"}
   */
  dataset?: string;
  /**
   * Rows drawn by a generated dataset (`circle`, `gauss`, `xor2d`, `spiral`), an
   * integer from 4 to 100 000. The built-in datasets have fixed rows and ignore it.
   * @default {200}
   */
  samples?: number;
  /**
   * Noise of a generated dataset, in [0, 1] (what it does depends on the problem;
   * see `generateDataset`). The built-in datasets ignore it.
   * @default {0}
   */
  noise?: number;
  /**
   * Fraction of the rows held out as a test set, in [0, 0.9]: ⌊f·rows⌋ rows chosen
   * by `splitDataset(dataset, f, seed)`, never trained on. 0: train on every row.
   * @default {0}
   */
  testSplit?: number;
  /**
   * Hidden layer sizes, input side first; `[]` for none.
   * @default {[8]}
   */
  hidden?: number[];
  /**
   * Activation of every hidden layer.
   * @default {"tanh"}
   */
  activation?: HiddenActivation;
  /**
   * Activation of the output layer.
   * @default {"sigmoid"}
   */
  outputActivation?: OutputActivation;
  /**
   * Loss minimised and reported.
   * @default {"bce"}
   */
  loss?: LossName;
  /**
   * Update rule.
   * @default {"adam"}
   */
  optimizer?: OptimizerName;
  /**
   * Step size η, > 0.
   * @default {0.05}
   */
  learningRate?: number;
  /**
   * Momentum coefficient μ for `momentum`, in [0, 1).
   * @default {0.9}
   */
  momentum?: number;
  /**
   * Adam's first-moment decay β1, in [0, 1).
   * @default {0.9}
   */
  beta1?: number;
  /**
   * Adam's second-moment decay β2, in [0, 1).
   * @default {0.999}
   */
  beta2?: number;
  /**
   * Adam's ε, added to √v̂, > 0.
   * @default {1e-8}
   */
  epsilon?: number;
  /**
   * Most passes over the dataset, ≥ 1.
   * @default {2000}
   */
  epochs?: number;
  /**
   * Rows per update, from 1 to the dataset's rows, or `"full"` for the whole dataset.
   * @default {"full"}
   */
  batchSize?: number | "full";
  /**
   * Shuffle the row order each epoch when batches are smaller than the dataset.
   * `false` keeps the dataset's order (per-pattern "online" updates with batchSize 1).
   * @default {true}
   */
  shuffle?: boolean;
  /**
   * Seed of the weight initialisation and the batch order, an integer in [0, 2^32 − 1].
   * @default {42}
   */
  seed?: number;
  /**
   * Weight initialisation.
   * @default {"glorot-uniform"}
   */
  init?: InitName;
  /**
   * Give every layer a bias.
   * @default {true}
   */
  useBias?: boolean;
  /**
   * Connect the inputs directly to the output layer too ("shortcut" or "skip"
   * connections, as in Rumelhart, Hinton & Williams' 2-1-1 XOR network): the output
   * layer's pre-activation becomes Z_out = A_last·W_out + X·W_s + b_out, with
   * W_s: [inputs, outputs] drawn by the same init rule after every other weight
   * and bias (see `initModel`).
   * @default {false}
   */
  shortcut?: boolean;
  /**
   * Stop as soon as an epoch's loss is below this; 0 turns early stopping off.
   * @default {0.01}
   */
  targetLoss?: number;
  /**
   * Early stopping on held-out rows: stop once the test loss has not improved
   * (fallen below its best so far) for this many epochs in a row, and keep the
   * weights of the best epoch. Needs test rows (`testSplit` > 0); 0 turns it off.
   * An integer from 0 to `epochs`.
   * @default {0}
   */
  patience?: number;
  /**
   * L2 weight decay λ ≥ 0, with TF.js's regularizer semantics: the minimised loss
   * is L + λ·Σ w² over every weight (W of each layer and W_s; not the biases), so
   * each update's gradient gains 2λ·w. The reported loss is L, without the penalty.
   * @default {0}
   */
  l2?: number;
  /**
   * Standardise every input column to mean 0 and deviation 1, with the mean and
   * (population) deviation of the training rows only; a constant column is only
   * centred. Applied to the data before training by `standardizeSplit` (the CLI,
   * the bench); a `Trainer` gets the data as given. The model file stores the
   * numbers and `predict` applies them.
   * @default {false}
   */
  standardize?: boolean;
  /**
   * Element type of the hand-written engine's buffers (TF.js always computes in float32).
   * @default {"float64"}
   */
  dtype?: Dtype;
}

/** A config with every field present and checked. Inner code only sees this form. */
export type ResolvedConfig = Readonly<Required<TrainConfig>>;

/**
 * The presets. `seed` is the original Python program exactly: 2-3-1, sigmoid, no
 * biases, NumPy's U(−1, 1) weights for seed 42, learning rate 0.5, 10 000
 * full-batch epochs of plain gradient descent on ½·Σ(y − o)².
 *
 * `default` is a sound modern choice for XOR, chosen by measurement (see the
 * README): one tanh hidden layer of 8, sigmoid output, cross-entropy, Adam at
 * 0.05, stopping at a loss of 0.01. It solved XOR on 5 000 of 5 000 seeds
 * (median 59 epochs, at most 150).
 */
export const PRESETS: { readonly [name in PresetName]: ResolvedConfig } = {
  default: {
    preset: "default",
    dataset: "xor",
    samples: 200,
    noise: 0,
    testSplit: 0,
    hidden: [8],
    activation: "tanh",
    outputActivation: "sigmoid",
    loss: "bce",
    optimizer: "adam",
    learningRate: 0.05,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    epochs: 2000,
    batchSize: "full",
    shuffle: true,
    seed: 42,
    init: "glorot-uniform",
    useBias: true,
    shortcut: false,
    targetLoss: 0.01,
    patience: 0,
    l2: 0,
    standardize: false,
    dtype: "float64",
  },
  seed: {
    preset: "seed",
    dataset: "xor",
    samples: 200,
    noise: 0,
    testSplit: 0,
    hidden: [3],
    activation: "sigmoid",
    outputActivation: "sigmoid",
    loss: "sse",
    optimizer: "sgd",
    learningRate: 0.5,
    momentum: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    epochs: 10_000,
    batchSize: "full",
    shuffle: true,
    seed: 42,
    init: "numpy",
    useBias: false,
    shortcut: false,
    targetLoss: 0,
    patience: 0,
    l2: 0,
    standardize: false,
    dtype: "float64",
  },
};

const FIELDS = Object.keys(PRESETS.default) as (keyof TrainConfig)[];

/** Every field a {@linkcode TrainConfig} may have, in documentation order. */
export const CONFIG_FIELDS: readonly (keyof TrainConfig)[] = FIELDS;

function number(field: string, value: unknown): number {
  if (typeof value !== "number") fail(TypeError, field, value, "expected a number");
  if (!Number.isFinite(value)) fail(RangeError, field, value, "expected a finite number");
  return value;
}

function integer(field: string, value: unknown, min: number, max: number): number {
  const n = number(field, value);
  if (!Number.isInteger(n) || n < min || n > max) {
    fail(RangeError, field, value, `expected an integer from ${min} to ${max}`);
  }
  return n;
}

function unitInterval(field: string, value: unknown): number {
  const n = number(field, value);
  if (n < 0 || n >= 1) fail(RangeError, field, value, "expected a number in [0, 1)");
  return n;
}

function positive(field: string, value: unknown): number {
  const n = number(field, value);
  if (n <= 0) fail(RangeError, field, value, "expected a number > 0");
  return n;
}

function choice<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(
      typeof value === "string" ? RangeError : TypeError,
      field,
      value,
      `expected one of ${allowed.join(", ")}`,
    );
  }
  return value as T;
}

function boolean(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") fail(TypeError, field, value, "expected true or false");
  return value;
}

/**
 * Parses an init name. Returns the kind and, for `uniform:R`, the range R > 0.
 *
 * @example
 * ```ts
 * import { parseInit } from "@backprop/core";
 * parseInit("uniform:0.5"); // { kind: "uniform", range: 0.5 }
 * ```
 */
export function parseInit(
  value: unknown,
): { kind: "uniform" | "glorot-uniform" | "he-uniform" | "numpy"; range: number } {
  const allowed = "expected uniform:R (R > 0), glorot-uniform, he-uniform or numpy";
  if (typeof value !== "string") fail(TypeError, "init", value, allowed);
  if (value === "glorot-uniform" || value === "he-uniform" || value === "numpy") {
    return { kind: value, range: value === "numpy" ? 1 : 0 };
  }
  const m = /^uniform:(.+)$/.exec(value);
  const range = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(range) || range <= 0) fail(RangeError, "init", value, allowed);
  return { kind: "uniform", range };
}

/**
 * Resolves a partial config against its preset (default `"default"`) and checks
 * every field, throwing a `TypeError` (wrong type) or `RangeError` (out of range)
 * whose message names the field, the value and what is allowed.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * const config = resolveConfig({ preset: "seed", learningRate: 1 });
 * config.hidden; // [3]
 * config.learningRate; // 1
 * ```
 */
export function resolveConfig(config: TrainConfig = {}): ResolvedConfig {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    fail(TypeError, "config", config, "expected an object of config fields");
  }
  for (const key of Object.keys(config)) {
    if (!(FIELDS as string[]).includes(key)) {
      fail(TypeError, "config", key, `unknown field; allowed: ${FIELDS.join(", ")}`);
    }
  }
  const preset = choice(
    "preset",
    config.preset === undefined ? "default" : config.preset,
    CHOICES.preset,
  );
  const base = PRESETS[preset];
  const pick = <K extends keyof TrainConfig>(key: K): unknown =>
    config[key] === undefined ? base[key] : config[key];

  const hiddenRaw = pick("hidden");
  if (!Array.isArray(hiddenRaw)) {
    fail(TypeError, "hidden", hiddenRaw, "expected a list of layer sizes such as [3] or [8, 8]");
  }
  if (hiddenRaw.length > LIMITS.hiddenLayers) {
    fail(RangeError, "hidden", hiddenRaw, `expected at most ${LIMITS.hiddenLayers} layers`);
  }
  const hidden = hiddenRaw.map((units) => {
    if (
      typeof units !== "number" || !Number.isInteger(units) || units < 1 || units > LIMITS.units
    ) {
      fail(
        RangeError,
        "hidden",
        hiddenRaw,
        `every layer size must be an integer from 1 to ${LIMITS.units}`,
      );
    }
    return units;
  });

  const dataset = pick("dataset");
  if (typeof dataset !== "string" || dataset === "") {
    fail(TypeError, "dataset", dataset, "expected a dataset name");
  }

  const batchRaw = pick("batchSize");
  const batchSize = batchRaw === "full"
    ? "full" as const
    : integer("batchSize", batchRaw, 1, Number.MAX_SAFE_INTEGER);

  const outputActivation = choice(
    "outputActivation",
    pick("outputActivation"),
    CHOICES.outputActivation,
  );
  const loss = choice("loss", pick("loss"), CHOICES.loss);
  if (loss === "bce" && outputActivation !== "sigmoid") {
    fail(
      RangeError,
      "outputActivation",
      outputActivation,
      "loss bce needs a sigmoid output; use loss mse or sse with a linear output",
    );
  }
  if ((loss === "cce") !== (outputActivation === "softmax")) {
    fail(
      RangeError,
      "outputActivation",
      outputActivation,
      loss === "cce"
        ? "loss cce needs a softmax output (--output-activation softmax)"
        : `a softmax output needs loss cce, not ${loss}`,
    );
  }
  const init = pick("init");
  parseInit(init);
  const epochs = integer("epochs", pick("epochs"), 1, LIMITS.epochs);
  const testSplit = number("testSplit", pick("testSplit"));
  const patience = integer("patience", pick("patience"), 0, epochs);
  if (patience > 0 && testSplit === 0) {
    fail(
      RangeError,
      "patience",
      patience,
      "early stopping needs held-out rows; set testSplit too, or patience 0",
    );
  }

  return {
    preset,
    dataset,
    samples: integer("samples", pick("samples"), SAMPLES_RANGE.min, SAMPLES_RANGE.max),
    noise: (() => {
      const n = number("noise", pick("noise"));
      if (n < 0 || n > 1) fail(RangeError, "noise", n, "expected a number in [0, 1]");
      return n;
    })(),
    testSplit: (() => {
      const f = number("testSplit", pick("testSplit"));
      if (f < 0 || f > MAX_TEST_FRACTION) {
        fail(RangeError, "testSplit", f, `expected a number in [0, ${MAX_TEST_FRACTION}]`);
      }
      return f;
    })(),
    hidden,
    activation: choice("activation", pick("activation"), CHOICES.activation),
    outputActivation,
    loss,
    optimizer: choice("optimizer", pick("optimizer"), CHOICES.optimizer),
    learningRate: positive("learningRate", pick("learningRate")),
    momentum: unitInterval("momentum", pick("momentum")),
    beta1: unitInterval("beta1", pick("beta1")),
    beta2: unitInterval("beta2", pick("beta2")),
    epsilon: positive("epsilon", pick("epsilon")),
    epochs,
    batchSize,
    shuffle: boolean("shuffle", pick("shuffle")),
    seed: integer("seed", pick("seed"), 0, MAX_SEED),
    init: init as InitName,
    useBias: boolean("useBias", pick("useBias")),
    shortcut: boolean("shortcut", pick("shortcut")),
    targetLoss: (() => {
      const t = number("targetLoss", pick("targetLoss"));
      if (t < 0) fail(RangeError, "targetLoss", t, "expected a number ≥ 0 (0 turns it off)");
      return t;
    })(),
    patience,
    l2: (() => {
      const l = number("l2", pick("l2"));
      if (l < 0) fail(RangeError, "l2", l, "expected a number ≥ 0 (0 turns it off)");
      return l;
    })(),
    standardize: boolean("standardize", pick("standardize")),
    dtype: choice("dtype", pick("dtype"), CHOICES.dtype),
  };
}

/**
 * The number of rows per update for a dataset of `rows` rows, or a `RangeError`
 * naming `batchSize` when it is larger than the dataset.
 *
 * @example
 * ```ts
 * import { effectiveBatchSize, resolveConfig } from "@backprop/core";
 * effectiveBatchSize(resolveConfig(), 4); // 4
 * ```
 */
export function effectiveBatchSize(config: ResolvedConfig, rows: number): number {
  if (config.batchSize === "full") return rows;
  if (config.batchSize > rows) {
    fail(
      RangeError,
      "batchSize",
      config.batchSize,
      `expected at most the dataset's ${rows} rows (${config.dataset})`,
    );
  }
  return config.batchSize;
}
