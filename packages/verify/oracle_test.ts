import assert from "node:assert/strict";
import {
  datasetFromRows,
  initModel,
  loadDataset,
  resolveConfig,
  type TrainConfig,
} from "@backprop/core";
import { referenceEngine } from "./bugs.ts";
import { loadOracle } from "./oracle.ts";
import { batchOf, modelTensors } from "./tensors.ts";

// Every activation × output × loss, with and without biases and the shortcut.
const CONFIGS: TrainConfig[] = [];
for (const activation of ["sigmoid", "tanh", "relu", "leaky-relu"] as const) {
  for (const outputActivation of ["sigmoid", "linear"] as const) {
    for (const loss of ["mse", "sse", "bce"] as const) {
      if (loss === "bce" && outputActivation === "linear") continue;
      CONFIGS.push({
        activation,
        outputActivation,
        loss,
        hidden: [3, 2],
        init: "uniform:1",
        useBias: CONFIGS.length % 2 === 0,
        shortcut: CONFIGS.length % 3 === 0,
        dataset: "parity:3",
      });
    }
  }
}

Deno.test("oracle: agrees with the reference engine to 1e-10 on every activation, output and loss", async () => {
  const oracle = await loadOracle();
  const data = loadDataset("parity:3");
  for (const c of CONFIGS) {
    const config = resolveConfig(c);
    const model = initModel(config, 3, 1);
    const step = referenceEngine().start(config, data, model).step();
    const truth = oracle.step(config, model, modelTensors(model), batchOf(data, step.rows));
    // Relative to the tensor's largest |g|: the two compute the same float64 sums in other
    // orders (a few ulps); 1e-10 is the bound verify itself uses.
    assert.ok(Math.abs(step.loss - truth.loss) <= 1e-10 * truth.loss, JSON.stringify(c));
    truth.gradients.forEach((g, t) => {
      const scale = Math.max(...g.map(Math.abs));
      const diff = Math.max(...g.map((v, i) => Math.abs(v - step.gradients[t][i])));
      assert.ok(scale > 0 && diff <= 1e-10 * scale, `${JSON.stringify(c)} tensor ${t}: ${diff}`);
    });
  }
});

Deno.test("oracle: tanh keeps full precision near 0 (jax-js's own tanh does not)", async () => {
  const oracle = await loadOracle();
  const config = resolveConfig({ activation: "tanh", outputActivation: "linear", loss: "sse" });
  const model = initModel(config, 2, 1);
  // Tiny weights: z ≈ 1e-15, where jax-js's tanh is 8e-4 off.
  const tiny = {
    ...model,
    layers: model.layers.map((l) => ({ ...l, weights: l.weights.map((w) => w * 1e-15) })),
  };
  const data = loadDataset("xor");
  const step = referenceEngine().start(config, data, tiny).step();
  const truth = oracle.step(config, tiny, modelTensors(tiny), data);
  assert.ok(Math.abs(step.loss - truth.loss) <= 1e-14 * truth.loss);
  const w1 = truth.gradients[0];
  const diff = Math.max(...w1.map((v, i) => Math.abs(v - step.gradients[0][i])));
  assert.ok(diff <= 1e-12 * Math.max(...w1.map(Math.abs)), String(diff));
});

Deno.test("oracle: softmax + cce, by hand and against the reference engine, stable at |z| = 1000", async () => {
  const oracle = await loadOracle();
  const data = datasetFromRows("three", [[0, 0], [0, 1], [1, 0], [1, 1]], [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ]);
  for (const activation of ["tanh", "relu"] as const) {
    for (const shortcut of [false, true]) {
      const config = resolveConfig({
        activation,
        outputActivation: "softmax",
        loss: "cce",
        hidden: [3],
        shortcut,
        init: "uniform:1",
      });
      const model = initModel(config, 2, 3);
      const step = referenceEngine().start(config, data, model).step();
      const truth = oracle.step(config, model, modelTensors(model), batchOf(data, step.rows));
      // The same float64 sums in other orders: 1e-10, verify's own bound.
      assert.ok(Math.abs(step.loss - truth.loss) <= 1e-10 * truth.loss);
      truth.gradients.forEach((g, t) => {
        const scale = Math.max(...g.map(Math.abs));
        g.forEach((v, i) => assert.ok(Math.abs(v - step.gradients[t][i]) <= 1e-10 * scale));
      });
    }
  }
  // No hidden layer, zero weights, bias z = (1000, 0, −1000) on every row: p = (1, e^−1000, 0);
  // L = mean over rows of lse − z_class = (0 + 1000 + 2000 + 0) / 4, ∂L/∂b = Σ (p − y) / 4.
  const config = resolveConfig({ outputActivation: "softmax", loss: "cce", hidden: [] });
  const model = initModel(config, 2, 3);
  model.layers[0].weights.fill(0);
  model.layers[0].biases = [1000, 0, -1000];
  const truth = oracle.step(config, model, modelTensors(model), data);
  assert.equal(truth.loss, 750);
  assert.deepEqual(Array.from(truth.gradients[1]), [(4 - 2) / 4, -1 / 4, -1 / 4]);
});
