import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { trainFusedXor } from "./fused.ts";

Deno.test("the hand-fused XOR loop is the hand-written engine's arithmetic, written out", () => {
  const config = resolveConfig({ preset: "seed", epochs: 3000 });
  const xor = loadDataset("xor");
  const manual = trainManual(config, xor);
  // The same operations in the same order, σ included, so the same bits.
  const fused = trainFusedXor(initModel(config, 2, 1), xor, config.learningRate, 3000, 0);
  assert.equal(fused.epochsRun, 3000);
  assert.deepEqual(fused.lossHistory, manual.lossHistory);
  assert.deepEqual(
    [...fused.weights],
    [...manual.model.layers[0].weights, ...manual.model.layers[1].weights],
  );
  const stopped = trainFusedXor(initModel(config, 2, 1), xor, 0.5, 100_000, 0.05);
  assert.ok(stopped.finalLoss < 0.05 && stopped.lossHistory[stopped.epochsRun - 2] >= 0.05);
});
