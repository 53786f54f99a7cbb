/**
 * One backpropagation step spelled out: every matrix of the first update —
 * the forward activations, the loss and output error, each layer's delta, the
 * gradients and the updated weights — each with the formula it comes from.
 *
 * It is written for reading, not for speed: plain nested arrays and the
 * textbook formulas, computed in float64 independently of the engine's
 * buffers (σ and tanh are the engine's own, `fastSigmoid` and `fastTanh`, a few
 * ulp from Math.exp's and Math.tanh's). Its gradients equal
 * {@linkcode computeGradients}' and its updated weights those of the engine's
 * first update (the tests check both), so it shows exactly the arithmetic the
 * engine does.
 *
 * @module
 */

import {
  activate,
  type Activation,
  BatchSchedule,
  checkModelFits,
  type Dataset,
  derivativeFromOutput,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { fastSigmoid, fastTanh } from "./dense.ts";

/** f(z) as the engine computes it: its own σ and tanh, core's formulas for the rest. */
function engineActivate(activation: Activation, z: number): number {
  return activation === "sigmoid"
    ? fastSigmoid(z)
    : activation === "tanh"
    ? fastTanh(z)
    : activate(activation, z);
}

/** A matrix as rows of numbers: value[r][c]. A scalar is `[[x]]`. */
export type Matrix = number[][];

/** One named quantity of the step. */
export interface ExplainLine {
  /** Its symbol, e.g. `h`, `δ_out`, `∂L/∂W2`, `W2` (an update's result keeps the name). */
  name: string;
  /** The formula it is computed by, e.g. `h = σ(X·W1)`. */
  formula: string;
  /** Its value. */
  value: Matrix;
}

/** A part of the step: `forward`, `loss`, `backward` or `update`. */
export interface ExplainSection {
  /** What the part is, e.g. `forward pass`. */
  title: string;
  /** Its quantities in the order they are computed. */
  lines: ExplainLine[];
}

/** Everything {@linkcode explainStep} computes, as plain data. */
export interface ExplainStep {
  /** The dataset rows (0-based) of the first batch, in batch order. */
  rows: number[];
  /** Rows in the dataset. */
  datasetRows: number;
  /** The first batch's loss L (the quantity the gradients are of). */
  loss: number;
  /** The parts of the step, in order: forward pass, loss, backward pass, update. */
  sections: ExplainSection[];
  /** What the symbols mean, e.g. `σ(z) = 1 / (1 + e^−z), element-wise`. */
  symbols: string[];
  /** ∂L/∂W (row-major, [inputs·units]) and ∂L/∂b per layer, as `computeGradients` gives them. */
  gradients: { weights: number[]; biases: number[] }[];
  /** ∂L/∂W_s (row-major, [inputs·outputs]) when the model has a shortcut, as `computeGradients`'s. */
  shortcutGradient?: number[];
  /** The weights before the step. */
  before: ModelWeights;
  /** The weights after the step: the engine's model after its first update. */
  after: ModelWeights;
}

const FUNCTION_NAME: Record<Activation, string> = {
  sigmoid: "σ",
  tanh: "tanh",
  relu: "relu",
  "leaky-relu": "lrelu",
  linear: "",
};

const SYMBOL_MEANING: Record<Activation, string> = {
  sigmoid: "σ(z) = 1 / (1 + e^−z), element-wise",
  tanh: "tanh(z), element-wise",
  relu: "relu(z) = max(0, z), element-wise",
  "leaky-relu": "lrelu(z) = z for z > 0, else 0.01·z, element-wise",
  linear: "",
};

/** f'(z) written with the layer's output a, as backpropagation uses it. */
function derivativeText(activation: Activation, a: string): string {
  switch (activation) {
    case "sigmoid":
      return `${a} ⊙ (1 − ${a})`;
    case "tanh":
      return `(1 − ${a}²)`;
    case "relu":
      return `[${a} > 0]`;
    case "leaky-relu":
      return `[${a} > 0 ? 1 : 0.01]`;
    case "linear":
      return "";
  }
}

function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Row-major W: [inputs, units] as a matrix. */
function weightsMatrix(w: readonly number[], inputs: number, units: number): Matrix {
  return Array.from({ length: inputs }, (_, i) => w.slice(i * units, (i + 1) * units));
}

function flat(m: Matrix): number[] {
  return m.flat();
}

/** a·b, summing in increasing inner index. */
function matMul(a: Matrix, b: Matrix): Matrix {
  const n = a.length, inner = b.length, m = b[0]?.length ?? 0;
  const out = zeros(n, m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < inner; i++) s += a[r][i] * b[i][j];
      out[r][j] = s;
    }
  }
  return out;
}

/** aᵀ·b, summing over the rows in order. */
function transposeTimes(a: Matrix, b: Matrix): Matrix {
  const rows = a.length, n = a[0].length, m = b[0].length;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += a[r][i] * b[r][j];
      out[i][j] = s;
    }
  }
  return out;
}

/** a·bᵀ. */
function timesTranspose(a: Matrix, b: Matrix): Matrix {
  const rows = a.length, n = b.length, inner = b[0].length;
  const out = zeros(rows, n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < inner; j++) s += a[r][j] * b[i][j];
      out[r][i] = s;
    }
  }
  return out;
}

function map2(a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix {
  return a.map((row, r) => row.map((x, c) => f(x, b[r][c])));
}

function columnSums(m: Matrix): Matrix {
  const out = new Array<number>(m[0].length).fill(0);
  for (const row of m) row.forEach((v, j) => out[j] += v);
  return [out];
}

/**
 * Computes one full backpropagation step of the hand-written engine for the
 * first batch of epoch 1 (in the shared {@linkcode BatchSchedule} order), from
 * `model` (default: the config's initial weights), and returns every
 * intermediate matrix with its formula.
 *
 * Notation: X the batch's inputs (n rows), y its targets (k columns), Wl and bl
 * layer l's weights and biases, h (or h1, h2, … with several hidden layers) the
 * hidden layers' outputs, o the network's output, δ the derivative of the
 * batch loss L with respect to a layer's pre-activation z, ⊙ the element-wise
 * product, η the learning rate.
 *
 * For the `seed` preset this is the original program's first step: its four XOR
 * rows, W1 2×3 and W2 3×1, `h = σ(X·W1)`, `o = σ(h·W2)`,
 * `δ_out = (o − y) ⊙ o ⊙ (1 − o)`, `δ_h = (δ_out·W2ᵀ) ⊙ h ⊙ (1 − h)`,
 * `∂L/∂W2 = hᵀ·δ_out`, `W2 ← W2 − η·∂L/∂W2`.
 *
 * Computed in float64 whatever `config.dtype` says. Throws the engine's
 * `RangeError` when `model` does not fit the config and data.
 *
 * @example The original program's first step
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { explainStep } from "@backprop/manual";
 *
 * const step = explainStep(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * for (const section of step.sections) {
 *   for (const line of section.lines) console.log(line.formula, line.value);
 * }
 * ```
 */
export function explainStep(
  config: ResolvedConfig,
  data: Dataset,
  model: ModelWeights = initModel(config, data.inputSize, data.outputSize),
): ExplainStep {
  checkModelFits(config, data, model);
  const schedule = new BatchSchedule(config, data.rows);
  schedule.nextEpoch();
  const n = schedule.size(0);
  const rows = Array.from(schedule.order.subarray(0, n));
  const { inputSize, outputSize: k } = data;
  const X: Matrix = rows.map((r) =>
    Array.from(data.inputs.subarray(r * inputSize, (r + 1) * inputSize))
  );
  const y: Matrix = rows.map((r) => Array.from(data.targets.subarray(r * k, (r + 1) * k)));
  const L = model.layers.length;
  const bias = model.useBias;
  const hiddenName = (l: number) => (L === 2 ? "h" : `h${l + 1}`); // l: 0-based hidden layer
  const outName = (l: number) => (l === L - 1 ? "o" : hiddenName(l));
  const inName = (l: number) => (l === 0 ? "X" : hiddenName(l - 1));
  const deltaName = (l: number) => (l === L - 1 ? "δ_out" : L === 2 ? "δ_h" : `δ_h${l + 1}`);

  const W = model.layers.map((layer) => weightsMatrix(layer.weights, layer.inputs, layer.units));
  const b = model.layers.map((layer) => [layer.biases.slice()]);
  // Direct input-to-output weights W_s, added to the output layer's product: z = a·W + X·Ws + b.
  const Ws = model.shortcut === undefined ? null : weightsMatrix(model.shortcut, inputSize, k);
  const symbols = new Set<string>();

  // Forward pass: a_l = f(a_{l−1}·W_l + b_l), a_0 = X.
  const forward: ExplainLine[] = [
    { name: "X", formula: "X: the batch's inputs, one row each", value: X },
    { name: "y", formula: "y: the batch's targets", value: y },
  ];
  const a: Matrix[] = [X];
  const z: Matrix[] = [];
  model.layers.forEach((layer, l) => {
    const pre = matMul(a[l], W[l]);
    const direct = l === L - 1 && Ws !== null;
    if (direct) {
      const s = matMul(X, Ws);
      for (const [r, row] of pre.entries()) row.forEach((v, j) => row[j] = v + s[r][j]);
    }
    if (bias) { for (const row of pre) row.forEach((v, j) => row[j] = v + b[l][0][j]); }
    z.push(pre);
    const out = pre.map((row) => row.map((v) => engineActivate(layer.activation, v)));
    a.push(out);
    const f = FUNCTION_NAME[layer.activation];
    if (f !== "") symbols.add(SYMBOL_MEANING[layer.activation]);
    const product = `${inName(l)}·W${l + 1}${direct ? " + X·Ws" : ""}${bias ? ` + b${l + 1}` : ""}`;
    forward.push(
      { name: `W${l + 1}`, formula: `W${l + 1}: layer ${l + 1}'s weights`, value: W[l] },
      ...(direct
        ? [{ name: "Ws", formula: "Ws: direct weights from the inputs to the output", value: Ws! }]
        : []),
      ...(bias
        ? [{ name: `b${l + 1}`, formula: `b${l + 1}: layer ${l + 1}'s biases`, value: b[l] }]
        : []),
      {
        name: outName(l),
        formula: `${outName(l)} = ${f === "" ? product : `${f}(${product})`}`,
        value: out,
      },
    );
  });
  const o = a[L];
  const zOut = z[L - 1];
  const outAct = model.layers[L - 1].activation;

  // Loss and the output delta δ_out = ∂L/∂z_out.
  const e = map2(o, y, (oo, yy) => oo - yy);
  const nk = n * k;
  let sum = 0;
  let lossFormula: string;
  let deltaFormula: string;
  let delta: Matrix;
  const fOut = derivativeText(outAct, "o");
  if (config.loss === "bce") {
    // ℓ(z, y) = max(z, 0) − z·y + ln(1 + e^−|z|) = −[y·ln o + (1 − y)·ln(1 − o)], never ln 0.
    zOut.forEach((row, r) =>
      row.forEach((zz, j) => {
        sum += (zz > 0 ? zz : 0) - zz * y[r][j] + Math.log1p(Math.exp(-Math.abs(zz)));
      })
    );
    lossFormula = `L = −Σ[y·ln o + (1 − y)·ln(1 − o)] / (n·k)`;
    deltaFormula = `δ_out = (o − y) / (n·k)`;
    delta = e.map((row) => row.map((v) => v * (1 / nk)));
  } else {
    for (const row of e) for (const v of row) sum += v * v;
    const scale = config.loss === "sse" ? 1 : 2 / nk;
    lossFormula = config.loss === "sse" ? "L = ½·Σ(o − y)²" : "L = Σ(o − y)² / (n·k)";
    const head = config.loss === "sse" ? "(o − y)" : "2·(o − y)";
    const tail = config.loss === "sse" ? "" : " / (n·k)";
    deltaFormula = `δ_out = ${head}${fOut === "" ? "" : ` ⊙ ${fOut}`}${tail}`;
    delta = e.map((row, r) =>
      row.map((v, j) => {
        const g = outAct === "sigmoid" ? v * o[r][j] * (1 - o[r][j]) : v;
        return config.loss === "sse" ? g : g * scale;
      })
    );
  }
  const loss = config.loss === "sse" ? 0.5 * sum : sum / nk;
  const scaled = config.loss !== "sse";
  const lossLines: ExplainLine[] = [
    { name: "o − y", formula: "o − y: the output error", value: e },
    {
      name: "L",
      formula: lossFormula + (scaled ? `   (n·k = ${n}·${k} = ${nk})` : ""),
      value: [[loss]],
    },
    {
      name: "δ_out",
      formula: deltaFormula + (scaled ? `   (n·k = ${nk})` : ""),
      value: delta,
    },
  ];

  // Backward pass: δ_l = (δ_{l+1}·W_{l+1}ᵀ) ⊙ f'(a_l); ∂L/∂W_l = a_{l−1}ᵀ·δ_l; ∂L/∂b_l = Σ_rows δ_l.
  const deltas: Matrix[] = new Array(L);
  deltas[L - 1] = delta;
  const backward: ExplainLine[] = [];
  for (let l = L - 2; l >= 0; l--) {
    const back = timesTranspose(deltas[l + 1], W[l + 1]);
    const act = model.layers[l].activation;
    const h = a[l + 1];
    deltas[l] = back.map((row, r) => row.map((v, j) => v * derivativeFromOutput(act, h[r][j])));
    backward.push({
      name: deltaName(l),
      formula: `${deltaName(l)} = (${deltaName(l + 1)}·W${l + 2}ᵀ) ⊙ ${
        derivativeText(act, hiddenName(l))
      }`,
      value: deltas[l],
    });
  }
  const gradW: Matrix[] = new Array(L);
  const gradB: Matrix[] = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    gradW[l] = transposeTimes(a[l], deltas[l]);
    gradB[l] = bias ? columnSums(deltas[l]) : [new Array<number>(model.layers[l].units).fill(0)];
    backward.push({
      name: `∂L/∂W${l + 1}`,
      formula: `∂L/∂W${l + 1} = ${inName(l)}ᵀ·${deltaName(l)}`,
      value: gradW[l],
    });
    if (bias) {
      backward.push({
        name: `∂L/∂b${l + 1}`,
        formula: `∂L/∂b${l + 1} = Σ_rows ${deltaName(l)}`,
        value: gradB[l],
      });
    }
  }

  const gradWs = Ws === null ? null : transposeTimes(X, deltas[L - 1]);
  if (gradWs !== null) {
    backward.push({ name: "∂L/∂Ws", formula: `∂L/∂Ws = Xᵀ·${deltaName(L - 1)}`, value: gradWs });
  }

  // The update, in the engine's order: W1, b1, W2, b2, …, Ws; optimizer state starts at 0.
  const update: ExplainLine[] = [];
  const newW: Matrix[] = [];
  const newB: Matrix[] = [];
  const eta = config.learningRate;
  const c1 = 1 - config.beta1;
  const c2 = 1 - config.beta2;
  const params: [string, Matrix, Matrix, Matrix[]][] = [];
  for (let l = 0; l < L; l++) {
    params.push([`W${l + 1}`, W[l], gradW[l], newW]);
    if (bias) params.push([`b${l + 1}`, b[l], gradB[l], newB]);
  }
  const newWs: Matrix[] = [];
  if (Ws !== null) params.push(["Ws", Ws, gradWs!, newWs]);
  for (const [name, theta, g, into] of params) {
    let next: Matrix;
    if (config.optimizer === "sgd") {
      next = map2(theta, g, (t, gg) => t - eta * gg);
      update.push({ name, formula: `${name} ← ${name} − η·∂L/∂${name}`, value: next });
    } else if (config.optimizer === "momentum") {
      // v ← μ·v + g with v = 0 before the first step: v = g.
      const v = g.map((row) => row.slice());
      next = map2(theta, v, (t, vv) => t - eta * vv);
      update.push(
        {
          name: `v_${name}`,
          formula: `v_${name} ← μ·v_${name} + ∂L/∂${name}   (v starts at 0)`,
          value: v,
        },
        { name, formula: `${name} ← ${name} − η·v_${name}`, value: next },
      );
    } else {
      // Adam at t = 1 with m = s = 0 before it: m = (1 − β1)·g, s = (1 − β2)·g², β1ᵗ = β1, β2ᵗ = β2.
      const m = g.map((row) => row.map((gg) => c1 * gg));
      const s = g.map((row) => row.map((gg) => c2 * gg * gg));
      next = theta.map((row, r) =>
        row.map((t, j) =>
          t -
          eta * (m[r][j] / (1 - config.beta1)) /
            (Math.sqrt(s[r][j] / (1 - config.beta2)) + config.epsilon)
        )
      );
      update.push(
        {
          name: `m_${name}`,
          formula: `m_${name} ← β1·m_${name} + (1 − β1)·∂L/∂${name}   (m starts at 0)`,
          value: m,
        },
        {
          name: `s_${name}`,
          formula: `s_${name} ← β2·s_${name} + (1 − β2)·(∂L/∂${name})²   (s starts at 0)`,
          value: s,
        },
        {
          name,
          formula:
            `${name} ← ${name} − η·(m_${name} / (1 − β1ᵗ)) / (√(s_${name} / (1 − β2ᵗ)) + ε)   (t = 1)`,
          value: next,
        },
      );
    }
    into.push(next);
  }

  symbols.add("⊙: element-wise product; ·: matrix product; ᵀ: transpose");
  symbols.add(
    "δ = ∂L/∂z: how the batch's loss L changes with a layer's value z before its activation",
  );
  if (model.layers.some((layer, l) => l < L - 1 && layer.activation.endsWith("relu"))) {
    symbols.add("[h > 0]: 1 where h > 0, else 0 (the relu's slope; lrelu's is 0.01 below 0)");
  }
  symbols.add(`n = ${n} rows in the batch, k = ${k} output${k === 1 ? "" : "s"}`);
  const rates = config.optimizer === "sgd"
    ? `η = ${eta}`
    : config.optimizer === "momentum"
    ? `η = ${eta}, μ = ${config.momentum}`
    : `η = ${eta}, β1 = ${config.beta1}, β2 = ${config.beta2}, ε = ${config.epsilon}`;
  symbols.add(rates);

  const after: ModelWeights = {
    ...model,
    layerSizes: [...model.layerSizes],
    layers: model.layers.map((layer, l) => ({
      ...layer,
      weights: flat(newW[l]),
      biases: bias ? newB[l][0].slice() : layer.biases.slice(),
    })),
  };
  if (Ws !== null) after.shortcut = flat(newWs[0]);
  return {
    rows,
    datasetRows: data.rows,
    loss,
    sections: [
      { title: "forward pass", lines: forward },
      { title: "loss and output error", lines: lossLines },
      { title: "backward pass", lines: backward },
      { title: `update (${config.optimizer})`, lines: update },
    ],
    symbols: [...symbols],
    gradients: model.layers.map((_, l) => ({ weights: flat(gradW[l]), biases: gradB[l][0] })),
    ...(gradWs === null ? {} : { shortcutGradient: flat(gradWs) }),
    before: model,
    after,
  };
}
