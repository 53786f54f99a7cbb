import assert from "node:assert/strict";
import { columns, errorMessage, formatNumber, parseNumber, show } from "./_private.ts";

Deno.test("parseNumber: decimal numbers only", () => {
  for (const [text, n] of [["5", 5], ["-1", -1], ["+2", 2], ["0.05", 0.05], [".5", 0.5]] as const) {
    assert.equal(parseNumber(text), n);
  }
  assert.equal(parseNumber("1e-3"), 0.001);
  assert.equal(parseNumber("1."), 1);
  for (const text of ["", " ", "abc", "0x10", "1,5", "Infinity", "NaN", "1e", "--1"]) {
    assert.equal(parseNumber(text), undefined, text);
  }
});

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

Deno.test("errorMessage: one line from anything thrown", () => {
  assert.equal(errorMessage(new Error("a\n  b")), "a b");
  assert.equal(errorMessage("plain"), "plain");
});

Deno.test("columns: right-aligned, two spaces apart", () => {
  assert.deepEqual(columns([["x", "output"], ["10", "1"]]), [" x  output", "10       1"]);
});
