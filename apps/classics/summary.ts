/**
 * The classics results as compact JSON and as a short terminal table.
 *
 * @module
 */

import {
  type ClassicsResults,
  CRITERIA,
  criterionStats,
  failureKinds,
  findGroup,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  SETTINGS,
  sweepsOf,
} from "./experiments.ts";
import { fitLine } from "./stats.ts";
import { summarize } from "@backprop/bench/harness";
import { int, type ReportContext, targetsOf, variantsOf } from "./format.ts";
import { headlineRows } from "./headline.ts";

// ---------------------------------------------------------------- terminal & JSON

/**
 * JSON with two-space nesting but every array of plain numbers on one line, so
 * that per-seed arrays stay compact.
 *
 * @example
 * ```ts
 * import { compactJson } from "./summary.ts";
 * compactJson({ a: [1, null, 3] }); // '{\n "a": [1,null,3]\n}'
 * ```
 */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(
    /\[(?:\s*(?:-?\d[\d.e+-]*|null),?)+\s*\]/g,
    (array) => array.replace(/\s+/g, ""),
  );
}

/** The headline as a few lines for the terminal. */
export function classicsTerminal(results: ClassicsResults): string {
  const lines = [
    `classics: ${int(results.runs.manual)} manual + ${int(results.runs.tfjs)} TF.js runs in ${
      results.seconds.toFixed(0)
    } s (primary setting: per sweep, ±0.5, momentum 0.9, E/P < 0.01)`,
    "",
  ];
  for (const r of headlineRows(results)) {
    lines.push(`${r.network}`);
    lines.push(`  published  ${r.published}`);
    lines.push(`  ours       ${r.ours}; failures ${r.failures}`);
    lines.push(`  percentile ${r.percentile}`);
    lines.push(`  TF.js      ${r.tfjs}`);
  }
  return lines.join("\n");
}

/**
 * Every figure of the report as JSON: the options, the experiments, per group
 * a summary under each criterion, the sweeps to the primary criterion seed by
 * seed (null: not met), and the failed runs' signatures, final losses and
 * plateaus.
 */
export function classicsJson(results: ClassicsResults, context: ReportContext): unknown {
  return {
    format: "backprop-classics",
    version: 1,
    command: context.command,
    machine: context.machine,
    source: context.source,
    options: results.options,
    seconds: results.seconds,
    runs: results.runs,
    criteria: CRITERIA,
    primaryCriterion: PRIMARY_CRITERION,
    settings: SETTINGS,
    primarySetting: PRIMARY_SETTING,
    experiments: results.experiments,
    groups: results.groups.map((g) => {
      const v = variantsOf(results).find((x) => x.id === g.variant)!;
      return {
        variant: g.variant,
        setting: g.setting,
        engine: g.engine,
        maxEpochs: g.maxEpochs,
        criteria: CRITERIA.map((_, c) => {
          const st = criterionStats(g, c);
          return { solved: st.solved, n: st.n, failure: st.failure, sweeps: st.sweeps };
        }),
        sweeps: g.runs.map((r) => r.crossings[PRIMARY_CRITERION]),
        failures: failureKinds(g, targetsOf(v)),
      };
    }),
    escapes: results.escapes,
    chauvinFit: (() => {
      const e = results.experiments.find((x) => x.id === "chauvin");
      if (e === undefined) return null;
      const pts = e.variants.map((v) => ({
        x: Math.log2(v.hidden[0]),
        y: summarize(sweepsOf(findGroup(results, v.id, PRIMARY_SETTING)!)).median,
      }));
      return fitLine(pts.map((p) => p.x), pts.map((p) => p.y));
    })(),
  };
}
