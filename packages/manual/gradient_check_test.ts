import assert from "node:assert/strict";
import {
  CHOICES,
  type Dataset,
  datasetFromRows,
  initModel,
  loadDataset,
  type ModelWeights,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
} from "@backprop/core";
import { Dense } from "./dense.ts";
import { gradientCheck, type GradientFunction } from "./gradient_check.ts";
import { computeGradients, referenceGradients } from "./gradients.ts";
import { backward, batchRows, forward, fromModel, lossAndDelta } from "./reference.ts";

// Why 1e-6. gradientCheck uses central differences with h = 1e-5: the truncation error
// is h²·|L'''|/6 ≈ 1e-11 for these smooth losses of O(1) weights, and the rounding error
// is ε·|L|/h ≈ 2.2e-16 · 1 / 1e-5 ≈ 2e-11. Relative to gradients of size 1e-3 to 1 that
// is at most ~1e-8 (measured: every case below is under 4e-10). A wrong backward pass (a
// missing f', a transposed weight, a wrong 1/n) gives relative errors of 1e-2 or more,
// as the corruption tests at the end show. 1e-6 separates the two by orders of magnitude.
const MAX_RELATIVE_ERROR = 1e-6;

// The two-sided difference at a relu/leaky-relu kink (z = 0) sees the average slope while
// backpropagation uses the left one, so a case is only meaningful when no pre-activation
// of a kinked layer crosses 0 when one parameter moves by ±h. A parameter moves a z by
// at most h·max(|input|, 1) = 1e-5 here, so every such z must be further than this
// margin from 0 (or be exactly 0 for every parameter value, see kinkFree).
const KINK_MARGIN = 1e-3;

/**
 * Checks the premise of a relu/leaky-relu gradient check: every hidden pre-activation is
 * either at least KINK_MARGIN away from 0 or identically 0 whatever the parameters are.
 *
 * Identically 0 happens without biases on a row whose inputs are all 0 (xor's (0, 0)):
 * z = x·W = 0 for every W, and tanh, relu and leaky-relu map 0 to 0, so the next layer's z
 * is identically 0 too. No perturbation moves such a z off the kink, so the numeric side
 * never sees it; and on the analytic side that row's contributions to ∂L/∂W are
 * multiplied by its layer input, which is 0. Both sides agree that the row contributes
 * nothing, and the check stays valid.
 */
function kinkFree(model: ModelWeights, data: Dataset): string | null {
  const sizes = model.layerSizes;
  for (let r = 0; r < data.rows; r++) {
    let x = Array.from(data.inputs.subarray(r * sizes[0], (r + 1) * sizes[0]));
    // Whether this row's layer input is 0 for every parameter value.
    let alwaysZero = !model.useBias && x.every((v) => v === 0);
    for (let l = 0; l < model.layers.length - 1; l++) {
      const { inputs, units, weights, biases, activation } = model.layers[l];
      const z = Array.from({ length: units }, (_, j) => {
        let s = biases[j];
        for (let i = 0; i < inputs; i++) s += x[i] * weights[i * units + j];
        return s;
      });
      const kinked = activation === "relu" || activation === "leaky-relu";
      if (kinked && !alwaysZero) {
        const near = z.findIndex((v) => Math.abs(v) < KINK_MARGIN);
        if (near >= 0) return `row ${r}, layer ${l + 1}, unit ${near}: z = ${z[near]}`;
      }
      x = z.map((v) =>
        activation === "sigmoid"
          ? 1 / (1 + Math.exp(-v))
          : activation === "tanh"
          ? Math.tanh(v)
          : activation === "relu"
          ? Math.max(v, 0)
          : v > 0
          ? v
          : 0.01 * v
      );
      alwaysZero = alwaysZero && activation !== "sigmoid";
    }
  }
  return null;
}

/** Three classes on XOR's inputs, one-hot, for softmax and cce. */
const THREE = datasetFromRows("three", [[0, 0], [0, 1], [1, 0], [1, 1]], [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 0, 0],
]);

function check(config: TrainConfig, dataset: string | Dataset = "xor") {
  const data = typeof dataset === "string" ? loadDataset(dataset) : dataset;
  const resolved = resolveConfig({ init: "uniform:1", ...config, dataset: data.name });
  const model = initModel(resolved, data.inputSize, data.outputSize);
  const kink = kinkFree(model, data);
  assert.equal(kink, null, `a pre-activation sits on a kink: ${kink}`);
  // The reference engine's backward pass passes the same check.
  const reference = gradientCheck(resolved, data, { model, gradients: referenceGradients });
  const fast = gradientCheck(resolved, data, { model });
  assertPasses(reference, fast.parameters);
  return fast;
}

function assertPasses(result: ReturnType<typeof gradientCheck>, expectedParameters: number): void {
  assert.ok(
    result.relativeError < MAX_RELATIVE_ERROR,
    `relative error ${result.relativeError} (${
      result.tensors.map((t) => `${t.name} ${t.relativeError}`).join(", ")
    })`,
  );
  for (const t of result.tensors) {
    assert.ok(t.relativeError < MAX_RELATIVE_ERROR, `${t.name}: ${t.relativeError}`);
  }
  assert.equal(result.parameters, expectedParameters);
  assert.equal(result.step, 1e-5);
  // maxAbsError is an error, not a gradient: it must be tiny next to 1.
  assert.ok(result.maxAbsError < 1e-8, `max abs error ${result.maxAbsError}`);
}

const OUTPUT_LOSSES: [TrainConfig["outputActivation"], TrainConfig["loss"]][] = [
  ["sigmoid", "mse"],
  ["sigmoid", "sse"],
  ["sigmoid", "bce"],
  ["linear", "mse"],
  ["linear", "sse"],
  ["softmax", "cce"],
];

Deno.test("gradientCheck: the cases below cover every activation, output and loss", () => {
  assert.deepEqual(
    [...new Set(OUTPUT_LOSSES.map(([o]) => o))].sort(),
    [...CHOICES.outputActivation].sort(),
  );
  assert.deepEqual([...new Set(OUTPUT_LOSSES.map(([, l]) => l))].sort(), [...CHOICES.loss].sort());
});

for (const activation of CHOICES.activation) {
  for (const [outputActivation, loss] of OUTPUT_LOSSES) {
    for (const useBias of [true, false]) {
      const name = `${activation} → ${outputActivation}, ${loss}, bias ${useBias ? "on" : "off"}`;
      Deno.test(`gradientCheck: ${name}`, () => {
        const softmax = outputActivation === "softmax";
        const result = check(
          { activation, outputActivation, loss, useBias, hidden: [3] },
          softmax ? THREE : "xor",
        );
        // 2·3 + 3·k weights, plus 3 + k biases; k = 3 classes for softmax, else 1 output.
        assertPasses(result, softmax ? (useBias ? 21 : 15) : useBias ? 13 : 9);
        assert.deepEqual(
          result.tensors.map((t) => t.name),
          useBias ? ["W1", "b1", "W2", "b2"] : ["W1", "W2"],
        );
      });
    }
  }
}

for (const activation of CHOICES.activation) {
  Deno.test(`gradientCheck: two hidden layers of ${activation}`, () => {
    const result = check({ activation, hidden: [4, 3], loss: "bce" }, "parity:3");
    // 3·4 + 4 + 4·3 + 3 + 3·1 + 1
    assertPasses(result, 35);
    assert.deepEqual(result.tensors.map((t) => t.name), ["W1", "b1", "W2", "b2", "W3", "b3"]);
  });
}

Deno.test("gradientCheck: a mini-batch of 3 rows of parity:3, mse with 1/(n·k) over 8 rows", () => {
  const result = check({ activation: "tanh", hidden: [5], loss: "mse", batchSize: 3 }, "parity:3");
  assertPasses(result, 3 * 5 + 5 + 5 + 1);
});

Deno.test("gradientCheck: mini-batches with sse and a linear output", () => {
  const result = check(
    { activation: "leaky-relu", outputActivation: "linear", loss: "sse", batchSize: 2, seed: 3 },
    "parity:4",
  );
  assertPasses(result, 4 * 8 + 8 + 8 + 1);
});

Deno.test("gradientCheck: the seed preset and the default preset with their own weights", () => {
  const xor = loadDataset("xor");
  assertPasses(gradientCheck(resolveConfig({ preset: "seed" }), xor), 9);
  const config = resolveConfig();
  const model = initModel(config, 2, 1);
  const count = model.layers.reduce((n, l) => n + l.weights.length + l.biases.length, 0);
  assertPasses(gradientCheck(config, xor), count);
});

Deno.test("gradientCheck: checks in float64 whatever the dtype", () => {
  const xor = loadDataset("xor");
  const f64 = resolveConfig({ preset: "seed" });
  const f32: ResolvedConfig = { ...f64, dtype: "float32" };
  assert.deepEqual(gradientCheck(f32, xor), gradientCheck(f64, xor));
});

Deno.test("gradientCheck: the step must be finite and positive", () => {
  const config = resolveConfig({ preset: "seed" });
  const xor = loadDataset("xor");
  for (const step of [0, -1e-5, NaN, Infinity]) {
    assert.throws(() => gradientCheck(config, xor, { step }), /^RangeError: step: /, `${step}`);
  }
});

Deno.test("gradientCheck: a model that does not fit the config is a RangeError", () => {
  const config = resolveConfig({ preset: "seed" });
  const other = initModel(resolveConfig({ preset: "seed", hidden: [2] }), 2, 1);
  assert.throws(() => gradientCheck(config, loadDataset("xor"), { model: other }), RangeError);
});

// The check can fail. Three honest ways to see it report a mismatch (a reference engine
// with a wrong derivative is the last test below):
// 1. Corrupt the backward pass itself, test-locally: Dense.prototype.backward is the only
//    place gradients are written, and the numeric side never calls it (it only runs
//    forward passes), so a wrapped backward changes the analytic side alone.
// 2. A real disagreement: a relu pre-activation exactly at its kink with a non-zero input.

/** Runs `fn` with every Dense.backward followed by `corrupt(layer, isFirstLayer)`. */
function withCorruptBackward<T>(corrupt: (layer: Dense, first: boolean) => void, fn: () => T): T {
  const original = Dense.prototype.backward;
  Dense.prototype.backward = function (this: Dense, x, rows, prev) {
    original.call(this, x, rows, prev);
    corrupt(this, prev === null);
  };
  try {
    return fn();
  } finally {
    Dense.prototype.backward = original;
  }
}

Deno.test("gradientCheck fails: one output weight's gradient 1% off", () => {
  const config = resolveConfig({ preset: "seed" });
  const xor = loadDataset("xor");
  const honest = gradientCheck(config, xor);
  const result = withCorruptBackward((layer, first) => {
    if (!first) layer.gw[0] *= 1.01;
  }, () => gradientCheck(config, xor));
  assert.ok(honest.relativeError < MAX_RELATIVE_ERROR);
  assert.ok(result.relativeError > MAX_RELATIVE_ERROR * 100, `${result.relativeError}`);
  const byName = Object.fromEntries(result.tensors.map((t) => [t.name, t.relativeError]));
  // Only W2 was touched, and the report says so.
  assert.ok(byName.W2 > 1e-3, `W2 ${byName.W2}`);
  assert.ok(byName.W1 < MAX_RELATIVE_ERROR, `W1 ${byName.W1}`);
  // And the wrapper was removed again.
  assert.deepEqual(gradientCheck(config, xor), honest);
});

Deno.test("gradientCheck fails: a dropped activation derivative in the first layer", () => {
  // Overwrite ∂L/∂W1 with the gradient as if the hidden f' were 1: recompute it as
  // Xᵀ·(D2·W2ᵀ) from the output layer's delta. This is the classic backprop slip.
  const config = resolveConfig({ preset: "seed" });
  const xor = loadDataset("xor");
  let output: Dense | null = null;
  const result = withCorruptBackward((layer, first) => {
    if (!first) {
      output = layer;
      return;
    }
    const out = output!;
    layer.gw.fill(0);
    for (let r = 0; r < 4; r++) {
      for (let i = 0; i < layer.inputs; i++) {
        for (let j = 0; j < layer.units; j++) {
          layer.gw[i * layer.units + j] += xor.inputs[r * 2 + i] * out.d[r] * out.w[j];
        }
      }
    }
  }, () => gradientCheck(config, xor));
  const byName = Object.fromEntries(result.tensors.map((t) => [t.name, t.relativeError]));
  assert.ok(byName.W1 > 0.1, `W1 ${byName.W1}`);
  assert.ok(byName.W2 < MAX_RELATIVE_ERROR, `W2 ${byName.W2}`);
});

Deno.test("gradientCheck fails: relu exactly at its kink with a non-zero input", () => {
  // One relu unit, z = 1·w + b with w = 1, b = -1 on input 1: z is exactly 0. Moving w or b
  // by ±h gives slopes 1 and 0, so the central difference sees 1/2 while backpropagation
  // takes the left derivative 0. The check must report the disagreement.
  const config = resolveConfig({
    hidden: [1],
    activation: "relu",
    outputActivation: "linear",
    loss: "sse",
  });
  const data = {
    name: "kink",
    rows: 1,
    inputSize: 1,
    outputSize: 1,
    inputs: Float64Array.of(1),
    targets: Float64Array.of(3),
  };
  const model: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [1, 1, 1],
    useBias: true,
    layers: [
      { inputs: 1, units: 1, activation: "relu", weights: [1], biases: [-1] },
      { inputs: 1, units: 1, activation: "linear", weights: [2], biases: [0] },
    ],
  };
  // The premise check used by every case above spots this model.
  assert.equal(kinkFree(model, data), "row 0, layer 1, unit 0: z = 0");
  const analytic = computeGradients(config, data, model);
  assert.deepEqual(Array.from(analytic.layers[0].weights), [0]);
  const result = gradientCheck(config, data, { model });
  const w1 = result.tensors.find((t) => t.name === "W1")!;
  // With L = ½·(2·relu(z) − 3)²: L(+h) − L(−h) = ½·((2h − 3)² − 9) = 2h² − 6h, so the
  // numeric slope is h − 3 (about the average −3 of the one-sided slopes −6 and 0), and
  // the analytic one 0. 1e-9 covers the rounding error ε·|L|/h ≈ 2.2e-16·4.5/1e-5 ≈ 1e-10.
  assert.ok(Math.abs(w1.maxAbsError - (3 - 1e-5)) < 1e-9, `${w1.maxAbsError}`);
  assert.ok(result.relativeError > 0.1, `${result.relativeError}`);
});

Deno.test("computeGradients: the same gradients gradientCheck verified", () => {
  // computeGradients is what other engines compare against; tie it to the checked path by
  // comparing with a plain central difference of the loss it reports.
  const config = resolveConfig({ init: "uniform:1", hidden: [2], activation: "tanh" });
  const xor = loadDataset("xor");
  const model = initModel(config, 2, 1);
  const { loss, layers } = computeGradients(config, xor, model);
  const h = 1e-5;
  const lossAt = (m: ModelWeights) => computeGradients(config, xor, m).loss;
  layers.forEach((g, l) => {
    for (const [key, grads] of [["weights", g.weights], ["biases", g.biases]] as const) {
      grads.forEach((analytic, i) => {
        const plus = structuredClone(model);
        plus.layers[l][key][i] += h;
        const minus = structuredClone(model);
        minus.layers[l][key][i] -= h;
        const numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
        // Same error budget as MAX_RELATIVE_ERROR, per component: |error| ≈ 1e-10 against
        // components of 1e-3 to 1e-1.
        assert.ok(Math.abs(analytic - numeric) < 1e-8, `layer ${l} ${key}[${i}]`);
      });
    }
  });
  assert.ok(loss > 0 && Number.isFinite(loss));
});

Deno.test("gradientCheck fails: a reference engine whose backward pass takes every hidden f′ as 1", () => {
  // The classic slip, made with the reference engine's own functions: the backward pass
  // sees the hidden layers as linear. Full batch, so the batch is every row in order.
  const wrongDerivative: GradientFunction = (config, data, model) => {
    const net = fromModel(model);
    const { X, y } = batchRows(data);
    const pass = forward(net, X);
    const { delta } = lossAndDelta(config.loss, config.outputActivation, pass, y, data.rows);
    const last = net.layers.length - 1;
    const linear = net.layers.map((l, i) => (i < last ? { ...l, f: "linear" as const } : l));
    const g = backward({ ...net, layers: linear }, pass, delta);
    return {
      layers: g.W.map((w, l) => ({
        weights: Float64Array.from(w.flat()),
        biases: Float64Array.from(g.b[l][0]),
      })),
    };
  };
  const config = resolveConfig({ preset: "seed" });
  const xor = loadDataset("xor");
  const result = gradientCheck(config, xor, { gradients: wrongDerivative });
  const byName = Object.fromEntries(result.tensors.map((t) => [t.name, t.relativeError]));
  assert.ok(byName.W1 > 0.1, `W1 ${byName.W1}`);
  assert.ok(byName.W2 < MAX_RELATIVE_ERROR, `W2 ${byName.W2}`);
  // Gradients of the wrong shape are a RangeError naming gradients.
  assert.throws(
    () =>
      gradientCheck(config, xor, {
        gradients: (...a) => ({ layers: wrongDerivative(...a).layers.slice(1) }),
      }),
    /^RangeError: gradients: 3 values for W1 are not allowed; expected 6/,
  );
});
