/**
 * The machine's scalar peak as V8 reaches it: a dot product with four
 * independent accumulators over two L1-resident float64 arrays. Two flops
 * (a multiply and an add) per element.
 *
 * @module
 */

import { summarize, type Summary } from "../harness/stats.ts";

function dot4(a: Float64Array, b: Float64Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < a.length; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  return s0 + s1 + s2 + s3;
}

/**
 * GFLOP/s of each trial, their summary, and the best (what "peak" means in the
 * report: the machine's best sustained rate, so shares of it are not flattered
 * by a slow moment).
 */
export interface Peak {
  /** GFLOP/s of every trial. */
  trials: number[];
  /** Their summary. */
  summary: Summary;
  /** The best trial. */
  best: number;
}

/**
 * GFLOP/s of `block(reps)`, which does `flopsPerRep` flops per rep: the reps are
 * calibrated to about `ms` milliseconds a block, then `trials` blocks are timed
 * (the caller warms up first).
 */
export function timeBlocks(
  block: (reps: number) => void,
  flopsPerRep: number,
  trials: number,
  ms: number,
): Peak {
  let reps = 1000;
  for (;;) {
    const t0 = performance.now();
    block(reps);
    const t = performance.now() - t0;
    if (t >= ms / 4) {
      reps = Math.max(1, Math.round((reps * ms) / t));
      break;
    }
    reps *= 4;
  }
  const results: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const t0 = performance.now();
    block(reps);
    results.push((flopsPerRep * reps) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return { trials: results, summary: summarize(results), best: Math.max(...results) };
}

/**
 * Measures the 4-accumulator dot product: a warm-up, then `trials` timed
 * blocks of about `ms` milliseconds each, over arrays of 1024 float64.
 */
export function measurePeak(trials = 7, ms = 150): Peak {
  const n = 1024;
  const a = new Float64Array(n).map((_, i) => Math.sin(i));
  const b = new Float64Array(n).map((_, i) => Math.cos(i));
  let sink = 0;
  const block = (reps: number) => {
    for (let k = 0; k < reps; k++) sink += dot4(a, b);
  };
  block(20_000);
  const peak = timeBlocks(block, 2 * n, trials, ms);
  if (sink === 42) console.log(""); // keep the work observable
  return peak;
}

/** Both measurements as one: every trial of each, the best of all. */
export function combinePeaks(before: Peak, after: Peak): Peak {
  const trials = [...before.trials, ...after.trials];
  return { trials, summary: summarize(trials), best: Math.max(...trials) };
}
