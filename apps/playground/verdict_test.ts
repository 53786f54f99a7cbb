import assert from "node:assert/strict";
import { Agreement } from "./verdict.ts";

Deno.test("Agreement: within 1e-5 on a calm run", () => {
  const a = new Agreement();
  a.update([0.5, 0.4, 0.3], [0.500004, 0.400009], [0.5, 0.4, 0.3]);
  assert.equal(a.epochs, 2);
  assert.ok(a.agree);
  a.update([0.5, 0.4, 0.3], [0.500004, 0.400009, 0.30002], [0.5, 0.4, 0.3]);
  assert.equal(a.firstFailure, 3); // 2e-5 > 1e-5 with no float32 sensitivity
  assert.ok(!a.agree);
});

Deno.test("Agreement: the float32 sensitivity widens the tolerance, and never narrows it", () => {
  const a = new Agreement();
  // Float32 alone moved epoch 1 by 1e-3: TF.js may differ by up to 1e-5 + 1e-2 from then on.
  a.update([1, 0.5, 0.25], [1.005, 0.505, 0.2601], [1.001, 0.5, 0.25]);
  assert.deepEqual(a.tolerances.map((t) => +t.toFixed(8)), [0.01001, 0.01001, 0.01001]);
  assert.equal(a.firstFailure, 3);
});

Deno.test("Agreement: a NaN loss is a failure", () => {
  const a = new Agreement();
  a.update([0.5], [NaN], [0.5]);
  assert.equal(a.firstFailure, 1);
});
