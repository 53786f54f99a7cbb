/**
 * `@backprop/bench`: `deno task bench` and the pieces it is made of — the
 * statistics, the success criterion, the per-seed runner and its worker pool,
 * the speed measurements, the hand-fused limit, the brain.js reference and
 * the report writers. Only this package imports brain.js.
 *
 * @example The Wilson interval of 81 successes in 100 seeds
 * ```ts
 * import { wilson } from "@backprop/bench";
 * const { low, high } = wilson(81, 100);
 * console.log(low.toFixed(3), high.toFixed(3)); // 0.722 0.874
 * ```
 *
 * @module
 */

export { BenchUsageError, DEFAULT_OUT, HELP, parseBenchArgs } from "./args.ts";
export type { BenchArgs } from "./args.ts";
export {
  BRAIN_VERSION,
  BRAIN_ZERO_MOMENTUM,
  brainMismatch,
  timeBrain,
  trainBrain,
} from "./brain.ts";
export {
  type Agreement,
  type CaseResult,
  CONVERGENCE_CASES,
  type ConvergenceCase,
  type ConvergenceOptions,
  type EngineStats,
  QUICK_CASE_NAMES,
  runConvergence,
  withReference,
} from "./convergence.ts";
export {
  type Criterion,
  criterionFlag,
  DEFAULT_CRITERION,
  describeCriterion,
  outputsWithinHalf,
  parseCriterion,
} from "./criterion.ts";
export { teacherDataset } from "./data.ts";
export { engineSigma, type FusedResult, trainFusedXor } from "./fused.ts";
export { checkHeap, HEAP_NOISE_BYTES_PER_EPOCH, type HeapCheck, type HeapRun } from "./heap.ts";
export { cpuModel, describeMachine, type Machine, sourceDigest } from "./machine.ts";
export { measurePeak, type Peak } from "./peak.ts";
export {
  type CostModel,
  type CostPoint,
  fitLine,
  measureProfile,
  type Profile,
  type ProfileEngine,
  type SigmoidCost,
  xorRows,
} from "./profile.ts";
export { coreCount, type OnTaskDone, runSeedsInOrder, SeedPool } from "./pool.ts";
export {
  type BenchResults,
  computeTargets,
  markdownReport,
  type ProblemResult,
  type Target,
  writeCharts,
} from "./report.ts";
export { loadWords, TERMINAL_WIDTH, terminalReport, wrap } from "./terminal.ts";
export { checkResults, rerender, RerenderError, RESULTS_VERSION } from "./rerender.ts";
export { type Crossings, CrossingWatch } from "./first_met.ts";
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
export {
  datasetOf,
  prepareConfig,
  runSeed,
  SEED_IMPLS,
  type SeedImpl,
  type SeedResult,
  type SeedTask,
} from "./seed_run.ts";
export {
  BUDGETS,
  customSpeedProblem,
  flopsPerEpoch,
  measureSpeed,
  type SpeedBudget,
  type SpeedEngine,
  type SpeedProblem,
  speedProblems,
  type SpeedRow,
  type TimeToTarget,
} from "./speed.ts";
export { type Interval, percentile, summarize, type Summary, wilson, Z95 } from "./stats.ts";
export {
  type Bar,
  type BarChartOptions,
  barChartSvg,
  type HistogramOptions,
  type HistogramSeries,
  histogramSvg,
} from "./svg.ts";
