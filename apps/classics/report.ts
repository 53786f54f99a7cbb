/**
 * The classics study's report: a Markdown page a teacher can show (the
 * published figure beside our distribution, experiment by experiment).
 *
 * @module
 */

import { markdownTable } from "@backprop/bench/harness";
import {
  CHAUVIN_HIDDEN,
  type ClassicsResults,
  CRITERIA,
  criterionStats,
  ESCAPE_RATES,
  failureKinds,
  findGroup,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  settingLabel,
  type Variant,
} from "./experiments.ts";
import { fitLine, ratePercent } from "./stats.ts";
import { summarize } from "@backprop/bench/harness";
import {
  criterionLabel,
  int,
  type ReportContext,
  SWEEPS_NOTE,
  targetsOf,
  variantsOf,
} from "./format.ts";
import { headlineRows } from "./headline.ts";
import { chauvinPoints, closestToChauvin } from "./charts.ts";
import {
  acrossSettings,
  enginesSection,
  experimentOfVariant,
  experimentSection,
} from "./sections.ts";

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
    `Made by \`${context.command}\` on ${m.date.slice(0, 10)} (${m.cpu}, ${m.cores} cores, ` +
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
    markdownTable(
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
export function plainWords(results: ClassicsResults): string[] {
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
