/**
 * `verifyEngine`: steps an engine through training and checks it, teacher-forced.
 *
 * At every step it checks the batch's rows against the shared `BatchSchedule`
 * and the update against the optimizer's formula applied to the engine's own
 * gradient and the state those gradients imply (`optimizer.ts`). At step 1, a
 * log-spaced sample of steps (2, 3, 5, 10, 20, 30, 50, 100, …) and the last,
 * it starts the float64 oracle (and TF.js, in float32) from the engine's
 * weights of that moment and compares that step's loss and every gradient
 * tensor. Each comparison starts afresh from the engine's state, so rounding
 * never compounds and the tolerances stay those of one step.
 *
 * @module
 */

import {
  BatchSchedule,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import type { Engine, StepRecord } from "./engine.ts";
import { nearestKink } from "./kink.ts";
import { loadOracle } from "./oracle.ts";
import { applyUpdate, initialState } from "./optimizer.ts";
import { gradientScale } from "./scale.ts";
import { batchOf, modelTensors, tensorInfo, withTensors } from "./tensors.ts";
import { TOLERANCES } from "./tolerance.ts";

/** One check over the whole run: its worst step and whether every step passed. */
export interface Check {
  /** e.g. `gradient W1 (oracle)`, `update b2`, `batch rows`. */
  name: string;
  /** What it compares against: `oracle`, `tfjs`, `schedule` or `optimizer`. */
  against: "oracle" | "tfjs" | "schedule" | "optimizer";
  /** The tensor compared, if one (`W1`, `b1`, …, `Ws`). */
  tensor?: string;
  /** The value at the worst step (largest value / tolerance). */
  value: number;
  /** The tolerance at that step. */
  tolerance: number;
  /** 1-based step of the worst margin. */
  worstStep: number;
  /** Steps compared. */
  steps: number;
  /** 1-based step of the first failure, or null. */
  firstFailure: number | null;
  /** Steps that failed (kinks excluded). */
  failures: number;
  /** Steps whose difference was excused as a kink (see `kink.ts`). */
  kinks: number;
  /** value ≤ tolerance at every compared step, kinks apart. */
  pass: boolean;
  /** Why the tolerance is what it is. */
  reason: string;
}

/** A kink met at a sampled step. */
export interface KinkNote {
  /** 1-based step. */
  step: number;
  /** `oracle` or `tfjs`: whose comparison it excused. */
  against: "oracle" | "tfjs";
  /** The unit: layer, unit, row in the batch, |z| relative to its terms. */
  layer: number;
  /** See `layer`. */
  unit: number;
  /** See `layer`. */
  row: number;
  /** See `layer`. */
  relative: number;
  /** The checks that would have failed there. */
  checks: string[];
}

/** Everything {@linkcode verifyEngine} found. */
export interface VerifyReport {
  /** The engine's name. */
  engine: string;
  /** The config it trained. */
  config: ResolvedConfig;
  /** The dataset's name and rows. */
  dataset: { name: string; rows: number };
  /** Steps (updates) taken, and epochs. */
  steps: number;
  /** See `steps`. */
  epochs: number;
  /** The steps compared against the oracle (and TF.js). */
  sampled: number[];
  /** TF.js's backend, or null when TF.js was not asked. */
  tfjs: string | null;
  /** Every check. */
  checks: Check[];
  /** Kinks met. */
  kinks: KinkNote[];
  /**
   * The first step whose weights, loss or gradients (the oracle's) were not finite:
   * the run diverged, and nothing is compared from there on. Null otherwise.
   */
  diverged: number | null;
  /** Whether every check passed. */
  pass: boolean;
}

/** Optional inputs of {@linkcode verifyEngine}. */
export interface VerifyOptions {
  /** Start here instead of `initModel(config, …)`. */
  initialModel?: ModelWeights;
  /** Also compare against TF.js on this backend (`cpu`, `wasm`, …); default none. */
  tfjs?: string | null;
}

/** Steps 1, 2, 3, 5, 10, 20, 30, 50, 100, … up to `total`. */
export function sampleSteps(total: number): number[] {
  const out: number[] = [];
  for (let decade = 1; decade <= total; decade *= 10) {
    for (const m of [1, 2, 3, 5]) if (m * decade <= total) out.push(m * decade);
  }
  return out;
}

interface Tally {
  check: Check;
  ratio: number;
}

/**
 * Trains `config` on `data` with `engine`, step by step, and checks every step
 * as the module doc says. Stops as a trainer does: after `config.epochs`
 * epochs, or after the epoch whose loss falls below `config.targetLoss` or is
 * not finite.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { manualEngine, verifyEngine } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed", epochs: 50 });
 * const report = await verifyEngine(config, loadDataset("xor"), manualEngine);
 * report.pass; // true
 * ```
 */
export async function verifyEngine(
  config: ResolvedConfig,
  data: Dataset,
  engine: Engine,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const oracle = await loadOracle();
  const tfjsBackend = options.tfjs ?? null;
  const tfjs = tfjsBackend === null ? null : await import("@backprop/tfjs");
  const start = options.initialModel ?? initModel(config, data.inputSize, data.outputSize);
  const info = tensorInfo(start);
  const stepper = engine.start(config, data, start);
  const schedule = new BatchSchedule(config, data.rows);
  const total = config.epochs * schedule.batches;
  const sample = new Set(sampleSteps(total));
  const tallies = new Map<string, Tally>();
  const kinks: KinkNote[] = [];
  const sampled: number[] = [];
  let diverged: number | null = null;

  const tally = (
    name: string,
    against: Check["against"],
    tensor: string | undefined,
    value: number,
    tolerance: number,
    step: number,
    reason: string,
    kinked = false,
  ): boolean => {
    let t = tallies.get(name);
    if (t === undefined) {
      const check: Check = {
        name,
        against,
        ...(tensor === undefined ? {} : { tensor }),
        value,
        tolerance,
        worstStep: step,
        steps: 0,
        firstFailure: null,
        failures: 0,
        kinks: 0,
        pass: true,
        reason,
      };
      t = { check, ratio: -1 };
      tallies.set(name, t);
    }
    const c = t.check;
    c.steps++;
    const ok = value <= tolerance; // false for NaN
    if (!ok && kinked) {
      c.kinks++;
      return false;
    }
    if (!ok) {
      c.failures++;
      c.firstFailure ??= step;
      c.pass = false;
    }
    const ratio = Number.isNaN(value) ? Infinity : value === 0 ? 0 : value / tolerance;
    if (ratio > t.ratio) {
      t.ratio = ratio;
      c.value = value;
      c.tolerance = tolerance;
      c.worstStep = step;
    }
    return ok;
  };

  // The teacher-forced comparison of one step, from the weights it started at.
  const compare = async (
    step: number,
    before: Float64Array[],
    rec: StepRecord,
    rows: Uint32Array,
  ) => {
    sampled.push(step);
    const model = withTensors(start, before);
    const batch = batchOf(data, rows);
    const kink = nearestKink(model, batch);
    const truth = oracle.step(config, model, before, batch);
    if (!allFinite(before) || !Number.isFinite(truth.loss) || !allFinite(truth.gradients)) {
      // Diverged (as a trainer would report it): nothing left to compare.
      diverged ??= step;
      return;
    }
    const scale = maxAbsAll(before);
    const failedAt: Record<"oracle" | "tfjs", string[]> = { oracle: [], tfjs: [] };
    const kinkFor = (against: "oracle" | "tfjs") =>
      kink !== null && kink.relative <= TOLERANCES[against].kink;
    const scales = gradientScale(config, model, batch);
    const lossDiff = Math.abs(rec.loss - truth.loss);
    // 0/0 for a loss of exactly 0 on both sides: no difference.
    const oracleLoss = lossDiff === 0 ? 0 : lossDiff / Math.max(Math.abs(truth.loss), scales.loss);
    if (
      !tally(
        "loss (oracle)",
        "oracle",
        undefined,
        oracleLoss,
        TOLERANCES.oracle.relative,
        step,
        TOLERANCES.oracle.reason,
        false,
      )
    ) failedAt.oracle.push("loss");
    info.forEach((t, i) => {
      const value = tensorError(rec.gradients[i], truth.gradients[i], scales.tensors[i]);
      const ok = tally(
        `gradient ${t.name} (oracle)`,
        "oracle",
        t.name,
        value,
        TOLERANCES.oracle.relative,
        step,
        TOLERANCES.oracle.reason,
        kinkFor("oracle"),
      );
      if (!ok) failedAt.oracle.push(`gradient ${t.name}`);
    });
    // float32 overflows at 3e38: past 1e30 TF.js has nothing to compare.
    const big = Math.max(scale, Math.abs(truth.loss), scales.loss, ...truth.gradients.map(maxAbs));
    if (tfjs !== null && big < 1e30) {
      const b = { ...config, batchSize: "full" as const };
      const tf = await tfjs.computeGradientsTfjs(b, batch, {
        model,
        backend: tfjsBackend as "cpu",
      });
      const tfGrads = tf.layers.flatMap((l) => start.useBias ? [l.weights, l.biases] : [l.weights]);
      if (tf.shortcut !== undefined) tfGrads.push(tf.shortcut);
      const gMax = Math.max(...truth.gradients.map(maxAbs), ...scales.tensors);
      const lossTol = TOLERANCES.tfjs.loss(Math.max(Math.abs(truth.loss), scales.loss), scale);
      if (
        !tally(
          "loss (tfjs)",
          "tfjs",
          undefined,
          Math.abs(tf.loss - truth.loss),
          lossTol,
          step,
          TOLERANCES.tfjs.reason,
          kinkFor("tfjs"),
        )
      ) failedAt.tfjs.push("loss");
      info.forEach((t, i) => {
        const ok = tally(
          `gradient ${t.name} (tfjs)`,
          "tfjs",
          t.name,
          maxAbsDiff(tfGrads[i], truth.gradients[i]),
          TOLERANCES.tfjs.gradient(gMax, scale),
          step,
          TOLERANCES.tfjs.reason,
          kinkFor("tfjs"),
        );
        if (!ok) failedAt.tfjs.push(`gradient ${t.name}`);
      });
    }
    for (const against of ["oracle", "tfjs"] as const) {
      if (failedAt[against].length > 0 && kinkFor(against)) {
        kinks.push({ step, against, ...kink!, checks: failedAt[against] });
      }
    }
  };

  let params = modelTensors(stepper.model());
  let state = initialState(config, params);
  let step = 0;
  let epochs = 0;
  let last: { step: number; before: Float64Array[]; rec: StepRecord; rows: Uint32Array } | null =
    null;
  for (let e = 0; e < config.epochs; e++) {
    schedule.nextEpoch();
    epochs++;
    let epochLoss = 0;
    for (let b = 0; b < schedule.batches; b++) {
      step++;
      const rows = schedule.order.slice(schedule.start(b), schedule.start(b) + schedule.size(b));
      const rec = stepper.step();
      const after = modelTensors(stepper.model());
      const wrongRows = countDifferent(rec.rows, rows);
      tally(
        "batch rows",
        "schedule",
        undefined,
        wrongRows,
        0,
        step,
        "the rows of each batch are those of the shared BatchSchedule, exactly",
      );
      if (rec.gradients.length !== info.length) {
        throw new TypeError(
          `${engine.name}: step ${step} returned ${rec.gradients.length} gradient tensors; ` +
            `expected ${info.length} (${info.map((t) => t.name).join(", ")})`,
        );
      }
      const weights = info.map((t) => t.name[0] === "W");
      const predicted = applyUpdate(config, params, rec.gradients, state, weights);
      const finite = allFinite(params) && allFinite(predicted.params);
      if (!finite) diverged ??= step;
      if (finite) {
        info.forEach((t, i) => {
          const { value, tolerance } = updateError(after[i], predicted.params[i], params[i]);
          tally(
            `update ${t.name}`,
            "optimizer",
            t.name,
            value,
            tolerance,
            step,
            TOLERANCES.update.reason,
          );
        });
      }
      if (sample.has(step)) await compare(step, params, rec, rows);
      last = { step, before: params, rec, rows };
      params = after;
      state = predicted.state;
      epochLoss += config.loss === "sse" ? rec.loss : rec.loss * rows.length / data.rows;
    }
    if (!(epochLoss >= config.targetLoss && epochLoss < Infinity)) break;
  }
  if (last !== null && !sample.has(last.step)) {
    await compare(last.step, last.before, last.rec, last.rows);
  }
  const checks = [...tallies.values()].map((t) => t.check);
  return {
    engine: engine.name,
    config,
    dataset: { name: data.name, rows: data.rows },
    steps: step,
    epochs,
    sampled,
    tfjs: tfjsBackend,
    checks,
    kinks,
    diverged,
    pass: checks.every((c) => c.pass),
  };
}

function allFinite(tensors: readonly Float64Array[]): boolean {
  return tensors.every((t) => t.every(Number.isFinite));
}

/**
 * max_i |a_i − b_i| relative to the tensor's rounding scale (see `scale.ts`; never
 * below its largest |b_i|).
 */
function tensorError(a: Float64Array, b: Float64Array, scale: number): number {
  if (a === undefined || a.length !== b.length) return Infinity;
  const d = maxAbsDiff(a, b);
  const m = Math.max(maxAbs(b), scale);
  return m === 0 ? d : d / m;
}

/**
 * The engine's new weights against the formula's: max |θ'_e − θ'_f|, allowed
 * 1e-10 of the largest step plus 4 ulps of the largest weight (the final
 * subtraction rounds θ' to its own ulp).
 */
function updateError(
  engine: Float64Array,
  formula: Float64Array,
  before: Float64Array,
): { value: number; tolerance: number } {
  if (engine === undefined || engine.length !== formula.length) {
    return { value: Infinity, tolerance: 0 };
  }
  let step = 0;
  for (let i = 0; i < before.length; i++) step = Math.max(step, Math.abs(formula[i] - before[i]));
  return {
    value: maxAbsDiff(engine, formula),
    tolerance: TOLERANCES.update.relative * step + 4 * Number.EPSILON * maxAbs(formula),
  };
}

function countDifferent(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function maxAbsAll(a: readonly Float64Array[]): number {
  return Math.max(0, ...a.map(maxAbs));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
}
