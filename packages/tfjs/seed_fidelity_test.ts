// Seed fidelity of the TF.js engine: every golden case of the original NumPy program
// (testdata/seed, written by tools/seed_reference.py) is trained with TF.js on the cpu
// backend and its final outputs and weights are compared with NumPy's.
//
// Outputs: within 1e-5 for every case. TF.js computes in float32 (relative rounding
// 6e-8 per operation) and the golden run in float64; over 10 000 full-batch SGD epochs the
// outputs, which the training drives towards the targets, stay within 1.3e-6 of NumPy's
// (measured; largest for lr0.1, hidden2, hidden4 and plateau_seed53).
//
// Weights: NOT within 1e-5 for every case, and this is float32's doing, not TF.js's.
// Measured largest |ΔW| (TF.js vs NumPy → the hand-written engine with dtype float32 vs
// NumPy): original 8.5e-6 → 7.6e-6, seed0 1.2e-5 → 1.3e-5, seed7_epochs5000 1.3e-5 →
// 1.4e-5, lr0.1 1.8e-5 → 1.7e-5, lr1.0 2.4e-5 → 2.4e-5, lr2.0 3.5e-5 → 3.1e-5,
// hidden2 1.2e-4 → 1.3e-4, hidden4 1.2e-4 → 1.2e-4, hidden8 1.6e-5 → 1.6e-5,
// plateau_seed53 5.6e-5 → 7.8e-5; the other four are below 1e-5. Late in training the
// updates η·g are smaller than half a float32 ulp of weights that have grown to 5–27, so
// float32 storage rounds part of every update away; the drift goes along directions
// that barely change the outputs (which is why the outputs still agree to 1e-6). Any
// float32 engine shows it; the hand-written one in float32 drifts by the same amount
// (within ±40 %). So the test asserts, per case:
// - outputs within 1e-5 (absolute);
// - weights within max(1e-5, 2 × the float32 hand-written engine's own error), i.e. no
//   worse than float32 arithmetic itself, and within 1e-4 relative (|ΔW| / max(1, |W|);
//   measured at most 2.2e-5, hidden4).
// Sampled losses: within 1e-4 (measured at most 4.5e-5, plateau_seed53, where the escape
// from the plateau amplifies the rounding for a few hundred epochs; 2e-6 elsewhere).
//
// The 116 000 epochs take about 50 s on one core at ~0.4 ms per TF.js step, so the cases
// run in two workers.

import assert from "node:assert/strict";
import { loadDataset, resolveConfig, type TrainConfig, type TrainResult } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { predictTfjs } from "./predict.ts";
import { trainAll } from "./_train_pool.ts";

interface GoldenCase {
  case: string;
  seed: number;
  hidden: number;
  learningRate: number;
  epochs: number;
  finalWeights: { W1: number[][]; W2: number[][] };
  outputs: number[][];
  lossHistorySampled: [number, number][];
}

const SEED_DIR = new URL("../../testdata/seed/", import.meta.url);
const readJson = (name: string) => JSON.parse(Deno.readTextFileSync(new URL(name, SEED_DIR)));
const names: string[] = readJson("index.json").cases;
const goldens: GoldenCase[] = names.map((name) => readJson(`${name}.json`));
const xor = loadDataset("xor");

const configOf = (g: GoldenCase): TrainConfig => ({
  preset: "seed",
  seed: g.seed,
  hidden: [g.hidden],
  learningRate: g.learningRate,
  epochs: g.epochs,
});

const OUTPUT_TOLERANCE = 1e-5;
const WEIGHT_FLOOR = 1e-5;
const WEIGHT_RELATIVE = 1e-4;
const LOSS_TOLERANCE = 1e-4;

let results: Promise<TrainResult[]> | undefined;
const trained = (): Promise<TrainResult[]> =>
  results ??= trainAll(
    goldens.map((g) => ({ config: configOf(g), dataset: "xor", backend: "cpu" })),
    (job) => job.config.epochs ?? 0,
  );

const flatWeights = (w: { W1: number[][]; W2: number[][] }) => [...w.W1.flat(), ...w.W2.flat()];

Deno.test("tfjs seed fidelity: every golden case is listed", () => {
  assert.ok(names.length >= 10 && names.includes("original"), names.join(", "));
});

for (const [c, golden] of goldens.entries()) {
  Deno.test(`tfjs seed fidelity: ${golden.case}`, async () => {
    const result = (await trained())[c];
    assert.equal(result.epochsRun, golden.epochs);
    assert.equal(result.stoppedBecause, "epochs");

    const outputs = await predictTfjs(result.model, xor.inputs, xor.rows, "cpu");
    golden.outputs.flat().forEach((expected, i) => {
      const diff = Math.abs(outputs[i] - expected);
      assert.ok(diff <= OUTPUT_TOLERANCE, `output ${i}: ${outputs[i]} vs ${expected} (${diff})`);
    });

    const expected = flatWeights(golden.finalWeights);
    const weights = result.model.layers.flatMap((l) => l.weights);
    const f32 = trainManual(resolveConfig({ ...configOf(golden), dtype: "float32" }), xor);
    const weights32 = f32.model.layers.flatMap((l) => l.weights);
    const error32 = Math.max(...weights32.map((w, i) => Math.abs(w - expected[i])));
    const allowed = Math.max(WEIGHT_FLOOR, 2 * error32);
    expected.forEach((e, i) => {
      const diff = Math.abs(weights[i] - e);
      assert.ok(
        diff <= allowed,
        `weight ${i}: ${weights[i]} vs ${e} (${diff}); float32 hand-written error ${error32}`,
      );
      assert.ok(diff / Math.max(1, Math.abs(e)) <= WEIGHT_RELATIVE, `weight ${i}: relative`);
    });
    assert.ok(result.model.layers.every((l) => l.biases.every((b) => b === 0)), "no biases");

    for (const [epoch, loss] of golden.lossHistorySampled) {
      const diff = Math.abs(result.lossHistory[epoch - 1] - loss);
      assert.ok(diff <= LOSS_TOLERANCE, `loss at epoch ${epoch}: ${diff}`);
    }
  });
}
