import assert from "node:assert/strict";
import { initModel, loadDataset, predictFlat, resolveConfig } from "@backprop/core";
import { predictTfjs } from "./predict.ts";

Deno.test("predictTfjs: TF.js's forward pass equals core's to float32 precision", async () => {
  const data = loadDataset("parity:3");
  const model = initModel(resolveConfig({ hidden: [6, 4], init: "uniform:1.5" }), 3, 1);
  const expected = predictFlat(model, data.inputs, data.rows);
  for (const backend of ["cpu", "wasm"] as const) {
    const got = await predictTfjs(model, data.inputs, data.rows, backend);
    assert.ok(got instanceof Float64Array);
    expected.forEach((e, i) => assert.ok(Math.abs(got[i] - e) < 1e-6, `${backend} ${i}`));
  }
});

Deno.test("predictTfjs: inputs of the wrong length are a RangeError", async () => {
  const model = initModel(resolveConfig(), 2, 1);
  await assert.rejects(() => predictTfjs(model, new Float64Array(5), 3), RangeError);
});
