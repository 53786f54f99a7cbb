// Direct input-to-output connections (config `shortcut`) on TF.js: the first step's
// gradients, the forward pass, and a few hundred epochs against the hand-written engine
// under parity.ts's tolerances.

import assert from "node:assert/strict";
import {
  initModel,
  loadDataset,
  predictFlat,
  resolveConfig,
  type TrainConfig,
  validateModel,
} from "@backprop/core";
import { computeGradients, trainManual } from "@backprop/manual";
import { computeGradientsTfjs } from "./gradients.ts";
import {
  gradientTolerance,
  lossTolerance,
  outputTolerance,
  runningMaxDifference,
  weightTolerance,
} from "./parity.ts";
import { predictTfjs } from "./predict.ts";
import { trainTfjs } from "./train.ts";

const EPOCHS = 300;

// Rumelhart, Hinton & Williams' 2-1-1 XOR net, and a few others: every output and loss,
// sgd, momentum and Adam, full batch, per pattern and shuffled mini-batches.
const CASES: [string, TrainConfig][] = [
  ["2-1-1 XOR, momentum, sse", {
    hidden: [1],
    activation: "sigmoid",
    loss: "sse",
    optimizer: "momentum",
    learningRate: 0.5,
    init: "uniform:0.5",
  }],
  ["2-1-1 XOR per pattern, momentum, sse", {
    hidden: [1],
    activation: "sigmoid",
    loss: "sse",
    optimizer: "momentum",
    learningRate: 0.25,
    init: "uniform:0.5",
    batchSize: 1,
    shuffle: false,
  }],
  ["parity:3 tanh [4], Adam, bce, batches of 3", {
    dataset: "parity:3",
    hidden: [4],
    activation: "tanh",
    batchSize: 3,
  }],
  ["parity:3 no hidden layer, linear output, sgd, mse", {
    dataset: "parity:3",
    hidden: [],
    outputActivation: "linear",
    loss: "mse",
    optimizer: "sgd",
    learningRate: 0.1,
    useBias: false,
  }],
  ["parity:4 sigmoid [4, 3], sgd, sse", {
    dataset: "parity:4",
    hidden: [4, 3],
    activation: "sigmoid",
    loss: "sse",
    optimizer: "sgd",
    learningRate: 0.5,
    init: "uniform:1",
  }],
];

function configOf(c: TrainConfig) {
  return resolveConfig({ ...c, shortcut: true, epochs: EPOCHS, targetLoss: 0 });
}

for (const [name, c] of CASES) {
  Deno.test(`shortcut on TF.js: first-step gradients as the hand-written engine's, ${name}`, async () => {
    const config = configOf(c);
    const data = loadDataset(config.dataset);
    const manual = computeGradients(config, data);
    const tfjs = await computeGradientsTfjs(config, data);
    assert.ok(manual.shortcut !== undefined && tfjs.shortcut !== undefined);
    const all = [...manual.layers.flatMap((l) => [...l.weights, ...l.biases]), ...manual.shortcut];
    const tolerance = gradientTolerance(Math.max(...all.map(Math.abs)));
    manual.shortcut.forEach((g, i) =>
      assert.ok(
        Math.abs(g - tfjs.shortcut![i]) <= tolerance,
        `Ws[${i}]: ${g} vs ${tfjs.shortcut![i]}`,
      )
    );
    manual.layers.forEach((layer, l) =>
      layer.weights.forEach((g, i) =>
        assert.ok(Math.abs(g - tfjs.layers[l].weights[i]) <= tolerance, `W${l + 1}[${i}]`)
      )
    );
  });

  Deno.test(`shortcut parity: manual vs TF.js over ${EPOCHS} epochs, ${name}`, async () => {
    const config = configOf(c);
    const data = loadDataset(config.dataset);
    const m64 = trainManual(config, data);
    const m32 = trainManual({ ...config, dtype: "float32" }, data);
    const tf = await trainTfjs(config, data, { backend: "cpu" });
    assert.equal(tf.epochsRun, EPOCHS);
    const sensitivity = runningMaxDifference(m64.lossHistory, m32.lossHistory);
    for (let e = 0; e < EPOCHS; e++) {
      const diff = Math.abs(tf.lossHistory[e] - m64.lossHistory[e]);
      const tolerance = lossTolerance(config, sensitivity[e], m64.lossHistory[0]);
      assert.ok(diff <= tolerance, `epoch ${e + 1}: |Δloss| ${diff} > ${tolerance}`);
    }
    assert.equal(tf.model.shortcut?.length, data.inputSize);
    assert.deepEqual(validateModel(JSON.parse(JSON.stringify(tf.model))), tf.model);
    const flat = (m: typeof m64.model) => [
      ...m.layers.flatMap((l) => [...l.weights, ...l.biases]),
      ...m.shortcut!,
    ];
    const relative = (a: number[], b: number[]) =>
      Math.max(...a.map((w, k) => Math.abs(w - b[k]) / Math.max(1, Math.abs(w))));
    const batches = Math.ceil(
      data.rows / (config.batchSize === "full" ? data.rows : config.batchSize),
    );
    const wTolerance = weightTolerance(
      config,
      relative(flat(m64.model), flat(m32.model)),
      EPOCHS * batches,
    );
    const wDiff = relative(flat(m64.model), flat(tf.model));
    assert.ok(wDiff <= wTolerance, `weights ${wDiff} > ${wTolerance}`);
    const o64 = predictFlat(m64.model, data.inputs, data.rows);
    const o32 = predictFlat(m32.model, data.inputs, data.rows);
    const oTf = await predictTfjs(tf.model, data.inputs, data.rows, "cpu");
    const oDiff = Math.max(...o64.map((o, k) => Math.abs(o - oTf[k])));
    const oTolerance = outputTolerance(Math.max(...o64.map((o, k) => Math.abs(o - o32[k]))));
    assert.ok(oDiff <= oTolerance, `outputs ${oDiff} > ${oTolerance}`);
  });
}

Deno.test("predictTfjs honours the shortcut: equal to core's predictFlat to float32 precision", async () => {
  const data = loadDataset("parity:3");
  const model = initModel(
    resolveConfig({ hidden: [3], shortcut: true, init: "uniform:2", seed: 5 }),
    3,
    1,
  );
  const without = predictFlat({ ...model, shortcut: undefined }, data.inputs, data.rows);
  const expected = predictFlat(model, data.inputs, data.rows);
  assert.ok(expected.some((o, i) => Math.abs(o - without[i]) > 1e-3), "W_s matters here");
  const got = await predictTfjs(model, data.inputs, data.rows, "cpu");
  expected.forEach((e, i) => assert.ok(Math.abs(got[i] - e) < 1e-6, `row ${i}`));
});
