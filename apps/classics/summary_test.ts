import assert from "node:assert/strict";
import { compactJson } from "./summary.ts";

Deno.test("compactJson: indented objects, arrays of numbers on one line", () => {
  const text = compactJson({ a: [1, 2.5, null, -3e-7], b: { c: "x" } });
  assert.deepEqual(JSON.parse(text), { a: [1, 2.5, null, -3e-7], b: { c: "x" } });
  assert.ok(text.includes('"a": [1,2.5,null,-3e-7]'), text);
  assert.ok(text.includes('\n  "c": "x"'), text);
});
