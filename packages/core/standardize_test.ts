import assert from "node:assert/strict";
import {
  datasetFromRows,
  fitStandardizer,
  resolveConfig,
  standardizeInputs,
  standardizeSplit,
} from "@backprop/core";

Deno.test("fitStandardizer: population mean and deviation per column; a constant column keeps 1", () => {
  const d = datasetFromRows("d", [[1, 7], [3, 7], [5, 7]], [[0], [1], [0]]);
  const s = fitStandardizer(d);
  assert.deepEqual(s.mean, [3, 7]);
  assert.deepEqual(s.std, [Math.sqrt(8 / 3), 1]);
  assert.deepEqual(
    Array.from(standardizeInputs(d.inputs, s)),
    [-2 / Math.sqrt(8 / 3), 0, 0, 0, 2 / Math.sqrt(8 / 3), 0],
  );
  assert.throws(() => standardizeInputs(Float64Array.of(1, 2, 3), s), RangeError);
});

Deno.test("standardizeSplit: the test rows are scaled by the training rows' numbers only", () => {
  const train = datasetFromRows("t", [[0], [2]], [[0], [1]]);
  const test = datasetFromRows("u", [[4]], [[1]]);
  const off = standardizeSplit(resolveConfig(), train, test);
  assert.equal(off.standardizer, null);
  assert.equal(off.train, train);
  const on = standardizeSplit(resolveConfig({ standardize: true }), train, test);
  assert.deepEqual(on.standardizer, { mean: [1], std: [1] });
  assert.deepEqual(Array.from(on.train.inputs), [-1, 1]);
  assert.deepEqual(Array.from(on.test!.inputs), [3]);
  assert.deepEqual(Array.from(train.inputs), [0, 2], "the given rows are not changed");
});
