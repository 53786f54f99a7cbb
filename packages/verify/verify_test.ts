import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { timesDerivative } from "@backprop/manual";
import { manualEngine } from "./engine.ts";
import { referenceEngine } from "./bugs.ts";
import { formatReport } from "./format.ts";
import { sampleSteps, verifyEngine } from "./verify.ts";

Deno.test("sampleSteps: 1, 2, 3, 5 per decade", () => {
  assert.deepEqual(sampleSteps(120), [1, 2, 3, 5, 10, 20, 30, 50, 100]);
  assert.deepEqual(sampleSteps(0), []);
});

Deno.test("verifyEngine: the hand-written engine passes, with TF.js, on Adam + relu + mini-batches + shortcut", async () => {
  const config = resolveConfig({
    activation: "relu",
    dataset: "parity:3",
    batchSize: 3,
    shortcut: true,
    epochs: 300,
    targetLoss: 0,
  });
  const report = await verifyEngine(config, loadDataset("parity:3"), manualEngine, { tfjs: "cpu" });
  assert.ok(report.pass, formatReport(report));
  assert.equal(report.steps, 900);
  assert.equal(report.sampled.at(-1), 900);
  const names = report.checks.map((c) => c.name);
  for (
    const n of [
      "batch rows",
      "update Ws",
      "loss (oracle)",
      "gradient Ws (oracle)",
      "gradient b2 (tfjs)",
    ]
  ) {
    assert.ok(names.includes(n), n);
  }
  for (const c of report.checks) assert.ok(c.value <= c.tolerance, c.name);
});

Deno.test("verifyEngine: stops as a trainer does, after the epoch below the target loss", async () => {
  const config = resolveConfig({ epochs: 2000 }); // default preset: stops near epoch 55
  const report = await verifyEngine(config, loadDataset("xor"), manualEngine);
  assert.ok(report.pass);
  assert.ok(report.epochs > 10 && report.epochs < 200, String(report.epochs));
});

Deno.test("verifyEngine: a relu unit exactly at its kink is reported, not failed", async () => {
  // The right derivative at z = 0 (1 instead of the engines' 0) is as right as the left one.
  const rightSlope = referenceEngine("right-slope", {
    backward: (_config, net, pass, deltaOut) => {
      const d = net.layers.map(() => deltaOut);
      for (let l = net.layers.length - 1; l > 0; l--) {
        const W = net.layers[l].W;
        d[l - 1] = d[l].map((row, r) =>
          W.map((wi, i) => {
            let s = 0;
            for (let j = 0; j < row.length; j++) s += row[j] * wi[j];
            return pass.z[l - 1][r][i] === 0 ? s : timesDerivative("relu", s, pass.a[l][r][i]);
          })
        );
      }
      const T = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
      const mul = (A: number[][], B: number[][]) =>
        A.map((row) => B[0].map((_, j) => row.reduce((s, v, i) => s + v * B[i][j], 0)));
      return {
        g: {
          delta: d,
          W: d.map((dl, l) => mul(T(pass.a[l]), dl)),
          b: d.map((dl) => [dl[0].map((_, j) => dl.reduce((s, row) => s + row[j], 0))]),
          Ws: null,
        },
        updated: false,
      };
    },
  });
  const config = resolveConfig({ activation: "relu", hidden: [2], epochs: 1, optimizer: "sgd" });
  const model = initModel(config, 2, 1);
  // Unit 0 of layer 1: z = 0.3·x1 − 0.3·x2 + 0, exactly 0 on the row (1, 1), from non-zero terms.
  model.layers[0].weights = [0.3, 0.5, -0.3, 0.5];
  model.layers[0].biases = [0, 0.1];
  const report = await verifyEngine(config, loadDataset("xor"), rightSlope, {
    initialModel: model,
  });
  assert.ok(report.pass, formatReport(report));
  assert.equal(report.kinks.length, 1);
  assert.deepEqual(
    { step: report.kinks[0].step, layer: report.kinks[0].layer, unit: report.kinks[0].unit },
    { step: 1, layer: 1, unit: 0 },
  );
  assert.match(
    formatReport(report),
    /^kink: step 1, layer 1 unit 0 row 3 has \|z\| 0 of its terms/m,
  );
});
