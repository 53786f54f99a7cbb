import assert from "node:assert/strict";
import { resolveConfig, type TrainConfig } from "./config.ts";
import { Mt19937, shuffle } from "./rng.ts";
import { BatchSchedule, checkTargets, checkTestData, stopReason } from "./trainer.ts";
import { datasetFromRows, parity } from "./dataset.ts";

function schedule(config: TrainConfig, rows: number): BatchSchedule {
  return new BatchSchedule(resolveConfig(config), rows);
}

/** The row indices of each batch of the current epoch. */
function batchesOf(s: BatchSchedule): number[][] {
  const out: number[][] = [];
  for (let b = 0; b < s.batches; b++) {
    out.push(Array.from(s.order.subarray(s.start(b), s.start(b) + s.size(b))));
  }
  return out;
}

/** The orders of the first `epochs` epochs. */
function orders(s: BatchSchedule, epochs: number): number[][] {
  const out: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    s.nextEpoch();
    out.push(Array.from(s.order));
  }
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

Deno.test("BatchSchedule: full batch is one batch of every row in dataset order", () => {
  for (const shuffle of [true, false]) {
    const s = schedule({ batchSize: "full", shuffle }, 8);
    assert.equal(s.rows, 8);
    assert.equal(s.batchSize, 8);
    assert.equal(s.batches, 1);
    for (let epoch = 0; epoch < 3; epoch++) {
      s.nextEpoch();
      assert.deepEqual(batchesOf(s), [range(8)]);
    }
  }
});

Deno.test("BatchSchedule: a batch size equal to the rows is full batch, never shuffled", () => {
  const s = schedule({ batchSize: 4 }, 4);
  assert.equal(s.batches, 1);
  assert.deepEqual(orders(s, 3), [range(4), range(4), range(4)]);
});

Deno.test("BatchSchedule: mini-batches cover every row exactly once per epoch", () => {
  for (const [rows, batchSize] of [[8, 2], [8, 3], [16, 5], [7, 1], [4, 3]]) {
    const s = schedule({ batchSize }, rows);
    assert.equal(s.batches, Math.ceil(rows / batchSize));
    let shuffled = false;
    for (let epoch = 0; epoch < 6; epoch++) {
      s.nextEpoch();
      const rowsSeen = batchesOf(s).flat();
      assert.deepEqual([...rowsSeen].sort((a, b) => a - b), range(rows), `${rows}/${batchSize}`);
      if (rowsSeen.some((r, i) => r !== i)) shuffled = true;
    }
    assert.ok(shuffled, `${rows}/${batchSize}: never shuffled in 6 epochs`);
  }
});

Deno.test("BatchSchedule: batches are consecutive, the last one smaller when rows % size ≠ 0", () => {
  const s = schedule({ batchSize: 3 }, 8);
  assert.equal(s.batches, 3);
  assert.deepEqual([0, 1, 2].map((b) => s.start(b)), [0, 3, 6]);
  assert.deepEqual([0, 1, 2].map((b) => s.size(b)), [3, 3, 2]);
  const even = schedule({ batchSize: 2 }, 8);
  assert.deepEqual([0, 1, 2, 3].map((b) => even.size(b)), [2, 2, 2, 2]);
  const ones = schedule({ batchSize: 1 }, 5);
  assert.equal(ones.batches, 5);
  assert.deepEqual(range(5).map((b) => ones.size(b)), [1, 1, 1, 1, 1]);
});

Deno.test("BatchSchedule: the same seed gives the same orders, another seed others", () => {
  const a = orders(schedule({ batchSize: 2, seed: 5 }, 8), 10);
  const b = orders(schedule({ batchSize: 2, seed: 5 }, 8), 10);
  const c = orders(schedule({ batchSize: 2, seed: 6 }, 8), 10);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("BatchSchedule: shuffle false keeps the dataset order every epoch", () => {
  const s = schedule({ batchSize: 3, shuffle: false }, 8);
  assert.equal(s.batches, 3);
  for (let epoch = 0; epoch < 4; epoch++) {
    s.nextEpoch();
    assert.deepEqual(batchesOf(s), [[0, 1, 2], [3, 4, 5], [6, 7]]);
  }
});

Deno.test("BatchSchedule: each epoch shuffles the previous order with seed XOR 0x9E3779B9", () => {
  // The documented recipe, so that every implementation can replay the same batches.
  for (const seed of [0, 42, 0xffffffff]) {
    const rng = new Mt19937((seed ^ 0x9e3779b9) >>> 0);
    const order = Uint32Array.from(range(16));
    const expected: number[][] = [];
    for (let epoch = 0; epoch < 5; epoch++) {
      shuffle(order, rng);
      expected.push(Array.from(order));
    }
    assert.deepEqual(orders(schedule({ batchSize: 4, seed }, 16), 5), expected, `seed ${seed}`);
  }
});

Deno.test("BatchSchedule: a batch size larger than the rows is a RangeError naming batchSize", () => {
  assert.throws(() => schedule({ batchSize: 5 }, 4), /^RangeError: batchSize: 5 is not allowed/);
});

Deno.test("checkTestData: same widths pass; other widths or no rows are a RangeError", () => {
  checkTestData(parity(3), undefined);
  checkTestData(parity(3), parity(3));
  assert.throws(
    () => checkTestData(parity(3), parity(4)),
    (e: unknown) =>
      e instanceof RangeError && e.message.startsWith("testData: 4 inputs and 1 outputs") &&
      e.message.includes("expected 3 and 1"),
  );
  const wide = datasetFromRows("wide", [[0, 0, 0]], [[0, 1]]);
  assert.throws(() => checkTestData(parity(3), wide), /testData: 3 inputs and 2 outputs/);
  const empty = {
    ...parity(3),
    rows: 0,
    inputs: new Float64Array(0),
    targets: new Float64Array(0),
  };
  assert.throws(() => checkTestData(parity(3), empty), /testData: 0 rows/);
});

Deno.test("stopReason: diverged, then target-loss, then interrupted, else null", () => {
  const aborted = AbortSignal.abort();
  const live = new AbortController().signal;
  // Not finite wins over everything: NaN < target is false, -Infinity < target is true.
  for (const loss of [NaN, Infinity, -Infinity]) {
    assert.equal(stopReason(loss, 0.01, aborted), "diverged", String(loss));
  }
  // Strictly below the target; the target wins over an aborted signal.
  assert.equal(stopReason(0.005, 0.01, aborted), "target-loss");
  assert.equal(stopReason(0.01, 0.01, undefined), null);
  assert.equal(stopReason(0.01, 0.01, aborted), "interrupted");
  assert.equal(stopReason(0.5, 0.01, live), null);
  assert.equal(stopReason(0.5, 0.01, undefined), null);
  // targetLoss 0 turns the rule off: no finite loss is below it (losses are ≥ 0).
  assert.equal(stopReason(0, 0, undefined), null);
});

Deno.test("BatchSchedule.skip: after skip(n), the orders are those of epochs n + 1, n + 2, …", () => {
  for (const config of [{ batchSize: 3 }, { batchSize: 3, shuffle: false }, {}] as TrainConfig[]) {
    const whole = orders(schedule(config, 8), 7);
    const resumed = schedule(config, 8);
    resumed.skip(4);
    assert.deepEqual(orders(resumed, 3), whole.slice(4), JSON.stringify(config));
  }
  // Shuffled, skipping changes what comes next (the test above is not vacuous).
  const fresh = orders(schedule({ batchSize: 3 }, 8), 1)[0];
  const skipped = schedule({ batchSize: 3 }, 8);
  skipped.skip(4);
  assert.notDeepEqual(orders(skipped, 1)[0], fresh);
});

Deno.test("checkTargets: a sigmoid output needs targets in [0, 1]; a linear one takes any", () => {
  const data = datasetFromRows("t.csv", [[0, 0], [0, 1], [1, 0]], [[0, 1], [1, 0], [1, 5]]);
  for (const loss of ["bce", "mse", "sse"] as const) {
    assert.throws(() => checkTargets(resolveConfig({ loss }), data), (err: Error) => {
      assert.ok(err instanceof RangeError);
      assert.equal(
        err.message,
        `targets: 5 (t.csv, row 3) is not allowed; expected a value in [0, 1] for a sigmoid ` +
          `output (loss ${loss}); use a linear output with loss mse or sse for other targets`,
      );
      assert.deepEqual(err.cause, { field: "targets", value: 5, row: 3, dataset: "t.csv" });
      return true;
    });
  }
  const below = datasetFromRows("neg", [[0]], [[-0.5]]);
  assert.throws(() => checkTargets(resolveConfig(), below), /targets: -0\.5 \(neg, row 1\)/);
  // The ends of [0, 1] are allowed, and a linear output takes anything finite.
  checkTargets(resolveConfig(), datasetFromRows("ends", [[0], [1]], [[0], [1]]));
  checkTargets(resolveConfig({ outputActivation: "linear", loss: "mse" }), data);
});
