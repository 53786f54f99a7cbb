import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { referenceEngine } from "./bugs.ts";
import { applyUpdate, initialState } from "./optimizer.ts";
import { modelTensors } from "./tensors.ts";

Deno.test("applyUpdate: the reference engine's updates, bit for bit, for every optimizer", () => {
  for (const optimizer of ["sgd", "momentum", "adam"] as const) {
    const config = resolveConfig({ optimizer, activation: "tanh", dataset: "xor" });
    const model = initModel(config, 2, 1);
    const run = referenceEngine().start(config, loadDataset("xor"), model);
    let params = modelTensors(model);
    let state = initialState(config, params);
    for (let s = 0; s < 5; s++) {
      const rec = run.step();
      const next = applyUpdate(config, params, rec.gradients, state);
      assert.deepEqual(next.params, modelTensors(run.model()), `${optimizer} step ${s + 1}`);
      ({ params, state } = next);
    }
    assert.equal(state.t, 5);
  }
});

Deno.test("applyUpdate: leaves its inputs alone; sgd is θ − η·g", () => {
  const config = resolveConfig({ optimizer: "sgd", learningRate: 0.5 });
  const p = [Float64Array.of(1, 2)];
  const g = [Float64Array.of(2, -2)];
  const { params } = applyUpdate(config, p, g, initialState(config, p));
  assert.deepEqual([...params[0]], [0, 3]);
  assert.deepEqual([...p[0]], [1, 2]);
});
