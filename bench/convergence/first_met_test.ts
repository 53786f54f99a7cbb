import assert from "node:assert/strict";
import {
  type Dataset,
  initModel,
  loadDataset,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
  type TrainResult,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { trainTfjs } from "@backprop/tfjs";
import { trainBrain } from "../harness/brain.ts";
import { outputsWithinHalf } from "./criterion.ts";
import { type Crossings, CrossingWatch } from "./first_met.ts";
import { prepareConfig, runSeed, type SeedImpl } from "./seed_run.ts";

const outputs = { kind: "outputs" } as const;
const xor = loadDataset("xor");

Deno.test("CrossingWatch: first epoch met, epoch it stays met from, times lost", () => {
  const watch = new CrossingWatch();
  const seen = [false, false, true, false, true, true, false, true, true];
  seen.forEach((met, epoch) => watch.observe(epoch, met));
  assert.deepEqual(watch.crossings, { first: 2, stableFrom: 7, lost: 2 });
  watch.observe(9, false);
  assert.deepEqual(watch.crossings, { first: 2, stableFrom: null, lost: 3 });
  assert.throws(() => watch.observe(9, true), /epoch: 9 must be an integer above 9/);
  const never = new CrossingWatch();
  never.observe(0, false);
  assert.deepEqual(never.crossings, { first: null, stableFrom: null, lost: 0 });
});

/**
 * The straightforward way, as `deno task train --seed S --epochs N` does it: a
 * fresh run of N epochs for every N from 0 to `last`, its final weights judged.
 */
async function byRetraining(
  train: (config: ResolvedConfig, data: Dataset) => Promise<TrainResult>,
  config: ResolvedConfig,
  last: number,
): Promise<Crossings> {
  const watch = new CrossingWatch();
  watch.observe(0, outputsWithinHalf(initModel(config, 2, 1), xor));
  for (let n = 1; n <= last; n++) {
    watch.observe(n, outputsWithinHalf((await train({ ...config, epochs: n }, xor)).model, xor));
  }
  return watch.crossings;
}

const trainers: Record<SeedImpl, Parameters<typeof byRetraining>[0]> = {
  manual: (config, data) => Promise.resolve(trainManual(config, data)),
  "tfjs-cpu": (config, data) => trainTfjs(config, data, { backend: "cpu" }),
  "brain.js": (config, data) => Promise.resolve(trainBrain(config, data)),
};

async function compare(
  impl: SeedImpl,
  fields: TrainConfig,
  seed: number,
  cap: number,
): Promise<Crossings> {
  const config = prepareConfig(resolveConfig({ ...fields, seed }), outputs, cap);
  const run = await runSeed({
    impl,
    config,
    criterion: outputs,
    keepHistory: false,
  });
  const expected = await byRetraining(trainers[impl], config, run.epochsRun);
  const got = { first: run.epochsToTarget, stableFrom: run.stableFrom, lost: run.lost };
  assert.deepEqual(got, expected, `${impl} seed ${seed} ${JSON.stringify(fields)}`);
  assert.equal(run.success, expected.stableFrom !== null);
  return got;
}

const ADAM = { preset: "seed", optimizer: "adam", learningRate: 0.05, useBias: true } as const;

Deno.test("the bench's epochs to target are the first epoch, as N-epoch runs find it (manual)", async () => {
  // The examples: met at 4, lost at 5 and 6, met from 7.
  assert.deepEqual(await compare("manual", { preset: "default" }, 7, 10_000), {
    first: 4,
    stableFrom: 7,
    lost: 1,
  });
  // Met at 42, lost at 50, met at 56, lost at 97, met from 98 (cap 110 keeps the check short).
  assert.deepEqual(await compare("manual", ADAM, 55, 110), { first: 42, stableFrom: 98, lost: 2 });
  let differ = 0;
  for (const seed of [0, 1, 2, 3, 4, 5, 6, 8]) {
    const c = await compare("manual", { preset: "default" }, seed, 10_000);
    if (c.first !== c.stableFrom) differ++;
  }
  for (const seed of [0, 1, 2, 3]) {
    const c = await compare("manual", { preset: "default", batchSize: 2 }, seed, 10_000);
    if (c.first !== c.stableFrom) differ++;
  }
  // Not a set where the two always agree (then the test would not tell them apart).
  assert.ok(differ > 0, "no seed lost the criterion after first meeting it");
});

Deno.test("TF.js finds its own first epoch, as N-epoch runs of TF.js find it", async () => {
  assert.deepEqual(await compare("tfjs-cpu", { preset: "default" }, 7, 10_000), {
    first: 4,
    stableFrom: 7,
    lost: 1,
  });
  assert.deepEqual(await compare("tfjs-cpu", ADAM, 55, 110), {
    first: 42,
    stableFrom: 98,
    lost: 2,
  });
});

Deno.test("brain.js's per-iteration callback gives the same first epoch as N-iteration runs", async () => {
  // brain.js's scheme (biases, one row at a time in order) from U(−2, 2) at η 0.9, where some
  // seeds solve XOR within a short cap (found by trying seeds 0–7).
  const fields = {
    preset: "seed",
    useBias: true,
    batchSize: 1,
    shuffle: false,
    learningRate: 0.9,
    init: "uniform:2",
  } as const;
  assert.equal((await compare("brain.js", fields, 5, 160)).first, 51);
  assert.equal((await compare("brain.js", fields, 2, 160)).first, 146);
  assert.equal((await compare("brain.js", fields, 0, 60)).first, null);
});
