/**
 * Time-to-event statistics for "epochs (or sweeps) to target": every run
 * counts, and a run that did not get there by its cap is censored at the cap.
 *
 * All runs of a group share one cap and none is censored before it (a run that
 * diverged will never get there: it counts as not by the cap). The
 * Kaplan–Meier estimate then equals the empirical distribution of the times
 * with the failures placed at +∞, so its quantiles are the empirical ones over
 * all runs, and a quantile that falls among the failures is only known to be
 * "> cap".
 *
 * @module
 */

/** Quantiles of a time to an event over all runs; null: not reached by the cap. */
export interface TimeToEvent {
  /** Runs. */
  n: number;
  /** Runs that got there by the cap. */
  events: number;
  /** The cap every run had. */
  cap: number;
  /** 50th percentile, or null when more than half the runs did not get there. */
  median: number | null;
  /** 10th percentile, or null. */
  p10: number | null;
  /** 90th percentile, or null. */
  p90: number | null;
}

/**
 * The q-th percentile (q in [0, 100]) of `times`, each null (no event by the
 * cap) standing for a run that got there after the cap: the smallest time by
 * which at least q % of the runs had got there, i.e. the ⌈q·n/100⌉-th smallest
 * time (the smallest for q = 0): the Kaplan–Meier quantile when every run not
 * there is censored at the cap. Null when fewer runs got there, or no runs.
 *
 * @example
 * ```ts
 * import { censoredPercentile } from "./survival.ts";
 * censoredPercentile([10, 20, null, null], 25); // 10: one run in four by epoch 10
 * censoredPercentile([10, 20, null, null], 50); // 20
 * censoredPercentile([10, 20, null, null], 90); // null: "> cap"
 * ```
 */
export function censoredPercentile(times: readonly (number | null)[], q: number): number | null {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`q: ${q} must be in [0, 100]`);
  const sorted = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
  const n = times.length;
  if (n === 0) return null;
  // (q · n) / 100 rather than q / 100 · n: exact for whole q and n.
  const rank = Math.max(1, Math.ceil((q * n) / 100));
  return rank <= sorted.length ? sorted[rank - 1] : null;
}

/**
 * The median, p10 and p90 of the times of `n` runs that all had `cap`; null
 * marks a run that did not get there.
 *
 * @example
 * ```ts
 * import { timeToEvent } from "./survival.ts";
 * timeToEvent([5, 7, null], 100); // { n: 3, events: 2, cap: 100, median: 7, p10: 5, p90: null }
 * ```
 */
export function timeToEvent(times: readonly (number | null)[], cap: number): TimeToEvent {
  return {
    n: times.length,
    events: times.filter((t) => t !== null).length,
    cap,
    median: censoredPercentile(times, 50),
    p10: censoredPercentile(times, 10),
    p90: censoredPercentile(times, 90),
  };
}

/** A run as the convergence bench records it (see `SeedResult`). */
export interface RunOutcome {
  /** First epoch that met the criterion; null: none. */
  epochsToTarget: number | null;
  /** Epoch from which it stayed met through the end; null: the end fails it. */
  stableFrom: number | null;
}

/** The epochs of a group of runs as time-to-event statistics. */
export interface RunTimes {
  /** Epochs to the first epoch that meets the criterion. */
  first: TimeToEvent;
  /** Epoch from which it stays met to the end of the run. */
  stays: TimeToEvent;
  /** Runs that met it and then lost it at least once. */
  relapsed: number;
}

/**
 * {@linkcode RunTimes} of runs that all had `cap` epochs.
 *
 * @example
 * ```ts
 * import { runTimes } from "./survival.ts";
 * const runs = [{ epochsToTarget: 4, stableFrom: 7 }, { epochsToTarget: null, stableFrom: null }];
 * runTimes(runs, 100).relapsed; // 1
 * ```
 */
export function runTimes(runs: readonly RunOutcome[], cap: number): RunTimes {
  return {
    first: timeToEvent(runs.map((r) => r.epochsToTarget), cap),
    stays: timeToEvent(runs.map((r) => r.stableFrom), cap),
    relapsed: runs.filter((r) => r.epochsToTarget !== null && r.epochsToTarget !== r.stableFrom)
      .length,
  };
}

/** An epoch count, with spaces between thousands from 10 000 on. */
export function epochText(x: number): string {
  const s = Number.isInteger(x) ? String(x) : x.toFixed(1);
  return Math.abs(x) >= 10_000 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, " ") : s;
}

/**
 * A table cell: "median [p10, p90], n = N", with "> cap" for a quantile not
 * reached by the cap.
 *
 * @example
 * ```ts
 * import { showTimeToEvent, timeToEvent } from "./survival.ts";
 * showTimeToEvent(timeToEvent([5, 7, null], 100)); // "7 [5, > 100], n = 3"
 * ```
 */
export function showTimeToEvent(t: TimeToEvent, show: (x: number) => string = epochText): string {
  const q = (x: number | null) => (x === null ? `> ${show(t.cap)}` : show(x));
  return t.n === 0 ? "no runs" : `${q(t.median)} [${q(t.p10)}, ${q(t.p90)}], n = ${t.n}`;
}

/**
 * The "stays solved from" cell: "same" when no run lost the criterion after
 * first meeting it, else the quantiles and how many runs did.
 */
export function showStays(r: RunTimes): string {
  if (r.relapsed === 0) return "same as first";
  return `${showTimeToEvent(r.stays)}; ${r.relapsed} run${
    r.relapsed === 1 ? "" : "s"
  } lost it again`;
}
