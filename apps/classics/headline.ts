/**
 * The headline of the classics report: per variant, the published figure beside
 * our distribution.
 *
 * @module
 */

import {
  agreement,
  type ClassicsResults,
  criterionStats,
  failureKinds,
  findGroup,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  type Variant,
} from "./experiments.ts";
import { percentileRank, ratePercent } from "./stats.ts";
import { summarize } from "@backprop/bench/harness";
import { int, pct, rankText, spread, sweepsCell, targetsOf, variantsOf } from "./format.ts";

// ---------------------------------------------------------------- headline

/** One row of the headline table, as plain data. */
export interface HeadlineRow {
  /** The variant. */
  variant: string;
  /** The published figure, in words. */
  published: string;
  /** The network and learning rate. */
  network: string;
  /** Runs of the primary setting. */
  runs: number;
  /** What we measured, in words (sweeps, or a local-minimum rate). */
  ours: string;
  /** Where the published figure falls, in words. */
  percentile: string;
  /** The failure rate with its interval. */
  failures: string;
  /** The TF.js comparison, in words. */
  tfjs: string;
}

/** The headline rows: each published figure beside our primary setting's distribution. */
export function headlineRows(results: ClassicsResults): HeadlineRow[] {
  const rows: HeadlineRow[] = [];
  for (const v of variantsOf(results)) {
    const g = findGroup(results, v.id, PRIMARY_SETTING);
    if (g === undefined) continue;
    const t = findGroup(results, v.id, PRIMARY_SETTING, "tfjs");
    const p = v.published;
    const stats = criterionStats(g, PRIMARY_CRITERION, p.kind === "sweeps" ? p.sweeps : null);
    const tfjs = t === undefined ? "not run" : (() => {
      const a = agreement(t, g);
      return `${a.same}/${a.seeds} seeds same outcome as ours under its cap; ${
        sweepsCell(t)
      } sweeps`;
    })();
    const failures = pct(stats.failure.rate, stats.failure.low, stats.failure.high);
    if (p.kind === "sweeps") {
      rows.push({
        variant: v.id,
        published: p.text,
        network: v.label,
        runs: stats.n,
        ours: `${sweepsCell(g)} sweeps`,
        percentile: rankText(stats.rank),
        failures,
        tfjs,
      });
    } else {
      const kinds = failureKinds(g, targetsOf(v));
      const rhw = kinds.filter((k) => k.rhw);
      const count = rhw.reduce((n, k) => n + k.seeds.length, 0);
      const rate = ratePercent(count, g.runs.length);
      const plateaus = rhw.flatMap((k) => k.plateaus);
      const ours = `local minimum (2 right, 2 at 0.5) in ${count}/${g.runs.length} runs: ` +
        pct(rate.rate, rate.low, rate.high) +
        (plateaus.length ? `; reached after ${spread(summarize(plateaus))} sweeps` : "");
      const percentile = p.kind === "local-minimum" && plateaus.length
        ? `${int(p.sweeps)} among our plateau sweeps: ${
          rankText(percentileRank(p.sweeps, plateaus))
        }; read as ${int(p.sweeps / 4)} sweeps (÷ 4 patterns): ${
          rankText(percentileRank(p.sweeps / 4, plateaus))
        }`
        : escapeText(results, v);
      rows.push({
        variant: v.id,
        published: p.text,
        network: v.label,
        runs: stats.n,
        ours,
        percentile,
        failures,
        tfjs,
      });
    }
  }
  return rows;
}

export function escapeText(results: ClassicsResults, v: Variant): string {
  if (v.published.kind !== "escapes") return "–";
  const escapes = results.escapes.filter((e) => e.setting === PRIMARY_SETTING);
  if (escapes.length === 0) return "–";
  if (escapes[0].seeds.length === 0) return "no run stuck at η 0.25 to continue";
  return `the ${escapes[0].seeds.length} runs stuck at η 0.25, continued at η ` +
    escapes.map((e) =>
      `${e.learningRate}: ${e.solvedAfter.filter((s) => s !== null).length} escaped`
    ).join(", at η ");
}
