/**
 * The classics suite's report: a Markdown page a teacher can show (the
 * published figure beside our distribution, experiment by experiment), one SVG
 * chart per experiment, a compact JSON of every figure, and a short terminal
 * table.
 *
 * @module
 */

import { loadNamedDataset } from "@backprop/core";
import {
  agreement,
  CHAUVIN_HIDDEN,
  chauvinLine,
  type ClassicsResults,
  CRITERIA,
  criterionStats,
  ESCAPE_RATES,
  type Experiment,
  failureKinds,
  findGroup,
  type Group,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  settingLabel,
  SETTINGS,
  sweepsOf,
  type Variant,
} from "./classics.ts";
import { fitLine, percentileRank, ratePercent, rowsIn } from "./classics_stats.ts";
import { ecdfSvg, linePointsSvg, rateBarsSvg } from "./classics_svg.ts";
import type { Machine } from "./machine.ts";
import { summarize, type Summary } from "./stats.ts";
import { PALETTE } from "./svg.ts";
import { showTimeToEvent, SWEEPS_NOTE, timeToEvent } from "./survival.ts";

/** Sweeps to criterion `c` over all runs of a group, censored at its cap: "median [p10, p90], n". */
function sweepsCell(g: Group, c: number = PRIMARY_CRITERION): string {
  const times = g.runs.map((r) => r.crossings[c]);
  return `${showTimeToEvent(timeToEvent(times, g.maxEpochs), int)}, ≤ ${int(g.maxEpochs)}`;
}

/** Where and from what code the report was made. */
export interface ReportContext {
  /** The command line after `deno task bench`. */
  command: string;
  /** The machine. */
  machine: Machine;
  /** The source digest (see `sourceDigest`). */
  source: { files: number; sha256: string };
}

// ---------------------------------------------------------------- formatting

function int(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const s = Math.round(x).toString();
  return s.length > 4 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, " ") : s;
}

function spread(s: Summary): string {
  return s.n === 0 ? "–" : `${int(s.median)} (${int(s.p10)}–${int(s.p90)})`;
}

function pct(rate: number, low: number, high: number): string {
  const f = (
    x: number,
  ) => (x === 0 ? "0" : x < 1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : x.toFixed(0));
  return `${f(rate)} % (${f(low)}–${f(high)})`;
}

function rankText(rank: { percentile: number; low: number; high: number } | null): string {
  if (rank === null || !Number.isFinite(rank.percentile)) return "–";
  return `${rank.percentile.toFixed(0)} (${rank.low.toFixed(0)}–${rank.high.toFixed(0)})`;
}

function table(head: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const sep = head.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [head, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function criterionLabel(c: number): string {
  return `E/P < ${CRITERIA[c]}`;
}

/** The rows named by a signature: "01, 10 right; 00, 11 at 0.5". */
function describeSignature(sig: string): string {
  const parts: string[] = [];
  const right = rowsIn(sig, "R"), half = rowsIn(sig, "½"), wrong = rowsIn(sig, "W");
  const between = rowsIn(sig, "~");
  if (right.length) parts.push(`${right.join(", ")} right`);
  if (half.length) parts.push(`${half.join(", ")} at ≈ 0.5`);
  if (between.length) parts.push(`${between.join(", ")} on the right side, not near the target`);
  if (wrong.length) parts.push(`${wrong.join(", ")} wrong`);
  return parts.join("; ");
}

function variantsOf(results: ClassicsResults): Variant[] {
  return results.experiments.flatMap((e) => e.variants);
}

function targetsOf(variant: Variant): Float64Array {
  return loadNamedDataset(variant.dataset).targets;
}

/** The chart file of an experiment. */
export function chartName(experiment: string): string {
  return `classics-${experiment}.svg`;
}

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

function escapeText(results: ClassicsResults, v: Variant): string {
  if (v.published.kind !== "escapes") return "–";
  const escapes = results.escapes.filter((e) => e.setting === PRIMARY_SETTING);
  if (escapes.length === 0) return "–";
  if (escapes[0].seeds.length === 0) return "no run stuck at η 0.25 to continue";
  return `the ${escapes[0].seeds.length} runs stuck at η 0.25, continued at η ` +
    escapes.map((e) =>
      `${e.learningRate}: ${e.solvedAfter.filter((s) => s !== null).length} escaped`
    ).join(", at η ");
}

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

function chauvinPoints(results: ClassicsResults, e: Experiment, setting = PRIMARY_SETTING) {
  return e.variants.map((v) => {
    const g = findGroup(results, v.id, setting)!;
    const s = summarize(sweepsOf(g));
    return { x: Math.log2(v.hidden[0]), y: s.median, low: s.p10, high: s.p90 };
  });
}

/** The setting whose medians lie closest to Chauvin's line (least squares), if it ran. */
function closestToChauvin(results: ClassicsResults, e: Experiment) {
  const fits = SETTINGS.map((s) => {
    const pts = chauvinPoints(results, e, s);
    const f = fitLine(pts.map((q) => q.x), pts.map((q) => q.y));
    const error = pts.reduce((n, q) => n + (q.y - chauvinLine(2 ** q.x)) ** 2, 0);
    return { s, f, error };
  }).filter((x) => Number.isFinite(x.error));
  return fits.sort((a, b) => a.error - b.error)[0];
}

function chauvinChart(results: ClassicsResults, e: Experiment): string {
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

// ---------------------------------------------------------------- markdown

/** The Markdown report. `charts` are the chart files written beside it. */
export function classicsMarkdown(
  results: ClassicsResults,
  context: ReportContext,
  charts: readonly string[],
): string {
  const out: string[] = [];
  const m = context.machine;
  const seeds = results.options.seeds;
  out.push(
    "# The 1986 classics, rerun: Rumelhart, Hinton & Williams on XOR and parity",
    "",
    "Teachers quote the first backpropagation results — XOR learned in 558 sweeps, parity in 2 825, " +
      "a local minimum met twice in hundreds of runs — but each of those figures is **one run**. " +
      `Here every network is trained from ${seeds} different random starting points (seeds 0–${
        seeds - 1
      }) with the hand-written engine, and a subset with TensorFlow.js, so that each published run ` +
      "can be placed within the distribution it was drawn from. The *percentile* of a published " +
      "figure says what share of our successful runs were faster than it (50: a typical run; 5: a " +
      "lucky one).",
    "",
    `Made by \`deno task bench ${context.command}\` on ${
      m.date.slice(0, 10)
    } (${m.cpu}, ${m.cores} cores, ` +
      `Deno ${m.deno}, TF.js ${m.tfjs}) in ${results.seconds.toFixed(0)} s: ${
        int(results.runs.manual)
      } runs of the hand-written engine and ${int(results.runs.tfjs)} of TF.js. Source digest ` +
      `\`${context.source.sha256.slice(0, 16)}…\` over ${context.source.files} files ` +
      "(`deno task bench --digest` prints the current one; equal digests mean this report came " +
      "from that code).",
    "",
    "## The published figures beside ours",
    "",
    "Primary setting (weights changed after every sweep, initial weights from U(−0.5, 0.5), " +
      "momentum 0.9, criterion: mean error per pattern E/P < 0.01 with E = ½·Σ(t − o)²). " +
      `Sweeps: ${SWEEPS_NOTE} Percentile: where the published figure falls among the solved ` +
      "runs, with a 95 % interval. Failures: runs not solved within the cap, with a 95 % " +
      "Wilson interval. TF.js ran fewer seeds under a lower cap (its cell says which): its " +
      "figures compare with ours on those seeds under that cap, not with the cells beside it.",
    "",
  );
  const head = headlineRows(results);
  out.push(
    table(
      [
        "Published (PDP vol. 1, ch. 8)",
        "Network",
        "Runs",
        "Ours",
        "Percentile of the published figure",
        "Failures",
        "TF.js (seed by seed)",
      ],
      head.map((
        r,
      ) => [r.published, r.network, String(r.runs), r.ours, r.percentile, r.failures, r.tfjs]),
    ),
    "",
  );
  out.push(...plainWords(results), "");
  out.push(...acrossSettings(results), "");
  out.push(
    "## What the paper leaves open, and what we chose",
    "",
    "- **Units and error.** Sigmoid hidden and output units, every one with a bias; E = ½·Σ(t − o)² " +
      "summed over the patterns (their E; our loss `sse`).",
    '- **Momentum.** 0.9 ("about 0.9"): `optimizer: "momentum"`, v ← 0.9·v + ∂E/∂w, ' +
      "w ← w − η·v, which is their Δw(t) = −η·∂E/∂w + 0.9·Δw(t−1).",
    "- **When the weights change** (varied). After every sweep through the patterns, from the " +
      "gradient summed over them (primary), or after every pattern in a fixed order " +
      "(`batchSize: 1, shuffle: false`).",
    "- **Initial weights** (varied). Weights and biases from U(−R, R), R = 0.3, 0.5 (primary) or " +
      '1 (`init: "uniform:R"`): "small random".',
    "- **Criterion** (varied). A sweep's error — summed while the sweep presents the patterns, as " +
      "their programs did — divided by the number of patterns P, below 0.01 (primary: Chauvin's " +
      '"0.01 error per pattern" in their notation E_p = ½·Σ(t − o)²), 0.04 (looser) or 0.005 ' +
      "(stricter: about every output within 0.1 of its target). Sweeps to solve is the first sweep " +
      "below it.",
    `- **Caps.** ${
      results.experiments.map((e) => `${e.title.split(":")[0]}: ${int(e.maxEpochs)} sweeps`).join(
        "; ",
      )
    }. A run not solved by then failed; a failed run's final outputs give its *signature*: ` +
      "each pattern right (within 0.2 of its target), at ≈ 0.5 (within 0.1), wrong, or in between.",
    "- **Chauvin's task.** The chapter reports Chauvin's hidden-unit study without a network we " +
      "could check here; we assumed XOR (2-H-1), the problem of the section it appears in.",
    "",
  );
  for (const e of results.experiments) out.push(...experimentSection(results, e, charts), "");
  out.push(...enginesSection(results), "");
  out.push(
    "## Reading these numbers",
    "",
    "- A published figure is one draw. A percentile near 50 means the paper's run was typical of " +
      "what the same network does from other random weights; near 0 or 100, that it was lucky or " +
      "unlucky — or that their unreported settings differ from ours. The tables per setting show " +
      "how far those settings alone move the distribution.",
    "- The seeds are ours: RHW's random numbers cannot be recovered, so no single run of theirs " +
      "can be repeated, only its distribution.",
    "- TF.js computes in float32. On smooth runs it follows the hand-written float64 engine " +
      "sweep for sweep; near plateaus and local minima float32 rounding can change the sweep at " +
      "which a run escapes, so seed-by-seed agreement there is about outcomes more than sweeps.",
    "",
  );
  return out.join("\n");
}

/** How a percentile reads: where the published run sits among ours. */
export function percentileWords(p: number): string {
  if (!Number.isFinite(p)) return "not comparable";
  if (p < 10) return "a fast, lucky run";
  if (p < 35) return "faster than a typical run";
  if (p <= 65) return "a typical run";
  if (p <= 90) return "slower than a typical run";
  return "a slow run";
}

/** One sentence per published figure, for the class. */
function plainWords(results: ClassicsResults): string[] {
  const lines = ["In plain words (primary setting):", ""];
  const chauvin: Variant[] = [];
  for (const v of variantsOf(results)) {
    const g = findGroup(results, v.id, PRIMARY_SETTING);
    if (g === undefined) continue;
    const p = v.published;
    if (v.id.startsWith("chauvin")) {
      chauvin.push(v);
      continue;
    }
    if (p.kind === "sweeps") {
      const st = criterionStats(g, PRIMARY_CRITERION, p.sweeps);
      const pc = st.rank!.percentile;
      // Where the criterion alone moves the figure's place by more than 25 points, say so.
      const moved = CRITERIA.map((_, c) => ({
        c,
        p: criterionStats(g, c, p.sweeps).rank!.percentile,
      }))
        .filter((x) => x.c !== PRIMARY_CRITERION && Math.abs(x.p - pc) > 25);
      lines.push(
        `- **${v.label}.** The paper's ${int(p.sweeps)} sweeps were slower than ${
          pc.toFixed(0)
        } % of our ${st.solved} solved runs (their median ${int(st.sweeps.median)}): ${
          percentileWords(pc)
        }` +
          (st.failure.rate > 0 ? `; ${st.failure.rate.toFixed(1)} % of ours never solved it` : "") +
          (moved.length > 0
            ? `. The criterion matters here: under ${
              moved.map((x) => `${criterionLabel(x.c)} it would be percentile ${x.p.toFixed(0)}`)
                .join(", under ")
            }.`
            : "."),
      );
      continue;
    }
    const kinds = failureKinds(g, targetsOf(v)).filter((k) => k.rhw);
    const count = kinds.reduce((n, k) => n + k.seeds.length, 0);
    const r = ratePercent(count, g.runs.length);
    const plateaus = summarize(kinds.flatMap((k) => k.plateaus));
    if (p.kind === "local-minimum") {
      lines.push(
        `- **${v.label}.** The paper met its local minimum (two patterns right, two at 0.5) in ` +
          `${p.runs} runs out of "${p.of}" (0.2–1 %); we meet it in ${r.rate.toFixed(1)} % ` +
          `(95 % CI ${r.low.toFixed(1)}–${r.high.toFixed(1)} %)` +
          (plateaus.n > 0
            ? `, and our stuck runs settle there after a median of ${
              int(plateaus.median)
            } sweeps ` +
              `(the paper: ${int(p.sweeps)} presentations).`
            : "."),
      );
    } else {
      const esc = results.escapes.filter((e) => e.setting === PRIMARY_SETTING);
      const stuck = esc[0]?.seeds.length ?? 0;
      const escaped = esc.reduce((n, e) => n + e.solvedAfter.filter((x) => x !== null).length, 0);
      lines.push(
        `- **${v.label}.** The paper says a larger rate escaped; our fresh runs at η = ` +
          `${v.learningRate} end in the same minimum ${r.rate.toFixed(1)} % of the time` +
          (stuck > 0
            ? `, and ${escaped === 0 ? "none" : escaped} of the ${stuck} runs stuck at η = 0.25 ` +
              `escaped when continued at η = ${ESCAPE_RATES.join(" or ")}.`
            : "."),
      );
    }
  }
  if (chauvin.length > 1) {
    const e = experimentOfVariant(results, chauvin[0].id);
    const primaryPoints = chauvinPoints(results, e);
    const primary = {
      f: fitLine(primaryPoints.map((q) => q.x), primaryPoints.map((q) => q.y)),
    };
    const closest = closestToChauvin(results, e);
    const h = CHAUVIN_HIDDEN;
    const at = (f: { a: number; b: number }, x: number) => int(f.a + f.b * Math.log2(x));
    lines.push(
      `- **${e.title.split(":")[0]}.** Our sweeps fall with log2 H as Chauvin's did, from ` +
        `${at(primary.f, h[0])} at H = ${h[0]} to ${at(primary.f, h[h.length - 1])} at H = ${
          h[h.length - 1]
        } on our fitted line (his: 247 to 115)` +
        (closest !== undefined && closest.s !== PRIMARY_SETTING
          ? `; the setting closest to his line is ${settingLabel(closest.s)} (${
            at(closest.f, h[0])
          } to ${at(closest.f, h[h.length - 1])}).`
          : "."),
    );
  }
  return lines;
}

function experimentOfVariant(results: ClassicsResults, variant: string): Experiment {
  return results.experiments.find((e) => e.variants.some((v) => v.id === variant))!;
}

function acrossSettings(results: ClassicsResults): string[] {
  const lines = ["Across all six settings (update rule × initial range), primary criterion:", ""];
  for (const v of variantsOf(results)) {
    if (v.published.kind !== "sweeps") continue;
    const published = v.published.sweeps;
    const ranks = SETTINGS.map((s) => findGroup(results, v.id, s))
      .filter((g): g is Group => g !== undefined)
      .map((g) => criterionStats(g, PRIMARY_CRITERION, published));
    const ps = ranks.map((r) => r.rank!.percentile).filter(Number.isFinite);
    const medians = ranks.map((r) => r.sweeps.median).filter(Number.isFinite);
    if (ps.length === 0) continue;
    lines.push(
      `- ${v.label}: the published ${int(published)} falls between percentiles ` +
        `${Math.min(...ps).toFixed(0)} and ${
          Math.max(...ps).toFixed(0)
        }; the solved runs' medians range from ` +
        `${int(Math.min(...medians))} to ${int(Math.max(...medians))} sweeps.`,
    );
  }
  return lines;
}

function settingsTable(results: ClassicsResults, v: Variant): string {
  const published = v.published.kind === "sweeps" ? v.published.sweeps : null;
  const rows = SETTINGS.map((s) => {
    const g = findGroup(results, v.id, s)!;
    const st = criterionStats(g, PRIMARY_CRITERION, published);
    return [
      settingLabel(s) + (s === PRIMARY_SETTING ? " **(primary)**" : ""),
      `${st.solved}/${st.n}`,
      pct(st.failure.rate, st.failure.low, st.failure.high),
      sweepsCell(g),
      ...(published === null ? [] : [rankText(st.rank)]),
    ];
  });
  return table(
    [
      "Setting",
      "Solved",
      "Failures (95 % CI)",
      "Sweeps, all runs: median [p10, p90]",
      ...(published === null ? [] : [`Percentile of ${int(published)}`]),
    ],
    rows,
  );
}

function criteriaTable(results: ClassicsResults, v: Variant): string {
  const published = v.published.kind === "sweeps" ? v.published.sweeps : null;
  const g = findGroup(results, v.id, PRIMARY_SETTING)!;
  const rows = CRITERIA.map((_, c) => {
    const st = criterionStats(g, c, published);
    return [
      criterionLabel(c) + (c === PRIMARY_CRITERION ? " **(primary)**" : ""),
      `${st.solved}/${st.n}`,
      sweepsCell(g, c),
      ...(published === null ? [] : [rankText(st.rank)]),
    ];
  });
  return table(
    [
      "Criterion (primary setting)",
      "Solved",
      "Sweeps, all runs: median [p10, p90]",
      ...(published === null ? [] : [`Percentile of ${int(published)}`]),
    ],
    rows,
  );
}

function experimentSection(
  results: ClassicsResults,
  e: Experiment,
  charts: readonly string[],
): string[] {
  const out = [`## ${e.title}`, ""];
  if (charts.includes(chartName(e.id))) out.push(`![${e.title}](${chartName(e.id)})`, "");
  if (e.id === "chauvin") return [...out, ...chauvinSection(results, e)];
  for (const v of e.variants) {
    const p = v.published;
    out.push(`### ${v.label} — published: ${p.text}`, "", settingsTable(results, v), "");
    if (p.kind === "sweeps") out.push(criteriaTable(results, v), "");
  }
  if (e.variants.some((v) => v.published.kind !== "sweeps")) {
    out.push(...localMinimumSection(results, e));
  } else {
    const v = e.variants[0];
    const kinds = SETTINGS.flatMap((s) => failureKinds(findGroup(results, v.id, s)!, targetsOf(v)));
    const count = kinds.reduce((n, k) => n + k.seeds.length, 0);
    if (count > 0) {
      const bySig = new Map<string, number>();
      for (const k of kinds) bySig.set(k.signature, (bySig.get(k.signature) ?? 0) + k.seeds.length);
      const top = [...bySig].sort((a, b) => b[1] - a[1]).slice(0, 5);
      out.push(
        `Failed runs (all settings, ${count}), by the final outputs' signature (R right, ½ at ≈ 0.5, ` +
          `W wrong, ~ in between, in row order): ${
            top.map(([s, n]) => `\`${s}\` × ${n}`).join(", ")
          }.`,
        "",
      );
    }
  }
  return out;
}

function localMinimumSection(results: ClassicsResults, e: Experiment): string[] {
  const out: string[] = [
    "### How the failed runs ended",
    "",
    "Signature of the final outputs of every run not solved within the cap (all six settings " +
    "pooled): which XOR patterns (inputs 00, 01, 10, 11) ended right and which at ≈ 0.5. " +
    "**The paper's local minimum is two patterns right and two at 0.5** (E = 0.25). " +
    "Plateau: the sweep from which the error stayed within 1 % of its final value.",
    "",
  ];
  const rows: string[][] = [];
  for (const v of e.variants) {
    const targets = targetsOf(v);
    const merged = new Map<
      string,
      { n: number; loss: number[]; plateau: number[]; rhw: boolean }
    >();
    let runs = 0;
    for (const s of SETTINGS) {
      const g = findGroup(results, v.id, s)!;
      runs += g.runs.length;
      for (const k of failureKinds(g, targets)) {
        const m = merged.get(k.signature) ?? { n: 0, loss: [], plateau: [], rhw: k.rhw };
        m.n += k.seeds.length;
        m.loss.push(...k.losses);
        m.plateau.push(...k.plateaus);
        merged.set(k.signature, m);
      }
    }
    for (const [sig, m] of [...merged].sort((a, b) => b[1].n - a[1].n)) {
      const r = ratePercent(m.n, runs);
      rows.push([
        `η = ${v.learningRate}`,
        `\`${sig}\`${m.rhw ? " **(RHW's)**" : ""}`,
        describeSignature(sig),
        `${m.n}/${runs}: ${pct(r.rate, r.low, r.high)}`,
        summarize(m.loss).median.toFixed(3),
        spread(summarize(m.plateau)),
      ]);
    }
  }
  out.push(
    table([
      "η",
      "Signature",
      "Outputs",
      "Runs",
      "Final E (median)",
      "Plateau from sweep: median (p10–p90)",
    ], rows),
    "",
  );
  // The local minimum per setting, and where 6 587 falls among the plateaus.
  const lm = e.variants.find((v) => v.published.kind === "local-minimum");
  const published = lm?.published;
  if (lm !== undefined && published?.kind === "local-minimum") {
    const targets = targetsOf(lm);
    const perSetting = SETTINGS.map((s) => {
      const g = findGroup(results, lm.id, s)!;
      const rhw = failureKinds(g, targets).filter((k) => k.rhw);
      const count = rhw.reduce((n, k) => n + k.seeds.length, 0);
      const plateaus = rhw.flatMap((k) => k.plateaus);
      const r = ratePercent(count, g.runs.length);
      const others = e.variants.filter((v) => v !== lm).map((v) => {
        const og = findGroup(results, v.id, s)!;
        const oc = failureKinds(og, targetsOf(v)).filter((k) => k.rhw)
          .reduce((n, k) => n + k.seeds.length, 0);
        const orate = ratePercent(oc, og.runs.length);
        return `${oc}/${og.runs.length}: ${pct(orate.rate, orate.low, orate.high)}`;
      });
      return [
        settingLabel(s) + (s === PRIMARY_SETTING ? " **(primary)**" : ""),
        `${count}/${g.runs.length}: ${pct(r.rate, r.low, r.high)}`,
        spread(summarize(plateaus)),
        plateaus.length ? rankText(percentileRank(published.sweeps, plateaus)) : "–",
        plateaus.length ? rankText(percentileRank(published.sweeps / 4, plateaus)) : "–",
        ...others,
      ];
    });
    out.push(
      "### The local minimum, setting by setting",
      "",
      `Published: ${published.runs} runs in "${published.of}" at η = ${lm.learningRate} ` +
        `(about 0.2–1 %), reached after ${int(published.sweeps)} presentations. If those were ` +
        `presentations of single patterns rather than sweeps, that is ${
          int(published.sweeps / 4)
        } sweeps of XOR's four patterns; both readings are placed among the sweeps at which our ` +
        "stuck runs reached their plateau.",
      "",
      table(
        [
          "Setting",
          `Local minimum at η = ${lm.learningRate} (95 % CI)`,
          "Reached after (plateau sweep)",
          `Percentile of ${int(published.sweeps)}`,
          `… of ${int(published.sweeps / 4)} (= ${int(published.sweeps)} / 4)`,
          ...e.variants.filter((v) => v !== lm).map((v) =>
            `Local minimum at η = ${v.learningRate}`
          ),
        ],
        perSetting,
      ),
      "",
    );
  }
  if (results.escapes.length > 0) {
    const rows = SETTINGS.map((s) => {
      const es = results.escapes.filter((x) =>
        x.setting.update === s.update && x.setting.range === s.range
      );
      return [
        settingLabel(s),
        String(es[0]?.seeds.length ?? 0),
        ...ESCAPE_RATES.map((rate) => {
          const x = es.find((y) => y.learningRate === rate);
          if (x === undefined || x.seeds.length === 0) return "–";
          const solved = x.solvedAfter.filter((v): v is number => v !== null);
          return `${solved.length}/${x.seeds.length}` +
            (solved.length ? ` (median ${int(summarize(solved).median)} sweeps)` : "");
        }),
      ];
    });
    const sweeps = results.escapes[0]?.sweeps ?? 0;
    out.push(
      "### Does a larger learning rate get the stuck runs out?",
      "",
      `Every run that ended in the paper's local minimum at η = 0.25, continued from its final ` +
        `weights (momentum restarted from 0) for up to ${int(sweeps)} more sweeps at a larger η; ` +
        "escaped: met the primary criterion. (Fresh runs at η = 0.5 are in the tables above.)",
      "",
      table(["Setting", "Stuck runs", ...ESCAPE_RATES.map((r) => `Escaped at η = ${r}`)], rows),
      "",
    );
  }
  return out;
}

function chauvinSection(results: ClassicsResults, e: Experiment): string[] {
  const out: string[] = [
    "Published (Chauvin, reported by RHW): with η = 0.25 and a criterion of 0.01 error per " +
    "pattern, presentations to solve fall roughly as P = 280 − 33·log2 H: about 245 at H = 2, " +
    "120 at H = 32. Task assumed: XOR (2-H-1).",
    "",
  ];
  const rows = e.variants.map((v) => {
    const p = chauvinLine(v.hidden[0]);
    const sweep = criterionStats(findGroup(results, v.id, PRIMARY_SETTING)!, PRIMARY_CRITERION, p);
    const pattern = criterionStats(
      findGroup(results, v.id, { update: "pattern", range: PRIMARY_SETTING.range })!,
      PRIMARY_CRITERION,
      p,
    );
    return [
      String(v.hidden[0]),
      int(p),
      spread(sweep.sweeps),
      rankText(sweep.rank),
      pct(sweep.failure.rate, sweep.failure.low, sweep.failure.high),
      spread(pattern.sweeps),
      rankText(pattern.rank),
    ];
  });
  out.push(
    table(
      [
        "H",
        "P(H) published",
        "Ours per sweep ±0.5: median (p10–p90)",
        "Percentile of P(H)",
        "Failures",
        "Ours per pattern ±0.5",
        "Percentile of P(H)",
      ],
      rows,
    ),
    "",
  );
  const fits = SETTINGS.map((s) => {
    const pts = e.variants.map((v) => ({
      x: Math.log2(v.hidden[0]),
      y: summarize(sweepsOf(findGroup(results, v.id, s)!)).median,
    })).filter((p) => Number.isFinite(p.y));
    const f = fitLine(pts.map((p) => p.x), pts.map((p) => p.y));
    return [
      settingLabel(s) + (s === PRIMARY_SETTING ? " **(primary)**" : ""),
      Number.isFinite(f.a)
        ? `${f.a.toFixed(0)} ${f.b < 0 ? "−" : "+"} ${Math.abs(f.b).toFixed(1)}·log2 H`
        : "–",
      Number.isFinite(f.a) ? int(f.a + f.b) : "–",
      Number.isFinite(f.a) ? int(f.a + 5 * f.b) : "–",
    ];
  });
  const byCriterion = CRITERIA.map((_, c) => {
    const pts = e.variants.map((v) => ({
      x: Math.log2(v.hidden[0]),
      y: summarize(sweepsOf(findGroup(results, v.id, PRIMARY_SETTING)!, c)).median,
    })).filter((p) => Number.isFinite(p.y));
    const f = fitLine(pts.map((p) => p.x), pts.map((p) => p.y));
    return [
      criterionLabel(c) + (c === PRIMARY_CRITERION ? " **(primary)**" : ""),
      Number.isFinite(f.a)
        ? `${f.a.toFixed(0)} ${f.b < 0 ? "−" : "+"} ${Math.abs(f.b).toFixed(1)}·log2 H`
        : "–",
      Number.isFinite(f.a) ? int(f.a + f.b) : "–",
      Number.isFinite(f.a) ? int(f.a + 5 * f.b) : "–",
    ];
  });
  out.push(
    "Least-squares line through our medians, per setting (published: 280 − 33·log2 H, " +
      "247 at H = 2, 115 at H = 32):",
    "",
    table(["Setting", "Our line", "At H = 2", "At H = 32"], fits),
    "",
    "And per criterion, primary setting:",
    "",
    table(["Criterion", "Our line", "At H = 2", "At H = 32"], byCriterion),
    "",
  );
  return out;
}

function enginesSection(results: ClassicsResults): string[] {
  const rows: string[][] = [];
  for (const v of variantsOf(results)) {
    const t = findGroup(results, v.id, PRIMARY_SETTING, "tfjs");
    const m = findGroup(results, v.id, PRIMARY_SETTING);
    if (t === undefined || m === undefined) continue;
    const a = agreement(t, m);
    rows.push([
      v.label,
      `${a.seeds} (0–${a.seeds - 1})`,
      int(a.maxEpochs),
      `${a.same}/${a.seeds}` + (a.differing.length ? ` (differ: ${a.differing.join(", ")})` : ""),
      `${a.identical} of ${a.bothSolved}`,
      Number.isFinite(a.medianGap) ? `${int(a.medianGap)} / ${int(a.maxGap)}` : "–",
      spread(a.tfjs),
      spread(a.manual),
    ]);
  }
  if (rows.length === 0) return ["## Both engines", "", "TF.js was not run (`--no-tfjs`)."];
  return [
    "## Both engines",
    "",
    "TF.js (cpu backend, float32) costs about 0.3–0.5 ms per weight update against about a " +
    "microsecond for the hand-written engine, so it reran the primary setting (per sweep, ±0.5) " +
    "on the first seeds of each network only, from the same initial weights, under the cap " +
    "shown; the hand-written engine's runs of the same seeds are judged under the same cap.",
    "",
    table(
      [
        "Network",
        "Seeds",
        "Cap",
        "Same outcome",
        "Both solved: identical sweeps",
        "Both solved: Δ sweeps, median / max",
        "TF.js sweeps: median (p10–p90)",
        "Hand-written, same seeds",
      ],
      rows,
    ),
  ];
}

// ---------------------------------------------------------------- terminal & JSON

/**
 * JSON with two-space nesting but every array of plain numbers on one line, so
 * that per-seed arrays stay compact.
 *
 * @example
 * ```ts
 * import { compactJson } from "./classics_report.ts";
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
