import assert from "node:assert/strict";
import type { ModelWeights } from "@backprop/core";
import {
  agreement,
  chauvinLine,
  classicsConfig,
  CRITERIA,
  criterionStats,
  EXPERIMENTS,
  failureKinds,
  type Group,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  SETTINGS,
  thresholdsFor,
} from "./experiments.ts";
import type { ClassicsRun } from "./run.ts";
import { ratePercent } from "./stats.ts";

// ---------------------------------------------------------------- statistics

Deno.test("ratePercent and chauvinLine", () => {
  const r = ratePercent(2, 300);
  assert.ok(Math.abs(r.rate - 0.6667) < 1e-3 && r.low > 0 && r.high < 3, JSON.stringify(r));
  assert.deepEqual(ratePercent(0, 10).low, 0);
  assert.equal(chauvinLine(2), 247);
  assert.equal(chauvinLine(32), 115);
});

// ---------------------------------------------------------------- summaries on made-up runs

function run(
  seed: number,
  crossings: (number | null)[],
  outputs: number[],
  plateau = 1,
): ClassicsRun {
  return {
    engine: "manual",
    seed,
    epochsRun: 100,
    stoppedBecause: crossings[crossings.length - 1] === null ? "epochs" : "target-loss",
    finalLoss: crossings[PRIMARY_CRITERION] === null ? 0.25 : 0.001,
    crossings,
    outputs,
    plateau,
    model: {} as ModelWeights,
    ms: 1,
  };
}

const XOR_TARGETS = [0, 1, 1, 0];
const SOLVED = [0.05, 0.95, 0.95, 0.05];
// Seeds 0–4 solve (sweeps 10, 20, 30, 40, 50 under the primary criterion); 5 and 6 end in
// RHW's minimum (00, 10 right; 01, 11 at 0.5); 7 ends with all four outputs at 0.5.
const GROUP: Group = {
  variant: "xor-2-2-1-lr0.25",
  setting: PRIMARY_SETTING,
  engine: "manual",
  maxEpochs: 100,
  runs: [
    ...[10, 20, 30, 40, 50].map((s, seed) => run(seed, [s - 5, s, s + 5], SOLVED)),
    run(5, [null, null, null], [0.02, 0.5, 0.97, 0.5], 60),
    run(6, [null, null, null], [0.03, 0.49, 0.96, 0.52], 80),
    run(7, [30, null, null], [0.5, 0.5, 0.5, 0.5], 5),
  ],
};

Deno.test("criterionStats: solved, failure rate, sweeps and the published figure's place", () => {
  const st = criterionStats(GROUP, PRIMARY_CRITERION, 25);
  assert.equal(st.n, 8);
  assert.equal(st.solved, 5);
  assert.equal(st.failure.rate, 37.5);
  assert.equal(st.sweeps.median, 30);
  assert.equal(st.rank!.percentile, 40, "25 is faster than 2 of the 5 solved runs");
  // The looser criterion also counts seed 7, which met it before stalling.
  assert.equal(criterionStats(GROUP, 0).solved, 6);
  assert.equal(criterionStats(GROUP, 2).sweeps.median, 35);
  assert.equal(criterionStats(GROUP).rank, null);
});

Deno.test("failureKinds: failed runs grouped by signature, the paper's minimum marked", () => {
  const kinds = failureKinds(GROUP, XOR_TARGETS);
  assert.deepEqual(kinds.map((k) => [k.signature, k.rhw, k.seeds]), [
    ["R½R½", true, [5, 6]],
    ["½½½½", false, [7]],
  ]);
  assert.deepEqual(kinds[0].plateaus, [60, 80]);
  assert.deepEqual(kinds[0].losses, [0.25, 0.25]);
});

Deno.test("agreement: outcomes and sweeps seed by seed under TF.js's cap", () => {
  const tfjs: Group = {
    ...GROUP,
    engine: "tfjs",
    maxEpochs: 45,
    runs: [
      run(0, [5, 10, 15], SOLVED), // same sweeps
      run(1, [15, 22, 25], SOLVED), // 2 sweeps later
      run(2, [null, null, null], SOLVED), // manual solved at 30 ≤ 45: outcomes differ
      run(3, [null, null, null], SOLVED), // manual's 40 ≤ 45: differ
      run(4, [null, null, null], SOLVED), // manual's 50 > 45: both unsolved under the cap
    ],
  };
  const a = agreement(tfjs, GROUP);
  assert.equal(a.seeds, 5);
  assert.equal(a.same, 3);
  assert.deepEqual(a.differing, [2, 3]);
  assert.equal(a.bothSolved, 2);
  assert.equal(a.identical, 1);
  assert.equal(a.maxGap, 2);
  assert.equal(a.medianGap, 1);
  assert.equal(a.tfjs.n, 2);
  assert.equal(a.manual.n, 4);
});

// ---------------------------------------------------------------- configs and flags

Deno.test("classicsConfig: the stated settings, per sweep or per pattern", () => {
  const v = EXPERIMENTS[0].variants[0];
  const sweep = classicsConfig(v, PRIMARY_SETTING, 7, 1000, 4);
  assert.equal(sweep.batchSize, "full");
  assert.equal(sweep.optimizer, "momentum");
  assert.equal(sweep.momentum, 0.9);
  assert.equal(sweep.loss, "sse");
  assert.equal(sweep.activation, "sigmoid");
  assert.equal(sweep.useBias, true);
  assert.equal(sweep.shortcut, true);
  assert.deepEqual(sweep.hidden, [1]);
  assert.equal(sweep.init, "uniform:0.5");
  assert.equal(sweep.learningRate, 0.5);
  assert.equal(sweep.seed, 7);
  assert.equal(sweep.epochs, 1000);
  assert.equal(sweep.targetLoss, Math.min(...thresholdsFor(4)));
  const pattern = classicsConfig(v, SETTINGS[5], 0, 10, 4);
  assert.equal(pattern.batchSize, 1);
  assert.equal(pattern.shuffle, false);
  assert.equal(pattern.init, "uniform:1");
  assert.deepEqual(thresholdsFor(16), CRITERIA.map((c) => c * 16));
});
