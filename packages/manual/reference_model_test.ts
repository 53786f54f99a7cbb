import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { batchRows, fromModel, toModel } from "./reference_model.ts";

Deno.test("fromModel / toModel: a round trip keeps every number, W as [inputs][units] rows", () => {
  const model = initModel(resolveConfig({ hidden: [3], shortcut: true }), 2, 1);
  const net = fromModel(model);
  assert.deepEqual(net.layers[0].W[1], model.layers[0].weights.slice(3, 6));
  assert.deepEqual(toModel(net), model);
  net.layers[0].W[0][0] = 99; // a copy: the model is untouched
  assert.notEqual(model.layers[0].weights[0], 99);
});

Deno.test("batchRows: rows in the given order, or all in order", () => {
  const xor = loadDataset("xor");
  assert.deepEqual(batchRows(xor).y, [[0], [1], [1], [0]]);
  assert.deepEqual(batchRows(xor, Uint32Array.of(3, 0, 2, 1), 1, 2).X, [[0, 0], [1, 0]]);
});
