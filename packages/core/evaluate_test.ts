import assert from "node:assert/strict";
import { resolveConfig } from "./config.ts";
import { datasetFromRows, loadDataset } from "./dataset.ts";
import { evaluate } from "./evaluate.ts";
import { generateDataset } from "./generators.ts";
import { cloneModel, initModel, type ModelWeights, predictFlat } from "./model.ts";
import { throwsWith } from "./_testing.ts";

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
    'loss: "hinge" is not allowed; expected one of mse, sse, bce, cce',
  );
});
