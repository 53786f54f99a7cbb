import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig, type TrainConfig } from "@backprop/core";
import { computeGradients } from "@backprop/manual";
import { computeGradientsTfjs } from "./gradients.ts";

const cases: [TrainConfig, string][] = [
  [{ preset: "seed" }, "xor"],
  [{}, "xor"],
  [{ activation: "relu", loss: "mse", outputActivation: "linear", init: "uniform:1" }, "xor"],
  [{ activation: "leaky-relu", hidden: [4, 3], init: "uniform:1", useBias: false }, "parity:3"],
  [{ activation: "sigmoid", loss: "sse", batchSize: 3 }, "parity:3"],
];

for (const [c, dataset] of cases) {
  Deno.test(`computeGradientsTfjs: as the manual engine's, ${JSON.stringify(c)} on ${dataset}`, async () => {
    const config = resolveConfig({ ...c, dataset });
    const data = loadDataset(dataset);
    const manual = computeGradients(config, data);
    const tfjs = await computeGradientsTfjs(config, data, { backend: "cpu" });
    assert.ok(Math.abs(manual.loss - tfjs.loss) < 1e-6, `loss ${manual.loss} vs ${tfjs.loss}`);
    assert.equal(tfjs.layers.length, manual.layers.length);
    manual.layers.forEach((layer, l) => {
      for (const key of ["weights", "biases"] as const) {
        assert.equal(tfjs.layers[l][key].length, layer[key].length);
        layer[key].forEach((g, i) =>
          assert.ok(
            Math.abs(tfjs.layers[l][key][i] - g) < 1e-6,
            `${key}${l + 1}[${i}]: ${tfjs.layers[l][key][i]} vs ${g}`,
          )
        );
      }
      if (!config.useBias) assert.ok(tfjs.layers[l].biases.every((b) => b === 0));
    });
  });
}

Deno.test("computeGradientsTfjs: from a given model; wasm gives the same", async () => {
  const config = resolveConfig();
  const model = initModel(resolveConfig({ init: "uniform:0.5", seed: 3 }), 2, 1);
  const cpu = await computeGradientsTfjs(config, loadDataset("xor"), { model });
  const wasm = await computeGradientsTfjs(config, loadDataset("xor"), { model, backend: "wasm" });
  const manual = computeGradients(config, loadDataset("xor"), model);
  // The default preset's 2-8-1 net: two layers of 16 and 8 weights, so the loop checks all 24.
  for (const g of [cpu, wasm, manual]) {
    assert.deepEqual(g.layers.map((l) => l.weights.length), [16, 8]);
  }
  cpu.layers.forEach((layer, l) =>
    layer.weights.forEach((g, i) => {
      assert.ok(Math.abs(g - manual.layers[l].weights[i]) < 1e-6);
      assert.ok(Math.abs(g - wasm.layers[l].weights[i]) < 1e-6);
    })
  );
});
