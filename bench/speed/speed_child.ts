/**
 * One row of the speed bench in a process of its own: main.ts starts this
 * file once per engine and problem, so that no engine is timed in a process
 * that another one has shaped. V8 compiles a function for the kinds of values
 * it has met: after the float32 engine has run, the float64 engine's shared
 * code calls its kernels through polymorphic call sites (measured: 15 to 50 %
 * slower on XOR), and TF.js leaves a large heap behind it. A user's process
 * trains one engine in one dtype, and so does each of these.
 *
 * Usage: `deno run --allow-read --allow-env bench/speed/speed_child.ts SPEC`, SPEC a
 * JSON {@linkcode SpeedSpec}. The result is one line of stdout,
 * {@linkcode SPEED_RESULT_PREFIX} then the {@linkcode SpeedRow} as JSON.
 *
 * @module
 */

import { resolveConfig, type TrainConfig } from "@backprop/core";
import { loadAnyDataset } from "@backprop/cli-kit";
import {
  BUDGETS,
  customSpeedProblem,
  measureSpeed,
  type SpeedEngine,
  type SpeedProblem,
  speedProblems,
  type SpeedRow,
} from "./speed.ts";
import { runChild } from "../harness/_child.ts";

/** What one child is asked to time. */
export interface SpeedSpec {
  /** A problem of {@linkcode speedProblems}, by name, or "custom". */
  problem: string;
  /** The quick problem set and budget. */
  quick: boolean;
  /** The engine. */
  engine: SpeedEngine;
  /** The hand-written engine's epochs to target, for the estimate (see `measureSpeed`). */
  manualEpochs: number | null;
  /** For "custom": the configuration and its target loss. */
  custom?: { config: TrainConfig; target: number };
}

/** Starts the stdout line that carries the child's {@linkcode SpeedRow}. */
export const SPEED_RESULT_PREFIX = "speed-child-result ";

/** Starts the stdout line that carries the child's error, if it fails. */
export const SPEED_ERROR_PREFIX = "speed-child-error ";

/** The problem a spec names. */
export function specProblem(spec: SpeedSpec): SpeedProblem {
  if (spec.custom !== undefined) {
    const config = resolveConfig(spec.custom.config);
    return customSpeedProblem(config, loadAnyDataset(config.dataset), spec.custom.target);
  }
  const problem = speedProblems(spec.quick).find((p) => p.name === spec.problem);
  if (problem === undefined) {
    throw new RangeError(`problem: ${spec.problem} is not a speed problem`);
  }
  return problem;
}

/**
 * Times `spec.engine` on its problem in a child process and returns the row; a
 * child that fails gives an absent row with its error as the reason.
 */
export async function measureSpeedInChild(spec: SpeedSpec): Promise<SpeedRow> {
  const absent = (reason: string): SpeedRow => ({
    problem: spec.problem,
    engine: spec.engine,
    available: false,
    reason,
  });
  // A child that hangs (jax-js's wasm device waits on worker threads of its own, and was seen
  // to wait forever on a loaded machine) is killed and its row reported absent.
  const timeout = spec.quick ? 120_000 : 900_000;
  const output = await runChild(
    new URL(import.meta.url),
    ["--allow-read", "--allow-env"],
    spec,
    timeout,
  );
  if (typeof output === "string") return absent(`the child process failed: ${output}`);
  const stdout = new TextDecoder().decode(output.stdout);
  const lines = stdout.split("\n");
  const line = lines.find((l) => l.startsWith(SPEED_RESULT_PREFIX));
  const error = lines.find((l) => l.startsWith(SPEED_ERROR_PREFIX));
  if (error !== undefined) return absent(error.slice(SPEED_ERROR_PREFIX.length));
  if (line === undefined) {
    const stderr = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-3).join(" ");
    return absent(`the child process failed (exit ${output.code}): ${stderr}`);
  }
  return JSON.parse(line.slice(SPEED_RESULT_PREFIX.length));
}

/**
 * {@linkcode measureSpeedInChild} `processes` times, one process after another,
 * returning the row of the process whose median is the middle one, with every
 * process's median in `processMedians`. The small problems take this: how fast
 * V8's code for a 2-3-1 network turns out differs from one process to the next
 * by up to a quarter on this machine, more than the repetitions within one vary.
 */
export async function measureSpeedInProcesses(
  spec: SpeedSpec,
  processes: number,
): Promise<SpeedRow> {
  const rows: SpeedRow[] = [];
  for (let p = 0; p < processes; p++) rows.push(await measureSpeedInChild(spec));
  const timed = rows.filter((r) => r.available && r.usPerEpoch !== undefined);
  if (timed.length === 0) return rows[0];
  const medians = timed.map((r) => r.usPerEpoch!.median);
  const order = [...timed].sort((a, b) => a.usPerEpoch!.median - b.usPerEpoch!.median);
  return { ...order[(order.length - 1) >> 1], processMedians: medians };
}

if (import.meta.main) {
  try {
    const spec: SpeedSpec = JSON.parse(Deno.args[0]);
    const budget = spec.quick ? BUDGETS.quick : BUDGETS.full;
    const row = await measureSpeed(specProblem(spec), spec.engine, budget, spec.manualEpochs);
    console.log(SPEED_RESULT_PREFIX + JSON.stringify(row));
  } catch (error) {
    console.log(SPEED_ERROR_PREFIX + (error instanceof Error ? error.message : String(error)));
    Deno.exit(1);
  }
}
