import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { loadOracle } from "./oracle.ts";
import { gradientScale } from "./scale.ts";
import { modelTensors } from "./tensors.ts";

Deno.test("gradientScale: bounds every gradient entry (|Σ t| ≤ Σ|t|), and the loss", async () => {
  const oracle = await loadOracle();
  for (const loss of ["mse", "sse", "bce"] as const) {
    const config = resolveConfig({ loss, hidden: [4, 3], shortcut: true, dataset: "parity:3" });
    const model = initModel(config, 3, 1);
    const data = loadDataset("parity:3");
    const truth = oracle.step(config, model, modelTensors(model), data);
    const scale = gradientScale(config, model, data);
    truth.gradients.forEach((g, t) =>
      assert.ok(Math.max(...g.map(Math.abs)) <= scale.tensors[t], `${loss} ${t}`)
    );
    assert.ok(scale.loss > 0);
  }
});
