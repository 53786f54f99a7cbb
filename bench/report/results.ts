/**
 * The bench's results as data (`latest.json`), and the number formatting
 * every part of the report shares.
 *
 * @module
 */

import type { CaseResult } from "../convergence/convergence.ts";
import type { HeapCheck } from "../heap/heap.ts";
import type { Machine } from "../harness/machine.ts";
import type { Peak } from "../speed/peak.ts";
import type { Profile } from "../speed/profile.ts";
import type { SpeedRow } from "../speed/speed.ts";

/** A speed problem as stored in the results. */
export interface ProblemResult {
  name: string;
  description: string;
  rows: number;
  layerSizes: number[];
  target: number;
  loss: string;
  flopsPerEpoch: number;
  matrixBound: boolean;
  rowsOfEngines: SpeedRow[];
}

/** One target of the issue, measured. */
export interface Target {
  /** What is wanted, in words. */
  name: string;
  /** The threshold, in words, e.g. "≥ 300×". */
  wanted: string;
  /** The measured value (null when not measured). */
  measured: number | null;
  /** How the value is shown: "×", "%" or "B/epoch". */
  unit: string;
  /** Met, missed, or not measured. */
  status: "met" | "MISSED" | "not measured";
  /** By how much, in words. */
  margin: string;
}

/** Everything one run measured. */
export interface BenchResults {
  /** Format version of this file. */
  format: "backprop-bench";
  /** 2: epochs to target checked epoch by epoch, with time-to-event figures (issue 15). */
  version: 2;
  /** The arguments given to the bench. */
  args: string[];
  /** `--quick`. */
  quick: boolean;
  /** Where it ran. */
  machine: Machine;
  /** Digest of the sources it ran. */
  source: { files: number; sha256: string };
  /** Settings in force. */
  settings: {
    seeds: number;
    tfjsSeeds: number;
    maxEpochs: number | null;
    tfjsMaxEpochs: number;
    criterion: string;
    workers: number;
  };
  /** Wall-clock seconds of each part. */
  seconds: { convergence: number; speed: number; total: number };
  /**
   * Load averages (1, 5, 15 min) when the speed part (which runs first) began
   * and ended; null when unknown.
   */
  load: { beforeSpeed: number[] | null; afterSpeed: number[] | null };
  /** Convergence cases, or null when not run. */
  convergence: CaseResult[] | null;
  /** Parallelism of the convergence bench: the pool's wall time vs the sum of per-seed times. */
  parallel: { workers: number; wallMs: number; sumOfSeedMs: number; speedup: number } | null;
  /** Speed problems, or null when not run. */
  speed: ProblemResult[] | null;
  /** The scalar peak. */
  peak: Peak | null;
  /** Where the time goes on small networks (not run for a custom configuration). */
  profile: Profile | null;
  /** The allocation check. */
  heap: HeapCheck[] | null;
  /** The targets table. */
  targets: Target[];
}

// ---------------------------------------------------------------- formatting

/** A number with about 3 significant digits, thousands unseparated. */
export function num(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  if (a >= 10 ** digits) return x.toFixed(0);
  return Number(x.toPrecision(digits)).toString();
}

export function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "–";
}

/** Milliseconds or seconds, whichever reads better. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** A file-name-safe form of a name: `parity:3` → `parity-3`. */
export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, "-");
}

export function speedRow(
  results: BenchResults,
  problem: string,
  engine: string,
): SpeedRow | undefined {
  return results.speed?.find((p) => p.name === problem)?.rowsOfEngines.find((r) =>
    r.engine === engine && r.available
  );
}
