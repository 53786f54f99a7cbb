import assert from "node:assert/strict";
import { atLeast, atMost } from "./targets.ts";

Deno.test("atLeast: met with its margin, missed by how much, or not measured", () => {
  const met = atLeast("speed-up", 2, 5, "×");
  assert.equal(met.status, "met");
  assert.equal(met.wanted, "≥ 2×");
  assert.equal(met.margin, "5× is 2.5× the bar");
  const missed = atLeast("speed-up", 4, 1, "×");
  assert.equal(missed.status, "MISSED");
  assert.equal(missed.margin, "75 % short: needs 4× more");
  const rate = atLeast("solved", 0.95, 0.9, "%");
  assert.deepEqual([rate.wanted, rate.status, rate.margin], [
    "≥ 95 %",
    "MISSED",
    "5.0 points short",
  ]);
  const none = atLeast("speed-up", 2, null, "×");
  assert.deepEqual([none.status, none.measured, none.margin], ["not measured", null, "–"]);
  assert.equal(atLeast("x", 2, NaN, "×").status, "not measured");
});

Deno.test("atMost: headroom when under the bar, how much over otherwise", () => {
  const met = atMost("slow-down", 10, 4);
  assert.deepEqual([met.status, met.wanted, met.margin], ["met", "≤ 10×", "2.5× headroom"]);
  const over = atMost("slow-down", 10, 15);
  assert.deepEqual([over.status, over.margin], ["MISSED", "50 % over: needs 1.5× faster"]);
  assert.equal(atMost("slow-down", 10, null).status, "not measured");
});
