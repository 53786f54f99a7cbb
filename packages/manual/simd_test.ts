// The WebAssembly SIMD products against the scalar kernels of dense.ts: the same bits in
// float64, and within the float32 summation bound in float32; and a network whose layers take
// them, trained to the reference engine's bits.

import assert from "node:assert/strict";
import { datasetFromRows, LEAKY_RELU_ALPHA, Mt19937, resolveConfig } from "@backprop/core";
import { denseKernels } from "./dense.ts";
import { trainReference } from "./reference.ts";
import { SIMD_MIN_WORK, SimdProducts, simdProducts } from "./simd.ts";
import { trainManual } from "./train.ts";
import { LEAKY_RELU, RELU, SIGMOID, TANH } from "./_private.ts";

const kernels = denseKernels(SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);

function values(length: number, seed: number): Float64Array {
  const rng = new Mt19937(seed);
  return Float64Array.from({ length }, () => rng.uniform(-1, 1));
}

// rows not a multiple of 4; rows past one chunk of G's rows (16 384 / (n + m)); m a multiple
// of 4 (float64) or 8 (float32) and n of 8, as the SIMD blocks need.
const SHAPES: [number, number, number][] = [[1, 8, 8], [7, 8, 16], [64, 16, 64], [300, 64, 32]];

Deno.test("simd float64: X·W, Xᵀ·D and D·Wᵀ·f′ are the scalar kernels' bits", () => {
  const simd = new SimdProducts("float64");
  let seed = 1;
  for (const [rows, n, m] of SHAPES) {
    const x = values(rows * n, seed++), w = values(n * m, seed++), b = values(m, seed++);
    const d = values(rows * m, seed++);
    const what = `${rows}×${n}×${m}`;
    const z = new Float64Array(rows * m), a = new Float64Array(rows * m);
    kernels.affine(x, w, b, z, a, rows, n, m, TANH);
    const zs = new Float64Array(rows * m);
    // The offset first: a product may grow the memory, and `memory` is then a new view.
    const za = simd.product(x, w, rows, n, m);
    simd.kernels.addBias(simd.memory, za, b, zs, rows, m);
    assert.deepEqual(zs, z, `X·W ${what}`);

    const g = new Float64Array(n * m);
    kernels.weightGradient(x, d, g, rows, n, m);
    const gs = new Float64Array(n * m);
    const ga = simd.gradient(x, d, rows, n, m);
    simd.kernels.copyFrom(simd.memory, ga, gs, n * m);
    assert.deepEqual(gs, g, `Xᵀ·D ${what}`);

    const p = new Float64Array(rows * n), ps = new Float64Array(rows * n);
    kernels.inputDelta(d, w, a.subarray(0, rows * n).fill(0.25), p, rows, n, m, SIGMOID);
    const at = simd.productT(d, w, rows, n, m);
    kernels.slopeFrom(simd.memory, at, a, ps, rows * n, SIGMOID);
    assert.deepEqual(ps, p, `D·Wᵀ ${what}`);
  }
});

Deno.test("simd float32: each output within (k + 1)·2⁻²⁴·Σ|terms| of the exact sum of its k terms", () => {
  const simd = new SimdProducts("float32");
  let seed = 50;
  // Summing k terms in float32, each product and partial sum rounded (relative 2⁻²⁴), errs by
  // at most about k·2⁻²⁴·Σ|terms|, and storing rounds once more: (k + 1)·2⁻²⁴·Σ|terms|.
  const check = (
    got: Float32Array,
    exact: Float64Array,
    size: Float64Array,
    k: number,
    what: string,
  ) => {
    for (let e = 0; e < exact.length; e++) {
      const bound = (k + 1) * 2 ** -24 * size[e];
      assert.ok(Math.abs(got[e] - exact[e]) <= bound, `${what} [${e}]: ${got[e]} vs ${exact[e]}`);
    }
  };
  for (const [rows, n, m] of SHAPES.filter(([, , m]) => m % 8 === 0)) {
    const x = Float32Array.from(values(rows * n, seed++)),
      w = Float32Array.from(values(n * m, seed++));
    const d = Float32Array.from(values(rows * m, seed++));
    const what = `${rows}×${n}×${m}`;
    const z = new Float64Array(rows * m), zAbs = new Float64Array(rows * m);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < n; i++) {
          z[r * m + j] += x[r * n + i] * w[i * m + j];
          zAbs[r * m + j] += Math.abs(x[r * n + i] * w[i * m + j]);
        }
      }
    }
    const zs = new Float32Array(rows * m);
    const za = simd.product(x, w, rows, n, m);
    simd.kernels.copyFrom(simd.memory, za, zs, rows * m);
    check(zs, z, zAbs, n, `X·W ${what}`);
    const g = new Float64Array(n * m), gAbs = new Float64Array(n * m);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          g[i * m + j] += x[r * n + i] * d[r * m + j];
          gAbs[i * m + j] += Math.abs(x[r * n + i] * d[r * m + j]);
        }
      }
    }
    const gs = new Float32Array(n * m);
    const ga = simd.gradient(x, d, rows, n, m);
    simd.kernels.copyFrom(simd.memory, ga, gs, n * m);
    check(gs, g, gAbs, rows, `Xᵀ·D ${what}`);
  }
});

Deno.test("simd: shapes that do not fit the blocks are left to the scalar kernels", () => {
  const simd = simdProducts("float64")!;
  const x = new Float64Array(64), w = new Float64Array(64);
  assert.equal(simd.product(x, w, 4, 8, 6), -1); // m not a multiple of 4
  assert.equal(simd.productT(x, w, 4, 6, 8), -1); // n not a multiple of 4
  assert.equal(simd.gradient(x, w, 4, 6, 8), -1); // n not a multiple of 4
  assert.equal(simdProducts("float32")!.product(x, w, 4, 8, 4), -1); // m not a multiple of 8
});

Deno.test("simd: a relu network whose layers take the SIMD products trains to the reference's bits", async () => {
  // 16-32-32-1 on 128 rows: both hidden layers have rows·n·m ≥ SIMD_MIN_WORK and fitting shapes,
  // the output layer (m = 1) stays scalar. relu and linear networks are bit-identical between
  // the engines (reference_sweep_test.ts), so the SIMD path must be too.
  assert.ok(128 * 16 * 32 >= SIMD_MIN_WORK);
  const rng = new Mt19937(9);
  const inputs = Array.from(
    { length: 128 },
    () => Array.from({ length: 16 }, () => rng.uniform(-1, 1)),
  );
  const targets = inputs.map((row) => [row[0] * row[1] - row[2]]);
  const data = datasetFromRows("simd", inputs, targets);
  for (const optimizer of ["sgd", "adam"] as const) {
    const config = resolveConfig({
      dataset: "xor",
      hidden: [32, 32],
      activation: "relu",
      outputActivation: "linear",
      loss: "mse",
      optimizer,
      learningRate: 0.01,
      epochs: 30,
      targetLoss: 0,
    });
    const fast = trainManual(config, data);
    const ref = await trainReference(config, data);
    assert.deepEqual(fast.lossHistory, ref.lossHistory, optimizer);
    assert.deepEqual(fast.model.layers, ref.model.layers, optimizer);
  }
});
