import assert from "node:assert/strict";

function assertAlmostEquals(actual: number, expected: number, tolerance: number, msg?: string) {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${msg ?? ""} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

import { percentile, summarize, wilson } from "./stats.ts";

Deno.test("wilson matches Newcombe (1998), Table I, score method, to 4 places", () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med. 17:857–872.
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.8830, 1],
  ];
  for (const [k, n, low, high] of cases) {
    const ci = wilson(k, n);
    assertAlmostEquals(ci.low, low, 5e-5, `${k}/${n} low`);
    assertAlmostEquals(ci.high, high, 5e-5, `${k}/${n} high`);
    assert.deepEqual(ci.rate, k / n);
  }
});

Deno.test("wilson is exact at the ends and symmetric", () => {
  assert.deepEqual(wilson(0, 100).low, 0);
  assert.deepEqual(wilson(100, 100).high, 1);
  assertAlmostEquals(wilson(100, 100).low, 0.9630, 5e-5);
  const a = wilson(3, 10);
  const b = wilson(7, 10);
  assertAlmostEquals(a.low, 1 - b.high, 1e-12);
  assertAlmostEquals(a.high, 1 - b.low, 1e-12);
  const none = wilson(0, 0);
  assert.deepEqual([Number.isNaN(none.rate), none.low, none.high], [true, 0, 1]);
});

Deno.test("wilson rejects impossible counts", () => {
  assert.throws(() => wilson(5, 4), RangeError);
  assert.throws(() => wilson(-1, 4), RangeError);
  assert.throws(() => wilson(1.5, 4), RangeError);
});

Deno.test("percentile interpolates linearly between closest ranks (NumPy's default)", () => {
  // numpy.percentile([1, 2, 3, 4], [10, 50, 90]) == [1.3, 2.5, 3.7]
  assertAlmostEquals(percentile([4, 1, 3, 2], 10), 1.3, 1e-12);
  assert.deepEqual(percentile([4, 1, 3, 2], 50), 2.5);
  assertAlmostEquals(percentile([4, 1, 3, 2], 90), 3.7, 1e-12);
  assert.deepEqual(percentile([7], 90), 7);
  assert.deepEqual(percentile([1, 2, 3], 0), 1);
  assert.deepEqual(percentile([1, 2, 3], 100), 3);
  assert.deepEqual(Number.isNaN(percentile([], 50)), true);
  assert.throws(() => percentile([1], 101), RangeError);
});

Deno.test("percentile leaves its input alone", () => {
  const values = [3, 1, 2];
  percentile(values, 50);
  assert.deepEqual(values, [3, 1, 2]);
});

Deno.test("summarize gives median, p10, p90 and extremes", () => {
  const s = summarize(Array.from({ length: 11 }, (_, i) => 10 - i)); // 0 … 10
  assert.deepEqual(s, { n: 11, median: 5, p10: 1, p90: 9, min: 0, max: 10 });
  const empty = summarize([]);
  assert.deepEqual(empty.n, 0);
  assert.deepEqual(Number.isNaN(empty.median), true);
});
