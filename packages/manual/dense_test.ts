// The fast kernels of dense.ts against the plain loops they replace (the reference engine's
// matMul, transpose and timesDerivative): bit for bit in float64 (same sums in the same
// order), rounded once per stored value in float32; the per-dtype copies of every kernel
// factory; and fastTanh against Math.tanh.

import assert from "node:assert/strict";
import { type Activation, LEAKY_RELU_ALPHA } from "@backprop/core";
import { denseKernels } from "./dense.ts";
import { BCE, CCE, LOSS_KERNELS, lossKernels, MSE, SSE } from "./loss.ts";
import { optimizerKernels } from "./optimizer.ts";
import { matMul, type Matrix, timesDerivative, transpose } from "./reference.ts";
import { type Float, LEAKY_RELU, LINEAR, perDtype, RELU, SIGMOID, TANH } from "./_private.ts";

const CODES = [SIGMOID, TANH, RELU, LEAKY_RELU, LINEAR];
const kernels = denseKernels(SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);

/** Deterministic values in (−1, 1), a few exact zeros and negative zeros among them. */
function values(length: number, seed: number): Float64Array {
  const out = new Float64Array(length);
  let s = seed >>> 0;
  for (let k = 0; k < length; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[k] = u < 0.03 ? 0 : u < 0.05 ? -0 : 2 * u - 1;
  }
  return out;
}

// The expected values: the reference engine's plain loops (reference.ts), which sum in the
// order the kernels promise (each sum from 0, in increasing index), on flat buffers cut into rows.
const NAMES: Record<number, Activation> = {
  [SIGMOID]: "sigmoid",
  [TANH]: "tanh",
  [RELU]: "relu",
  [LEAKY_RELU]: "leaky-relu",
  [LINEAR]: "linear",
};

/** A flat row-major buffer [rows, cols] as a Matrix. */
function toRows(v: Float, rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, (_, r) => Array.from(v.subarray(r * cols, (r + 1) * cols)));
}

/** Z = X·W + b. */
function plainAffine(x: Float, w: Float, b: Float, rows: number, n: number, m: number) {
  const product = matMul(toRows(x, rows, n), toRows(w, n, m));
  return Float64Array.from(product.flatMap((row) => row.map((s, j) => s + b[j])));
}

/** Xᵀ·D. */
function plainWeightGradient(x: Float, d: Float, rows: number, n: number, m: number) {
  return Float64Array.from(matMul(transpose(toRows(x, rows, n)), toRows(d, rows, m)).flat());
}

/** (D·Wᵀ) ⊙ f′, f′ written in the previous layer's output A_prev. */
function plainInputDelta(
  d: Float,
  w: Float,
  pa: Float,
  rows: number,
  n: number,
  m: number,
  code: number,
) {
  const back = matMul(toRows(d, rows, m), transpose(toRows(w, n, m)));
  return Float64Array.from(
    back.flatMap((row, r) => row.map((s, i) => timesDerivative(NAMES[code], s, pa[r * n + i]))),
  );
}

const SHAPES: [number, number, number][] = [];
for (const rows of [1, 2, 3, 4, 5, 7, 9]) {
  for (const n of [1, 2, 3, 5, 8]) {
    for (const m of [1, 2, 3, 4, 6, 9]) SHAPES.push([rows, n, m]);
  }
}
// More rows than one chunk of weightGradient (16 384 / (n + m)), so running sums cross chunks.
SHAPES.push([300, 40, 30], [1100, 9, 7], [517, 3, 1]);

Deno.test("dense kernels: X·W + b, Xᵀ·D and D·Wᵀ·f' equal the plain loops bit for bit", () => {
  let seed = 1;
  for (const [rows, n, m] of SHAPES) {
    const x = values(rows * n, seed++), w = values(n * m, seed++), b = values(m, seed++);
    const d = values(rows * m, seed++), pa = values(rows * n, seed++);
    const what = `${rows}×${n}×${m}`;

    const z = new Float64Array(rows * m), a = new Float64Array(rows * m);
    kernels.affine(x, w, b, z, a, rows, n, m, TANH);
    assert.deepEqual(z, plainAffine(x, w, b, rows, n, m), `affine ${what}`);
    assert.deepEqual(a, z.map(kernels.fastTanh), `affine ${what}: A`);

    const g = new Float64Array(n * m).fill(NaN); // every value must be written
    kernels.weightGradient(x, d, g, rows, n, m);
    assert.deepEqual(g, plainWeightGradient(x, d, rows, n, m), `weightGradient ${what}`);

    for (const code of CODES) {
      const p = new Float64Array(rows * n);
      kernels.inputDelta(d, w, pa, p, rows, n, m, code);
      assert.deepEqual(
        p,
        plainInputDelta(d, w, pa, rows, n, m, code),
        `inputDelta ${what} ${code}`,
      );
    }
  }
});

Deno.test("dense kernels: the small-layer path gives the same bits as the plain loops", () => {
  let seed = 500;
  for (const [rows, n, m] of SHAPES.filter(([, n, m]) => n * m <= 64)) {
    const x = values(rows * n, seed++), w = values(n * m, seed++), b = values(m, seed++);
    const d = values(rows * m, seed++);
    const what = `${rows}×${n}×${m}`;
    const z = new Float64Array(rows * m), a = new Float64Array(rows * m);
    kernels.smallForward(x, w, b, z, a, rows, n, m, SIGMOID);
    assert.deepEqual(z, plainAffine(x, w, b, rows, n, m), `smallForward ${what}`);
    assert.deepEqual(a, z.map(kernels.fastSigmoid), `smallForward ${what}: A`);
    const bias = new Float64Array(m);
    for (let r = 0; r < rows; r++) for (let j = 0; j < m; j++) bias[j] += d[r * m + j];
    for (const code of [-1, ...CODES]) {
      // Stale values everywhere: every output must be written (P only with a previous layer).
      const g = new Float64Array(n * m).fill(NaN), gb = new Float64Array(m).fill(NaN);
      const p = new Float64Array(rows * n).fill(7);
      kernels.smallBackward(x, d, w, g, gb, true, p, rows, n, m, code);
      assert.deepEqual(g, plainWeightGradient(x, d, rows, n, m), `smallBackward ${what}: G`);
      assert.deepEqual(gb, bias, `smallBackward ${what}: ∂L/∂b`);
      const expected = code < 0
        ? new Float64Array(rows * n).fill(7)
        : plainInputDelta(d, w, x, rows, n, m, code);
      assert.deepEqual(p, expected, `smallBackward ${what} ${code}: P`);
    }
    const untouched = new Float64Array(m).fill(NaN);
    kernels.smallBackward(x, d, w, new Float64Array(n * m), untouched, false, x, rows, n, m, -1);
    assert.ok(untouched.every(Number.isNaN), `smallBackward ${what}: no bias, ∂L/∂b untouched`);
  }
});

Deno.test("dense kernels: with float32 buffers each stored value is the float64 result rounded once", () => {
  const { float32 } = perDtype(denseKernels, SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);
  const f32 = (v: Float64Array) => Float32Array.from(v);
  let seed = 100;
  for (const [rows, n, m] of [[5, 3, 2], [64, 17, 33], [300, 40, 30]] as const) {
    const x = f32(values(rows * n, seed++)), w = f32(values(n * m, seed++));
    const b = f32(values(m, seed++)), d = f32(values(rows * m, seed++));
    const pa = f32(values(rows * n, seed++));
    const z = new Float32Array(rows * m), a = new Float32Array(rows * m);
    float32.affine(x, w, b, z, a, rows, n, m, SIGMOID);
    assert.deepEqual(z, Float32Array.from(plainAffine(x, w, b, rows, n, m)));
    assert.deepEqual(a, z.map(kernels.fastSigmoid));
    const g = new Float64Array(n * m);
    float32.weightGradient(x, d, g, rows, n, m);
    assert.deepEqual(g, plainWeightGradient(x, d, rows, n, m));
    const p = new Float32Array(rows * n);
    float32.inputDelta(d, w, pa, p, rows, n, m, TANH);
    assert.deepEqual(p, Float32Array.from(plainInputDelta(d, w, pa, rows, n, m, TANH)));
  }
});

Deno.test("dense kernels: biasGradient sums D's rows in order; activate applies f", () => {
  const rows = 7, m = 5;
  const d = values(rows * m, 7);
  const g = new Float64Array(m).fill(NaN);
  kernels.biasGradient(d, g, rows, m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += d[r * m + j];
    assert.equal(g[j], s);
  }
  const z = values(40, 8).map((v) => 8 * v);
  const expected: Record<number, (v: number) => number> = {
    [SIGMOID]: kernels.fastSigmoid,
    [TANH]: kernels.fastTanh,
    [RELU]: (v) => v > 0 ? v : 0,
    [LEAKY_RELU]: (v) => v > 0 ? v : LEAKY_RELU_ALPHA * v,
    [LINEAR]: (v) => v,
  };
  for (const code of CODES) {
    const a = new Float64Array(40);
    kernels.activate(z, a, 3, 40, code);
    assert.deepEqual(a.subarray(3), z.subarray(3).map(expected[code]), `code ${code}`);
    assert.deepEqual(a.subarray(0, 3), new Float64Array(3));
  }
});

Deno.test("perDtype: two separately compiled copies that compute what the factory does", () => {
  const copies = perDtype(denseKernels, SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);
  assert.notEqual(copies.float64.affine, copies.float32.affine);
  assert.notEqual(copies.float64.affine, kernels.affine);
  const x = values(6 * 5, 1), w = values(5 * 3, 2), b = values(3, 3);
  const direct = new Float64Array(36), copied = new Float64Array(36);
  kernels.affine(x, w, b, direct, direct.subarray(18), 6, 5, 3, TANH);
  copies.float64.affine(x, w, b, copied, copied.subarray(18), 6, 5, 3, TANH);
  assert.deepEqual(copied, direct);
});

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const buffer = new Float64Array([a, b]);
  const bits = new BigInt64Array(buffer.buffer);
  const diff = bits[0] - bits[1];
  return Number(diff < 0n ? -diff : diff);
}

Deno.test("fastTanh: within 2 ulp of Math.tanh, odd, and the same at every special value", () => {
  const { fastTanh } = kernels;
  // Measured (see dense.ts): at most 1 ulp from the correctly rounded tanh, and at most 2
  // from Math.tanh, which is itself up to 2 ulp off. A wrong coefficient or branch would be
  // off by thousands of ulp or more.
  let worst = 0;
  const check = (x: number) => {
    const e = ulps(fastTanh(x), Math.tanh(x));
    if (e > worst) worst = e;
    assert.ok(e <= 2, `tanh(${x}): ${fastTanh(x)} vs Math.tanh ${Math.tanh(x)} (${e} ulp)`);
    assert.equal(fastTanh(-x), -fastTanh(x));
  };
  for (let x = 0; x < 25; x += 1 / 4096 + 1e-9) check(x); // every range, including 0.55 and 22
  for (let x = 0.54; x < 0.56; x += 1e-6) check(x); // both sides of the branch point
  for (let e = -320; e < 0; e += 0.25) check(10 ** e); // tiny arguments: tanh x = x
  assert.ok(worst >= 1, "the comparison would notice a difference");
  for (const x of [0, -0, NaN, Infinity, -Infinity, 22, -22, 19.1, 1e300, -1e300, 5e-324, 0.55]) {
    assert.ok(Object.is(fastTanh(x), Math.tanh(x)) || ulps(fastTanh(x), Math.tanh(x)) <= 2, `${x}`);
  }
  assert.ok(Object.is(fastTanh(-0), -0));
  assert.ok(Number.isNaN(fastTanh(NaN)));
  assert.equal(fastTanh(Infinity), 1);
  assert.equal(fastTanh(-Infinity), -1);
});

Deno.test("fastSigmoid: within 4 ulp of 1 / (1 + Math.exp(−z)), and the same at every special value", () => {
  const { fastSigmoid } = kernels;
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  // Measured (see dense.ts): both are within 2 ulp of the exact σ, so they may differ by
  // up to 4. A wrong coefficient, table entry or branch would be off by far more.
  let worst = 0;
  const check = (z: number) => {
    const e = ulps(fastSigmoid(z), sigmoid(z));
    if (e > worst) worst = e;
    assert.ok(e <= 4, `σ(${z}): ${fastSigmoid(z)} vs ${sigmoid(z)} (${e} ulp)`);
  };
  for (let z = -745; z < 40; z += 1 / 512 + 1e-9) check(z); // every k of the table, both ends
  for (let z = 37.49; z < 37.51; z += 1e-6) check(z); // both sides of σ = 1
  for (let z = -709.01; z < -708.99; z += 1e-6) check(z); // both sides of the library fallback
  for (let e = -320; e < 0; e += 0.25) check(10 ** e), check(-(10 ** e)); // σ(z) ≈ ½ + z/4
  assert.ok(worst >= 1, "the comparison would notice a difference");
  for (const z of [0, -0, Infinity, -Infinity, 37.5, -709, -710, -745, -746, 1e300, -1e300]) {
    assert.ok(Object.is(fastSigmoid(z), sigmoid(z)), `${z}`);
  }
  assert.ok(Number.isNaN(fastSigmoid(NaN)));
});

Deno.test("perDtype: the loss and optimizer copies compute what their factories do", () => {
  const z = values(12, 21).map((v) => 3 * v), y = values(12, 22).map((v) => v > 0 ? 1 : 0);
  const o = z.map((v) => 1 / (1 + Math.exp(-v)));
  for (const loss of [SSE, MSE, BCE, CCE]) {
    const results = [lossKernels(SSE, BCE, CCE), LOSS_KERNELS.float64].map((k) => {
      const d = new Float64Array(12), result = new Float64Array(1);
      k.outputDelta(loss, true, o, z, d, y, 12, 24, result, 3);
      return [...d, result[0]];
    });
    assert.deepEqual(results[1], results[0], `loss ${loss}`);
  }
  const g = values(10, 23);
  const [direct, copy] = [optimizerKernels(), perDtype(optimizerKernels).float64].map((k) => {
    const p = values(10, 24), m = new Float64Array(10), s = new Float64Array(10);
    k.adam(p, g, m, s, 0.1, 0.9, 0.999, 1e-8, 0.1, 0.001);
    k.momentum(p, g, m, 0.1, 0.9);
    k.sgd(p, g, 0.5);
    return [...p, ...m, ...s];
  });
  assert.deepEqual(copy, direct);
});
