import assert from "node:assert/strict";
import { resolveConfig } from "./config.ts";
import { type Dataset, datasetFromRows, loadDataset, parity } from "./dataset.ts";
import { generateDataset } from "./generators.ts";
import { cloneModel, initModel, type ModelWeights, predictFlat } from "./model.ts";
import { Mt19937, shuffle } from "./rng.ts";
import { evaluate, MAX_TEST_FRACTION, splitDataset } from "./split.ts";

/** A dataset whose row r has input r and target 10·r, so every row can be recognised. */
function numbered(rows: number): Dataset {
  return datasetFromRows(
    "numbered",
    Array.from({ length: rows }, (_, r) => [r]),
    Array.from({ length: rows }, (_, r) => [10 * r]),
  );
}

function ids(d: Dataset): number[] {
  return Array.from(d.inputs);
}

/** The error `fn` throws; fails the test if it returns. */
function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error);
    return err;
  }
  assert.fail("expected an error");
}

function throwsWith(
  fn: () => unknown,
  Kind: typeof RangeError | typeof TypeError,
  message: string,
): Error {
  const err = caught(fn);
  assert.ok(err instanceof Kind, `expected ${Kind.name}, got ${err.constructor.name}`);
  assert.equal(err.message, message);
  return err;
}

// ---------------------------------------------------------------- splitDataset

Deno.test("splitDataset: ⌈(1 − f)·rows⌉ rows train, the rest test", () => {
  const cases: [rows: number, f: number, train: number][] = [
    [10, 0.3, 7], // (1 − 0.3)·10 is 7.000000000000001 in float64: must not round up to 8
    [100, 0.57, 43], // 0.57·100 is 56.99999999999999: must count 57 test rows
    [100, 0.2, 80],
    [7, 0.5, 4], // ⌈3.5⌉
    [4, 0.25, 3],
    [4, 0.9, 1], // ⌈0.4⌉: at least one training row
    [1000, 0.1, 900],
    [3, 0.9, 1],
  ];
  for (const [rows, f, train] of cases) {
    const split = splitDataset(numbered(rows), f, 42);
    assert.equal(split.train.rows, train, `${rows} rows, f = ${f}`);
    assert.equal(split.test?.rows, rows - train, `${rows} rows, f = ${f}`);
    assert.equal(split.train.rows, Math.ceil(Number(((1 - f) * rows).toFixed(9))));
  }
});

Deno.test("splitDataset: no test rows gives test null and the dataset itself as train", () => {
  const xor = loadDataset("xor");
  for (const f of [0, 0.1, 0.2]) { // ⌊f·4⌋ = 0
    const { train, test } = splitDataset(xor, f, 1);
    assert.equal(test, null);
    assert.equal(train, xor);
  }
});

Deno.test("splitDataset: the parts are disjoint, cover every row, and keep the original order", () => {
  for (const seed of [0, 1, 42, 0xffffffff]) {
    const { train, test } = splitDataset(numbered(50), 0.3, seed);
    assert.ok(test !== null);
    const a = ids(train);
    const b = ids(test);
    assert.deepEqual([...a, ...b].sort((x, y) => x - y), Array.from({ length: 50 }, (_, r) => r));
    assert.deepEqual(a, [...a].sort((x, y) => x - y));
    assert.deepEqual(b, [...b].sort((x, y) => x - y));
    // Targets travel with their inputs.
    assert.deepEqual(Array.from(train.targets), a.map((r) => 10 * r));
    assert.deepEqual(Array.from(test.targets), b.map((r) => 10 * r));
  }
});

Deno.test("splitDataset: shapes and names of the parts", () => {
  const d = generateDataset("circle", { samples: 100 });
  const { train, test } = splitDataset(d, 0.2, 5);
  assert.ok(test !== null);
  assert.equal(train.name, "circle (train)");
  assert.equal(test.name, "circle (test)");
  for (const part of [train, test]) {
    assert.equal(part.inputSize, 2);
    assert.equal(part.outputSize, 1);
    assert.equal(part.inputs.length, part.rows * 2);
    assert.equal(part.targets.length, part.rows);
  }
  // Several outputs.
  const m = datasetFromRows("m", [[1], [2], [3], [4]], [[1, 2], [3, 4], [5, 6], [7, 8]]);
  const s = splitDataset(m, 0.5, 3);
  for (const part of [s.train, s.test!]) {
    for (let r = 0; r < part.rows; r++) {
      const x = part.inputs[r];
      assert.deepEqual(Array.from(part.targets.subarray(2 * r, 2 * r + 2)), [2 * x - 1, 2 * x]);
    }
  }
});

Deno.test("splitDataset: the test rows are the shuffle's tail, from Mt19937(seed ^ 0x85ebca6b)", () => {
  for (const seed of [0, 42, 123456789]) {
    const order = Uint32Array.from({ length: 20 }, (_, r) => r);
    shuffle(order, new Mt19937((seed ^ 0x85ebca6b) >>> 0));
    const expected = Array.from(order.subarray(14)).sort((a, b) => a - b);
    assert.deepEqual(ids(splitDataset(numbered(20), 0.3, seed).test!), expected);
  }
});

Deno.test("splitDataset: deterministic per seed; other seeds pick other rows", () => {
  const d = parity(6);
  const a = splitDataset(d, 0.25, 9);
  assert.deepEqual(splitDataset(d, 0.25, 9), a);
  assert.notDeepEqual(splitDataset(d, 0.25, 10).test!.inputs, a.test!.inputs);
  // The input is left untouched.
  assert.deepEqual(d, parity(6));
});

Deno.test("splitDataset: testSplit and seed are checked, naming the field", () => {
  const d = numbered(10);
  const allowed = `expected a number in [0, ${MAX_TEST_FRACTION}]`;
  assert.equal(MAX_TEST_FRACTION, 0.9);
  for (const f of [-0.1, 0.95, 1, NaN, Infinity]) {
    const err = throwsWith(
      () => splitDataset(d, f, 1),
      RangeError,
      `testSplit: ${f} is not allowed; ${allowed}`,
    );
    assert.deepEqual(err.cause, { field: "testSplit", value: f });
  }
  throwsWith(
    // @ts-expect-error: a string where a number belongs
    () => splitDataset(d, "0.2", 1),
    TypeError,
    `testSplit: "0.2" is not allowed; ${allowed}`,
  );
  for (const seed of [-1, 1.5, 2 ** 32]) {
    throwsWith(
      () => splitDataset(d, 0.2, seed),
      RangeError,
      `seed: ${seed} is not allowed; expected an integer from 0 to 4294967295`,
    );
  }
});

// ---------------------------------------------------------------- evaluate

/** A one-layer model o = f(w·x + b) with one input and one output. */
function affine(w: number, b: number, activation: "linear" | "sigmoid"): ModelWeights {
  return {
    format: "backprop-model",
    version: 1,
    layerSizes: [1, 1],
    useBias: true,
    layers: [{ inputs: 1, units: 1, activation, weights: [w], biases: [b] }],
  };
}

Deno.test("evaluate: sse, mse and accuracy by hand on a linear model", () => {
  // o = 0.5·x + 0.25 on x = 0, 1, 2, 3 → 0.25, 0.75, 1.25, 1.75; y = 0, 1, 0, 1.
  // errors 0.25, −0.25, 1.25, 0.75 → Σe² = 0.0625 + 0.0625 + 1.5625 + 0.5625 = 2.25.
  const d = datasetFromRows("d", [[0], [1], [2], [3]], [[0], [1], [0], [1]]);
  const model = affine(0.5, 0.25, "linear");
  // Every number here is a dyadic rational, exact in float64: equality is exact.
  assert.deepEqual(evaluate(model, d, "sse"), { loss: 1.125, accuracy: 0.75 });
  assert.deepEqual(evaluate(model, d, "mse"), { loss: 2.25 / 4, accuracy: 0.75 });
});

Deno.test("evaluate: bce by hand, and 0.5 itself counts as class 0", () => {
  // w = b = 0: every output is σ(0) = 0.5, each term is ln 2.
  const d = datasetFromRows("d", [[0], [1], [2]], [[0], [1], [1]]);
  const { loss, accuracy } = evaluate(affine(0, 0, "sigmoid"), d, "bce");
  // One rounding in ln and a mean of three equal terms: a few ulps of ln 2.
  assert.ok(Math.abs(loss - Math.LN2) < 1e-15, `${loss}`);
  assert.equal(accuracy, 1 / 3); // only the y = 0 row is right: 0.5 is not above 0.5
});

Deno.test("evaluate: bce clamps outputs to [1e-15, 1 − 1e-15]", () => {
  // Linear outputs 1 and 2 for y = 0, −1 for y = 1: each would cost ∞ unclamped.
  const d = datasetFromRows("d", [[1], [2], [-1]], [[0], [0], [1]]);
  const { loss, accuracy } = evaluate(affine(1, 0, "linear"), d, "bce");
  const high = -Math.log(1 - (1 - 1e-15)); // output clamped to 1 − 1e-15, y = 0
  const low = -Math.log(1e-15); // output clamped to 1e-15, y = 1
  assert.equal(loss, (high + high + low) / 3);
  assert.ok(Number.isFinite(loss) && loss > 34 && loss < 35);
  assert.equal(accuracy, 0);
});

Deno.test("evaluate: bce from outputs matches the engines' bce from logits", () => {
  // The engines compute ℓ = max(z, 0) − z·y + ln(1 + e^−|z|). Outputs here are far from
  // 0 and 1, so the clamp is idle and the two forms differ only by rounding: each term
  // is a few ulps off, and a mean of 200 terms near ln 2 stays within 1e-14 relatively.
  const data = generateDataset("circle", { samples: 200, seed: 3 });
  const model = initModel(resolveConfig({ hidden: [5] }), 2, 1);
  const logits = cloneModel(model);
  logits.layers[logits.layers.length - 1].activation = "linear";
  const y = data.targets;
  let sum = 0;
  const z = predictFlat(logits, data.inputs, data.rows);
  for (let r = 0; r < data.rows; r++) {
    sum += Math.max(z[r], 0) - z[r] * y[r] + Math.log1p(Math.exp(-Math.abs(z[r])));
  }
  const expected = sum / data.rows;
  const { loss } = evaluate(model, data, "bce");
  assert.ok(Math.abs(loss - expected) <= 1e-14 * expected, `${loss} vs ${expected}`);
});

Deno.test("evaluate: several outputs: a row is right only when every output is", () => {
  // A 1-2 linear model: o = (x, 1 − x). Rows x = 0.9, 0.2, 0.6 with targets (1, 0), (1, 0), (0, 1).
  const model: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [1, 2],
    useBias: true,
    layers: [{ inputs: 1, units: 2, activation: "linear", weights: [1, -1], biases: [0, 1] }],
  };
  const d = datasetFromRows("m", [[0.9], [0.2], [0.6]], [[1, 0], [1, 0], [0, 1]]);
  // Row 1: 0.9 > .5 and 0.1 ≤ .5, right. Row 2: 0.2 wrong. Row 3: 0.6 ≤ .5 fails, wrong.
  assert.equal(evaluate(model, d, "mse").accuracy, 1 / 3);
  // mse over 3 rows × 2 outputs; computed the same way, so it agrees to the last bit or two.
  const o = [0.9, 1 - 0.9, 0.2, 1 - 0.2, 0.6, 1 - 0.6];
  const y = [1, 0, 1, 0, 0, 1];
  const mse = o.reduce((a, v, i) => a + (v - y[i]) ** 2, 0) / 6;
  assert.ok(Math.abs(evaluate(model, d, "mse").loss - mse) < 1e-15);
});

Deno.test("evaluate: regression targets give accuracy null", () => {
  const d = datasetFromRows("r", [[0], [1]], [[0.5], [2]]);
  const { loss, accuracy } = evaluate(affine(1, 0, "linear"), d, "sse");
  assert.equal(accuracy, null);
  assert.equal(loss, 0.5 * (0.25 + 1)); // errors −0.5 and −1
});

Deno.test("evaluate: a NaN output gives a NaN loss and is never right", () => {
  const d = datasetFromRows("d", [[0], [1]], [[0], [1]]);
  for (const loss of ["sse", "mse", "bce"] as const) {
    const e = evaluate(affine(NaN, 0, "sigmoid"), d, loss);
    assert.ok(Number.isNaN(e.loss), loss);
    assert.equal(e.accuracy, 0);
  }
});

Deno.test("evaluate: a model of other widths, or an unknown loss, is refused", () => {
  const model = initModel(resolveConfig(), 3, 1);
  throwsWith(
    () => evaluate(model, loadDataset("xor"), "bce"),
    RangeError,
    'dataset: "xor" is not allowed; the model takes 3 inputs and gives 1 outputs, the dataset has 2 and 1',
  );
  throwsWith(
    // @ts-expect-error: not a loss
    () => evaluate(initModel(resolveConfig(), 2, 1), loadDataset("xor"), "hinge"),
    RangeError,
    'loss: "hinge" is not allowed; expected one of mse, sse, bce',
  );
});
