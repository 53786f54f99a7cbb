// L2 weight decay and early stopping (config.l2, config.patience) in both hand-written
// engines: what each does, and the fast engine equal to the reference.

import assert from "node:assert/strict";
import {
  datasetFromRows,
  parseShippedDataset,
  resolveConfig,
  splitDataset,
  standardizeSplit,
  type TrainConfig,
} from "@backprop/core";
import { trainReference } from "./reference.ts";
import { trainManual } from "./train.ts";

const IRIS = parseShippedDataset(
  "iris",
  Deno.readTextFileSync(new URL("../../data/iris.csv", import.meta.url)),
);
const SOFTMAX: TrainConfig = {
  dataset: "iris",
  outputActivation: "softmax",
  loss: "cce",
  testSplit: 0.2,
  standardize: true,
  targetLoss: 0,
};

function irisSplit(fields: TrainConfig) {
  const config = resolveConfig({ ...SOFTMAX, ...fields });
  const split = splitDataset(IRIS, config.testSplit, config.seed);
  const { train, test } = standardizeSplit(config, split.train, split.test);
  return { config, train, test: test! };
}

Deno.test("l2: one sgd step moves each weight by a further −η·2λ·w and leaves the biases", async () => {
  const xor = datasetFromRows("xor", [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]);
  const fields: TrainConfig = { optimizer: "sgd", learningRate: 0.5, epochs: 1, targetLoss: 0 };
  for (const train of [trainManual, trainReference]) {
    const plain = (await train(resolveConfig(fields), xor)).model;
    const decayed = (await train(resolveConfig({ ...fields, l2: 0.1 }), xor)).model;
    const start = (await train(resolveConfig({ ...fields, learningRate: 1e-300 }), xor)).model;
    decayed.layers.forEach((layer, l) => {
      layer.weights.forEach((w, i) => {
        const expected = plain.layers[l].weights[i] - 0.5 * 2 * 0.1 * start.layers[l].weights[i];
        // Two roundings apart at most: 1e-15 of weights below 2.
        assert.ok(Math.abs(w - expected) < 1e-15, `W${l + 1}[${i}]: ${w} vs ${expected}`);
      });
      assert.deepEqual(layer.biases, plain.layers[l].biases);
    });
  }
});

Deno.test("patience: stops after N epochs without a better test loss and keeps the best weights", async () => {
  const { config, train, test } = irisSplit({ patience: 20, epochs: 2000 });
  const run = trainManual(config, train, { testData: test });
  assert.equal(run.stoppedBecause, "patience");
  const best = run.bestEpoch!;
  assert.equal(run.epochsRun, best + 20);
  const losses = run.testLossHistory!;
  assert.equal(Math.min(...losses), losses[best - 1]);
  assert.ok(losses.slice(best).every((l) => l >= losses[best - 1]));
  // The kept weights are those of a run of exactly `best` epochs.
  const short = trainManual(resolveConfig({ ...config, patience: 0, epochs: best }), train, {
    testData: test,
  });
  assert.deepEqual(run.model, short.model);
  const reference = await trainReference(config, train, { testData: test });
  assert.equal(reference.bestEpoch, best);
  assert.equal(reference.epochsRun, run.epochsRun);
  assert.throws(() => trainManual(config, train), /patience: 20 is not allowed without test rows/);
});

Deno.test("l2 and patience: the fast engine equals the reference (the sweep's bound, 1e-10)", async () => {
  for (
    const fields of [
      { l2: 0.01, patience: 10, optimizer: "adam", batchSize: 16 },
      { l2: 0.003, optimizer: "sgd", learningRate: 0.1, shortcut: true, epochs: 300 },
      { l2: 0.05, patience: 5, optimizer: "momentum", learningRate: 0.01, useBias: false },
    ] as TrainConfig[]
  ) {
    const { config, train, test } = irisSplit({ epochs: 500, ...fields });
    const fast = trainManual(config, train, { testData: test });
    const ref = await trainReference(config, train, { testData: test });
    assert.equal(fast.epochsRun, ref.epochsRun);
    assert.equal(fast.bestEpoch, ref.bestEpoch);
    const a = fast.model.layers.flatMap((l) => [...l.weights, ...l.biases]);
    const b = ref.model.layers.flatMap((l) => [...l.weights, ...l.biases]);
    const worst = Math.max(...a.map((w, i) => Math.abs(w - b[i]) / Math.max(1, Math.abs(b[i]))));
    assert.ok(worst <= 1e-10, `${JSON.stringify(fields)}: weights differ by ${worst}`);
  }
});
