import assert from "node:assert/strict";
import { combineSimdPeaks, measureSimdPeak } from "./simd_peak.ts";

Deno.test("measureSimdPeak: both probes run and give positive rates", () => {
  const peak = measureSimdPeak(2, 5);
  assert.ok(peak !== null, "Deno has WebAssembly SIMD");
  for (const p of [peak.f64x2, peak.f32x4]) {
    assert.equal(p.trials.length, 2);
    assert.ok(p.best > 0 && p.best === Math.max(...p.trials));
  }
  const both = combineSimdPeaks(peak, peak)!;
  assert.equal(both.f64x2.trials.length, 4);
  assert.equal(combineSimdPeaks(null, peak), peak);
});
