import assert from "node:assert/strict";
import type { Scalar, Tensor2D } from "@tensorflow/tfjs";
import { loadBackend } from "./backend.ts";
import { batchLossFn, epochShare } from "./loss.ts";

const tf = await loadBackend("cpu");
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Value of L and ∂L/∂z at z for targets y, by TF.js. */
function valueAndGrad(
  loss: "mse" | "sse" | "bce" | "cce",
  output: "sigmoid" | "linear" | "softmax",
  z: number[][],
  y: number[][],
): { value: number; grad: number[] } {
  const fn = batchLossFn(tf, loss, output);
  return tf.tidy(() => {
    const yt = tf.tensor2d(y);
    const { value, grad } = tf.valueAndGrad((zt: Tensor2D) => fn(zt, yt) as Scalar)(
      tf.tensor2d(z),
    );
    return { value: value.dataSync()[0], grad: Array.from(grad.dataSync()) };
  });
}

const close = (a: number, b: number, what: string, tol = 1e-6) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

Deno.test("batchLossFn: sse = ½Σ(o − y)², ∂/∂z = (o − y)·o(1 − o)", () => {
  const z = [[0.3], [-1.2]], y = [[1], [0]];
  const o = z.map(([v]) => sigmoid(v));
  const { value, grad } = valueAndGrad("sse", "sigmoid", z, y);
  close(value, 0.5 * ((o[0] - 1) ** 2 + o[1] ** 2), "value");
  close(grad[0], (o[0] - 1) * o[0] * (1 - o[0]), "grad 0");
  close(grad[1], o[1] * o[1] * (1 - o[1]), "grad 1");
});

Deno.test("batchLossFn: mse = Σ(o − y)² / (n·k); linear output", () => {
  const z = [[0.5, 2], [-1, 0]], y = [[1, 1], [0, 0]];
  const { value, grad } = valueAndGrad("mse", "linear", z, y);
  close(value, (0.25 + 1 + 1 + 0) / 4, "value");
  assert.deepEqual(grad.map((g) => Math.round(g * 1e6) / 1e6), [-0.25, 0.5, -0.5, 0]);
});

Deno.test("batchLossFn: bce from logits, stable for large |z|", () => {
  const z = [[2], [-3], [40], [-40]], y = [[1], [0], [0], [1]];
  const { value, grad } = valueAndGrad("bce", "sigmoid", z, y);
  const terms = z.map(([v], i) =>
    Math.max(v, 0) - v * y[i][0] + Math.log1p(Math.exp(-Math.abs(v)))
  );
  close(value, terms.reduce((a, b) => a + b) / 4, "value", 1e-5);
  assert.ok(Number.isFinite(value));
  z.forEach(([v], i) => close(grad[i], (sigmoid(v) - y[i][0]) / 4, `grad ${i}`));
});

Deno.test("batchLossFn: bce's gradient at z = 0 exactly is σ(0) − y", () => {
  const { value, grad } = valueAndGrad("bce", "sigmoid", [[0], [0]], [[1], [0]]);
  close(value, Math.LN2, "value");
  close(grad[0], (0.5 - 1) / 2, "y = 1");
  close(grad[1], (0.5 - 0) / 2, "y = 0");
});

Deno.test("batchLossFn: cce = Σ y·(lse(z) − z) / n, ∂/∂z = (softmax(z) − y) / n, stable at |z| = 1000", () => {
  const z = [[1, 2, 3], [1000, 0, -1000]], y = [[0, 0, 1], [0, 1, 0]];
  const { value, grad } = valueAndGrad("cce", "softmax", z, y);
  const lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
  // Row 1: −ln p_1 = 1000 − 0 (lse = 1000 to float precision); float32 sums: 1e-3 of 500.
  close(value, ((lse0 - 3) + 1000) / 2, "value", 1e-3);
  const p0 = z[0].map((v) => Math.exp(v - lse0));
  const expected = [...p0.map((p, j) => (p - y[0][j]) / 2), 0.5, -0.5, 0];
  // float32 arithmetic: 1e-6 of values below 1.
  grad.forEach((g, i) => close(g, expected[i], `grad ${i}`));
  assert.throws(() => batchLossFn(tf, "cce", "sigmoid"), RangeError);
});

Deno.test("batchLossFn: bce needs a sigmoid output", () => {
  assert.throws(() => batchLossFn(tf, "bce", "linear"), RangeError);
});

Deno.test("epochShare: 1 for sse, rows / totalRows for mse and bce", () => {
  assert.equal(epochShare("sse", 3, 8), 1);
  assert.equal(epochShare("mse", 2, 8), 0.25);
  assert.equal(epochShare("bce", 8, 8), 1);
});
