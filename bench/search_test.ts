import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { brainMismatch, trainBrain } from "./brain.ts";
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

Deno.test("brain.js from our start follows the per-row engine to float32 rounding", () => {
  const config = resolveConfig({
    preset: "seed",
    useBias: true,
    init: "uniform:0.2",
    batchSize: 1,
    shuffle: false,
    epochs: 2000,
    seed: 3,
  });
  assert.equal(brainMismatch(config), null);
  const xor = loadDataset("xor");
  const brain = trainBrain(config, xor);
  const manual = trainManual(config, xor);
  assert.equal(brain.epochsRun, 2000);
  for (const e of [0, 1, 100, 1999]) {
    const a = brain.lossHistory[e];
    const b = manual.lossHistory[e];
    assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(1, b), `epoch ${e + 1}: ${a} vs ${b}`);
  }
  assert.match(brainMismatch(resolveConfig({ preset: "default" }))!, /sigmoid/);
  assert.match(brainMismatch(resolveConfig({ preset: "seed" }))!, /biases/);
});
