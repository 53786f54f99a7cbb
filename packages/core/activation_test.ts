import assert from "node:assert/strict";
import { activate, derivativeFromOutput, softmaxInPlace } from "./activation.ts";
import { type Activation, CHOICES, LEAKY_RELU_ALPHA } from "./config.ts";

// The element-wise ones; softmax is row-wise (softmaxInPlace, tested below).
const ALL: Activation[] = [...new Set([...CHOICES.activation, ...CHOICES.outputActivation])]
  .filter((a) => a !== "softmax");

Deno.test("activations: every hidden and output activation is covered here", () => {
  assert.deepEqual([...ALL].sort(), ["leaky-relu", "linear", "relu", "sigmoid", "tanh"]);
});

Deno.test("activate: exact values", () => {
  assert.equal(LEAKY_RELU_ALPHA, 0.01);
  assert.equal(activate("sigmoid", 0), 0.5);
  assert.equal(activate("tanh", 0), 0);
  assert.equal(activate("relu", 3), 3);
  assert.equal(activate("relu", -2), 0);
  assert.equal(activate("relu", 0), 0);
  assert.equal(activate("leaky-relu", 3), 3);
  assert.equal(activate("leaky-relu", -2), -0.02);
  assert.equal(activate("leaky-relu", 0), 0);
  assert.equal(activate("linear", -7.25), -7.25);
});

Deno.test("activate: sigmoid and tanh against their definitions", () => {
  for (const z of [-30, -3, -1, -0.25, 0.25, 1, 3, 30]) {
    // Both sides use Math.exp/Math.tanh on the same z: the only difference is the order
    // of two or three correctly rounded operations, at most a few ulps of values ≤ 1.
    const sigmoid = Math.exp(z) / (Math.exp(z) + 1);
    assert.ok(Math.abs(activate("sigmoid", z) - sigmoid) < 1e-15, `sigmoid(${z})`);
    const tanh = (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
    assert.ok(Math.abs(activate("tanh", z) - tanh) < 1e-15, `tanh(${z})`);
  }
  // Saturation, without overflow to NaN.
  assert.equal(activate("sigmoid", 800), 1);
  assert.equal(activate("sigmoid", -800), 0);
  assert.equal(activate("tanh", 800), 1);
});

Deno.test("derivativeFromOutput: exact values", () => {
  assert.equal(derivativeFromOutput("sigmoid", 0.5), 0.25);
  assert.equal(derivativeFromOutput("tanh", 0), 1);
  assert.equal(derivativeFromOutput("tanh", 0.5), 0.75);
  assert.equal(derivativeFromOutput("relu", 2), 1);
  assert.equal(derivativeFromOutput("relu", 0), 0);
  assert.equal(derivativeFromOutput("leaky-relu", 2), 1);
  assert.equal(derivativeFromOutput("leaky-relu", -0.02), LEAKY_RELU_ALPHA);
  assert.equal(derivativeFromOutput("linear", 123), 1);
});

Deno.test("derivativeFromOutput: at z = 0 relu and leaky-relu take the left derivative", () => {
  assert.equal(derivativeFromOutput("relu", activate("relu", 0)), 0);
  assert.equal(derivativeFromOutput("leaky-relu", activate("leaky-relu", 0)), LEAKY_RELU_ALPHA);
});

// Central differences (f(z + h) − f(z − h)) / 2h with h = 1e-6: the truncation error is
// h²·|f'''|/6 ≤ 1e-12·0.4 (|f'''| ≤ 2 for tanh, 1/8 for sigmoid, 0 for the piecewise-linear
// ones away from 0) and the rounding error about ε·|f| / h ≈ 2.2e-16 · 3 / 1e-6 ≈ 7e-10.
// So 1e-8 sits well above both, and well below any wrong formula: e.g. sigmoid's
// a·(1 − a) against the wrong a·(1 + a) or 1 − a² differ by more than 0.1 on this grid.
const H = 1e-6;
const TOLERANCE = 1e-8;
// Not 0 (the kink of relu and leaky-relu), and every point at least 0.1 away from it, much
// more than h.
const GRID = [-3, -1.5, -0.7, -0.1, 0.1, 0.35, 0.9, 2, 3];

for (const activation of ALL) {
  Deno.test(`derivativeFromOutput(${activation}) matches finite differences of activate`, () => {
    for (const z of GRID) {
      const numeric = (activate(activation, z + H) - activate(activation, z - H)) / (2 * H);
      const analytic = derivativeFromOutput(activation, activate(activation, z));
      assert.ok(
        Math.abs(analytic - numeric) < TOLERANCE,
        `${activation} at z=${z}: ${analytic} vs ${numeric}`,
      );
    }
  });
}

Deno.test("softmaxInPlace: probabilities, log-sum-exp, no overflow at z = 1000; activate refuses softmax", () => {
  const row = [1, 2, 3];
  const lse = softmaxInPlace(row);
  const sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
  // A few ulp: the shift by max z reorders the rounding.
  row.forEach((p, j) => assert.ok(Math.abs(p - Math.exp(j + 1) / sum) < 1e-15));
  assert.ok(Math.abs(lse - Math.log(sum)) < 1e-14);
  const big = Float64Array.of(1000, 0, -1000);
  assert.equal(softmaxInPlace(big), 1000 + Math.log1p(Math.exp(-1000) + Math.exp(-2000)));
  assert.deepEqual(Array.from(big), [1, Math.exp(-1000), 0]);
  assert.throws(() => activate("softmax", 0), /softmax is row-wise/);
  assert.throws(() => derivativeFromOutput("softmax", 0.5), RangeError);
});
