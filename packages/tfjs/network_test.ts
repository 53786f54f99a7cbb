import assert from "node:assert/strict";
import {
  initModel,
  loadDataset,
  MODEL_FORMAT,
  predictFlat,
  resolveConfig,
  type TrainConfig,
} from "@backprop/core";
import { loadBackend } from "./backend.ts";
import { activate, TfNetwork } from "./network.ts";

const tf = await loadBackend("cpu");
const xor = loadDataset("xor");

Deno.test("TfNetwork: toModel gives back the weights rounded to float32, in order", () => {
  const config = resolveConfig({ hidden: [3, 2], init: "uniform:0.7" });
  const model = initModel(config, 2, 1);
  const before = tf.memory().numTensors;
  const net = new TfNetwork(tf, model);
  assert.equal(tf.memory().numTensors, before + 6, "W and b of three layers, nothing else");
  assert.deepEqual(net.params.map((p) => p.shape), [[2, 3], [3], [3, 2], [2], [2, 1], [1]]);
  const back = net.toModel();
  net.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.equal(back.format, MODEL_FORMAT);
  assert.deepEqual(back.layerSizes, [2, 3, 2, 1]);
  back.layers.forEach((layer, l) => {
    assert.deepEqual(layer.weights, model.layers[l].weights.map(Math.fround));
    assert.deepEqual(layer.biases, model.layers[l].biases.map(Math.fround));
    assert.equal(layer.activation, model.layers[l].activation);
  });
});

Deno.test("TfNetwork: no biases means no bias variables and zero biases back", () => {
  const model = initModel(resolveConfig({ useBias: false }), 2, 1);
  const net = new TfNetwork(tf, model);
  assert.equal(net.params.length, 2);
  assert.ok(net.toModel().layers.every((l) => l.biases.every((b) => b === 0)));
  net.dispose();
});

Deno.test("TfNetwork: predict equals core's predictFlat to float32 precision", () => {
  const cases: TrainConfig[] = [
    { activation: "sigmoid" },
    { activation: "tanh", hidden: [5, 3] },
    { activation: "relu", outputActivation: "linear", loss: "mse", init: "uniform:1" },
    { activation: "leaky-relu", init: "uniform:1", useBias: false },
  ];
  for (const c of cases) {
    const model = initModel(resolveConfig(c), 2, 1);
    const expected = predictFlat(model, xor.inputs, 4);
    const net = new TfNetwork(tf, model);
    const got = tf.tidy(() => net.predict(tf.tensor2d(Float32Array.from(xor.inputs), [4, 2])))
      .dataSync();
    net.dispose();
    expected.forEach((e, i) => assert.ok(Math.abs(got[i] - e) < 1e-6, `${c.activation} ${i}`));
  }
});

Deno.test("activate: leaky-relu uses slope 0.01; linear is the identity", () => {
  const z = tf.tensor2d([[-2, 0, 3]]);
  assert.deepEqual(
    Array.from(activate(tf, "leaky-relu", z).dataSync()).map((v) => Math.round(v * 1e6) / 1e6),
    [-0.02, 0, 3],
  );
  assert.equal(activate(tf, "linear", z), z);
  tf.dispose(z);
});
