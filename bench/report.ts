/**
 * The bench's results as data (`latest.json`), as a Markdown report
 * (`latest.md`) with SVG charts beside it, and as a terminal table.
 *
 * @module
 */

import { lossCurveSvg } from "@backprop/plot";
import type { CaseResult } from "./convergence.ts";
import type { Criterion } from "./criterion.ts";
import { criterionFlag, describeCriterion } from "./criterion.ts";
import { HEAP_NOISE_BYTES_PER_EPOCH, type HeapCheck } from "./heap.ts";
import type { Machine } from "./machine.ts";
import type { Peak } from "./peak.ts";
import type { SpeedRow } from "./speed.ts";
import { barChartSvg, histogramSvg, PALETTE } from "./svg.ts";

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
  version: 1;
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

function pct(x: number): string {
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

function table(head: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const sep = head.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [head, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function speedRow(results: BenchResults, problem: string, engine: string): SpeedRow | undefined {
  return results.speed?.find((p) => p.name === problem)?.rowsOfEngines.find((r) =>
    r.engine === engine && r.available
  );
}

// ---------------------------------------------------------------- targets

function atLeast(
  name: string,
  wanted: number,
  measured: number | null,
  unit: "×" | "%",
): Target {
  const show = (v: number) => (unit === "%" ? `${(v * 100).toFixed(0)} %` : `${num(v)}×`);
  if (measured === null || !Number.isFinite(measured)) {
    return {
      name,
      wanted: `≥ ${show(wanted)}`,
      measured: null,
      unit,
      status: "not measured",
      margin: "–",
    };
  }
  const met = measured >= wanted;
  const margin = met
    ? `${show(measured)} is ${num(measured / wanted)}× the bar`
    : unit === "%"
    ? `${((wanted - measured) * 100).toFixed(1)} points short`
    : `${((1 - measured / wanted) * 100).toFixed(0)} % short: needs ${
      num(wanted / measured)
    }× more`;
  return {
    name,
    wanted: `≥ ${show(wanted)}`,
    measured,
    unit,
    status: met ? "met" : "MISSED",
    margin,
  };
}

function atMost(name: string, wanted: number, measured: number | null): Target {
  if (measured === null || !Number.isFinite(measured)) {
    return {
      name,
      wanted: `≤ ${wanted}×`,
      measured: null,
      unit: "×",
      status: "not measured",
      margin: "–",
    };
  }
  const met = measured <= wanted;
  return {
    name,
    wanted: `≤ ${wanted}×`,
    measured,
    unit: "×",
    status: met ? "met" : "MISSED",
    margin: met
      ? `${num(wanted / measured)}× headroom`
      : `${((measured / wanted - 1) * 100).toFixed(0)} % over: needs ${
        num(measured / wanted)
      }× faster`,
  };
}

/** The issue's targets, measured from `results`. */
export function computeTargets(results: BenchResults): Target[] {
  const us = (problem: string, engine: string): number | null =>
    speedRow(results, problem, engine)?.usPerEpoch?.median ?? null;
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
  const manual = us("xor", "manual-f64");
  const targets: Target[] = [
    atLeast(
      "XOR 2-3-1 full-batch SGD: manual is faster per epoch than tfjs-cpu by",
      300,
      ratio(us("xor", "tfjs-cpu"), manual),
      "×",
    ),
    atLeast(
      "… the same, raised by issue 7",
      500,
      ratio(us("xor", "tfjs-cpu"), manual),
      "×",
    ),
    atLeast(
      "XOR 2-3-1: manual is faster than brain.js by (same per-row SGD, same work per epoch)",
      2,
      ratio(us("xor-per-pattern", "brain.js"), us("xor-per-pattern", "manual-f64")),
      "×",
    ),
    atLeast(
      "XOR 2-3-1: manual full-batch epoch vs brain.js per-row epoch (for information)",
      2,
      ratio(us("xor-per-pattern", "brain.js"), manual),
      "×",
    ),
    atMost(
      "XOR 2-3-1: manual time per epoch over the hand-fused limit",
      1.5,
      ratio(manual, us("xor", "fused-limit")),
    ),
  ];
  const peak = results.peak?.best ?? null;
  for (const name of ["mlp-1k", "mlp-4k"]) {
    const row = speedRow(results, name, "manual-f64");
    const gflops = row?.gflops ?? null;
    targets.push(
      atLeast(
        `${name}: manual GFLOP/s as a share of the scalar peak`,
        0.6,
        gflops === null || peak === null ? null : gflops / peak,
        "%",
      ),
      atLeast(
        `${name}: manual is faster per epoch than tfjs-wasm by`,
        1,
        ratio(us(name, "tfjs-wasm"), us(name, "manual-f64")),
        "×",
      ),
    );
  }
  for (const check of (results.heap ?? []).filter((h) => !h.label.startsWith("control"))) {
    targets.push({
      name: `no allocation per epoch: ${check.label}`,
      wanted: `< ${HEAP_NOISE_BYTES_PER_EPOCH} B per epoch`,
      measured: check.bytesPerEpoch,
      unit: "B/epoch",
      status: check.allocationFree ? "met" : "MISSED",
      margin: check.allocationFree
        ? "heap growth does not depend on the epochs"
        : `≈ ${num(check.bytesPerEpoch)} B allocated per epoch`,
    });
  }
  return targets;
}

/** A target's measured value as the tables show it. */
function showMeasured(t: Target): string {
  if (t.measured === null) return "–";
  if (t.unit === "%") return `${(t.measured * 100).toFixed(1)} %`;
  if (t.unit === "×") return `${num(t.measured)}×`;
  return `${num(t.measured)} ${t.unit.replace("/", " per ")}`;
}

// ---------------------------------------------------------------- charts

/** Writes every chart into `dir` and returns their file names by purpose. */
export async function writeCharts(results: BenchResults, dir: string): Promise<string[]> {
  const written: string[] = [];
  const write = async (name: string, svg: string) => {
    await Deno.writeTextFile(`${dir}/${name}`, svg);
    written.push(name);
  };
  for (const c of results.convergence ?? []) {
    const curves = c.curves.filter((k) => k.losses.length > 0);
    if (curves.length > 0) {
      await write(
        `conv-${slug(c.name)}-loss.svg`,
        lossCurveSvg(
          curves.map((k, i) => ({
            label: `${k.impl} (seed ${k.seed}, ≤ ${k.maxEpochs} epochs)`,
            values: k.losses,
            color: PALETTE[i],
          })),
          { title: `${c.name}: loss of seed ${curves[0].seed}, engines overlaid` },
        ),
      );
    }
    const samples = c.epochs.filter((e) => e.values.length > 0);
    if (samples.length > 0) {
      await write(
        `conv-${slug(c.name)}-epochs.svg`,
        histogramSvg(
          samples.map((e, i) => ({
            label: `${e.impl} ≤ ${e.maxEpochs}`,
            values: e.values,
            color: PALETTE[i],
          })),
          {
            title: `${c.name}: epochs to reach the criterion (successful seeds)`,
            xLabel: "epochs to target",
          },
        ),
      );
    }
  }
  for (const p of results.speed ?? []) {
    await write(
      `speed-${slug(p.name)}.svg`,
      barChartSvg(
        p.rowsOfEngines.map((r, i) => ({
          label: r.engine,
          value: r.usPerEpoch?.median ?? NaN,
          color: PALETTE[i % PALETTE.length],
          note: r.available ? undefined : "absent",
        })),
        {
          title: `${p.name}: time per epoch (median)`,
          unit: "time per epoch",
          format: (us) => duration(us / 1000),
        },
      ),
    );
  }
  return written;
}

// ---------------------------------------------------------------- markdown

function convergenceTable(cases: CaseResult[]): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const e of c.engines) {
      rows.push([
        c.name,
        e.impl,
        `${e.maxEpochs}`,
        `${e.successes}/${e.runs}`,
        `${pct(e.rate.rate)} [${pct(e.rate.low)}, ${pct(e.rate.high)}]`,
        `${num(e.epochsToTarget.median)} [${num(e.epochsToTarget.p10)}, ${
          num(e.epochsToTarget.p90)
        }]`,
        `${num(e.finalLoss.median)} [${num(e.finalLoss.p10)}, ${num(e.finalLoss.p90)}]`,
        `${e.diverged}`,
        duration(e.msPerSeed),
      ]);
    }
  }
  return table(
    [
      "configuration",
      "engine",
      "max epochs",
      "solved",
      "success rate [95 % Wilson]",
      "epochs to target: median [p10, p90]",
      "final loss: median [p10, p90]",
      "diverged",
      "time per seed",
    ],
    rows,
    ["l", "l", "r", "r", "r", "r", "r", "r", "r"],
  );
}

function agreementTable(cases: CaseResult[]): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const a of c.agreement) {
      rows.push([
        c.name,
        `manual vs ${a.impl}`,
        `${a.seeds} seeds, ≤ ${a.maxEpochs} epochs`,
        `${a.same}/${a.seeds}`,
        a.differing.length === 0 ? "none" : a.differing.join(", "),
        `${num(a.medianEpochGap)} / ${num(a.maxEpochGap)}`,
      ]);
    }
  }
  return table(
    [
      "configuration",
      "engines",
      "compared",
      "same outcome",
      "seeds that differ",
      "|Δ epochs to target| median / max",
    ],
    rows,
  );
}

/** The first sentence of why an engine is absent (latest.json keeps all of it). */
function shortReason(reason: string | undefined): string {
  if (!reason) return "";
  const cut = reason.search(/\.\s/);
  return cut < 0 ? reason : reason.slice(0, cut + 1);
}

function speedTable(p: ProblemResult): string {
  const manual = p.rowsOfEngines.find((r) => r.engine === "manual-f64");
  const rows = p.rowsOfEngines.map((r) => {
    if (!r.available) return [r.engine, "absent", "–", "–", "–", "–", shortReason(r.reason)];
    const u = r.usPerEpoch!;
    const t = r.timeToTarget;
    const tt = t === undefined
      ? "–"
      : t.estimated
      ? `≈ ${duration(t.ms.median)} (estimated, not run)`
      : `${duration(t.ms.median)}${t.runs > 1 ? ` (${t.runs} runs)` : ""}${
        t.reached ? "" : " — target not reached"
      }`;
    return [
      r.engine,
      num(u.median),
      `${num(u.min)} – ${num(u.max)}`,
      manual?.usPerEpoch ? `${num(u.median / manual.usPerEpoch.median)}×` : "–",
      tt,
      t ? `${t.epochs}${t.estimated ? " (manual's)" : ""}` : "–",
      `${num(r.gflops ?? NaN)} GFLOP/s`,
    ];
  });
  return table(
    [
      "engine",
      "µs / epoch (median)",
      "min – max",
      "time vs manual-f64",
      `time to loss < ${p.target}`,
      "epochs",
      "throughput",
    ],
    rows,
    ["l", "r", "r", "r", "r", "r", "r"],
  );
}

/** The Markdown report. `charts` are the SVG file names written beside it. */
export function markdownReport(results: BenchResults, charts: readonly string[]): string {
  const m = results.machine;
  const s = results.settings;
  const out: string[] = [];
  const has = (name: string) => charts.includes(name);
  out.push(
    `# backprop benchmark${results.quick ? " (quick)" : ""}`,
    "",
    `Made by \`deno task bench${
      results.args.length ? " " + results.args.join(" ") : ""
    }\` on ${m.date}, in ${results.seconds.total.toFixed(0)} s ` +
      `(convergence ${results.seconds.convergence.toFixed(0)} s, speed ${
        results.seconds.speed.toFixed(0)
      } s).`,
    "",
    table(["", ""], [
      ["CPU", `${m.cpu}, ${m.cores} logical cores`],
      ["OS", `${m.os}, kernel ${m.osRelease}`],
      ["Deno / V8 / TypeScript", `${m.deno} / ${m.v8} / ${m.typescript}`],
      ["TF.js / brain.js", `${m.tfjs} / ${m.brain}`],
      ["forced GC for the heap check", m.gc ? "yes (--expose-gc)" : "no"],
      ["load average (1 / 5 / 15 min)", loadLine(results)],
      [
        "source digest",
        `\`${results.source.sha256.slice(0, 16)}…\` over ${results.source.files} files ` +
        "(`deno task bench --digest` prints the current one; equal digests mean this report " +
        "came from that code)",
      ],
    ]),
    "",
  );

  out.push("## Targets", "");
  out.push(
    "Measured, not asserted: each line says whether the number met the bar and by how much.",
    "",
  );
  out.push(
    table(
      ["target", "wanted", "measured", "status", "margin"],
      results.targets.map((t) => [
        t.name,
        t.wanted,
        showMeasured(t),
        t.status === "met" ? "met" : t.status === "MISSED" ? "**MISSED**" : "not measured",
        t.margin,
      ]),
    ),
    "",
  );

  if (results.speed) {
    out.push("## Speed", "");
    out.push(
      "Every engine runs in this one process, one after another. Each starts with a warm-up " +
        "(growing runs until one lasts a quarter of the warm-up budget), then several timed " +
        "repetitions of a fixed number of epochs with early stopping off; a repetition's time " +
        "is the wall-clock time of the whole `train` call (set-up included) divided by its " +
        "epochs. The table gives the median and the range over the repetitions. *Time to " +
        "target* is a separate run with the problem's target loss as its stopping rule. TF.js " +
        "computes in float32; `manual-f32` is the hand-written engine with float32 buffers. " +
        "Throughput counts 6 · rows · Σ fan-in · fan-out flops per epoch (forward and backward " +
        "matrix products only).",
      "",
    );
    for (const p of results.speed) {
      out.push(
        `### ${p.name}`,
        "",
        `${p.description}. Layers ${p.layerSizes.join("-")}, ${p.rows} rows, ` +
          `${num(p.flopsPerEpoch / 1e6)} MFLOP per epoch; target ${p.loss} < ${p.target}.`,
        "",
        speedTable(p),
        "",
      );
      const chart = `speed-${slug(p.name)}.svg`;
      if (has(chart)) out.push(`![${p.name} speed](${chart})`, "");
    }
    if (results.peak) {
      const pk = results.peak;
      out.push(
        "### Scalar peak and matrix-bound throughput",
        "",
        `A 4-accumulator float64 dot product over 1 024 elements runs at ${
          num(pk.best)
        } GFLOP/s at best (median ${num(pk.summary.median)}, range ${num(pk.summary.min)} – ${
          num(pk.summary.max)
        } over ${pk.trials.length} trials, half before and half after the problems above): ` +
          "the scalar rate V8 reaches on a plain reduction (no SIMD in JavaScript). Shares are " +
          "of the best trial. A dot product loads two numbers per multiply-add; a " +
          "register-blocked matrix product reuses each load for several accumulators, so it " +
          "can beat this figure: a share above 100 % means the kernel is past what this " +
          "reference measures, not that the arithmetic is wrong.",
        "",
      );
      const rows = (results.speed ?? []).filter((p) => p.matrixBound).flatMap((p) =>
        p.rowsOfEngines.filter((r) => r.available).map((r) => [
          p.name,
          r.engine,
          `${num(r.gflops ?? NaN)}`,
          pct((r.gflops ?? NaN) / pk.best),
        ])
      );
      out.push(table(["problem", "engine", "GFLOP/s", "share of peak"], rows), "");
    }
  }

  if (results.heap) {
    out.push(
      "### Allocation per epoch",
      "",
      "`Deno.memoryUsage().heapUsed` right before (after a forced GC) and right after a " +
        "training run, each run preceded by an identical warm-up run so that compilation is " +
        "not counted. Buffers allocated once per run make the heap grow by the same amount " +
        "for runs of any length; an allocation per epoch makes it grow with the epochs, but " +
        "only until the young generation fills and is collected, so a long run alone can hide " +
        "it. The bytes per epoch are therefore the slope between two short runs, one three " +
        "times as long as the other (the typical growth of 5 repetitions: the value that " +
        "recurs); the long run is shown too. The hand-fused loop, which allocates " +
        `nothing per epoch, is the control. Under ${HEAP_NOISE_BYTES_PER_EPOCH} B per epoch ` +
        "counts as none (V8's smallest allocation, a boxed double, is 16 B). Each check runs " +
        "after the speed runs, when every training loop is hot, as in a long-lived process: " +
        "code that has not reached V8's optimising tier yet boxes its numbers and would be " +
        "counted as allocating (a check made first thing in a fresh process sees exactly that, " +
        "even for the control).",
      "",
      table(
        [
          "run",
          "growth: short run",
          "3 × as long",
          "long run",
          "bytes per epoch (slope)",
          "verdict",
        ],
        results.heap.map((h) => [
          h.label,
          `${(h.runs[0].growth / 1024).toFixed(1)} KiB (${h.runs[0].epochs} epochs)`,
          `${(h.runs[1].growth / 1024).toFixed(1)} KiB (${h.runs[1].epochs} epochs)`,
          `${(h.runs[2].growth / 1024).toFixed(1)} KiB (${h.runs[2].epochs} epochs)`,
          h.bytesPerEpoch.toFixed(1),
          h.allocationFree ? "no allocation per epoch" : "**allocates per epoch**",
        ]),
        ["l", "r", "r", "r", "r", "l"],
      ),
      "",
    );
  }

  out.push(
    "## Outside reference: brain.js",
    "",
    `brain.js ${m.brain} (\`npm:brain.js@${m.brain}\`, imported by the bench only). What was ` +
      "matched, from its `dist/neural-network.js`:",
    "",
    "- **Same start**: its weights and biases are loaded with `fromJSON` from our " +
      "`initModel` (so the same seed gives the same starting point, rounded to float32); " +
      "its own initialisation, `Math.random()·0.4 − 0.2`, is unseeded. The `per-pattern` " +
      "configuration draws from U(−0.2, 0.2) like brain.js does.",
    "- **Same update**: brain.js trains one row at a time in the data's order and computes " +
      "δ = (y − o)·o(1 − o), the gradient of ½(y − o)², then `w += lr·δ·x + momentum·change`. " +
      "That is our `sse` loss with `sgd`, `batchSize 1`, no shuffling. It rejects momentum 0, " +
      "so it gets `Number.MIN_VALUE` (5e−324), whose product with any change underflows to 0.",
    "- **Same learning rate** (0.5) and iterations = epochs; `errorThresh` is set from our " +
      "target loss (brain.js's error is the mean squared error, ½ · rows · error = our `sse`).",
    "- **Not matched**: brain.js always has biases and one activation for every layer " +
      "(sigmoid here), so it only runs the configurations that have them; it stores weights " +
      "and activations in `Float32Array`s (arithmetic in float64, storage rounded to float32); " +
      "it cannot do full-batch or mini-batch updates; and it computes its error inside each " +
      "training pass, which is why its speed is measured with `train()` and no callback while " +
      "its loss history (convergence bench) comes from a per-iteration callback.",
    "",
    "Because brain.js's scheme is per row, its speed is compared with the hand-written engine " +
      "on the same per-row scheme (`xor-per-pattern`, same number of weight updates per " +
      "epoch); the full-batch ratio is shown too, for information.",
    "",
  );

  if (results.convergence) {
    const cases = results.convergence;
    out.push(
      "## Convergence",
      "",
      `Criterion: **${
        describeCriterion(parseShown(s.criterion))
      }** (\`--criterion ${s.criterion}\`). ` +
        `Seeds 0 … ${s.seeds - 1} for the hand-written engine and brain.js; ` +
        `**TF.js is capped**: seeds 0 … ${s.tfjsSeeds - 1} and at most ${s.tfjsMaxEpochs} epochs ` +
        "per run, because one TF.js step costs about as much as a few hundred of the " +
        "hand-written engine's. The agreement table compares TF.js with the hand-written " +
        "engine run under the same caps. " +
        (s.maxEpochs === null ? "" : `Every run is capped at ${s.maxEpochs} epochs. `) +
        "Runs use each configuration's own epochs and stopping rule otherwise.",
      "",
      "With the `outputs` criterion a run succeeds when its final weights put every output " +
        "within 0.5 of its target; its *epochs to target* is then the first epoch whose " +
        "weights did, found by re-training the same seed for fewer epochs (training is " +
        "deterministic) and bisecting, starting from the other engine's answer. With " +
        "`loss:X` a run succeeds when an epoch's loss falls below X (it then stops), and " +
        "epochs to target is that epoch. Intervals are 95 % Wilson score intervals; " +
        "final losses exclude diverged runs.",
      "",
    );
    if (results.parallel) {
      const pl = results.parallel;
      out.push(
        `The seeds ran on ${pl.workers} Web Workers: ${duration(pl.wallMs)} of wall-clock ` +
          `time for ${duration(pl.sumOfSeedMs)} of per-seed work (×${
            num(pl.speedup)
          }). A test checks that the pool gives bit-identical results to running the seeds one ` +
          "by one.",
        "",
      );
    }
    out.push(convergenceTable(cases), "", "### Do the engines agree seed by seed?", "");
    out.push(
      "Same seed, same starting weights: does each engine succeed or fail on the same seeds?",
      "",
      agreementTable(cases),
      "",
      "### Configurations",
      "",
    );
    for (const c of cases) {
      out.push(`#### ${c.name}`, "", c.description + ".", "");
      if (c.skipped.length) {
        out.push(
          c.skipped.map((k) => `- ${k.impl} not run: ${k.reason}`).join("\n"),
          "",
        );
      }
      for (const kind of ["loss", "epochs"]) {
        const chart = `conv-${slug(c.name)}-${kind}.svg`;
        if (has(chart)) out.push(`![${c.name} ${kind}](${chart})`, "");
      }
    }
  }
  out.push(
    "---",
    "",
    `Raw numbers, every seed included: [latest.json](latest.json). Criterion flag: \`${s.criterion}\`.`,
    "",
  );
  return out.join("\n");
}

function loadLine(results: BenchResults): string {
  const show = (
    l: number[] | null,
  ) => (l === null ? "unknown" : l.map((x) => x.toFixed(2)).join(" / "));
  const after = results.load.afterSpeed;
  // Our own speed runs keep one core busy; more than that was someone else.
  const busy = after !== null && after[0] > 1.5;
  return `${show(after)} at the end of the speed runs (at their start: ${
    show(results.load.beforeSpeed)
  }; the speed runs come first, the convergence runs after them)` +
    (busy
      ? ". **Other processes shared the CPU during the speed runs: their times are pessimistic.**"
      : "; the speed runs ran one at a time on an otherwise idle machine.");
}

function parseShown(flag: string): Criterion {
  if (flag === "outputs") return { kind: "outputs" };
  return { kind: "loss", threshold: Number(flag.slice(5)) };
}

// ---------------------------------------------------------------- terminal

function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  return rows.map((r) =>
    r.map((cell, i) => {
      const pad = widths[i] - [...cell].length;
      return i === 0 || i === 1 ? cell + " ".repeat(pad) : " ".repeat(pad) + cell;
    }).join("  ")
  ).join("\n");
}

/** The terminal summary: convergence, speed and targets tables. */
export function terminalReport(results: BenchResults): string {
  const out: string[] = [];
  if (results.convergence) {
    out.push(`Convergence (criterion ${results.settings.criterion})`);
    const rows = [["config", "engine", "solved", "95 % CI", "epochs med [p10,p90]", "final loss"]];
    for (const c of results.convergence) {
      for (const e of c.engines) {
        rows.push([
          c.name,
          `${e.impl}${e.impl === "tfjs-cpu" ? ` ≤${e.maxEpochs}` : ""}`,
          `${e.successes}/${e.runs}`,
          `${pct(e.rate.low)}–${pct(e.rate.high)}`,
          `${num(e.epochsToTarget.median)} [${num(e.epochsToTarget.p10)},${
            num(e.epochsToTarget.p90)
          }]`,
          num(e.finalLoss.median),
        ]);
      }
      for (const a of c.agreement) {
        rows.push([
          "",
          `agree w/ ${a.impl}`,
          `${a.same}/${a.seeds}`,
          "",
          a.differing.length ? `differ: ${a.differing.slice(0, 6).join(",")}` : "",
          "",
        ]);
      }
    }
    out.push(columns(rows), "");
  }
  if (results.speed) {
    out.push("Speed (µs per epoch, median of repetitions)");
    const rows = [["problem", "engine", "µs/epoch", "range", "to target", "GFLOP/s"]];
    for (const p of results.speed) {
      for (const r of p.rowsOfEngines) {
        if (!r.available) {
          rows.push([p.name, r.engine, "absent", "", "", ""]);
          continue;
        }
        const t = r.timeToTarget;
        rows.push([
          p.name,
          r.engine,
          num(r.usPerEpoch!.median),
          `${num(r.usPerEpoch!.min)}–${num(r.usPerEpoch!.max)}`,
          t ? `${t.estimated ? "≈" : ""}${duration(t.ms.median)}` : "–",
          num(r.gflops ?? NaN),
        ]);
      }
    }
    out.push(columns(rows));
    if (results.peak) out.push(`scalar peak (4-acc dot): ${num(results.peak.best)} GFLOP/s`);
    out.push("");
  }
  if (results.targets.length) {
    out.push("Targets");
    out.push(
      columns([
        ["status", "target", "wanted", "measured"],
        ...results.targets.map((t) => [
          t.status,
          t.name,
          t.wanted,
          showMeasured(t),
        ]),
      ]),
    );
  }
  return out.join("\n");
}

/** The criterion flag of a results file (re-exported for callers that build results). */
export { criterionFlag };
