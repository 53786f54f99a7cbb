/**
 * The machine's SIMD limit as WebAssembly reaches it: the scalar peak's dot
 * product (`peak.ts`) with 128-bit lanes, f64x2 and f32x4, four independent
 * accumulators over two in-cache arrays (source: `simd_peak.wat`). Two flops (a
 * multiply and an add) per element. The report gives every GFLOP/s as a share of
 * this as well as of the scalar peak.
 *
 * @module
 */

import { combinePeaks, type Peak, timeBlocks } from "./peak.ts";
import { WASM_BYTES } from "./simd_peak_wasm.ts";

/** The f64x2 and f32x4 probes, each as a {@linkcode Peak}. */
export interface SimdPeak {
  /** f64x2 multiply-adds. */
  f64x2: Peak;
  /** f32x4 multiply-adds. */
  f32x4: Peak;
}

type Dot = (a: number, b: number, n: number, reps: number) => number;

function probe(dot: Dot, n: number, trials: number, ms: number): Peak {
  dot(0, 32768, n, 20_000); // warm-up
  return timeBlocks((reps) => dot(0, 32768, n, reps), 2 * n, trials, ms);
}

/**
 * Measures both probes: `trials` blocks of about `ms` milliseconds each, over
 * arrays of 1 024 float64 (8 KiB each) and 2 048 float32, as the scalar peak's
 * 1 024 float64. Null when this runtime has no WebAssembly SIMD.
 */
export function measureSimdPeak(trials = 7, ms = 150): SimdPeak | null {
  let exports: WebAssembly.Exports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(WASM_BYTES)).exports;
  } catch {
    return null;
  }
  const memory = exports.memory as WebAssembly.Memory;
  const f64 = new Float64Array(memory.buffer, 0, 8192);
  for (let k = 0; k < 1024; k++) f64[k] = Math.sin(k), f64[4096 + k] = Math.cos(k);
  const f64x2 = probe(exports.dotF64x2 as Dot, 1024, trials, ms);
  const f32 = new Float32Array(memory.buffer, 0, 16384);
  for (let k = 0; k < 2048; k++) f32[k] = Math.sin(k), f32[8192 + k] = Math.cos(k);
  const f32x4 = probe(exports.dotF32x4 as Dot, 2048, trials, ms);
  return { f64x2, f32x4 };
}

/** Both measurements as one: every trial of each, the best of all. */
export function combineSimdPeaks(before: SimdPeak | null, after: SimdPeak | null): SimdPeak | null {
  if (before === null || after === null) return before ?? after;
  return {
    f64x2: combinePeaks(before.f64x2, after.f64x2),
    f32x4: combinePeaks(before.f32x4, after.f32x4),
  };
}
