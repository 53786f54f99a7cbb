import assert from "node:assert/strict";
import { argmax, classMetrics, datasetFromRows } from "@backprop/core";

Deno.test("classMetrics: confusion by argmax, accuracy, precision and recall by hand", () => {
  // True classes a, a, b, c, c; predicted a, b, b, c, a.
  const d = {
    ...datasetFromRows("d", [[0], [0], [0], [0], [0]], [
      [1, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]),
    classes: ["a", "b", "c"],
  };
  const o = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.6, 0.1, 0, 0.1, 0.9, 0.5, 0.2, 0.3];
  const m = classMetrics(d, o);
  assert.deepEqual(m.classes, ["a", "b", "c"]);
  assert.deepEqual(m.confusion, [[1, 1, 0], [0, 1, 0], [1, 0, 1]]);
  assert.equal(m.accuracy, 3 / 5);
  assert.deepEqual(m.precision, [1 / 2, 1 / 2, 1]);
  assert.deepEqual(m.recall, [1 / 2, 1, 1 / 2]);
});

Deno.test("classMetrics: one output means classes 0 and 1 by 0.5; no row of a class is NaN", () => {
  const d = datasetFromRows("b", [[0], [1], [2]], [[0], [0], [0]]);
  const m = classMetrics(d, [0.2, 0.7, 0.5]);
  assert.deepEqual(m.classes, ["c0", "c1"]);
  assert.deepEqual(m.confusion, [[2, 1], [0, 0]]);
  assert.ok(Number.isNaN(m.recall[1]));
  assert.equal(m.precision[1], 0);
  assert.throws(() => classMetrics(d, [1, 2]), RangeError);
});

Deno.test("argmax: the first on a tie; a NaN is never the largest", () => {
  assert.equal(argmax([1, 3, 3], 0, 3), 1);
  assert.equal(argmax([9, NaN, 0.5, 2], 1, 3), 2);
});
