/**
 * The statistics of the classics suite, as pure functions on plain numbers so
 * that they can be checked on small made-up inputs: where a published single
 * figure falls in our distribution, when a run first met a criterion, when a
 * stuck run reached its plateau, what its final outputs look like (the
 * "signature" that identifies Rumelhart, Hinton & Williams' local minimum),
 * and a least-squares line.
 *
 * @module
 */

import { type Interval, wilson } from "@backprop/bench/harness";

/** Where a value falls in a sample. */
export interface PercentileRank {
  /** Sample values below the value. */
  below: number;
  /** Sample values equal to it. */
  ties: number;
  /** Sample size. */
  n: number;
  /** 100 · (below + ties / 2) / n: the value's mid-rank percentile (NaN for no values). */
  percentile: number;
  /**
   * A 95 % interval for the share of runs that would come out faster than the
   * value, in percent: Wilson's interval of `below` / n for its lower end and of
   * (below + ties) / n for its upper end.
   */
  low: number;
  /** See {@linkcode low}. */
  high: number;
}

/**
 * The mid-rank percentile of `value` within `sample`, with a 95 % Wilson
 * interval: "the published run was faster than p % of ours".
 *
 * @example
 * ```ts
 * import { percentileRank } from "./stats.ts";
 * percentileRank(3, [1, 2, 3, 4]).percentile; // 62.5: two below, one tie, of four
 * ```
 */
export function percentileRank(value: number, sample: ArrayLike<number>): PercentileRank {
  let below = 0;
  let ties = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] < value) below++;
    else if (sample[i] === value) ties++;
  }
  const n = sample.length;
  if (n === 0) return { below, ties, n, percentile: NaN, low: 0, high: 100 };
  return {
    below,
    ties,
    n,
    percentile: (100 * (below + ties / 2)) / n,
    low: 100 * wilson(below, n).low,
    high: 100 * wilson(below + ties, n).high,
  };
}

/**
 * For each threshold, the first 1-based epoch whose loss is below it (`loss <
 * threshold`, as the engines' target-loss stop is), or null when none is.
 *
 * @example
 * ```ts
 * import { firstBelow } from "./stats.ts";
 * firstBelow([0.5, 0.3, 0.05, 0.01], [0.1, 0.02, 0.001]); // [3, 4, null]
 * ```
 */
export function firstBelow(
  losses: ArrayLike<number>,
  thresholds: readonly number[],
): (number | null)[] {
  return thresholds.map((t) => {
    for (let e = 0; e < losses.length; e++) if (losses[e] < t) return e + 1;
    return null;
  });
}

/**
 * The 1-based epoch from which the loss stays within `relative` (default 1 %)
 * of its last value: when a run that ends stuck reached its plateau. 1 when
 * the whole curve is within it; NaN for an empty curve or a non-finite end.
 *
 * @example
 * ```ts
 * import { plateauEpoch } from "./stats.ts";
 * plateauEpoch([1, 0.6, 0.3, 0.251, 0.25, 0.25]); // 4
 * ```
 */
export function plateauEpoch(losses: ArrayLike<number>, relative = 0.01): number {
  const n = losses.length;
  if (n === 0) return NaN;
  const end = losses[n - 1];
  if (!Number.isFinite(end)) return NaN;
  const band = relative * Math.abs(end);
  let e = n - 1;
  while (e > 0 && Math.abs(losses[e - 1] - end) <= band) e--;
  return e + 1;
}

/**
 * How one output ended, relative to its target and to 0.5:
 * - `R` right: within {@linkcode SIGNATURE_BANDS}.right of the target;
 * - `½` at one half: within {@linkcode SIGNATURE_BANDS}.half of 0.5;
 * - `W` wrong: on the wrong side of 0.5 (and not near 0.5);
 * - `~` in between: on the right side but not yet near the target.
 */
export type OutputState = "R" | "½" | "W" | "~";

/** The bands of {@linkcode OutputState}. */
export const SIGNATURE_BANDS: { readonly right: number; readonly half: number } = {
  right: 0.2,
  half: 0.1,
};

/**
 * The state of each output (targets 0 or 1), in row order: the "signature" of
 * a run's final weights.
 *
 * @example
 * ```ts
 * import { signature } from "./stats.ts";
 * signature([0.02, 0.5, 0.97, 0.49], [0, 1, 1, 0]); // "R½R½"
 * ```
 */
export function signature(outputs: ArrayLike<number>, targets: ArrayLike<number>): string {
  let text = "";
  for (let i = 0; i < outputs.length; i++) {
    const o = outputs[i];
    const t = targets[i];
    let state: OutputState;
    if (Math.abs(o - t) < SIGNATURE_BANDS.right) state = "R";
    else if (Math.abs(o - 0.5) < SIGNATURE_BANDS.half) state = "½";
    else if (Math.abs(o - t) > 0.5 || !Number.isFinite(o)) state = "W";
    else state = "~";
    text += state;
  }
  return text;
}

/**
 * Whether a signature is the local minimum Rumelhart, Hinton & Williams
 * describe for XOR on 2-2-1: two patterns right and the other two at 0.5.
 *
 * @example
 * ```ts
 * import { isRhwMinimum } from "./stats.ts";
 * isRhwMinimum("R½R½"); // true
 * isRhwMinimum("R~~~"); // false
 * ```
 */
export function isRhwMinimum(sig: string): boolean {
  const states = [...sig];
  return states.length === 4 && states.filter((s) => s === "R").length === 2 &&
    states.filter((s) => s === "½").length === 2;
}

/**
 * The rows (0-based) a signature marks with `state`, as the XOR input pairs
 * `00`, `01`, `10`, `11` when there are four rows, else as row numbers.
 *
 * @example
 * ```ts
 * import { rowsIn } from "./stats.ts";
 * rowsIn("R½R½", "½"); // ["01", "11"]
 * ```
 */
export function rowsIn(sig: string, state: OutputState): string[] {
  const states = [...sig];
  const names = states.length === 4 ? ["00", "01", "10", "11"] : states.map((_, i) => String(i));
  return names.filter((_, i) => states[i] === state);
}

/** A straight line y = a + b·x fitted by least squares. */
export interface Line {
  /** Intercept. */
  a: number;
  /** Slope. */
  b: number;
}

/**
 * Least-squares line through the points (x[i], y[i]); NaN coefficients for
 * fewer than two distinct x.
 *
 * @example
 * ```ts
 * import { fitLine } from "./stats.ts";
 * fitLine([1, 2, 3], [247, 214, 181]); // { a: 280, b: -33 }
 * ```
 */
export function fitLine(x: readonly number[], y: readonly number[]): Line {
  const n = Math.min(x.length, y.length);
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(sxx > 0)) return { a: NaN, b: NaN };
  const b = sxy / sxx;
  return { a: my - b * mx, b };
}

/**
 * A rate with its 95 % Wilson interval, as percentages.
 *
 * @example
 * ```ts
 * import { ratePercent } from "./stats.ts";
 * ratePercent(2, 300).rate; // 0.667 (%)
 * ```
 */
export function ratePercent(count: number, n: number): Interval {
  const w = wilson(count, n);
  return { rate: 100 * w.rate, low: 100 * w.low, high: 100 * w.high };
}
