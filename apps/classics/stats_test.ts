import assert from "node:assert/strict";
import {
  firstBelow,
  fitLine,
  isRhwMinimum,
  percentileRank,
  plateauEpoch,
  rowsIn,
  signature,
} from "./stats.ts";

// ---------------------------------------------------------------- statistics

Deno.test("percentileRank: mid-rank percentile with ties, and its interval", () => {
  const r = percentileRank(3, [1, 2, 3, 4]);
  assert.deepEqual([r.below, r.ties, r.n], [2, 1, 4]);
  assert.equal(r.percentile, 62.5);
  assert.ok(r.low < 50 && r.high > 75, `${r.low} ${r.high}`);
  assert.equal(percentileRank(0, [1, 2, 3]).percentile, 0);
  assert.equal(percentileRank(0, [1, 2, 3]).low, 0);
  assert.equal(percentileRank(10, [1, 2, 3]).percentile, 100);
  assert.equal(percentileRank(10, [1, 2, 3]).high, 100);
  assert.equal(percentileRank(2, [2, 2]).percentile, 50);
  assert.ok(Number.isNaN(percentileRank(1, []).percentile));
  // 558 among 1 000 runs with 300 faster: the 30th percentile, interval around it.
  const sample = Array.from({ length: 1000 }, (_, i) => (i < 300 ? 400 : 700));
  const p = percentileRank(558, sample);
  assert.equal(p.percentile, 30);
  assert.ok(p.low > 27 && p.low < 30 && p.high > 30 && p.high < 33, `${p.low}–${p.high}`);
});

Deno.test("firstBelow: the first epoch strictly below each threshold, 1-based", () => {
  assert.deepEqual(firstBelow([0.5, 0.3, 0.05, 0.01], [0.1, 0.02, 0.001]), [3, 4, null]);
  assert.deepEqual(firstBelow([0.1, 0.1], [0.1]), [null], "equal is not below");
  assert.deepEqual(firstBelow([], [1]), [null]);
  assert.deepEqual(firstBelow([NaN, 0.5], [1]), [2]);
});

Deno.test("plateauEpoch: where the loss settles within 1 % of its end", () => {
  assert.equal(plateauEpoch([1, 0.6, 0.3, 0.251, 0.25, 0.25]), 4);
  assert.equal(plateauEpoch([0.25, 0.25]), 1);
  assert.equal(plateauEpoch([1, 0.5, 0.25]), 3);
  assert.equal(plateauEpoch([1, 0.2505, 0.2, 0.25], 0.01), 4, "a dip breaks the plateau");
  assert.ok(Number.isNaN(plateauEpoch([])));
  assert.ok(Number.isNaN(plateauEpoch([1, NaN])));
});

Deno.test("signature: right, one half, wrong or in between, per output", () => {
  assert.equal(signature([0.02, 0.5, 0.97, 0.49], [0, 1, 1, 0]), "R½R½");
  assert.equal(signature([0.19, 0.81, 0.7, 0.9], [0, 1, 1, 0]), "RR~W");
  assert.equal(signature([0.61, 0.41, 0.5, NaN], [0, 1, 1, 0]), "W½½W");
  assert.equal(signature([0.67, 0.67, 0.67, 0.1], [1, 1, 1, 0]), "~~~R");
});

Deno.test("isRhwMinimum / rowsIn: two right and two at 0.5, named by XOR input", () => {
  assert.ok(isRhwMinimum("R½R½"));
  assert.ok(isRhwMinimum("½½RR"));
  assert.ok(!isRhwMinimum("RRR½"));
  assert.ok(!isRhwMinimum("R~~~"));
  assert.ok(!isRhwMinimum("R½R½R½"), "only XOR's four patterns");
  assert.deepEqual(rowsIn("R½R½", "½"), ["01", "11"]);
  assert.deepEqual(rowsIn("R½R½", "R"), ["00", "10"]);
  assert.deepEqual(rowsIn("RW½", "W"), ["1"]);
});

Deno.test("fitLine: recovers a line exactly, NaN without two distinct x", () => {
  const xs = [1, 2, 3, 4, 5];
  const f = fitLine(xs, xs.map((x) => 280 - 33 * x));
  assert.ok(Math.abs(f.a - 280) < 1e-9 && Math.abs(f.b + 33) < 1e-9, JSON.stringify(f));
  const noisy = fitLine([1, 1, 2, 2], [9, 11, 19, 21]);
  assert.deepEqual(noisy, { a: 0, b: 10 });
  assert.ok(Number.isNaN(fitLine([2, 2], [1, 3]).a));
});
