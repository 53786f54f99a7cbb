/**
 * The profile behind the speed targets: where an epoch's time goes on small
 * networks. Each engine trains the `seed` network (2-3-1 sigmoid, no biases,
 * ½·SSE, full-batch SGD) on XOR's 4 rows repeated up to R = 4 … 256 rows, and
 * its time per epoch is fitted as t(R) = fixed + R · perRow (least squares):
 * `fixed` is what one optimizer step costs whatever the batch (calls, loop
 * set-up, the update), `perRow` what each row adds (arithmetic and σ). XOR
 * itself is R = 4, where the fixed cost weighs most. σ is timed on its own too.
 *
 * @module
 */

import {
  type Dataset,
  datasetFromRows,
  initModel,
  loadDataset,
  resolveConfig,
  type ResolvedConfig,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { engineSigma, trainFusedXor } from "./fused.ts";
import { summarize } from "../harness/stats.ts";

/** An engine the profile fits. */
export type ProfileEngine = "manual-f64" | "fused-limit" | "tfjs-cpu";

/** The time per epoch at one batch size. */
export interface CostPoint {
  /** Rows in the (full) batch. */
  rows: number;
  /** Median µs per epoch over the timed repetitions. */
  usPerEpoch: number;
}

/** t(R) = fixedUs + R · perRowUs, fitted to an engine's points. */
export interface CostModel {
  /** The engine. */
  engine: ProfileEngine;
  /** The measured points, by increasing rows. */
  points: CostPoint[];
  /** Cost of one step that does not depend on the rows, µs (the intercept). */
  fixedUs: number;
  /** Cost of each row, µs (the slope). */
  perRowUs: number;
}

/** ns per σ value, computed over an array of 1 024 arguments in [−5, 5). */
export interface SigmoidCost {
  /** The engine's σ (`engineSigma`, its arithmetic written out as the fused loop uses it). */
  engine: number;
  /** 1 / (1 + Math.exp(−z)). */
  mathExp: number;
}

/** What {@linkcode measureProfile} returns. */
export interface Profile {
  /** One fitted model per engine that could run. */
  models: CostModel[];
  /** σ on its own. */
  sigmoid: SigmoidCost;
}

/**
 * The line t ≈ fixed + slope · rows through `points` that minimises the squared
 * *relative* errors, Σ ((t − fixed − slope · rows) / t)²: weighted least squares
 * with weights 1 / t², so that the 4-row point, whose time is mostly the fixed
 * cost, counts as much as the 256-row one (a plain fit would let the largest
 * time decide the intercept).
 *
 * @example
 * ```ts
 * import { fitLine } from "./profile.ts";
 * fitLine([{ rows: 4, usPerEpoch: 3 }, { rows: 8, usPerEpoch: 5 }]); // { fixed: 1, slope: 0.5 }
 * ```
 */
export function fitLine(points: readonly CostPoint[]): { fixed: number; slope: number } {
  const n = points.length;
  if (n < 2) throw new RangeError(`fitLine: ${n} points are not allowed; needs at least 2`);
  let sw = 0, sx = 0, sy = 0;
  for (const p of points) {
    const w = 1 / p.usPerEpoch ** 2;
    sw += w, sx += w * p.rows, sy += w * p.usPerEpoch;
  }
  const mx = sx / sw, my = sy / sw;
  let sxx = 0, sxy = 0;
  for (const p of points) {
    const w = 1 / p.usPerEpoch ** 2;
    sxx += w * (p.rows - mx) ** 2;
    sxy += w * (p.rows - mx) * (p.usPerEpoch - my);
  }
  if (sxx === 0) throw new RangeError("fitLine: the points need at least two batch sizes");
  const slope = sxy / sxx;
  return { fixed: my - slope * mx, slope };
}

/** XOR's four rows repeated `rows / 4` times (rows: a multiple of 4). */
export function xorRows(rows: number): Dataset {
  const xor = loadDataset("xor");
  if (rows === 4) return xor;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const s = r % 4;
    inputs.push([xor.inputs[2 * s], xor.inputs[2 * s + 1]]);
    targets.push([xor.targets[s]]);
  }
  return datasetFromRows(`xor×${rows / 4}`, inputs, targets);
}

type Run = (config: ResolvedConfig, data: Dataset) => Promise<unknown>;

async function runnerOf(engine: ProfileEngine): Promise<Run | null> {
  switch (engine) {
    case "manual-f64":
      return (config, data) => Promise.resolve(trainManual(config, data));
    case "fused-limit":
      return (config, data) =>
        Promise.resolve(
          trainFusedXor(initModel(config, 2, 1), data, config.learningRate, config.epochs, 0),
        );
    case "tfjs-cpu": {
      try {
        const { trainTfjs, loadBackend } = await import("@backprop/tfjs");
        await loadBackend("cpu");
        return (config, data) => trainTfjs(config, data, { backend: "cpu" });
      } catch {
        return null;
      }
    }
  }
}

/** Median µs per epoch: a warm-up of about `ms`, then `reps` runs of about `ms` each. */
async function timePoint(run: Run, data: Dataset, reps: number, ms: number): Promise<number> {
  const config = resolveConfig({ preset: "seed", epochs: 1, targetLoss: 0 });
  let epochs = 1;
  let perEpoch = Infinity;
  for (let spent = 0; spent < ms;) {
    const t0 = performance.now();
    await run({ ...config, epochs }, data);
    const took = performance.now() - t0;
    spent += took;
    perEpoch = took / epochs;
    if (took < ms / 4) epochs = Math.min(epochs * 4, Math.max(1, Math.ceil(ms / 4 / perEpoch)));
  }
  epochs = Math.max(1, Math.round(ms / perEpoch));
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await run({ ...config, epochs }, data);
    times.push((performance.now() - t0) * 1000 / epochs);
  }
  return summarize(times).median;
}

function sigmoidCost(): SigmoidCost {
  const z = new Float64Array(1024);
  for (let i = 0; i < z.length; i++) z[i] = (i - 512) / 102.4;
  const out = new Float64Array(1024);
  // One loop per σ (not one loop calling either), so each is compiled for its own.
  const engine = () => {
    for (let i = 0; i < 1024; i++) out[i] = engineSigma(z[i]);
  };
  const library = () => {
    for (let i = 0; i < 1024; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
  };
  const best = (f: () => void) => {
    let ns = Infinity;
    for (let trial = 0; trial < 15; trial++) {
      const t0 = performance.now();
      for (let k = 0; k < 200; k++) f();
      ns = Math.min(ns, (performance.now() - t0) * 1e6 / (200 * 1024));
    }
    return ns;
  };
  best(engine), best(library); // warm-up
  return { engine: best(engine), mathExp: best(library) };
}

/**
 * Measures the profile: each engine at every batch size of `rows`, `reps` runs
 * of about `ms` each (TF.js only at the smallest and largest, a step there
 * costing as much as thousands of the others'); `onEngine` hears of each engine
 * as it starts. Engines that cannot run here (TF.js missing) are left out.
 */
export async function measureProfile(
  options: {
    rows?: readonly number[];
    reps?: number;
    ms?: number;
    noTfjs?: boolean;
    onEngine?: (engine: ProfileEngine) => void;
  } = {},
): Promise<Profile> {
  const rows = options.rows ?? [4, 16, 64, 256];
  const reps = options.reps ?? 5;
  const ms = options.ms ?? 150;
  const models: CostModel[] = [];
  const engines: ProfileEngine[] = ["manual-f64", "fused-limit"];
  if (!options.noTfjs) engines.push("tfjs-cpu");
  for (const engine of engines) {
    const run = await runnerOf(engine);
    if (run === null) continue;
    options.onEngine?.(engine);
    const sizes = engine === "tfjs-cpu" ? [rows[0], rows[rows.length - 1]] : rows;
    // A first pass at the smallest size, thrown away: a process's first runs of an engine
    // include V8 compiling its loops, which the first point would otherwise carry.
    await timePoint(run, xorRows(sizes[0]), reps, 2 * ms);
    const points: CostPoint[] = [];
    for (const r of sizes) {
      points.push({ rows: r, usPerEpoch: await timePoint(run, xorRows(r), reps, ms) });
    }
    const { fixed, slope } = fitLine(points);
    models.push({ engine, points, fixedUs: fixed, perRowUs: slope });
  }
  return { models, sigmoid: sigmoidCost() };
}
