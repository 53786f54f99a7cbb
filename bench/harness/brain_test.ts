import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { brainMismatch, trainBrain } from "./brain.ts";

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
