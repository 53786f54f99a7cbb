/**
 * What every part of the classics report shares: the context of a run and
 * the number formatting.
 *
 * @module
 */

import { loadNamedDataset } from "@backprop/core";
import {
  type ClassicsResults,
  CRITERIA,
  type Group,
  PRIMARY_CRITERION,
  type Variant,
} from "./experiments.ts";
import { rowsIn } from "./stats.ts";
import type { Machine } from "@backprop/bench/harness";
import type { Summary } from "@backprop/bench/harness";
import { showTimeToEvent, timeToEvent } from "@backprop/bench/harness";

/** Where and from what code the report was made. */
export interface ReportContext {
  /** The command line that made the report, e.g. `deno task classics --seeds 300`. */
  command: string;
  /** The machine. */
  machine: Machine;
  /** The source digest (see `sourceDigest`). */
  source: { files: number; sha256: string };
}

// ---------------------------------------------------------------- formatting

export function int(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const s = Math.round(x).toString();
  return s.length > 4 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, " ") : s;
}

export function spread(s: Summary): string {
  return s.n === 0 ? "–" : `${int(s.median)} (${int(s.p10)}–${int(s.p90)})`;
}

/**
 * Sweeps to criterion `c` over all runs of a group, censored at its cap:
 * "median [p10, p90], n = …, ≤ cap" ("> cap" where a quantile is not reached).
 */
export function sweepsCell(g: Group, c: number = PRIMARY_CRITERION): string {
  const times = g.runs.map((r) => r.crossings[c]);
  return `${showTimeToEvent(timeToEvent(times, g.maxEpochs), int)}, ≤ ${int(g.maxEpochs)}`;
}

/** How {@linkcode sweepsCell}'s figures are summarised, in words. */
export const SWEEPS_NOTE: string =
  "median [10th, 90th percentile] over all n runs: the first sweep by which half (a tenth, " +
  "nine tenths) of the runs had met the criterion, a run not solved within its cap (≤ cap) " +
  'counting as slower than the cap ("> cap" where fewer runs had).';

export function pct(rate: number, low: number, high: number): string {
  const f = (
    x: number,
  ) => (x === 0 ? "0" : x < 1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : x.toFixed(0));
  return `${f(rate)} % (${f(low)}–${f(high)})`;
}

export function rankText(rank: { percentile: number; low: number; high: number } | null): string {
  if (rank === null || !Number.isFinite(rank.percentile)) return "–";
  return `${rank.percentile.toFixed(0)} (${rank.low.toFixed(0)}–${rank.high.toFixed(0)})`;
}

export function criterionLabel(c: number): string {
  return `E/P < ${CRITERIA[c]}`;
}

/** The rows named by a signature: "01, 10 right; 00, 11 at 0.5". */
export function describeSignature(sig: string): string {
  const parts: string[] = [];
  const right = rowsIn(sig, "R"), half = rowsIn(sig, "½"), wrong = rowsIn(sig, "W");
  const between = rowsIn(sig, "~");
  if (right.length) parts.push(`${right.join(", ")} right`);
  if (half.length) parts.push(`${half.join(", ")} at ≈ 0.5`);
  if (between.length) parts.push(`${between.join(", ")} on the right side, not near the target`);
  if (wrong.length) parts.push(`${wrong.join(", ")} wrong`);
  return parts.join("; ");
}

export function variantsOf(results: ClassicsResults): Variant[] {
  return results.experiments.flatMap((e) => e.variants);
}

export function targetsOf(variant: Variant): Float64Array {
  return loadNamedDataset(variant.dataset).targets;
}

/** The chart file of an experiment. */
export function chartName(experiment: string): string {
  return `classics-${experiment}.svg`;
}
