import assert from "node:assert/strict";
import {
  datasetFromRows,
  evaluate,
  initModel,
  loadDataset,
  loadNamedDataset,
  predictFlat,
  resolveConfig,
  splitDataset,
  type TrainConfig,
  validateModel,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { loadBackend } from "./backend.ts";
import { tfjsTrainer, trainTfjs } from "./train.ts";

const xor = loadDataset("xor");
const parity3 = loadDataset("parity:3");

for (const backend of ["cpu", "wasm"] as const) {
  Deno.test(`trainTfjs: solves XOR with the defaults on ${backend}, as the manual engine does`, async () => {
    const config = resolveConfig();
    const result = await trainTfjs(config, xor, { backend });
    const manual = trainManual(config, xor);
    assert.equal(result.stoppedBecause, "target-loss");
    // float32 may cross the target one epoch apart from float64 when a loss lands within
    // rounding of it (it does not for today's defaults: both stop at the same epoch).
    assert.ok(Math.abs(result.epochsRun - manual.epochsRun) <= 1, `${result.epochsRun}`);
    assert.ok(result.finalLoss < config.targetLoss);
    const outputs = predictFlat(result.model, xor.inputs, xor.rows);
    assert.deepEqual(Array.from(outputs, Math.round), [0, 1, 1, 0]);
  });
}

Deno.test("trainTfjs: the result has the contract's shape", async () => {
  const config = resolveConfig({ epochs: 7, targetLoss: 0 });
  const result = await trainTfjs(config, xor);
  assert.equal(result.epochsRun, 7);
  assert.equal(result.stoppedBecause, "epochs");
  assert.ok(result.lossHistory instanceof Float64Array);
  assert.equal(result.lossHistory.length, 7);
  assert.equal(result.finalLoss, result.lossHistory[6]);
  validateModel(result.model);
  assert.ok(result.model.layers.every((l) => l.weights.every((w) => w === Math.fround(w))));
  assert.ok(result.timing.trainMs > 0);
  assert.equal(result.timing.usPerEpoch, (result.timing.trainMs * 1000) / 7);
});

Deno.test("trainTfjs: leaves no tensor behind, on cpu and wasm, for every optimizer", async () => {
  for (const backend of ["cpu", "wasm"] as const) {
    const tf = await loadBackend(backend);
    for (const optimizer of ["sgd", "momentum", "adam"] as const) {
      for (const batchSize of ["full", 3] as const) {
        const before = tf.memory().numTensors;
        const config = resolveConfig({
          dataset: "parity:3",
          optimizer,
          batchSize,
          epochs: 5,
          targetLoss: 0,
        });
        await trainTfjs(config, parity3, { backend });
        assert.equal(
          tf.memory().numTensors,
          before,
          `${backend} ${optimizer} batch ${batchSize}`,
        );
      }
    }
    // A diverging run, and one that stops on a thrown onEpoch, free theirs too.
    const before = tf.memory().numTensors;
    await trainTfjs(
      resolveConfig({ outputActivation: "linear", loss: "mse", learningRate: 1e5, epochs: 50 }),
      xor,
      { backend },
    );
    await assert.rejects(() =>
      trainTfjs(resolveConfig(), xor, {
        backend,
        onEpoch: () => {
          throw new Error("stop");
        },
      })
    );
    assert.equal(tf.memory().numTensors, before, `${backend}: diverged and thrown runs`);
  }
});

Deno.test("trainTfjs: onEpoch sees every epoch's loss; an abort stops after that epoch", async () => {
  const config = resolveConfig({ epochs: 50, targetLoss: 0 });
  const seen: number[] = [];
  const controller = new AbortController();
  const result = await trainTfjs(config, xor, {
    signal: controller.signal,
    onEpoch: ({ epoch, loss }) => {
      seen.push(loss);
      assert.equal(epoch, seen.length);
      if (epoch === 3) controller.abort();
    },
  });
  assert.equal(result.stoppedBecause, "interrupted");
  assert.equal(result.epochsRun, 3);
  assert.deepEqual(Array.from(result.lossHistory), seen);

  const aborted = new AbortController();
  aborted.abort();
  const once = await trainTfjs(config, xor, { signal: aborted.signal });
  assert.equal(once.epochsRun, 1);
  assert.equal(once.stoppedBecause, "interrupted");
});

Deno.test("trainTfjs: a diverging run stops as diverged at the manual engine's epoch", async () => {
  const config = resolveConfig({
    outputActivation: "linear",
    loss: "mse",
    optimizer: "sgd",
    learningRate: 50,
    epochs: 200,
  });
  const manual = trainManual(config, xor);
  const result = await trainTfjs(config, xor);
  assert.equal(manual.stoppedBecause, "diverged");
  assert.equal(result.stoppedBecause, "diverged");
  // float32 overflows at 3.4e38, float64 at 1.8e308: the float32 run may give up earlier.
  assert.ok(result.epochsRun <= manual.epochsRun, `${result.epochsRun} vs ${manual.epochsRun}`);
  assert.ok(!Number.isFinite(result.finalLoss));
});

Deno.test("trainTfjs: starts from initialModel without changing it", async () => {
  const config = resolveConfig({ hidden: [3], epochs: 20, targetLoss: 0 });
  const start = initModel(resolveConfig({ hidden: [3], init: "uniform:2", seed: 9 }), 2, 1);
  const copy = structuredClone(start);
  const result = await trainTfjs(config, xor, { initialModel: start });
  assert.deepEqual(start, copy);
  const manual = trainManual(config, xor, { initialModel: start });
  assert.ok(Math.abs(result.lossHistory[0] - manual.lossHistory[0]) < 1e-6);
  assert.ok(Math.abs(result.finalLoss - manual.finalLoss) < 1e-5);
});

Deno.test("trainTfjs: a model that does not fit the config is a RangeError", async () => {
  const other = initModel(resolveConfig({ hidden: [2] }), 2, 1);
  await assert.rejects(
    () => trainTfjs(resolveConfig(), xor, { initialModel: other }),
    RangeError,
  );
});

Deno.test("trainTfjs: dtype does not apply, TF.js computes in float32", async () => {
  const base: TrainConfig = { epochs: 20, targetLoss: 0 };
  const a = await trainTfjs(resolveConfig({ ...base, dtype: "float64" }), xor);
  const b = await trainTfjs(resolveConfig({ ...base, dtype: "float32" }), xor);
  assert.deepEqual(a.lossHistory, b.lossHistory);
  assert.deepEqual(a.model, b.model);
});

Deno.test("trainTfjs: mini-batches in the shared order, uneven last batch, with and without shuffle", async () => {
  for (const shuffle of [true, false]) {
    const config = resolveConfig({
      dataset: "parity:3",
      batchSize: 3,
      shuffle,
      optimizer: "sgd",
      learningRate: 0.5,
      epochs: 30,
      targetLoss: 0,
    });
    const manual = trainManual(config, parity3);
    const result = await trainTfjs(config, parity3);
    manual.lossHistory.forEach((loss, e) =>
      assert.ok(Math.abs(result.lossHistory[e] - loss) < 1e-6, `shuffle ${shuffle} epoch ${e + 1}`)
    );
  }
});

Deno.test("tfjsTrainer: a Trainer named tfjs on the chosen backend", async () => {
  const trainer = tfjsTrainer("wasm");
  assert.equal(trainer.name, "tfjs");
  const result = await trainer.train(resolveConfig({ epochs: 2, targetLoss: 0 }), xor);
  assert.equal(result.epochsRun, 2);
  assert.equal((await loadBackend("wasm")).getBackend(), "wasm");
  assert.equal(tfjsTrainer().name, "tfjs");
});

Deno.test("trainTfjs: testData gives the test loss after each epoch, changing nothing else", async () => {
  const data = loadNamedDataset("circle", { samples: 40, noise: 0.1, seed: 3 });
  const { train, test } = splitDataset(data, 0.25, 3);
  assert.ok(test !== null);
  const tf = await loadBackend("cpu");
  for (
    const fields of [
      { loss: "bce", batchSize: "full" },
      { loss: "sse", optimizer: "momentum", batchSize: 7 },
      { loss: "mse", optimizer: "sgd", batchSize: 10, outputActivation: "linear" },
    ] as TrainConfig[]
  ) {
    const config = resolveConfig({ ...fields, dataset: "circle", epochs: 6, targetLoss: 0 });
    const before = tf.memory().numTensors;
    const withTest = await trainTfjs(config, train, { testData: test });
    assert.equal(tf.memory().numTensors, before, "no tensor left behind");
    const without = await trainTfjs(config, train);
    assert.equal(without.testLossHistory, undefined);
    assert.deepEqual(withTest.lossHistory, without.lossHistory);
    assert.deepEqual(withTest.model, without.model);
    const history = withTest.testLossHistory!;
    assert.ok(history instanceof Float64Array);
    assert.equal(history.length, 6);
    // Epoch e's entry is the loss of the weights at the end of epoch e.
    for (const epochs of [1, 4, 6]) {
      const { model } = await trainTfjs({ ...config, epochs }, train);
      const expected = evaluate(model, test, config.loss).loss;
      const got = history[epochs - 1];
      assert.ok(Math.abs(got - expected) <= 1e-5 * Math.max(1, expected), `${got} vs ${expected}`);
    }
  }
});

Deno.test("trainTfjs: testData of another width is a RangeError naming testData", async () => {
  await assert.rejects(
    () => trainTfjs(resolveConfig({ epochs: 1 }), xor, { testData: parity3 }),
    (e) => e instanceof RangeError && e.message.startsWith("testData: 3 inputs"),
  );
});

Deno.test("trainTfjs: N epochs, then M more from the saved model and state, follow N + M in one run", async () => {
  const data = loadDataset("parity:3");
  const tf = await loadBackend("cpu");
  const before = tf.memory().numTensors;
  for (const optimizer of ["sgd", "momentum", "adam"] as const) {
    const base = {
      dataset: "parity:3",
      batchSize: 3,
      targetLoss: 0,
      seed: 7,
      optimizer,
      learningRate: optimizer === "adam" ? 0.02 : 0.2,
    };
    const full = await trainTfjs(resolveConfig({ ...base, epochs: 12 }), data);
    const first = await trainTfjs(resolveConfig({ ...base, epochs: 7 }), data);
    const saved = JSON.parse(JSON.stringify({ model: first.model, state: first.state }));
    const second = await trainTfjs(resolveConfig({ ...base, epochs: 5 }), data, {
      initialModel: saved.model,
      initialState: saved.state,
    });
    assert.equal(second.state!.epochs, 12);
    assert.equal(second.state!.steps, full.state!.steps);
    const a = second.model.layers.flatMap((l) => [...l.weights, ...l.biases]);
    const b = full.model.layers.flatMap((l) => [...l.weights, ...l.biases]);
    const worst = Math.max(...a.map((w, i) => Math.abs(w - b[i])));
    // sgd and momentum resume exactly (every saved value is a float32, read back as itself);
    // TF.js's Adam recomputes β1ᵗ, β2ᵗ with a float32 pow instead of its running product,
    // a few float32 ulps (1.2e-7 relative each) apart, which 5 small steps carry into the
    // weights (|w| < 2 here): 1e-6 is ~4 ulps of the largest weight.
    const tolerance = optimizer === "adam" ? 1e-6 : 0;
    assert.ok(worst <= tolerance, `${optimizer}: max |Δw| ${worst} > ${tolerance}`);
    const losses = [...first.lossHistory, ...second.lossHistory];
    losses.forEach((l, e) => {
      assert.ok(Math.abs(l - full.lossHistory[e]) <= tolerance, `${optimizer} epoch ${e + 1}`);
    });
  }
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
});

Deno.test("trainTfjs: patience stops N epochs after the best test loss and keeps its weights", async () => {
  const data = loadNamedDataset("circle", { samples: 120, noise: 0.3 });
  const { train, test } = splitDataset(data, 0.25, 1);
  const config = resolveConfig({
    dataset: "circle",
    testSplit: 0.25,
    patience: 15,
    hidden: [16],
    learningRate: 0.1,
    targetLoss: 0,
    epochs: 1000,
  });
  const run = await trainTfjs(config, train, { testData: test!, backend: "cpu" });
  assert.equal(run.stoppedBecause, "patience");
  assert.equal(run.epochsRun, run.bestEpoch! + 15);
  // The same computation stopped at the best epoch gives the same float32 weights.
  const short = await trainTfjs(
    resolveConfig({ ...config, patience: 0, epochs: run.bestEpoch! }),
    train,
    { testData: test!, backend: "cpu" },
  );
  assert.deepEqual(run.model, short.model);
});

Deno.test("onEpoch's model() is a copy of the weights after that epoch", async () => {
  const config = resolveConfig({ preset: "default", epochs: 5, targetLoss: 0, seed: 3 });
  const xor = loadDataset("xor");
  const seen: unknown[] = [];
  const result = await trainTfjs(config, xor, { onEpoch: (e) => seen.push(e.model!()) });
  assert.equal(seen.length, 5);
  assert.deepEqual(seen[4], result.model);
  assert.deepEqual(seen[1], (await trainTfjs({ ...config, epochs: 2 }, xor)).model);
});

Deno.test("trainTfjs: targets outside [0, 1] for a sigmoid output are refused before training", async () => {
  const bad = datasetFromRows("t.csv", [[0, 0], [0, 1]], [[0], [-1]]);
  await assert.rejects(
    () => trainTfjs(resolveConfig({ epochs: 5 }), bad),
    (err: Error) => err instanceof RangeError && /^targets: -1 \(t\.csv, row 2\)/.test(err.message),
  );
});
