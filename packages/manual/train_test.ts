import assert from "node:assert/strict";
import {
  cloneModel,
  datasetFromRows,
  evaluate,
  initModel,
  loadDataset,
  loadNamedDataset,
  type ModelWeights,
  predictFlat,
  resolveConfig,
  splitDataset,
  type TrainConfig,
  type TrainOptions,
  type TrainResult,
} from "@backprop/core";
import { computeGradients } from "./gradients.ts";
import { manualTrainer, trainManual } from "./train.ts";

const xor = loadDataset("xor");

function train(config: TrainConfig, options: TrainOptions = {}, dataset = "xor"): TrainResult {
  return trainManual(resolveConfig({ ...config, dataset }), loadDataset(dataset), options);
}

/** Every parameter of a model, W1, b1, W2, b2, … flattened. */
function params(model: ModelWeights): number[] {
  return model.layers.flatMap((l) => [...l.weights, ...l.biases]);
}

/** A result without its wall-clock timing, for exact comparisons. */
function untimed(r: TrainResult): Omit<TrainResult, "timing"> {
  const { timing: _, ...rest } = r;
  return rest;
}

Deno.test("trainManual(default preset) solves XOR and stops at the target loss", () => {
  const config = resolveConfig();
  const result = trainManual(config, xor);
  assert.equal(result.stoppedBecause, "target-loss");
  assert.ok(result.epochsRun < config.epochs);
  assert.ok(result.finalLoss < config.targetLoss);
  const out = predictFlat(result.model, xor.inputs, xor.rows);
  const targets = Array.from(xor.targets);
  out.forEach((o, r) => {
    assert.ok(targets[r] === 1 ? o > 0.5 : o < 0.5, `row ${r}: output ${o}, target ${targets[r]}`);
  });
  const mse = out.reduce((s, o, r) => s + (o - targets[r]) ** 2, 0) / xor.rows;
  assert.ok(mse < 0.01, `mse ${mse}`);
});

Deno.test("trainManual: the result's shape", () => {
  const result = train({ epochs: 7, targetLoss: 0 });
  assert.equal(result.stoppedBecause, "epochs");
  assert.equal(result.epochsRun, 7);
  assert.ok(result.lossHistory instanceof Float64Array);
  assert.equal(result.lossHistory.length, 7);
  assert.equal(result.finalLoss, result.lossHistory[6]);
  assert.ok(result.lossHistory.every(Number.isFinite));
  assert.equal(result.timing.usPerEpoch, (result.timing.trainMs * 1000) / 7);
  assert.deepEqual(result.model.layerSizes, [2, ...resolveConfig().hidden, 1]);
});

Deno.test("trainManual: the same config twice gives bitwise the same run", () => {
  for (
    const [config, dataset] of [
      [{ preset: "seed", epochs: 500 }, "xor"],
      [{ batchSize: 3, optimizer: "momentum", epochs: 50, targetLoss: 0 }, "parity:3"],
      [{ batchSize: 1, activation: "relu", init: "he-uniform", epochs: 30 }, "xor"],
    ] as [TrainConfig, string][]
  ) {
    const a = train(config, {}, dataset);
    const b = train(config, {}, dataset);
    // deepEqual compares numbers with Object.is, i.e. bit for bit (apart from NaN payloads).
    assert.deepEqual(untimed(a), untimed(b), JSON.stringify(config));
  }
});

Deno.test("trainManual: every optimizer reduces the loss on XOR", () => {
  // Learning rates each optimizer handles on this problem; plain sgd needs a larger one.
  for (
    const [optimizer, learningRate] of [["sgd", 0.5], ["momentum", 0.05], ["adam", 0.05]] as const
  ) {
    const result = train({ optimizer, learningRate, epochs: 200, targetLoss: 0 });
    const first = result.lossHistory[0];
    // bce starts near ln 2 ≈ 0.69; a working optimizer gets well under a quarter of it in
    // 200 epochs (measured: sgd 0.03, momentum 0.001, adam 0.0004 with hidden [8]).
    assert.ok(result.finalLoss < first / 4, `${optimizer}: ${first} → ${result.finalLoss}`);
  }
});

// The hand computation of the first two updates, with the formulas documented in
// optimizer.ts, in plain JS from the engine's own gradients (computeGradients), on a tiny
// 2-2-1 network with biases. Two updates, because the first step of momentum is plain
// sgd (v starts at 0) and Adam's second step is the first to use β^t with t > 1.
// Non-default μ, β1, β2 and a large ε make each hyperparameter matter.
const TINY: TrainConfig = {
  hidden: [2],
  init: "uniform:1",
  loss: "mse",
  targetLoss: 0,
  learningRate: 0.1,
  momentum: 0.8,
  beta1: 0.85,
  beta2: 0.99,
  epsilon: 1e-3,
  seed: 3,
};

interface State {
  theta: number[];
  m: number[];
  s: number[];
  b1t: number;
  b2t: number;
}

/** θ after one step of `optimizer` from `state` with gradient `g`, per optimizer.ts. */
function handStep(optimizer: string, state: State, g: number[]): State {
  const c = resolveConfig({ ...TINY, optimizer: optimizer as "sgd" });
  const { learningRate: lr, momentum: mu, beta1: b1, beta2: b2, epsilon: eps } = c;
  if (optimizer === "sgd") {
    return { ...state, theta: state.theta.map((t, i) => t - lr * g[i]) };
  }
  if (optimizer === "momentum") {
    const v = state.m.map((vi, i) => mu * vi + g[i]);
    return { ...state, m: v, theta: state.theta.map((t, i) => t - lr * v[i]) };
  }
  const m = state.m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
  const s = state.s.map((si, i) => b2 * si + (1 - b2) * g[i] * g[i]);
  const b1t = state.b1t * b1;
  const b2t = state.b2t * b2;
  const theta = state.theta.map((t, i) =>
    t - lr * (m[i] / (1 - b1t)) / (Math.sqrt(s[i] / (1 - b2t)) + eps)
  );
  return { theta, m, s, b1t, b2t };
}

function gradientOf(config: TrainConfig, model: ModelWeights): number[] {
  const { layers } = computeGradients(resolveConfig(config), xor, model);
  return layers.flatMap((l) => [...l.weights, ...l.biases]);
}

/** |a − e| ≤ 1e-15·|e| for every parameter. */
function assertRelativelyClose(actual: number[], expected: number[], what: string): void {
  // 1e-15 relative: the hand formulas may group a product differently from the engine
  // (e.g. (1 − β2)·g·g), which moves the step by an ulp of the step; the step is about
  // 0.1 of |θ| here, so θ − step can differ by at most about one ulp of θ (1.1e-16
  // relative). Anything wrong in a formula (β^t, ε placement, μ) is far larger.
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    assert.ok(
      Math.abs(a - expected[i]) <= 1e-15 * Math.abs(expected[i]),
      `${what}[${i}]: ${a} vs ${expected[i]}`,
    );
  });
}

for (const optimizer of ["sgd", "momentum", "adam"] as const) {
  Deno.test(`trainManual(${optimizer}): the first two updates match the documented formulas`, () => {
    const config = { ...TINY, optimizer };
    const initial = initModel(resolveConfig(config), 2, 1);
    const zeros = params(initial).map(() => 0);
    const start: State = { theta: params(initial), m: zeros, s: zeros, b1t: 1, b2t: 1 };

    const one = train({ ...config, epochs: 1 });
    const g1 = gradientOf(config, initial);
    assert.ok(g1.every((g) => g !== 0), "every parameter must have a gradient to test");
    const after1 = handStep(optimizer, start, g1);
    assertRelativelyClose(params(one.model), after1.theta, "after update 1");
    // Every weight and bias moved.
    params(one.model).forEach((p, i) => assert.notEqual(p, start.theta[i]));

    const two = train({ ...config, epochs: 2 });
    const g2 = gradientOf(config, one.model);
    const after2 = handStep(optimizer, after1, g2);
    assertRelativelyClose(params(two.model), after2.theta, "after update 2");
  });
}

Deno.test("trainManual: momentum's second update differs from sgd's (μ is used)", () => {
  const sgd = train({ ...TINY, optimizer: "sgd", epochs: 2 });
  const momentum = train({ ...TINY, optimizer: "momentum", epochs: 2 });
  const a = params(sgd.model);
  const b = params(momentum.model);
  assert.ok(a.some((v, i) => Math.abs(v - b[i]) > 1e-3));
});

Deno.test("trainManual: each epoch's loss is that of the weights the epoch starts from", () => {
  // Full batch: epoch k's loss is computeGradients' loss at the weights after k − 1 updates
  // (the same code path, so equal exactly), and for mse that is mean((y − o)²).
  const config = { ...TINY, optimizer: "adam" as const };
  const initial = initModel(resolveConfig(config), 2, 1);
  const one = train({ ...config, epochs: 1 });
  const two = train({ ...config, epochs: 2 });
  assert.equal(two.lossHistory[0], one.lossHistory[0]);
  assert.equal(two.lossHistory[1], computeGradients(resolveConfig(config), xor, one.model).loss);
  const out = predictFlat(initial, xor.inputs, 4);
  const mse = out.reduce((s, o, r) => s + (o - xor.targets[r]) ** 2, 0) / 4;
  // Same terms summed in the same order, then divided: equal to an ulp or two of ~0.3.
  assert.ok(Math.abs(one.lossHistory[0] - mse) < 1e-16, `${one.lossHistory[0]} vs ${mse}`);
});

Deno.test("trainManual: float32 follows float64 closely on the seed preset", () => {
  const f64 = train({ preset: "seed" });
  const f32 = train({ preset: "seed", dtype: "float32" });
  // The float32 run really stored float32: every weight is a float32 value, and the runs
  // are not identical (otherwise the closeness below would prove nothing).
  for (const p of params(f32.model)) assert.equal(Math.fround(p), p);
  assert.notDeepEqual(params(f32.model), params(f64.model));
  assert.equal(f32.epochsRun, f64.epochsRun);
  // Tolerances. float32 rounds every stored weight, activation and delta to 24 bits
  // (relative 6e-8), and 10 000 epochs carry those perturbations along the trajectory.
  // Measured maximum differences: 5.5e-7 in the loss history, 2.2e-7 in the outputs, 9.5e-6
  // in the weights (which grow to about 16). The bounds are about 10× that: a float32 path
  // that behaved differently (a stalled plateau, a missed update) would differ by 1e-2
  // or more, since the loss falls from 0.5 to 0.0056.
  const lossDiff = Math.max(...f64.lossHistory.map((l, i) => Math.abs(l - f32.lossHistory[i])));
  assert.ok(lossDiff < 1e-5, `loss history differs by ${lossDiff}`);
  const o64 = predictFlat(f64.model, xor.inputs, 4);
  const o32 = predictFlat(f32.model, xor.inputs, 4);
  o64.forEach((o, r) => assert.ok(Math.abs(o - o32[r]) < 1e-5, `output ${r}: ${o} vs ${o32[r]}`));
  const w32 = params(f32.model);
  params(f64.model).forEach((w, i) => {
    assert.ok(Math.abs(w - w32[i]) < 1e-4, `weight ${i}: ${w} vs ${w32[i]}`);
  });
});

Deno.test("trainManual: a diverging run stops at the first non-finite loss", () => {
  // A linear output with sse and learning rate 10 overshoots further at every step.
  const result = train({ preset: "seed", outputActivation: "linear", learningRate: 10 });
  assert.equal(result.stoppedBecause, "diverged");
  assert.ok(result.epochsRun > 1 && result.epochsRun < 10_000, `${result.epochsRun}`);
  assert.equal(result.lossHistory.length, result.epochsRun);
  const firstBad = result.lossHistory.findIndex((l) => !Number.isFinite(l));
  assert.equal(firstBad, result.epochsRun - 1);
  assert.ok(!Number.isFinite(result.finalLoss));
  // The loss did grow before it overflowed.
  assert.ok(result.lossHistory[result.epochsRun - 2] > 1e100);
});

Deno.test("trainManual: an already aborted signal stops after exactly one epoch", () => {
  const controller = new AbortController();
  controller.abort();
  const result = train({ targetLoss: 0 }, { signal: controller.signal });
  assert.equal(result.stoppedBecause, "interrupted");
  assert.equal(result.epochsRun, 1);
  assert.equal(result.lossHistory.length, 1);
  // That one epoch did update the weights.
  assert.notDeepEqual(params(result.model), params(initModel(resolveConfig(), 2, 1)));
});

Deno.test("trainManual: aborting during training stops after the current epoch", () => {
  const controller = new AbortController();
  const onEpoch = ({ epoch }: { epoch: number }) => {
    if (epoch === 5) controller.abort();
  };
  const result = train({ targetLoss: 0 }, { signal: controller.signal, onEpoch });
  assert.equal(result.stoppedBecause, "interrupted");
  assert.equal(result.epochsRun, 5);
});

Deno.test("trainManual: onEpoch is called once per epoch, 1-based, with that epoch's loss", () => {
  const seen: { epoch: number; loss: number }[] = [];
  const result = train({ epochs: 25, targetLoss: 0 }, { onEpoch: (info) => seen.push(info) });
  assert.deepEqual(seen.map((s) => s.epoch), Array.from({ length: 25 }, (_, i) => i + 1));
  assert.deepEqual(seen.map((s) => s.loss), Array.from(result.lossHistory));
});

Deno.test("trainManual: onEpoch also sees the epoch that reaches the target", () => {
  const seen: number[] = [];
  const result = train({}, { onEpoch: ({ epoch }: { epoch: number }) => seen.push(epoch) });
  assert.equal(result.stoppedBecause, "target-loss");
  assert.equal(seen.length, result.epochsRun);
  assert.equal(seen.at(-1), result.epochsRun);
});

Deno.test("trainManual: initialModel is used as the start and never modified", () => {
  // Full batch, so the seed only chooses the initial weights: starting seed 1's config from
  // seed 2's weights must replay seed 2's run exactly.
  const start = initModel(resolveConfig({ seed: 2 }), 2, 1);
  const before = cloneModel(start);
  const fromModel = train({ seed: 1, epochs: 40, targetLoss: 0 }, { initialModel: start });
  const seed2 = train({ seed: 2, epochs: 40, targetLoss: 0 });
  assert.deepEqual(untimed(fromModel), untimed(seed2));
  assert.deepEqual(start, before);
  assert.notDeepEqual(params(fromModel.model), params(start));
  assert.notEqual(fromModel.model, start);
});

Deno.test("trainManual: an initialModel that does not fit is a RangeError", () => {
  const config = resolveConfig({ hidden: [3] });
  const cases: [ModelWeights, RegExp][] = [
    [initModel(resolveConfig({ hidden: [4] }), 2, 1), /^RangeError: initialModel: layer sizes/],
    [initModel(resolveConfig({ hidden: [3, 3] }), 2, 1), /^RangeError: initialModel: layer sizes/],
    [
      initModel(resolveConfig({ hidden: [3], activation: "relu" }), 2, 1),
      /^RangeError: initialModel: layer 1 activation relu/,
    ],
    [
      initModel(resolveConfig({ hidden: [3], outputActivation: "linear", loss: "mse" }), 2, 1),
      /^RangeError: initialModel: layer 2 activation linear/,
    ],
    [
      initModel(resolveConfig({ hidden: [3], useBias: false }), 2, 1),
      /^RangeError: initialModel: useBias false/,
    ],
  ];
  for (const [initialModel, message] of cases) {
    assert.throws(() => trainManual(config, xor, { initialModel }), message);
  }
  // The dataset's width counts too.
  const model = initModel(config, 2, 1);
  assert.throws(
    () => trainManual(config, loadDataset("parity:3"), { initialModel: model }),
    /^RangeError: initialModel: layer sizes \[2,3,1\] .* need \[3,3,1\]/,
  );
});

Deno.test("trainManual: a batch size larger than the dataset is a RangeError naming batchSize", () => {
  assert.throws(() => train({ batchSize: 5 }), /^RangeError: batchSize: 5 is not allowed/);
});

Deno.test("manualTrainer: the same run as trainManual, and errors as rejections", async () => {
  assert.equal(manualTrainer.name, "manual");
  const config = resolveConfig({ epochs: 30, targetLoss: 0 });
  const viaTrainer = await manualTrainer.train(config, xor);
  assert.deepEqual(untimed(viaTrainer), untimed(trainManual(config, xor)));
  await assert.rejects(
    manualTrainer.train(resolveConfig({ batchSize: 5 }), xor),
    /^RangeError: batchSize: 5/,
  );
});

Deno.test("manualTrainer: a run split into many slices equals one uninterrupted loop", async () => {
  // 40 000 epochs take tens of ms, so the trainer yields between several slices.
  const config = resolveConfig({
    preset: "seed",
    epochs: 40_000,
    dataset: "parity:3",
    batchSize: 3,
  });
  const parity3 = loadDataset("parity:3");
  const viaTrainer = await manualTrainer.train(config, parity3);
  assert.deepEqual(untimed(viaTrainer), untimed(trainManual(config, parity3)));
});

Deno.test("manualTrainer: an abort from a timer (as Ctrl-C is) stops the run early", async () => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30);
  const config = resolveConfig({ preset: "seed", epochs: 50_000_000 });
  const result = await manualTrainer.train(config, xor, { signal: controller.signal });
  clearTimeout(timer);
  assert.equal(result.stoppedBecause, "interrupted");
  assert.ok(result.epochsRun > 0 && result.epochsRun < config.epochs);
  assert.equal(result.lossHistory.length, result.epochsRun);
});

Deno.test("trainManual: testData gives the test loss after each epoch's last update, changing nothing else", async () => {
  const data = loadNamedDataset("circle", { samples: 60, noise: 0.1, seed: 5 });
  const { train: rows, test } = splitDataset(data, 0.4, 5);
  assert.ok(test !== null && test.rows === 24);
  const cases: TrainConfig[] = [
    { loss: "bce" }, // full batch: the 24 test rows in one chunk of 36
    { loss: "sse", optimizer: "momentum", batchSize: 5 }, // 5 chunks of ≤ 5 test rows
    { loss: "mse", optimizer: "sgd", batchSize: 7, outputActivation: "linear" },
    { loss: "bce", batchSize: 10, dtype: "float32", hidden: [4, 3] },
  ];
  for (const fields of cases) {
    const config = resolveConfig({ ...fields, dataset: "circle", epochs: 5, targetLoss: 0 });
    const withTest = trainManual(config, rows, { testData: test });
    const without = trainManual(config, rows);
    assert.equal(without.testLossHistory, undefined);
    assert.deepEqual(untimed({ ...withTest, testLossHistory: undefined }), {
      ...untimed(without),
      testLossHistory: undefined,
    });
    const history = withTest.testLossHistory!;
    assert.ok(history instanceof Float64Array && history.length === 5);
    const tolerance = config.dtype === "float32" ? 1e-5 : 1e-12;
    for (const epochs of [1, 3, 5]) {
      const { model } = trainManual({ ...config, epochs }, rows);
      const expected = evaluate(model, test, config.loss).loss;
      const got = history[epochs - 1];
      assert.ok(
        Math.abs(got - expected) <= tolerance * Math.max(1, expected),
        `${JSON.stringify(fields)} epoch ${epochs}: ${got} vs ${expected}`,
      );
    }
    // The asynchronous trainer gives the same.
    const async = await manualTrainer.train(config, rows, { testData: test });
    assert.deepEqual(async.testLossHistory, history);
  }
});

Deno.test("trainManual: testData of another width is a RangeError naming testData", () => {
  assert.throws(
    () => trainManual(resolveConfig(), xor, { testData: loadDataset("parity:3") }),
    (e) => e instanceof RangeError && e.message.startsWith("testData: 3 inputs"),
  );
});

// ---------------------------------------------------------------- resuming from a state

Deno.test("trainManual: N epochs, then M more from the saved model and state, equal N + M in one run, bit for bit", () => {
  const data = loadDataset("parity:3");
  const cases: TrainConfig[] = [
    { optimizer: "sgd", learningRate: 0.3 },
    { optimizer: "momentum", learningRate: 0.1, shortcut: true, outputActivation: "sigmoid" },
    { optimizer: "adam", learningRate: 0.02, hidden: [5, 4] },
    { optimizer: "adam", learningRate: 0.02, dtype: "float32", useBias: false },
  ];
  for (const fields of cases) {
    // Shuffled mini-batches of 3 rows: the batch order of the second run must continue the first's.
    const base = { dataset: "parity:3", batchSize: 3, targetLoss: 0, seed: 7, ...fields };
    const full = trainManual(resolveConfig({ ...base, epochs: 12 }), data);
    const first = trainManual(resolveConfig({ ...base, epochs: 7 }), data);
    // Through JSON, as a model file carries them.
    const saved = JSON.parse(JSON.stringify({ model: first.model, state: first.state }));
    const second = trainManual(resolveConfig({ ...base, epochs: 5 }), data, {
      initialModel: saved.model,
      initialState: saved.state,
    });
    const label = JSON.stringify(fields);
    assert.deepEqual(second.model, full.model, label);
    assert.deepEqual(second.state, full.state, label);
    assert.equal(second.state!.epochs, 12, label);
    assert.deepEqual(
      [...first.lossHistory, ...second.lossHistory],
      [...full.lossHistory],
      label,
    );
  }
});

Deno.test("trainManual: a state of another optimizer or shape is refused, naming the field", () => {
  const data = loadDataset("xor");
  const sgd = resolveConfig({ optimizer: "sgd", epochs: 2 });
  const run = trainManual(sgd, data);
  assert.throws(
    () =>
      trainManual(resolveConfig({ optimizer: "adam", epochs: 2 }), data, {
        initialModel: run.model,
        initialState: run.state,
      }),
    /^RangeError: state\.optimizer: "sgd" is not allowed; the config's optimizer is adam$/,
  );
  const momentum = resolveConfig({ optimizer: "momentum", epochs: 2 });
  const state = trainManual(momentum, data).state!;
  state.first[0] = state.first[0].slice(1);
  assert.throws(
    () => trainManual(momentum, data, { initialModel: run.model, initialState: state }),
    /^TypeError: state\.first\[0\]: .* is not allowed; expected an array of 16 numbers$/,
  );
});

Deno.test("onEpoch's model() is a copy of the weights after that epoch", () => {
  const config = resolveConfig({ preset: "default", epochs: 5, targetLoss: 0, seed: 3 });
  const xor = loadDataset("xor");
  const seen: ModelWeights[] = [];
  const result = trainManual(config, xor, { onEpoch: (e) => seen.push(e.model!()) });
  assert.equal(seen.length, 5);
  assert.deepEqual(seen[4], result.model);
  assert.deepEqual(seen[1], trainManual({ ...config, epochs: 2 }, xor).model);
});

Deno.test("trainManual: targets outside [0, 1] for a sigmoid output are refused before training", () => {
  const bad = datasetFromRows("t.csv", [[0, 0], [0, 1]], [[0], [5]]);
  const config = resolveConfig({ epochs: 5 });
  assert.throws(() => trainManual(config, bad), /^RangeError: targets: 5 \(t\.csv, row 2\)/);
  // The same rows as held-out test data are refused too (a negative test loss otherwise).
  assert.throws(
    () => trainManual(config, loadDataset("xor"), { testData: bad }),
    /targets: 5 \(t\.csv, row 2\)/,
  );
});
