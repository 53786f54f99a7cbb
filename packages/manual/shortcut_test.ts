// Direct input-to-output connections (config `shortcut`) in the hand-written engine:
// gradients against finite differences for every activation with and without biases,
// the forward pass against core's predictFlat, and the model round trip.

import assert from "node:assert/strict";
import {
  CHOICES,
  type Dataset,
  initModel,
  loadDataset,
  type ModelWeights,
  predictFlat,
  resolveConfig,
  type TrainConfig,
  validateModel,
} from "@backprop/core";
import { explainStep } from "./explain.ts";
import { gradientCheck } from "./gradient_check.ts";
import { Shortcut } from "./shortcut.ts";
import { computeGradients } from "./gradients.ts";
import { trainReference } from "./reference.ts";
import { trainManual } from "./train.ts";

// As in gradient_check_test.ts: h = 1e-5 leaves ~1e-10; a wrong gradient is > 1e-3.
const MAX_RELATIVE_ERROR = 1e-6;
// Central differences are meaningless at a relu kink: require every hidden z of a kinked
// layer to be further than this from 0 (a parameter moves a z by at most 1e-5 here), or
// identically 0 (no biases and an all-zero input row).
const KINK_MARGIN = 1e-3;

function nearestKink(model: ModelWeights, data: Dataset): number {
  let min = Infinity;
  for (let r = 0; r < data.rows; r++) {
    let x = Array.from(data.inputs.subarray(r * data.inputSize, (r + 1) * data.inputSize));
    const alwaysZero = !model.useBias && x.every((v) => v === 0);
    for (const layer of model.layers.slice(0, -1)) {
      const z = Array.from({ length: layer.units }, (_, j) => {
        let s = layer.biases[j];
        for (let i = 0; i < layer.inputs; i++) s += x[i] * layer.weights[i * layer.units + j];
        return s;
      });
      if (!alwaysZero) { for (const v of z) min = Math.min(min, Math.abs(v)); }
      x = z.map((v) => (v > 0 ? v : 0.01 * v)); // only the sign matters for the next layer
    }
  }
  return min;
}

// Every hidden activation × biases on/off × (sigmoid, sse) / (sigmoid, bce) / (linear, mse),
// with one and with two hidden layers, and without hidden layers, on parity:3 (3 inputs).
const OUTPUTS = [["sigmoid", "sse"], ["sigmoid", "bce"], ["linear", "mse"]] as const;
const cases: TrainConfig[] = [];
for (const activation of CHOICES.activation) {
  for (const useBias of [true, false]) {
    for (const [i, [outputActivation, loss]] of OUTPUTS.entries()) {
      const hidden = i === 2 ? [3, 2] : [3];
      cases.push({ activation, useBias, outputActivation, loss, hidden });
    }
  }
}
cases.push({ hidden: [], useBias: true, loss: "sse" }, { hidden: [], useBias: false });

Deno.test("shortcut gradient check: the cases cover every activation with and without bias", () => {
  for (const activation of CHOICES.activation) {
    for (const useBias of [true, false]) {
      assert.ok(cases.some((c) => c.activation === activation && c.useBias === useBias));
    }
  }
});

for (const c of cases) {
  Deno.test(`shortcut gradient check: ${JSON.stringify(c)}`, () => {
    const data = loadDataset("parity:3");
    // The first seed whose weights keep relu units away from their kinks.
    let config = resolveConfig({ ...c, dataset: "parity:3", shortcut: true, init: "uniform:1" });
    let model = initModel(config, 3, 1);
    for (let seed = 1; nearestKink(model, data) < KINK_MARGIN; seed++) {
      config = { ...config, seed };
      model = initModel(config, 3, 1);
    }
    if (!config.activation.endsWith("relu")) assert.equal(config.seed, 42);
    const result = gradientCheck(config, data, { model });
    const names = result.tensors.map((t) => t.name);
    assert.equal(names[names.length - 1], "Ws", "W_s is checked, last, as Ws");
    const weights = model.layers.reduce((n, l) => n + l.weights.length, 0);
    const biases = c.useBias ? model.layers.reduce((n, l) => n + l.units, 0) : 0;
    assert.equal(result.parameters, weights + biases + 3);
    for (const t of result.tensors) {
      assert.ok(t.relativeError < MAX_RELATIVE_ERROR, `${t.name}: ${t.relativeError}`);
    }
    assert.ok(result.relativeError < MAX_RELATIVE_ERROR, `${result.relativeError}`);
    // computeGradients returns the same ∂L/∂W_s the check verified.
    const grads = computeGradients(config, data, model);
    assert.equal(grads.shortcut?.length, 3);
    assert.ok(grads.shortcut!.some((g) => g !== 0));
  });
}

Deno.test("shortcut gradient check: mini-batches and float32 configs are checked in float64", () => {
  const data = loadDataset("parity:3");
  const config = resolveConfig({
    dataset: "parity:3",
    shortcut: true,
    batchSize: 3,
    loss: "mse",
    dtype: "float32",
    init: "uniform:1",
  });
  const result = gradientCheck(config, data);
  assert.ok(result.relativeError < MAX_RELATIVE_ERROR, `${result.relativeError}`);
});

Deno.test("shortcut gradient check fails when ∂L/∂W_s is wrong (or missing)", () => {
  const data = loadDataset("xor");
  const config = resolveConfig({ hidden: [1], shortcut: true, loss: "sse" });
  const backward = Shortcut.prototype.backward;
  try {
    // A deliberate bug: ∂L/∂W_s is 1 % too large.
    Shortcut.prototype.backward = function (x, delta, rows) {
      backward.call(this, x, delta, rows);
      for (let i = 0; i < this.gw.length; i++) this.gw[i] *= 1.01;
    };
    const wrong = gradientCheck(config, data);
    const ws = wrong.tensors.find((t) => t.name === "Ws")!;
    assert.ok(ws.relativeError > 1e-3, `${ws.relativeError}`);
    assert.ok(wrong.tensors.filter((t) => t.name !== "Ws").every((t) => t.relativeError < 1e-6));
    // Forgetting the shortcut's gradient altogether leaves it at 0.
    Shortcut.prototype.backward = () => {};
    const missing = gradientCheck(config, data).tensors.find((t) => t.name === "Ws")!;
    assert.equal(missing.relativeError, 1);
  } finally {
    Shortcut.prototype.backward = backward;
  }
  assert.ok(gradientCheck(config, data).relativeError < MAX_RELATIVE_ERROR);
});

Deno.test("shortcut forward pass: bit-identical to core's predictFlat in float64", () => {
  const data = loadDataset("parity:4");
  // Leaky-relu and linear, whose f is the same expression in both: the engine's σ and
  // tanh are its own fast forms (a few ulp from predictFlat's Math.exp and Math.tanh).
  for (const hidden of [[4], [5, 3], []]) {
    const config = resolveConfig({
      dataset: "parity:4",
      hidden,
      activation: "leaky-relu",
      outputActivation: "linear",
      shortcut: true,
      init: "uniform:1",
      loss: "sse",
      epochs: 7,
      targetLoss: 0,
    });
    const result = trainManual(config, data);
    // The next epoch's loss is that of the returned model: compare it with predictFlat's.
    const more = trainManual({ ...config, epochs: 1 }, data, { initialModel: result.model });
    const o = predictFlat(result.model, data.inputs, data.rows);
    let sse = 0;
    o.forEach((v, i) => sse += (v - data.targets[i]) ** 2);
    assert.equal(more.lossHistory[0], 0.5 * sse, `hidden ${hidden}`);
  }
});

Deno.test("shortcut: the trained model carries W_s, validates, and does not alter its start", () => {
  const data = loadDataset("xor");
  const config = resolveConfig({
    preset: "seed",
    hidden: [1],
    useBias: true,
    shortcut: true,
    init: "uniform:0.5",
    optimizer: "momentum",
    learningRate: 0.5,
    targetLoss: 0.02,
    epochs: 5000,
    seed: 1,
  });
  const start = initModel(config, 2, 1);
  const copy = structuredClone(start);
  const result = trainManual(config, data, { initialModel: start });
  assert.deepEqual(start, copy);
  assert.equal(result.stoppedBecause, "target-loss", "2-1-1 with direct connections learns XOR");
  assert.equal(result.model.shortcut?.length, 2);
  assert.notDeepEqual(result.model.shortcut, start.shortcut);
  assert.deepEqual(validateModel(JSON.parse(JSON.stringify(result.model))), result.model);
  const outputs = predictFlat(result.model, data.inputs, data.rows);
  assert.deepEqual(Array.from(outputs, Math.round), [0, 1, 1, 0]);
  // Per-pattern updates in order, and float32, run too.
  const online = trainManual({ ...config, batchSize: 1, shuffle: false, dtype: "float32" }, data);
  assert.equal(online.model.shortcut?.length, 2);
  assert.ok(Number.isFinite(online.finalLoss));
});

Deno.test("shortcut: float32 follows float64 closely", () => {
  const data = loadDataset("parity:3");
  const config = resolveConfig({
    dataset: "parity:3",
    shortcut: true,
    hidden: [4],
    loss: "sse",
    optimizer: "momentum",
    learningRate: 0.1,
    epochs: 300,
    targetLoss: 0,
  });
  const f64 = trainManual(config, data);
  const f32 = trainManual({ ...config, dtype: "float32" }, data);
  const worst = Math.max(...f64.lossHistory.map((l, e) => Math.abs(l - f32.lossHistory[e])));
  assert.ok(worst < 1e-4, `${worst}`);
  f64.model.shortcut!.forEach((w, i) => assert.ok(Math.abs(w - f32.model.shortcut![i]) < 1e-3));
});

Deno.test("shortcut: explainStep shows X·Ws and ∂L/∂Ws, equal to the engines' first step", async () => {
  const data = loadDataset("xor");
  for (const optimizer of ["sgd", "momentum", "adam"] as const) {
    const config = resolveConfig({
      hidden: [1],
      shortcut: true,
      activation: "sigmoid",
      loss: "sse",
      optimizer,
      epochs: 1,
      targetLoss: 0,
    });
    const step = explainStep(config, data);
    const lines = step.sections.flatMap((s) => s.lines);
    assert.ok(lines.some((l) => l.name === "Ws"));
    assert.ok(lines.some((l) => l.formula === "o = σ(h·W2 + X·Ws + b2)"), "the output formula");
    assert.ok(lines.some((l) => l.formula === "∂L/∂Ws = Xᵀ·δ_out"));
    // Exactly the reference engine's step; the fast engine's to its σ's last bits.
    assert.deepEqual(step.after, (await trainReference(config, data)).model);
    const grads = computeGradients(config, data);
    step.shortcutGradient!.forEach((g, i) => assert.ok(Math.abs(g - grads.shortcut![i]) < 1e-15));
    const engine = trainManual(config, data).model;
    step.after.shortcut!.forEach((w, i) => assert.ok(Math.abs(w - engine.shortcut![i]) < 1e-15));
    step.after.layers.forEach((layer, l) =>
      layer.weights.forEach((w, i) =>
        assert.ok(Math.abs(w - engine.layers[l].weights[i]) < 1e-15, `${optimizer} W${l + 1}`)
      )
    );
  }
});

Deno.test("shortcut: a start model that does not match the config's shortcut is a RangeError", () => {
  const data = loadDataset("xor");
  const config = resolveConfig({ shortcut: true });
  const plain = initModel(resolveConfig(), 2, 1);
  assert.throws(() => trainManual(config, data, { initialModel: plain }), /without shortcut/);
  assert.throws(() => gradientCheck(config, data, { model: plain }), /without shortcut/);
});
