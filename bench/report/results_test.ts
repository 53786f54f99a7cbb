import assert from "node:assert/strict";
import { duration, num, pct, slug } from "./results.ts";

Deno.test("num: about 3 significant digits, – for no value", () => {
  assert.equal(num(1234.5), "1235");
  assert.equal(num(0.012345), "0.0123");
  assert.equal(num(2.5e-5), "2.50e-5");
  assert.equal(num(3e7), "3.00e+7");
  assert.equal(num(0), "0");
  assert.equal(num(null), "–");
  assert.equal(num(NaN), "–");
  assert.equal(num(-Infinity), "−∞");
});

Deno.test("pct, duration and slug", () => {
  assert.equal(pct(0.8125), "81.3 %");
  assert.equal(pct(NaN), "–");
  assert.equal(duration(0.25), "250 µs");
  assert.equal(duration(12.5), "12.5 ms");
  assert.equal(duration(1500), "1.50 s");
  assert.equal(duration(65_000), "65.0 s");
  assert.equal(slug("parity:3 (4 rows)"), "parity-3-4-rows-");
});
