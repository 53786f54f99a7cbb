import assert from "node:assert/strict";
import { criterionLabel, describeSignature, int, pct, rankText } from "./format.ts";

Deno.test("int: whole numbers, thin groups of three from five digits", () => {
  assert.equal(int(558.4), "558");
  assert.equal(int(2825), "2825");
  assert.equal(int(16530), "16 530");
  assert.equal(int(NaN), "–");
});

Deno.test("pct and rankText: a rate or percentile with its interval", () => {
  assert.equal(pct(5.7, 3.25, 9), "5.7 % (3.3–9.0)");
  assert.equal(pct(0, 0, 0.5), "0 % (0–0.50)");
  assert.equal(rankText({ percentile: 76.4, low: 70.1, high: 81.9 }), "76 (70–82)");
  assert.equal(rankText(null), "–");
});

Deno.test("criterionLabel and describeSignature", () => {
  assert.equal(criterionLabel(1), "E/P < 0.01");
  // XOR rows 00, 01, 10, 11: two right, two at 0.5 — the paper's local minimum.
  assert.equal(describeSignature("R½R½"), "00, 10 right; 01, 11 at ≈ 0.5");
});
