/**
 * The classics report's charts: one SVG per experiment.
 *
 * @module
 */

import {
  CHAUVIN_HIDDEN,
  chauvinLine,
  type ClassicsResults,
  criterionStats,
  type Experiment,
  failureKinds,
  findGroup,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  settingLabel,
  SETTINGS,
  sweepsOf,
} from "./experiments.ts";
import { fitLine, ratePercent } from "./stats.ts";
import { ecdfSvg, linePointsSvg, PALETTE, rateBarsSvg } from "@backprop/plot";
import { summarize } from "@backprop/bench/harness";
import { chartName, int, rankText, targetsOf } from "./format.ts";

// ---------------------------------------------------------------- charts

/** Writes one chart per experiment into `dir`; returns their file names. */
export async function writeClassicsCharts(
  results: ClassicsResults,
  dir: string,
): Promise<string[]> {
  const names: string[] = [];
  const write = async (experiment: string, svg: string) => {
    await Deno.writeTextFile(`${dir}/${chartName(experiment)}`, svg);
    names.push(chartName(experiment));
  };
  for (const e of results.experiments) {
    const svg = chartOf(results, e);
    if (svg !== null) await write(e.id, svg);
  }
  return names;
}

/** The chart of one experiment, or null when it did not run. */
export function chartOf(results: ClassicsResults, e: Experiment): string | null {
  const first = e.variants[0];
  if (findGroup(results, first.id, PRIMARY_SETTING) === undefined) return null;
  if (e.id === "chauvin") return chauvinChart(results, e);
  if (first.published.kind === "sweeps") {
    const series = SETTINGS.map((setting, i) => {
      const g = findGroup(results, first.id, setting)!;
      return {
        label: settingLabel(setting) + (setting === PRIMARY_SETTING ? " (primary)" : ""),
        values: sweepsOf(g),
        runs: g.runs.length,
        bold: setting === PRIMARY_SETTING,
        color: PALETTE[i % PALETTE.length],
      };
    });
    const primary = criterionStats(
      findGroup(results, first.id, PRIMARY_SETTING)!,
      PRIMARY_CRITERION,
      first.published.sweeps,
    );
    return ecdfSvg(series, {
      title: `${first.label}: share of ${series[0].runs} runs solved by each sweep`,
      marker: {
        value: first.published.sweeps,
        label: `RHW 1986: ${int(first.published.sweeps)} (percentile ${
          rankText(primary.rank).split(" ")[0]
        })`,
      },
      max: e.maxEpochs,
    });
  }
  // The local-minimum experiment: the rate of the paper's minimum per setting and η.
  const groups = SETTINGS.map((setting) => ({
    label: `${setting.update === "sweep" ? "sweep" : "pattern"} ±${setting.range}`,
    bars: e.variants.map((v, i) => {
      const g = findGroup(results, v.id, setting)!;
      const count = failureKinds(g, targetsOf(v)).filter((k) => k.rhw)
        .reduce((n, k) => n + k.seeds.length, 0);
      const r = ratePercent(count, g.runs.length);
      return {
        series: `local minimum, η = ${v.learningRate}`,
        rate: r.rate,
        low: r.low,
        high: r.high,
        color: PALETTE[i % PALETTE.length],
      };
    }),
  }));
  return rateBarsSvg(groups, {
    title: "XOR 2-2-1: runs ending in the local minimum (2 right, 2 at 0.5)",
    xLabel: "weights changed per sweep or per pattern; initial weights ±R",
    band: { low: 100 * 2 / 900, high: 100 * 2 / 200, label: 'RHW 1986: "twice in hundreds"' },
    yLabel: "% of runs (95 % interval)",
  });
}

export function chauvinPoints(results: ClassicsResults, e: Experiment, setting = PRIMARY_SETTING) {
  return e.variants.map((v) => {
    const g = findGroup(results, v.id, setting)!;
    const s = summarize(sweepsOf(g));
    return { x: Math.log2(v.hidden[0]), y: s.median, low: s.p10, high: s.p90 };
  });
}

/** The setting whose medians lie closest to Chauvin's line (least squares), if it ran. */
export function closestToChauvin(results: ClassicsResults, e: Experiment) {
  const fits = SETTINGS.map((s) => {
    const pts = chauvinPoints(results, e, s);
    const f = fitLine(pts.map((q) => q.x), pts.map((q) => q.y));
    const error = pts.reduce((n, q) => n + (q.y - chauvinLine(2 ** q.x)) ** 2, 0);
    return { s, f, error };
  }).filter((x) => Number.isFinite(x.error));
  return fits.sort((a, b) => a.error - b.error)[0];
}

export function chauvinChart(results: ClassicsResults, e: Experiment): string {
  const sweep = chauvinPoints(results, e);
  const patternSetting = SETTINGS.find((s) =>
    s.update === "pattern" && s.range === PRIMARY_SETTING.range
  )!;
  const series = [
    { label: "ours, per sweep ±0.5: median, p10–p90", color: PALETTE[0], points: sweep },
    {
      label: "ours, per pattern ±0.5",
      color: PALETTE[1],
      points: chauvinPoints(results, e, patternSetting),
    },
  ];
  const closest = closestToChauvin(results, e);
  if (closest !== undefined && closest.s !== PRIMARY_SETTING && closest.s !== patternSetting) {
    series.push({
      label: `ours, ${settingLabel(closest.s)} (closest to his line)`,
      color: PALETTE[2],
      points: chauvinPoints(results, e, closest.s),
    });
  }
  const fit = fitLine(sweep.map((p) => p.x), sweep.map((p) => p.y));
  return linePointsSvg(
    series,
    [
      {
        label: "Chauvin (RHW 1986): P = 280 − 33·log2 H",
        color: "#000",
        a: 280,
        b: -33,
        dash: true,
      },
      {
        label: `our fit (per sweep ±0.5): ${fit.a.toFixed(0)} ${fit.b < 0 ? "−" : "+"} ${
          Math.abs(fit.b).toFixed(0)
        }·log2 H`,
        color: PALETTE[0],
        a: fit.a,
        b: fit.b,
      },
    ],
    {
      title: "XOR: sweeps to E/P < 0.01 against hidden units (η = 0.25)",
      xLabel: "hidden units H (log scale)",
      yLabel: "sweeps to solve",
      xs: CHAUVIN_HIDDEN.map(Math.log2),
      xText: (x) => String(2 ** x),
    },
  );
}
