import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import { ManualSteps } from "./steps.ts";
import { trainManual } from "./train.ts";

Deno.test("ManualSteps: the same weights as trainManual after the same updates, bit for bit", () => {
  const config = resolveConfig({
    dataset: "parity:3",
    batchSize: 3,
    optimizer: "adam",
    shortcut: true,
    epochs: 30,
    targetLoss: 0,
  });
  const data = loadDataset("parity:3");
  const steps = new ManualSteps(config, data);
  let loss = 0;
  for (let s = 0; s < 30 * 3; s++) {
    const step = steps.step();
    // The last epoch's loss: each batch's mean weighted by its rows, as trainManual sums it.
    if (s >= 29 * 3) loss += step.loss * step.rows.length / data.rows;
  }
  const trained = trainManual(config, data);
  assert.deepEqual(steps.model(), trained.model);
  assert.ok(Math.abs(loss - trained.finalLoss) <= 1e-15 * trained.finalLoss);
});
