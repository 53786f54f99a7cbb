import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { datasetOf } from "./seed_run.ts";

Deno.test("datasetOf standardises every column when the config says so, else not", () => {
  const raw = datasetOf(resolveConfig({ dataset: "iris" }));
  const std = datasetOf(resolveConfig({ dataset: "iris", standardize: true }));
  assert.equal(std.rows, raw.rows);
  assert.deepEqual(std.targets, raw.targets);
  const n = raw.inputSize;
  for (let j = 0; j < n; j++) {
    let mean = 0;
    let rawMean = 0;
    for (let r = 0; r < std.rows; r++) {
      mean += std.inputs[r * n + j] / std.rows;
      rawMean += raw.inputs[r * n + j] / raw.rows;
    }
    // Float64 sums of 150 values of order 1: far below 1e-9 from 0 when centred.
    assert.ok(Math.abs(mean) < 1e-9, `column ${j} mean ${mean}`);
    // Iris's raw columns have means between 1 and 6: the raw set was not touched.
    assert.ok(rawMean > 1, `raw column ${j} mean ${rawMean}`);
  }
});
