/**
 * Seeded synthetic data for the speed benchmark's larger problems: wide inputs
 * labelled by a random "teacher" network, so that the student's matrix
 * products (not its activations) dominate an epoch.
 *
 * @module
 */

import type { Dataset } from "@backprop/core";
import { Mt19937 } from "@backprop/core";

/**
 * `rows` rows of `inputs` features, each U(−1, 1), labelled 1 when a random
 * teacher f(x) = Σ_j v_j · tanh(Σ_i x_i · w_ij / √inputs), with 16 hidden units
 * and w, v ~ U(−1, 1), is positive and 0 otherwise. f is odd in x, so about
 * half the rows are of each class. Everything comes from `Mt19937(seed)`:
 * first the teacher (w row-major, then v), then the rows, one after another.
 *
 * @example
 * ```ts
 * import { teacherDataset } from "./data.ts";
 * const d = teacherDataset(1024, 16, 7);
 * d.rows * d.inputSize; // 16384
 * ```
 */
export function teacherDataset(rows: number, inputs: number, seed: number): Dataset {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows: ${rows} must be ≥ 1`);
  if (!Number.isInteger(inputs) || inputs < 1) {
    throw new RangeError(`inputs: ${inputs} must be ≥ 1`);
  }
  const hidden = 16;
  const rng = new Mt19937(seed);
  const w = new Float64Array(inputs * hidden);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-1, 1);
  const v = new Float64Array(hidden);
  for (let j = 0; j < hidden; j++) v[j] = rng.uniform(-1, 1);
  const x = new Float64Array(rows * inputs);
  const y = new Float64Array(rows);
  const scale = 1 / Math.sqrt(inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) x[r * inputs + i] = rng.uniform(-1, 1);
    let f = 0;
    for (let j = 0; j < hidden; j++) {
      let z = 0;
      for (let i = 0; i < inputs; i++) z += x[r * inputs + i] * w[i * hidden + j];
      f += v[j] * Math.tanh(z * scale);
    }
    y[r] = f > 0 ? 1 : 0;
  }
  return {
    name: `teacher:${rows}x${inputs}`,
    rows,
    inputSize: inputs,
    outputSize: 1,
    inputs: x,
    targets: y,
  };
}
