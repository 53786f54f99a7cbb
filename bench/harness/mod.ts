/**
 * The bench's harness, shared with `apps/classics`: the machine a run was
 * measured on, the digest of the sources, the core count, and the statistics
 * (Wilson intervals, percentiles, summaries, time-to-event figures censored at
 * the cap).
 *
 * @example
 * ```ts
 * import { summarize, wilson } from "@backprop/bench/harness";
 * wilson(8, 10).low; // ≈ 0.49
 * summarize([1, 2, 3]).median; // 2
 * ```
 *
 * @module
 */

export { coreCount, cpuModel, describeMachine, type Machine, sourceDigest } from "./machine.ts";
export { type Interval, percentile, summarize, type Summary, wilson, Z95 } from "./stats.ts";
export { markdownTable } from "./markdown_table.ts";
export {
  censoredPercentile,
  epochText,
  type RunOutcome,
  type RunTimes,
  runTimes,
  showStays,
  showTimeToEvent,
  type TimeToEvent,
  timeToEvent,
} from "./survival.ts";
