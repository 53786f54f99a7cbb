import assert from "node:assert/strict";
import { loadDataset, loadNamedDataset, resolveConfig, type TrainConfig } from "@backprop/core";
import { ManualStepper } from "./stepper.ts";
import { trainManual } from "./train.ts";

function both(fields: TrainConfig, dataset = "xor") {
  const config = resolveConfig({ ...fields, dataset });
  const data = dataset === "spiral" ? loadNamedDataset("spiral", config) : loadDataset(dataset);
  return { config, data, expected: trainManual(config, data) };
}

Deno.test("ManualStepper.epochs in slices equals trainManual bit for bit", () => {
  const { config, data, expected } = both({ epochs: 300, targetLoss: 0 });
  const run = new ManualStepper(config, data);
  while (run.stoppedBecause === null) run.epochs(7);
  assert.equal(run.epoch, expected.epochsRun);
  assert.equal(run.stoppedBecause, expected.stoppedBecause);
  assert.deepEqual(Array.from(run.lossHistory), Array.from(expected.lossHistory));
  assert.deepEqual(run.model(), expected.model);
  assert.deepEqual(run.state(), expected.state);
});

Deno.test("ManualStepper.batch with shuffled mini-batches equals trainManual", () => {
  const { config, data, expected } = both(
    { epochs: 40, batchSize: 32, targetLoss: 0, hidden: [8, 8] },
    "spiral",
  );
  const run = new ManualStepper(config, data);
  assert.ok(run.batches > 1);
  let ended = 0;
  for (let i = 0; i < 5; i++) if (run.batch()) ended++;
  assert.equal(run.batchInEpoch, 5 % run.batches);
  assert.equal(run.state(), null, "no state in the middle of an epoch");
  run.epochs(Infinity);
  assert.equal(ended, 0);
  assert.equal(run.stoppedBecause, "epochs");
  assert.deepEqual(Array.from(run.lossHistory), Array.from(expected.lossHistory));
  assert.deepEqual(run.model(), expected.model);
});

Deno.test("ManualStepper stops at the target loss like trainManual and then does nothing", () => {
  const { config, data, expected } = both({});
  const run = new ManualStepper(config, data);
  run.epochs(Infinity);
  assert.equal(expected.stoppedBecause, "target-loss");
  assert.equal(run.stoppedBecause, "target-loss");
  assert.equal(run.epoch, expected.epochsRun);
  assert.equal(run.batch(), false);
  assert.equal(run.epochs(5), 0);
});

Deno.test("ManualStepper.epochs stops after the epoch in which the deadline passed", () => {
  const { config, data } = both({ epochs: 1000, targetLoss: 0 });
  const run = new ManualStepper(config, data);
  assert.equal(run.epochs(100, -1), 1);
});

Deno.test("ManualStepper: patience (early stopping on test rows) is refused", () => {
  const config = resolveConfig({ patience: 5, testSplit: 0.5 });
  assert.throws(() => new ManualStepper(config, loadDataset("xor")), /patience: 5 is not allowed/);
});
