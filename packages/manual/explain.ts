/**
 * One backpropagation step spelled out: every matrix of the first update —
 * the forward activations, the loss and output error, each layer's delta, the
 * gradients and the updated weights — each with the formula it comes from.
 *
 * Every number comes from the reference engine (`reference.ts`): its `forward`,
 * `lossAndDelta`, `backward` and `update`, in float64; this file only names the
 * matrices and writes their formulas. So the step shown is exactly the reference
 * engine's first step, and the fast engine's to a few ulp of its σ and tanh (the
 * tests bound both).
 *
 * @module
 */

import {
  type Activation,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { firstBatch } from "./gradients.ts";
import {
  backward,
  forward,
  fromModel,
  lossAndDelta,
  type Matrix,
  optimizerState,
  tensors,
  toModel,
  update,
} from "./reference.ts";

export type { Matrix };

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
  softmax: "softmax",
};

const SYMBOL_MEANING: Record<Activation, string> = {
  sigmoid: "σ(z) = 1 / (1 + e^−z), element-wise",
  tanh: "tanh(z), element-wise",
  relu: "relu(z) = max(0, z), element-wise",
  "leaky-relu": "lrelu(z) = z for z > 0, else 0.01·z, element-wise",
  linear: "",
  softmax: "softmax(z)_j = e^{z_j} / Σ_i e^{z_i}, row by row",
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
    case "softmax": // only with cce, whose δ_out = (p − y)/n has the Jacobian folded in
      return "";
  }
}

/**
 * Computes one full backpropagation step of the hand-written engine for the
 * first batch of epoch 1 (in the shared `BatchSchedule` order), from
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
  const { rows, X, y } = firstBatch(config, data, model);
  const n = rows.length;
  const k = data.outputSize;
  const L = model.layers.length;
  const bias = model.useBias;
  const hiddenName = (l: number) => (L === 2 ? "h" : `h${l + 1}`); // l: 0-based hidden layer
  const outName = (l: number) => (l === L - 1 ? "o" : hiddenName(l));
  const inName = (l: number) => (l === 0 ? "X" : hiddenName(l - 1));
  const deltaName = (l: number) => (l === L - 1 ? "δ_out" : L === 2 ? "δ_h" : `δ_h${l + 1}`);
  const symbols = new Set<string>();

  // The reference engine's step: forward, loss and δ_out, backward, one update.
  const shown = fromModel(model); // the weights before the step, for display
  const net = fromModel(model); // the weights the update changes
  const pass = forward(net, X);
  const outAct = model.layers[L - 1].activation;
  const { loss, delta } = lossAndDelta(config.loss, outAct, pass, y, n);
  const grads = backward(net, pass, delta);
  const state = optimizerState(net);
  update(config, net, grads, state);

  // Forward pass: a_l = f(a_{l−1}·W_l + b_l), a_0 = X (+ X·Ws in the output layer's z).
  const forwardLines: ExplainLine[] = [
    { name: "X", formula: "X: the batch's inputs, one row each", value: X },
    { name: "y", formula: "y: the batch's targets", value: y },
  ];
  model.layers.forEach((layer, l) => {
    const direct = l === L - 1 && shown.Ws !== null;
    const f = FUNCTION_NAME[layer.activation];
    if (f !== "") symbols.add(SYMBOL_MEANING[layer.activation]);
    const product = `${inName(l)}·W${l + 1}${direct ? " + X·Ws" : ""}${bias ? ` + b${l + 1}` : ""}`;
    forwardLines.push(
      {
        name: `W${l + 1}`,
        formula: `W${l + 1}: layer ${l + 1}'s weights`,
        value: shown.layers[l].W,
      },
      ...(direct
        ? [{
          name: "Ws",
          formula: "Ws: direct weights from the inputs to the output",
          value: shown.Ws!,
        }]
        : []),
      ...(bias
        ? [{
          name: `b${l + 1}`,
          formula: `b${l + 1}: layer ${l + 1}'s biases`,
          value: shown.layers[l].b,
        }]
        : []),
      {
        name: outName(l),
        formula: `${outName(l)} = ${f === "" ? product : `${f}(${product})`}`,
        value: pass.a[l + 1],
      },
    );
  });

  // Loss and the output delta δ_out = ∂L/∂z_out.
  const o = pass.a[L];
  const nk = n * k;
  const fOut = derivativeText(outAct, "o");
  const scaled = config.loss !== "sse";
  const cce = config.loss === "cce";
  const lossFormula = cce
    ? "L = −Σ y·ln o / n = Σ y·(lse(z) − z) / n,  lse(z) = max z + ln Σ e^(z − max z)"
    : config.loss === "bce"
    ? "L = −Σ[y·ln o + (1 − y)·ln(1 − o)] / (n·k)"
    : config.loss === "sse"
    ? "L = ½·Σ(o − y)²"
    : "L = Σ(o − y)² / (n·k)";
  const deltaFormula = cce
    ? "δ_out = (o − y) / n"
    : config.loss === "bce"
    ? "δ_out = (o − y) / (n·k)"
    : `δ_out = ${config.loss === "sse" ? "(o − y)" : "2·(o − y)"}${
      fOut === "" ? "" : ` ⊙ ${fOut}`
    }${config.loss === "sse" ? "" : " / (n·k)"}`;
  const lossLines: ExplainLine[] = [
    {
      name: "o − y",
      formula: "o − y: the output error",
      value: o.map((row, r) => row.map((v, j) => v - y[r][j])),
    },
    {
      name: "L",
      formula: lossFormula + (cce ? `   (n = ${n})` : scaled ? `   (n·k = ${n}·${k} = ${nk})` : ""),
      value: [[loss]],
    },
    {
      name: "δ_out",
      formula: deltaFormula + (cce ? `   (n = ${n})` : scaled ? `   (n·k = ${nk})` : ""),
      value: delta,
    },
  ];

  // Backward pass: δ_l = (δ_{l+1}·W_{l+1}ᵀ) ⊙ f'(a_l); ∂L/∂W_l = a_{l−1}ᵀ·δ_l; ∂L/∂b_l = Σ_rows δ_l.
  const backwardLines: ExplainLine[] = [];
  for (let l = L - 2; l >= 0; l--) {
    const act = model.layers[l].activation;
    backwardLines.push({
      name: deltaName(l),
      formula: `${deltaName(l)} = (${deltaName(l + 1)}·W${l + 2}ᵀ) ⊙ ${
        derivativeText(act, hiddenName(l))
      }`,
      value: grads.delta[l],
    });
  }
  for (let l = L - 1; l >= 0; l--) {
    backwardLines.push({
      name: `∂L/∂W${l + 1}`,
      formula: `∂L/∂W${l + 1} = ${inName(l)}ᵀ·${deltaName(l)}`,
      value: grads.W[l],
    });
    if (bias) {
      backwardLines.push({
        name: `∂L/∂b${l + 1}`,
        formula: `∂L/∂b${l + 1} = Σ_rows ${deltaName(l)}`,
        value: grads.b[l],
      });
    }
  }
  if (grads.Ws !== null) {
    backwardLines.push({
      name: "∂L/∂Ws",
      formula: `∂L/∂Ws = Xᵀ·${deltaName(L - 1)}`,
      value: grads.Ws,
    });
  }

  // The update, in the engine's order W1, b1, W2, b2, …, Ws; the optimizer state starts at 0.
  const updateLines: ExplainLine[] = [];
  tensors(net).forEach(({ name, theta }, t) => {
    if (config.optimizer === "momentum") {
      updateLines.push({
        name: `v_${name}`,
        formula: `v_${name} ← μ·v_${name} + ∂L/∂${name}   (v starts at 0)`,
        value: state.m[t],
      });
    } else if (config.optimizer === "adam") {
      updateLines.push(
        {
          name: `m_${name}`,
          formula: `m_${name} ← β1·m_${name} + (1 − β1)·∂L/∂${name}   (m starts at 0)`,
          value: state.m[t],
        },
        {
          name: `s_${name}`,
          formula: `s_${name} ← β2·s_${name} + (1 − β2)·(∂L/∂${name})²   (s starts at 0)`,
          value: state.s[t],
        },
      );
    }
    const formula = config.optimizer === "sgd"
      ? `${name} ← ${name} − η·∂L/∂${name}`
      : config.optimizer === "momentum"
      ? `${name} ← ${name} − η·v_${name}`
      : `${name} ← ${name} − η·(m_${name} / (1 − β1ᵗ)) / (√(s_${name} / (1 − β2ᵗ)) + ε)   (t = 1)`;
    updateLines.push({ name, formula, value: theta });
  });

  symbols.add("⊙: element-wise product; ·: matrix product; ᵀ: transpose");
  symbols.add(
    "δ = ∂L/∂z: how the batch's loss L changes with a layer's value z before its activation",
  );
  if (model.layers.some((layer, l) => l < L - 1 && layer.activation.endsWith("relu"))) {
    symbols.add("[h > 0]: 1 where h > 0, else 0 (the relu's slope; lrelu's is 0.01 below 0)");
  }
  symbols.add(`n = ${n} rows in the batch, k = ${k} output${k === 1 ? "" : "s"}`);
  const eta = config.learningRate;
  const rates = config.optimizer === "sgd"
    ? `η = ${eta}`
    : config.optimizer === "momentum"
    ? `η = ${eta}, μ = ${config.momentum}`
    : `η = ${eta}, β1 = ${config.beta1}, β2 = ${config.beta2}, ε = ${config.epsilon}`;
  symbols.add(rates);

  return {
    rows,
    datasetRows: data.rows,
    loss,
    sections: [
      { title: "forward pass", lines: forwardLines },
      { title: "loss and output error", lines: lossLines },
      { title: "backward pass", lines: backwardLines },
      { title: `update (${config.optimizer})`, lines: updateLines },
    ],
    symbols: [...symbols],
    gradients: model.layers.map((_, l) => ({ weights: grads.W[l].flat(), biases: grads.b[l][0] })),
    ...(grads.Ws === null ? {} : { shortcutGradient: grads.Ws.flat() }),
    before: model,
    after: toModel(net),
  };
}
