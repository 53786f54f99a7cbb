import assert from "node:assert/strict";
import { loadDataset, predictFlat, resolveConfig, validateModel } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { modelFile } from "@backprop/cli";
import { modelFileText } from "./model_export.ts";

Deno.test("modelFileText writes exactly the CLI's model file", () => {
  const config = resolveConfig();
  const dataset = loadDataset("xor");
  const result = trainManual(config, dataset);
  const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
  const cli = modelFile({ impl: "manual", config, dataset, result, outputs });
  const page = JSON.parse(modelFileText(result.model, config, {
    impl: "manual",
    epochsRun: result.epochsRun,
    finalLoss: result.finalLoss,
    stoppedBecause: result.stoppedBecause,
    trainMs: result.timing.trainMs,
  }, result.state));
  assert.deepEqual(page, JSON.parse(JSON.stringify(cli)));
  validateModel(page);
  assert.ok("state" in page, "the optimizer state travels with the model");
});

Deno.test("modelFileText without a state leaves the field out", () => {
  const config = resolveConfig();
  const dataset = loadDataset("xor");
  const result = trainManual(config, dataset);
  const training = {
    impl: "manual",
    epochsRun: 1,
    finalLoss: 1,
    stoppedBecause: "interrupted" as const,
    trainMs: 0,
  };
  assert.ok(!("state" in JSON.parse(modelFileText(result.model, config, training, null))));
});
