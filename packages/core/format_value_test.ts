import assert from "node:assert/strict";
import { formatValue } from "./format_value.ts";

Deno.test("formatValue: numbers and booleans bare, the rest as JSON, the unwritable as text", () => {
  assert.equal(formatValue(-1), "-1");
  assert.equal(formatValue(NaN), "NaN");
  assert.equal(formatValue(true), "true");
  assert.equal(formatValue("abc"), '"abc"');
  assert.equal(formatValue([4, 0]), "[4,0]");
  assert.equal(formatValue({ a: 1 }), '{"a":1}');
  assert.equal(formatValue(undefined), "undefined");
  assert.equal(formatValue(10n), "10"); // JSON cannot write a bigint
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.equal(formatValue(cycle), "[object Object]");
});
