// The second link of the chain of trust: the fast engine (network.ts and its kernels)
// against the reference engine (reference.ts), over a seeded sweep of random configs.
// (The first link, NumPy ↔ reference, is seed_fidelity_test.ts; the third, fast ↔ TF.js,
// is in packages/tfjs.)

import assert from "node:assert/strict";
import {
  CHOICES,
  type Dataset,
  datasetFromRows,
  loadNamedDataset,
  Mt19937,
  parseShippedDataset,
  predictFlat,
  resolveConfig,
  splitDataset,
  type TrainConfig,
  type TrainResult,
} from "@backprop/core";
import { trainReference } from "./reference.ts";
import { trainManual } from "./train.ts";

/** A two-output problem (a half adder: sum, carry), so that k > 1 is covered too. */
const HALF_ADDER = datasetFromRows("half-adder", [[0, 0], [0, 1], [1, 0], [1, 1]], [
  [0, 0],
  [1, 0],
  [1, 0],
  [0, 1],
]);
const DATASETS = ["xor", "and", "nand", "parity:3", "parity:4", "half-adder"];
/** One-hot problems for softmax and cce: XOR as two classes, and 10 rows of each iris species. */
const XOR_CLASSES = datasetFromRows("xor-classes", [[0, 0], [0, 1], [1, 0], [1, 1]], [
  [1, 0],
  [0, 1],
  [0, 1],
  [1, 0],
]);
const IRIS = parseShippedDataset(
  "iris",
  Deno.readTextFileSync(new URL("../../data/iris.csv", import.meta.url)),
);
// Inputs divided by 8 (every measurement is below 8 cm), so that no step saturates the units.
const IRIS_30 = splitDataset({ ...IRIS, inputs: IRIS.inputs.map((v) => v / 8) }, 0.8, 7).train;

/** One random valid config, drawn from `rng` (core's MT19937, seeded: the same sweep every run). */
function drawConfig(rng: Mt19937, softmax = false): { config: TrainConfig; data: Dataset } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng.nextDouble() * list.length)];
  const dataset = pick(DATASETS);
  const layers = pick([1, 1, 2]);
  const hidden = Array.from({ length: layers }, () => 1 + Math.floor(rng.nextDouble() * 8));
  const activation = pick(CHOICES.activation);
  // The draws of the first sweep, softmax or not (so its configs stay as measured).
  const drawn = pick(["sigmoid", "linear"] as const);
  const drawnLoss = drawn === "sigmoid"
    ? pick(["mse", "sse", "bce"] as const)
    : pick(["mse", "sse"] as const);
  const outputActivation = softmax ? "softmax" : drawn;
  const loss = softmax ? "cce" : drawnLoss;
  const data = softmax
    ? (dataset.startsWith("parity") ? IRIS_30 : XOR_CLASSES)
    : dataset === "half-adder"
    ? HALF_ADDER
    : loadNamedDataset(dataset);
  const optimizer = pick(CHOICES.optimizer);
  const batchSize = rng.nextDouble() < 0.5 ? "full" : 1 + Math.floor(rng.nextDouble() * data.rows);
  // Learning rates at which each optimizer trains these small problems stably: a linear
  // output takes smaller steps than a sigmoid one, and sse (a sum over the batch's rows,
  // not a mean) a step divided by the batch's rows.
  const sigmoid = outputActivation !== "linear";
  const lr = {
    sgd: sigmoid ? [0.05, 1] : [0.01, 0.2],
    momentum: sigmoid ? [0.01, 0.2] : [0.002, 0.04],
    adam: [0.005, 0.05],
  }[optimizer];
  const rows = batchSize === "full" ? data.rows : batchSize;
  const perRow = loss === "sse" && optimizer !== "adam" ? rows : 1;
  const learningRate = (lr[0] + (lr[1] - lr[0]) * rng.nextDouble()) / perRow;
  const config: TrainConfig = {
    dataset: data.name,
    hidden,
    activation,
    outputActivation,
    loss,
    optimizer,
    learningRate,
    batchSize,
    shuffle: rng.nextDouble() < 0.7,
    useBias: rng.nextDouble() < 0.7,
    shortcut: rng.nextDouble() < 0.3,
    init: pick(["glorot-uniform", "he-uniform", "uniform:1", "numpy"] as const),
    seed: Math.floor(rng.nextDouble() * 1e6),
    epochs: 100 + Math.floor(rng.nextDouble() * 201),
    targetLoss: 0,
  };
  return { config, data };
}

const CONFIGS = 240;

// The bound, and why. The two engines do the same operations in the same order (every sum
// in increasing index from 0); they differ only in σ and tanh, which the fast engine
// computes without Math.exp and Math.tanh: each value within 4 ulp (σ) or 2 ulp (tanh) of
// the reference's, a relative difference of at most ~9e-16 (relu, leaky-relu and linear
// networks are bit-identical). Training carries these differences along: a stable run damps
// them (most configs end within 1e-14), and they grow only where a step divides small
// numbers, e.g. Adam's m/√s once the loss is ~1e-4 or below and o − y has lost most of its
// significant bits. Measured over this sweep and three more seeds (960 configs): weights
// within 1.8e-12 of max(1, |w|), outputs within 1.9e-12, epoch losses within 4.8e-11
// relative; this seed's sweep: 3.3e-14, 8.9e-15 and 7.3e-15, a quarter of the configs
// bit-identical. 1e-10 leaves a factor of 50 for the worst; a real slip in either
// engine (a wrong f′, a missing factor, a batch in another order) moves the weights by
// more than 1e-4 within a few epochs.
const BOUND = 1e-10;

/** Every parameter of a model: W1, b1, W2, b2, …, then W_s. */
function parameters(model: TrainResult["model"]): number[] {
  return model.layers.flatMap((l) => [...l.weights, ...l.biases]).concat(model.shortcut ?? []);
}

/** max_i |a_i − b_i| / max(1, |b_i|) over two equally long lists. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>, scale = 1): number {
  assert.equal(a.length, b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]) / scale);
  return d;
}

/** Trains every config of a sweep on both engines and checks them against BOUND. */
async function sweep(seed: number, configs: number, softmax: boolean) {
  const rng = new Mt19937(seed);
  const seen = { weights: 0, outputs: 0, loss: 0, identical: 0, withTest: 0 };
  const covered = new Set<string>();
  for (let c = 0; c < configs; c++) {
    const { config: fields, data } = drawConfig(rng, softmax);
    const config = resolveConfig(fields);
    // A quarter of the runs also measure held-out rows (here the training rows themselves).
    const options = rng.nextDouble() < 0.25 ? { testData: data } : {};
    const what = JSON.stringify(fields);
    for (
      const key of ["activation", "outputActivation", "loss", "optimizer", "useBias", "shortcut"]
    ) {
      covered.add(`${key}=${fields[key as keyof TrainConfig]}`);
    }
    covered.add(fields.batchSize === "full" ? "full batch" : "mini-batches");
    const fast = trainManual(config, data, options);
    const ref = await trainReference(config, data, options);
    assert.equal(ref.stoppedBecause, "epochs", what);
    assert.equal(fast.stoppedBecause, "epochs", what);
    assert.equal(ref.epochsRun, fast.epochsRun, what);

    const w = parameters(ref.model);
    const weights = worst(parameters(fast.model), w, Math.max(1, ...w.map(Math.abs)));
    const outputs = worst(
      predictFlat(fast.model, data.inputs, data.rows),
      predictFlat(ref.model, data.inputs, data.rows),
    );
    const scale = Math.max(1, ...ref.lossHistory);
    let loss = worst(fast.lossHistory, ref.lossHistory, scale);
    if (options.testData !== undefined) {
      seen.withTest++;
      loss = Math.max(loss, worst(fast.testLossHistory!, ref.testLossHistory!, scale));
    }
    assert.ok(weights <= BOUND, `weights differ by ${weights} in ${what}`);
    assert.ok(outputs <= BOUND, `outputs differ by ${outputs} in ${what}`);
    assert.ok(loss <= BOUND, `losses differ by ${loss} in ${what}`);
    seen.weights = Math.max(seen.weights, weights);
    seen.outputs = Math.max(seen.outputs, outputs);
    seen.loss = Math.max(seen.loss, loss);
    if (weights === 0 && outputs === 0) seen.identical++;
  }
  return { seen, covered };
}

Deno.test(`reference ↔ fast engine: ${CONFIGS} random configs of 100 to 300 epochs`, async () => {
  const { seen, covered } = await sweep(2024, CONFIGS, false);
  // Every choice of every field the engines branch on occurs (4 + 2 + 3 + 3 + 2 + 2 + 2).
  assert.equal(covered.size, 18, [...covered].join(" "));
  // The sweep really covers mixed cases, and the fast engine is not the reference itself.
  assert.ok(seen.withTest > 30 && seen.identical < CONFIGS / 2, JSON.stringify(seen));
  assert.ok(seen.weights > 0, JSON.stringify(seen));
});

Deno.test("reference ↔ fast engine: 60 softmax + cce configs (two and three classes)", async () => {
  // The same bound: softmax and lse use Math.exp and Math.log in both engines, the same
  // sums in the same order, so only σ and tanh of the hidden layers differ. Measured:
  // weights within 1.9e-14, outputs 2.7e-13, losses 8.1e-14; 28 of 60 bit-identical.
  const { seen, covered } = await sweep(2025, 60, true);
  assert.ok(covered.has("outputActivation=softmax") && covered.has("shortcut=true"));
  assert.ok(seen.withTest > 5 && seen.identical < 45, JSON.stringify(seen));
});

Deno.test("reference ↔ fast engine: the README's examples, within the same bound", async () => {
  // Quick start (the default preset), the original program (--preset seed), and the circle
  // picture: --dataset circle --samples 300 --noise 0.05 --test-split 0.2, its data made as
  // the CLI makes it. Measured: weights within 1.3e-15, outputs within 1.5e-15.
  const circle = resolveConfig({ dataset: "circle", samples: 300, noise: 0.05, testSplit: 0.2 });
  const all = loadNamedDataset("circle", { samples: 300, noise: 0.05, seed: circle.seed });
  const { train, test } = splitDataset(all, circle.testSplit, circle.seed);
  const xor = loadNamedDataset("xor");
  for (
    const [config, data, testData] of [
      [resolveConfig(), xor, undefined],
      [resolveConfig({ preset: "seed" }), xor, undefined],
      [circle, train, test!],
    ] as const
  ) {
    const fast = trainManual(config, data, { testData });
    const ref = await trainReference(config, data, { testData });
    assert.equal(ref.epochsRun, fast.epochsRun);
    assert.equal(ref.stoppedBecause, fast.stoppedBecause);
    const w = parameters(ref.model);
    assert.ok(worst(parameters(fast.model), w, Math.max(1, ...w.map(Math.abs))) <= BOUND);
    const rows = testData ?? data;
    const outputs = worst(
      predictFlat(fast.model, rows.inputs, rows.rows),
      predictFlat(ref.model, rows.inputs, rows.rows),
    );
    assert.ok(outputs <= BOUND, `${config.dataset}: outputs differ by ${outputs}`);
  }
});
