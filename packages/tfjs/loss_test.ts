import assert from "node:assert/strict";
import type { Scalar, Tensor2D } from "@tensorflow/tfjs";
import { loadBackend } from "./backend.ts";
import { batchLossFn, epochShare } from "./loss.ts";

const tf = await loadBackend("cpu");
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Value of L and ∂L/∂z at z for targets y, by TF.js. */
function valueAndGrad(
  loss: "mse" | "sse" | "bce",
  output: "sigmoid" | "linear",
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

Deno.test("batchLossFn: bce needs a sigmoid output", () => {
  assert.throws(() => batchLossFn(tf, "bce", "linear"), RangeError);
});

Deno.test("epochShare: 1 for sse, rows / totalRows for mse and bce", () => {
  assert.equal(epochShare("sse", 3, 8), 1);
  assert.equal(epochShare("mse", 2, 8), 0.25);
  assert.equal(epochShare("bce", 8, 8), 1);
});
