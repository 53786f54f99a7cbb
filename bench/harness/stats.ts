/**
 * The few statistics the benchmark reports: the Wilson score interval of a
 * success rate, percentiles by linear interpolation, and a median with spread.
 *
 * @module
 */

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal. */
export const Z95 = 1.959963984540054;

/** A proportion with its confidence interval, all in [0, 1]. */
export interface Interval {
  /** successes / trials (NaN when there are no trials). */
  rate: number;
  /** Lower bound of the interval. */
  low: number;
  /** Upper bound of the interval. */
  high: number;
}

/**
 * The Wilson score interval for `successes` out of `trials` at the given z
 * (default: 95 %). Unlike the normal approximation it stays inside [0, 1] and
 * is not degenerate at 0 or `trials` successes: with 100 of 100 it gives
 * [0.963, 1].
 *
 * centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 *
 * @example
 * ```ts
 * import { wilson } from "@backprop/bench/harness";
 * const { low, high } = wilson(81, 263); // low ≈ 0.2553, high ≈ 0.3662
 * ```
 */
export function wilson(successes: number, trials: number, z: number = Z95): Interval {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`trials: ${trials} must be an integer ≥ 0`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes: ${successes} must be an integer from 0 to ${trials}`);
  }
  if (trials === 0) return { rate: NaN, low: 0, high: 1 };
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 and n successes one bound is exactly 0 or 1; keep rounding from moving it.
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The q-th percentile (q in [0, 100]) of `values` by linear interpolation
 * between closest ranks (NumPy's default, "linear"): position (n − 1)·q/100 in
 * the sorted values. NaN for no values. Does not modify `values`.
 *
 * @example
 * ```ts
 * import { percentile } from "@backprop/bench/harness";
 * percentile([1, 2, 3, 4], 50); // 2.5
 * percentile([1, 2, 3, 4], 10); // 1.3
 * ```
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`q: ${q} must be in [0, 100]`);
  const sorted = Array.from(values).sort((a, b) => a - b);
  return percentileSorted(sorted, q);
}

function percentileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = ((n - 1) * q) / 100;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

/** Median, 10th and 90th percentiles, extremes and count of a sample. */
export interface Summary {
  /** Number of values. */
  n: number;
  /** 50th percentile. */
  median: number;
  /** 10th percentile. */
  p10: number;
  /** 90th percentile. */
  p90: number;
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
}

/**
 * Summarises a sample; every field is NaN (and n 0) when it is empty.
 *
 * @example
 * ```ts
 * import { summarize } from "@backprop/bench/harness";
 * summarize([3, 1, 2]).median; // 2
 * ```
 */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    median: percentileSorted(sorted, 50),
    p10: percentileSorted(sorted, 10),
    p90: percentileSorted(sorted, 90),
    min: n === 0 ? NaN : sorted[0],
    max: n === 0 ? NaN : sorted[n - 1],
  };
}
