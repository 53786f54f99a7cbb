import assert from "node:assert/strict";
import { initModel, loadDataset, predictFlat, resolveConfig } from "@backprop/core";
import { formatJsonReport, jsonReport } from "./json_report.ts";
import type { TrainRun } from "./report.ts";

function fakeRun(finalLoss: number): TrainRun {
  const config = resolveConfig();
  const dataset = loadDataset("xor");
  const model = initModel(config, 2, 1);
  const result = {
    epochsRun: 3,
    finalLoss,
    lossHistory: Float64Array.of(1, 1, finalLoss),
    stoppedBecause: "epochs" as const,
    model,
    timing: { trainMs: 1.5, usPerEpoch: 500 },
  };
  return {
    impl: "manual",
    config,
    dataset,
    result,
    outputs: predictFlat(model, dataset.inputs, 4),
  };
}

Deno.test("jsonReport: every key, predictions per row", () => {
  const run = fakeRun(0.5);
  const report = jsonReport(run);
  assert.deepEqual(Object.keys(report), [
    "impl",
    "config",
    "epochsRun",
    "finalLoss",
    "stoppedBecause",
    "evaluation",
    "predictions",
    "model",
    "timing",
  ]);
  assert.equal(report.impl, "manual");
  assert.deepEqual(report.predictions[1], {
    input: [0, 1],
    target: [1],
    output: [run.outputs[1]],
  });
  assert.equal(report.predictions.length, 4);
  assert.deepEqual(report.timing, { trainMs: 1.5, usPerEpoch: 500 });
  assert.ok(!("lossHistory" in report));
});

Deno.test("formatJsonReport: one line; non-finite numbers become null", () => {
  const text = formatJsonReport(jsonReport(fakeRun(NaN)));
  assert.ok(!text.includes("\n"));
  assert.equal(JSON.parse(text).finalLoss, null);
  assert.equal(JSON.parse(formatJsonReport(jsonReport(fakeRun(Infinity)))).finalLoss, null);
});
