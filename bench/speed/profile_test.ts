import assert from "node:assert/strict";
import { loadDataset } from "@backprop/core";
import { fitLine, measureProfile, xorRows } from "./profile.ts";

Deno.test("fitLine: exact on a line, and weighs small and large times alike", () => {
  const line = [4, 16, 64, 256].map((rows) => ({ rows, usPerEpoch: 0.2 + 0.05 * rows }));
  const { fixed, slope } = fitLine(line);
  // Rounding only: the points lie on the line.
  assert.ok(Math.abs(fixed - 0.2) < 1e-12 && Math.abs(slope - 0.05) < 1e-14, `${fixed} ${slope}`);
  // 10 % off at 256 rows moves the intercept far less than a plain least-squares fit would.
  const off = line.map((p) => p.rows === 256 ? { ...p, usPerEpoch: p.usPerEpoch * 1.1 } : p);
  const fit = fitLine(off);
  assert.ok(Math.abs(fit.fixed - 0.2) < 0.05, `fixed ${fit.fixed}`);
  assert.throws(() => fitLine(line.slice(0, 1)), RangeError);
  assert.throws(() => fitLine([line[0], line[0]]), RangeError);
});

Deno.test("xorRows: XOR's rows in order, repeated", () => {
  const xor = loadDataset("xor");
  assert.deepEqual(xorRows(4), xor);
  const d = xorRows(12);
  assert.equal(d.rows, 12);
  assert.deepEqual([...d.inputs], [...xor.inputs, ...xor.inputs, ...xor.inputs]);
  assert.deepEqual([...d.targets], [...xor.targets, ...xor.targets, ...xor.targets]);
});

Deno.test("measureProfile: a model per engine from its points, σ timed", async () => {
  const profile = await measureProfile({ rows: [4, 16], reps: 1, ms: 5, noTfjs: true });
  assert.deepEqual(profile.models.map((m) => m.engine), ["manual-f64", "fused-limit"]);
  for (const m of profile.models) {
    assert.deepEqual(m.points.map((p) => p.rows), [4, 16]);
    assert.ok(m.points.every((p) => p.usPerEpoch > 0));
    // Two points: the fitted line goes through both.
    for (const p of m.points) {
      const t = m.fixedUs + p.rows * m.perRowUs;
      assert.ok(Math.abs(t - p.usPerEpoch) <= 1e-9 * p.usPerEpoch, `${m.engine} at ${p.rows}`);
    }
  }
  assert.ok(profile.sigmoid.engine > 0 && profile.sigmoid.mathExp > 0);
});
