import assert from "node:assert/strict";
import { initModel, loadDataset, predictFlat, resolveConfig } from "@backprop/core";
import { dataBounds, Envelope, gridInputs, layerOutputs } from "./draw.ts";

Deno.test("gridInputs: cell centres, row 0 at the top", () => {
  const g = gridInputs({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2);
  assert.deepEqual(Array.from(g), [1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
});

Deno.test("dataBounds: the data's box with 15 % on each side", () => {
  const b = dataBounds(loadDataset("xor"));
  assert.deepEqual(b, { xMin: -0.15, xMax: 1.15, yMin: -0.15, yMax: 1.15 });
});

Deno.test("layerOutputs: the last layer is core's predictFlat, with or without a shortcut", () => {
  for (const shortcut of [false, true]) {
    const config = resolveConfig({ hidden: [5, 3], shortcut });
    const model = initModel(config, 2, 1);
    const grid = gridInputs({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 7);
    const layers = layerOutputs(model, grid, 49);
    assert.deepEqual(layers.map((l) => l.length), [49 * 5, 49 * 3, 49]);
    assert.deepEqual(layers[2], predictFlat(model, grid, 49));
    // Each hidden unit's value is the same as the network cut after its layer computes.
    const cut = { ...model, layers: model.layers.slice(0, 1), layerSizes: [2, 5] };
    delete cut.shortcut;
    assert.deepEqual(layers[0], predictFlat(cut, grid, 49));
  }
});

Deno.test("Envelope: each bucket's min and max, merged pairwise as the series grows", () => {
  const e = new Envelope(2);
  e.update([3, 1, 4, 1, 5], 5);
  assert.equal(e.size, 4);
  assert.deepEqual([e.min, e.max], [[1, 5], [4, 5]]);
  assert.equal(e.lowestPositive, 1);
  assert.equal(e.highest, 5);
  // Growing one value at a time gives the same buckets as reading all at once.
  const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) + 0.001 * i);
  const once = new Envelope(16);
  once.update(values, 1000);
  const grown = new Envelope(16);
  for (let n = 1; n <= 1000; n += 7) grown.update(values, Math.min(n, 1000));
  grown.update(values, 1000);
  assert.deepEqual([grown.size, grown.min, grown.max], [once.size, once.min, once.max]);
  assert.equal(once.size, 64);
  for (let b = 0; b < once.min.length; b++) {
    const part = values.slice(b * 64, (b + 1) * 64);
    assert.equal(once.min[b], Math.min(...part));
    assert.equal(once.max[b], Math.max(...part));
  }
});
