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
  }));
  assert.deepEqual(page, JSON.parse(JSON.stringify(cli)));
  validateModel(page);
});
