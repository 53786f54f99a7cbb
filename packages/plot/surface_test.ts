import assert from "node:assert/strict";
import { datasetFromRows, type ModelWeights, predict } from "@backprop/core";
import { decisionSurface } from "./surface.ts";
import { linearModel } from "./_testing.ts";

const square = datasetFromRows("square", [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);

Deno.test("decisionSurface: grid over the data box plus margin, row 0 on top", () => {
  const s = decisionSurface(linearModel(1, 2), square, { cols: 5, rows: 4, margin: 0.25 });
  assert.deepEqual(s.bounds, { xMin: -0.25, xMax: 1.25, yMin: -0.25, yMax: 1.25 });
  assert.equal(s.values.length, 20);
  const dx = 1.5 / 5, dy = 1.5 / 4;
  for (const [r, c] of [[0, 0], [3, 4], [1, 2]]) {
    const x = -0.25 + (c + 0.5) * dx, y = 1.25 - (r + 0.5) * dy;
    assert.ok(Math.abs(s.values[r * 5 + c] - predict(linearModel(1, 2), [[x, y]])[0][0]) < 1e-12);
  }
  assert.ok(s.values[0] > s.values[15], "top-left (high y) above bottom-left");
});

Deno.test("decisionSurface: explicit bounds, a second output, a test set in view", () => {
  const bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 1 };
  assert.deepEqual(decisionSurface(linearModel(1, 0), square, { bounds }).bounds, bounds);
  const two: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [2, 2],
    useBias: false,
    layers: [{ inputs: 2, units: 2, activation: "linear", weights: [1, 0, 0, 1], biases: [0, 0] }],
  };
  const s = decisionSurface(two, square, { output: 1, cols: 2, rows: 2, margin: 0 });
  // output 1 = y: the top row has the larger values.
  assert.deepEqual(Array.from(s.values), [0.75, 0.75, 0.25, 0.25]);
  const test = datasetFromRows("far", [[5, -3]], [[1]]);
  const b = decisionSurface(linearModel(1, 0), square, { test, margin: 0 }).bounds;
  assert.deepEqual(b, { xMin: 0, xMax: 5, yMin: -3, yMax: 1 });
});

Deno.test("decisionSurface: a single point still gets a box", () => {
  const one = datasetFromRows("one", [[3, 3]], [[1]]);
  const b = decisionSurface(linearModel(1, 0), one, { margin: 0 }).bounds;
  assert.deepEqual(b, { xMin: 2.5, xMax: 3.5, yMin: 2.5, yMax: 3.5 });
});

Deno.test("decisionSurface: bad arguments throw RangeErrors naming them", () => {
  const three: ModelWeights = {
    ...linearModel(1, 1),
    layerSizes: [3, 1],
    layers: [{ inputs: 3, units: 1, activation: "sigmoid", weights: [1, 1, 1], biases: [0] }],
  };
  assert.throws(() => decisionSurface(three, square), { name: "RangeError", message: /^model:/ });
  const wide = datasetFromRows("wide", [[1, 2, 3]], [[1]]);
  assert.throws(() => decisionSurface(linearModel(1, 1), wide), /^RangeError: dataset:/);
  assert.throws(() => decisionSurface(linearModel(1, 1), square, { cols: 1 }), /options\.cols/);
  assert.throws(() => decisionSurface(linearModel(1, 1), square, { output: 1 }), /options\.output/);
  assert.throws(
    () =>
      decisionSurface(linearModel(1, 1), square, {
        bounds: { xMin: 1, xMax: 0, yMin: 0, yMax: 1 },
      }),
    /options\.bounds/,
  );
  assert.throws(
    () => decisionSurface(linearModel(1, 1), square, { test: wide }),
    /options\.test/,
  );
});
