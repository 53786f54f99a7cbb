import assert from "node:assert/strict";
import { columns, formatNumber, show } from "./_private.ts";

Deno.test("show: numbers and booleans bare, the rest as JSON", () => {
  assert.equal(show(-1), "-1");
  assert.equal(show(true), "true");
  assert.equal(show("abc"), `"abc"`);
  assert.equal(show([4, 0]), "[4,0]");
  assert.equal(show(undefined), "undefined");
});

Deno.test("formatNumber: four significant digits, exponent when tiny", () => {
  assert.equal(formatNumber(0.0123456), "0.01235");
  assert.equal(formatNumber(2000), "2000");
  assert.equal(formatNumber(1.23456e-5), "1.235e-5");
  assert.equal(formatNumber(1e-8), "1e-8");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(-Infinity), "-Infinity");
});

Deno.test("columns: right-aligned, two spaces apart", () => {
  assert.deepEqual(columns([["x", "output"], ["10", "1"]]), [" x  output", "10       1"]);
});
