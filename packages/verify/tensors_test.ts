import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { batchOf, modelTensors, tensorInfo, withTensors } from "./tensors.ts";

Deno.test("tensorInfo / modelTensors / withTensors: W1, b1, …, Ws in order, round trip", () => {
  const config = resolveConfig({ hidden: [3, 2], shortcut: true });
  const model = initModel(config, 2, 1);
  assert.deepEqual(tensorInfo(model).map((t) => `${t.name}:${t.shape.join("x")}`), [
    "W1:2x3",
    "b1:3",
    "W2:3x2",
    "b2:2",
    "W3:2x1",
    "b3:1",
    "Ws:2x1",
  ]);
  const tensors = modelTensors(model);
  assert.deepEqual(withTensors(model, tensors), model);
  tensors[6][0] = 42;
  assert.equal(withTensors(model, tensors).shortcut![0], 42);
  assert.notEqual(model.shortcut![0], 42);
});

Deno.test("batchOf: the rows in the order given", () => {
  const b = batchOf(loadDataset("xor"), [3, 1]);
  assert.equal(b.rows, 2);
  assert.deepEqual([...b.inputs], [1, 1, 0, 1]);
  assert.deepEqual([...b.targets], [0, 1]);
});
