// The reference engine keeps the Trainer contract exactly as the fast engine does
// (train_test.ts): result, history, stop rules, onEpoch, abort, initialModel, testData
// and errors. Its numbers are checked against NumPy in seed_fidelity_test.ts and against
// the fast engine in reference_sweep_test.ts.

import assert from "node:assert/strict";
import {
  cloneModel,
  evaluate,
  initModel,
  loadDataset,
  loadNamedDataset,
  type ModelWeights,
  resolveConfig,
  splitDataset,
  type TrainConfig,
  type TrainOptions,
  type TrainResult,
} from "@backprop/core";
import { computeGradients, referenceGradients } from "./gradients.ts";
import {
  backward,
  batchRows,
  forward,
  fromModel,
  lossAndDelta,
  referenceTrainer,
  toModel,
  trainReference,
} from "./reference.ts";
import { trainManual } from "./train.ts";

const xor = loadDataset("xor");

function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  return trainReference(resolveConfig(config), xor, options);
}

/** A result without its wall-clock timing, for exact comparisons. */
function untimed(r: TrainResult): Omit<TrainResult, "timing"> {
  const { timing: _, ...rest } = r;
  return rest;
}

/** Every parameter of a model, W1, b1, W2, b2, … flattened. */
function params(model: ModelWeights): number[] {
  return model.layers.flatMap((l) => [...l.weights, ...l.biases]);
}

Deno.test("referenceTrainer: named reference; the default preset solves XOR as the fast engine does", async () => {
  assert.equal(referenceTrainer.name, "reference");
  const config = resolveConfig();
  const result = await referenceTrainer.train(config, xor);
  const fast = trainManual(config, xor);
  assert.equal(result.stoppedBecause, "target-loss");
  assert.equal(result.epochsRun, fast.epochsRun);
  assert.ok(result.lossHistory instanceof Float64Array);
  assert.equal(result.lossHistory.length, result.epochsRun);
  assert.equal(result.finalLoss, result.lossHistory[result.epochsRun - 1]);
  assert.ok(result.finalLoss < config.targetLoss);
  assert.equal(result.testLossHistory, undefined);
  assert.equal(result.timing.usPerEpoch, (result.timing.trainMs * 1000) / result.epochsRun);
  assert.deepEqual(result.model.layerSizes, fast.model.layerSizes);
});

Deno.test("trainReference: the same config twice gives bitwise the same run", async () => {
  const config: TrainConfig = { batchSize: 3, optimizer: "momentum", epochs: 50, shortcut: true };
  assert.deepEqual(untimed(await train(config)), untimed(await train(config)));
});

Deno.test("trainReference: computes in float64 whatever config.dtype says", async () => {
  const f32 = await train({ preset: "seed", epochs: 200, dtype: "float32" });
  assert.deepEqual(untimed(f32), untimed(await train({ preset: "seed", epochs: 200 })));
});

Deno.test("trainReference: a diverging run stops at the first non-finite loss, as the fast engine", async () => {
  const fields: TrainConfig = { preset: "seed", outputActivation: "linear", learningRate: 10 };
  const result = await train(fields);
  assert.equal(result.stoppedBecause, "diverged");
  assert.equal(result.epochsRun, trainManual(resolveConfig(fields), xor).epochsRun);
  assert.equal(result.lossHistory.findIndex((l) => !Number.isFinite(l)), result.epochsRun - 1);
});

Deno.test("trainReference: an aborted signal stops after the current epoch", async () => {
  const aborted = await train({ targetLoss: 0 }, { signal: AbortSignal.abort() });
  assert.equal(aborted.stoppedBecause, "interrupted");
  assert.equal(aborted.epochsRun, 1);
  assert.notDeepEqual(params(aborted.model), params(initModel(resolveConfig(), 2, 1)));
  const controller = new AbortController();
  const seen: { epoch: number; loss: number }[] = [];
  const result = await train({ targetLoss: 0 }, {
    signal: controller.signal,
    onEpoch: (info) => {
      seen.push(info);
      if (info.epoch === 5) controller.abort();
    },
  });
  assert.equal(result.stoppedBecause, "interrupted");
  assert.equal(result.epochsRun, 5);
  // onEpoch: once per epoch, 1-based, with that epoch's loss.
  assert.deepEqual(seen.map((s) => s.epoch), [1, 2, 3, 4, 5]);
  assert.deepEqual(seen.map((s) => s.loss), Array.from(result.lossHistory));
});

Deno.test("referenceTrainer: an abort from a timer (as Ctrl-C is) stops the run early", async () => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30);
  const config = resolveConfig({ preset: "seed", epochs: 50_000_000 });
  const result = await referenceTrainer.train(config, xor, { signal: controller.signal });
  clearTimeout(timer);
  assert.equal(result.stoppedBecause, "interrupted");
  assert.ok(result.epochsRun > 0 && result.epochsRun < config.epochs);
  assert.equal(result.lossHistory.length, result.epochsRun);
});

Deno.test("trainReference: initialModel is used as the start and never modified", async () => {
  const start = initModel(resolveConfig({ seed: 2 }), 2, 1);
  const before = cloneModel(start);
  const fromStart = await train({ seed: 1, epochs: 40, targetLoss: 0 }, { initialModel: start });
  const seed2 = await train({ seed: 2, epochs: 40, targetLoss: 0 });
  assert.deepEqual(untimed(fromStart), untimed(seed2));
  assert.deepEqual(start, before);
  assert.notDeepEqual(params(fromStart.model), params(start));
});

Deno.test("trainReference: bad initial weights, batch size or testData are the fast engine's RangeErrors", async () => {
  const config = resolveConfig({ hidden: [3] });
  const cases: [ModelWeights, RegExp][] = [
    [initModel(resolveConfig({ hidden: [4] }), 2, 1), /^RangeError: initialModel: layer sizes/],
    [
      initModel(resolveConfig({ hidden: [3], activation: "relu" }), 2, 1),
      /^RangeError: initialModel: layer 1 activation relu/,
    ],
    [
      initModel(resolveConfig({ hidden: [3], useBias: false }), 2, 1),
      /^RangeError: initialModel: useBias false/,
    ],
    [
      initModel(resolveConfig({ hidden: [3], shortcut: true }), 2, 1),
      /^RangeError: initialModel: a model with shortcut/,
    ],
  ];
  for (const [initialModel, message] of cases) {
    assert.throws(() => trainManual(config, xor, { initialModel }), message);
    await assert.rejects(trainReference(config, xor, { initialModel }), message);
  }
  await assert.rejects(train({ batchSize: 5 }), /^RangeError: batchSize: 5 is not allowed/);
  await assert.rejects(
    train({}, { testData: loadDataset("parity:3") }),
    /^RangeError: testData: 3 inputs/,
  );
});

Deno.test("trainReference: testData gives the test loss after each epoch's last update, as the fast engine", async () => {
  const data = loadNamedDataset("circle", { samples: 60, noise: 0.1, seed: 5 });
  const { train: rows, test } = splitDataset(data, 0.4, 5);
  for (
    const fields of [
      { loss: "bce" },
      { loss: "sse", optimizer: "momentum", batchSize: 5 },
      { loss: "mse", optimizer: "sgd", batchSize: 7, outputActivation: "linear" },
    ] as TrainConfig[]
  ) {
    const config = resolveConfig({ ...fields, dataset: "circle", epochs: 5, targetLoss: 0 });
    const withTest = await trainReference(config, rows, { testData: test! });
    const without = await trainReference(config, rows);
    assert.deepEqual(untimed({ ...withTest, testLossHistory: undefined }), {
      ...untimed(without),
      testLossHistory: undefined,
    });
    const fast = trainManual(config, rows, { testData: test! }).testLossHistory!;
    for (const epochs of [1, 5]) {
      const { model } = await trainReference({ ...config, epochs }, rows);
      const expected = evaluate(model, test!, config.loss).loss;
      const got = withTest.testLossHistory![epochs - 1];
      // 1e-12 relative: the same sums as core's evaluate, possibly in another order.
      assert.ok(Math.abs(got - expected) <= 1e-12 * Math.max(1, expected), `${got} ${expected}`);
      // The fast engine's test loss: the same to its σ's last bits (see the sweep).
      assert.ok(Math.abs(got - fast[epochs - 1]) <= 1e-12 * Math.max(1, expected));
    }
  }
});

Deno.test("referenceGradients: the fast engine's computeGradients, to the fast σ's last bits", () => {
  for (
    const [fields, name] of [
      [{ preset: "seed" }, "xor"],
      [{ hidden: [4, 3], activation: "tanh", loss: "mse", batchSize: 3 }, "parity:3"],
      [
        { activation: "leaky-relu", outputActivation: "linear", loss: "sse", shortcut: true },
        "xor",
      ],
      [{ activation: "relu", init: "he-uniform", optimizer: "momentum" }, "parity:4"],
    ] as [TrainConfig, string][]
  ) {
    const config = resolveConfig({ ...fields, dataset: name });
    const data = loadDataset(name);
    const ref = referenceGradients(config, data);
    const fast = computeGradients(config, data);
    const all = (g: typeof ref) => [
      g.loss,
      ...g.layers.flatMap((l) => [...l.weights, ...l.biases]),
      ...(g.shortcut ?? []),
    ];
    const a = all(ref), b = all(fast);
    const scale = Math.max(...b.map(Math.abs));
    // One step: only σ and tanh differ, by a few ulp, so 1e-14 of the largest gradient.
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-14 * scale, `${name} [${i}]`));
  }
});

Deno.test("forward, lossAndDelta, backward: the original program's first step by hand", () => {
  // h = σ(X·W1), o = σ(h·W2), d_o = (y − o)·o·(1 − o), d_h = (d_o·W2ᵀ)·h·(1 − h): the
  // original's NumPy lines, written out for the 4 rows (δ = −d).
  const model = initModel(resolveConfig({ preset: "seed" }), 2, 1);
  const net = fromModel(model);
  const { X, y } = batchRows(xor);
  const pass = forward(net, X);
  const { loss, delta } = lossAndDelta("sse", "sigmoid", pass, y, 4);
  const g = backward(net, pass, delta);
  const [W1, W2] = [net.layers[0].W, net.layers[1].W];
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  let half = 0;
  for (let r = 0; r < 4; r++) {
    const h = [0, 1, 2].map((j) => sigmoid(X[r][0] * W1[0][j] + X[r][1] * W1[1][j]));
    const o = sigmoid(h[0] * W2[0][0] + h[1] * W2[1][0] + h[2] * W2[2][0]);
    const dO = (y[r][0] - o) * o * (1 - o);
    assert.equal(pass.a[2][r][0], o);
    assert.equal(-g.delta[1][r][0], dO);
    h.forEach((hj, j) => assert.equal(-g.delta[0][r][j], dO * W2[j][0] * hj * (1 - hj)));
    half += 0.5 * (y[r][0] - o) ** 2;
  }
  assert.ok(Math.abs(loss - half) <= 1e-16, `${loss} ${half}`);
  // ∇W2 = hᵀ·δ_out, summed over the rows in order.
  const h = pass.a[1];
  [0, 1, 2].forEach((j) =>
    assert.equal(g.W[1][j][0], h.reduce((s, row, r) => s + row[j] * g.delta[1][r][0], 0))
  );
  assert.deepEqual(toModel(net), model);
});
