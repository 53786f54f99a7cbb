import assert from "node:assert/strict";
import { classMetrics, predictFlat, resolveConfig, splitDataset } from "@backprop/core";
import { loadAnyDataset } from "@backprop/cli-kit";
import { trainManual } from "@backprop/manual";
import { REAL_CASES, realTable, runReal } from "./real.ts";

Deno.test("runReal: the accuracy is the test rows' argmax accuracy of the run's own model", async () => {
  const iris = { ...REAL_CASES[0], config: { ...REAL_CASES[0].config, epochs: 50 } };
  const run = await runReal(iris, "manual", 3);
  // The same run by hand: split by the seed, train, score the held-out rows.
  const config = resolveConfig({ ...iris.config, seed: 3 });
  const { train, test } = splitDataset(loadAnyDataset("iris"), 0.2, 3);
  const model = trainManual(config, train, { testData: test! }).model;
  const expected = classMetrics(test!, predictFlat(model, test!.inputs, test!.rows)).accuracy;
  assert.equal(run.accuracy, expected);
  assert.equal(run.epochs, 50);
  const table = realTable([{ name: "iris", impl: "manual", runs: [run, { ...run, accuracy: 1 }] }]);
  assert.match(table, /\| iris \| manual \| 2 \| /);
  assert.match(table, /≥ 93\.0% (met|missed)/);
});
