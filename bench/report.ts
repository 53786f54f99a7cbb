/**
 * The bench's results as data (`latest.json`), as a Markdown report
 * (`latest.md`) with SVG charts beside it, and as a terminal table.
 *
 * @module
 */

import { lossCurveSvg } from "@backprop/plot";
import { type CaseResult, withReference } from "./convergence.ts";
import type { Criterion } from "./criterion.ts";
import { criterionFlag, describeCriterion } from "./criterion.ts";
import {
  HEAP_NOISE_BYTES_PER_EPOCH,
  type HeapCheck,
  type HeapProcess,
  YOUNG_GENERATION_MB,
} from "./heap.ts";
import type { Machine } from "./machine.ts";
import type { Peak } from "./peak.ts";
import type { Profile } from "./profile.ts";
import type { SpeedRow } from "./speed.ts";
import { barChartSvg, histogramSvg, PALETTE } from "./svg.ts";
import { CONVERGENCE_METHOD, REFERENCE_NOTE, showStays, showTimeToEvent } from "./survival.ts";

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
      "XOR 2-3-1 full batch: manual is faster per epoch than brain.js by (brain.js trains " +
        "only row by row, so its epoch is 4 per-row steps: the issue's comparison)",
      2,
      ratio(us("xor-per-pattern", "brain.js"), manual),
      "×",
    ),
    atLeast(
      "… stricter: manual also row by row (per-row SGD, the same 4 updates per epoch as brain.js)",
      2,
      ratio(us("xor-per-pattern", "brain.js"), us("xor-per-pattern", "manual-f64")),
      "×",
    ),
    atMost(
      "XOR 2-3-1: manual time per epoch over the hand-fused limit (same σ; see the profile)",
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
  const heap = results.heap ?? [];
  const controlsFailed = heap.filter((h) => h.controlAsExpected === false);
  for (const check of heap.filter((h) => h.control === null)) {
    targets.push(heapTarget(check, controlsFailed));
  }
  return targets;
}

/** "1 process", "3 processes". */
function processes(n: number): string {
  return `${n} process${n === 1 ? "" : "es"}`;
}

/** "8192, 0 and 8192", from the processes of a check. */
function perProcess(check: HeapCheck): string {
  const values = check.processes.map((p) =>
    Number.isNaN(p.bytesPerEpoch) ? "–" : `${p.exact ? "" : "≥ "}${num(p.bytesPerEpoch)}`
  );
  return values.length > 1
    ? `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`
    : values.join("");
}

/** The target "no allocation per epoch" of one allocation check. */
function heapTarget(check: HeapCheck, controlsFailed: HeapCheck[]): Target {
  const n = check.processes.length;
  const name = `no allocation per epoch: ${check.label}`;
  const wanted = `< ${HEAP_NOISE_BYTES_PER_EPOCH} B per epoch in every process`;
  const unmeasured = (margin: string): Target => ({
    name,
    wanted,
    measured: null,
    unit: "B/epoch",
    status: "not measured",
    margin,
  });
  if (controlsFailed.length > 0) {
    return unmeasured(
      `the check's control (${
        controlsFailed.map((c) => c.label).join("; ")
      }) did not come out as it must`,
    );
  }
  if (check.verdict === "not measured" || check.verdict === "inconclusive") {
    const notes = [...new Set(check.processes.map((p) => p.note).filter((x) => x))];
    return unmeasured(`${check.verdict}: ${notes.join("; ")}`);
  }
  const met = check.verdict === "allocation-free";
  return {
    name,
    wanted,
    measured: check.bytesPerEpoch,
    unit: "B/epoch",
    status: met ? "met" : "MISSED",
    margin: met
      ? `${perProcess(check)} B per epoch in ${processes(n)}; no GC during the measured runs`
      : `${check.allocatingProcesses} of ${n} processes allocate: ${perProcess(check)} B per epoch`,
  };
}

/** A target's measured value as the tables show it. */
/** A target's measured value as the report shows it. */
export function showMeasured(t: Target): string {
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
            every: k.every ?? 1,
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
    for (const e of withReference(c)) {
      rows.push([
        c.name,
        e === c.reference ? `manual on ${e.runs} seeds, ≤ ${e.maxEpochs}` : e.impl,
        `${e.maxEpochs}`,
        `${e.successes}/${e.runs}`,
        `${pct(e.rate.rate)} [${pct(e.rate.low)}, ${pct(e.rate.high)}]`,
        showTimeToEvent(e.times.first),
        showStays(e.times),
        `${num(e.finalLoss.median)} [${num(e.finalLoss.p10)}, ${
          num(e.finalLoss.p90)
        }], n = ${e.finalLoss.n}`,
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
      "epochs to first meeting it: median [p10, p90], all runs",
      "stays solved from",
      "final loss: median [p10, p90]",
      "diverged",
      "time per seed",
    ],
    rows,
    ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
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
        `${num(a.medianEpochGap)} / ${num(a.maxEpochGap)}, n = ${a.bothSolved}`,
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
      "gap in first epoch meeting it, in epochs: median / max over the seeds both solved",
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

/** µs with 3 significant digits, or "–". */
function us(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${num(x)} µs`;
}

/** The "Where the time goes" section: the fitted cost models and what they explain. */
function profileSection(results: BenchResults, profile: Profile): string[] {
  const model = (engine: string) => profile.models.find((m) => m.engine === engine);
  const at = (engine: string, rows: number) =>
    model(engine)?.points.find((p) => p.rows === rows)?.usPerEpoch ?? null;
  const sizes = [...new Set(profile.models.flatMap((m) => m.points.map((p) => p.rows)))].sort((
    a,
    b,
  ) => a - b);
  const small = sizes[0];
  const large = sizes[sizes.length - 1];
  const out = [
    "### Where the time goes on small networks (profile)",
    "",
    "Each engine trains the `seed` network (2-3-1 σ, no biases, ½·SSE, full-batch SGD) on " +
    `XOR's 4 rows repeated up to R rows, and its time per epoch is fitted as t(R) = fixed + ` +
    "R · per row (least squares on the relative error, so that small R counts as much as large). " +
    "*Fixed* is what one optimizer step costs whatever the batch: function calls, loop set-up, " +
    "the update; *per row* is what each row adds: the arithmetic and σ. XOR is R = 4. TF.js " +
    `is timed at ${small} and ${large} rows only. These runs are the bench's own process's, ` +
    "separate from the speed tables' child processes, and on this machine the same XOR run " +
    `takes more or less time from one process to the next: here the engine's ${small}-row ` +
    `time is ${
      num(ratioOf(at("manual-f64", small), speedMedian(results, "xor", "manual-f64")))
    }× the speed table's XOR median. The ratios between engines measured in one process ` +
    "are what this section is for.",
    "",
    table(
      [
        "engine",
        ...sizes.map((r) => `R = ${r}`),
        "fixed per step",
        "per row",
        `fixed share at R = ${small}`,
      ],
      profile.models.map((m) => [
        m.engine,
        ...sizes.map((r) => us(m.points.find((p) => p.rows === r)?.usPerEpoch)),
        us(m.fixedUs),
        us(m.perRowUs),
        pct(m.fixedUs / (m.fixedUs + small * m.perRowUs)),
      ]),
      ["l", ...sizes.map(() => "r" as const), "r", "r", "r"],
    ),
    "",
    `σ on its own, over 1 024 values in a loop: the engine's ${
      num(profile.sigmoid.engine)
    } ns a value, 1 / (1 + Math.exp(−z)) ${num(profile.sigmoid.mathExp)} ns (a call into ` +
    "the C library). An XOR epoch computes 16 of them; the fused loop uses the engine's σ, so " +
    "the two differ only in how the work is organised.",
    "",
  ];
  const manual = model("manual-f64");
  const fused = model("fused-limit");
  const tfjs = model("tfjs-cpu");
  const lines: string[] = [];
  if (manual && fused) {
    const r4 = ratioOf(at("manual-f64", small), at("fused-limit", small));
    const rl = ratioOf(at("manual-f64", large), at("fused-limit", large));
    const rowRatio = manual.perRowUs / fused.perRowUs;
    lines.push(
      `- **Against the hand-fused loop.** ${num(r4)}× at ${small} rows, ${num(rl)}× at ${large}. ` +
        `Per row the engine costs ${us(manual.perRowUs)} against the fused loop's ${
          us(fused.perRowUs)
        }${
          rowRatio < 1.15
            ? ": the arithmetic runs about as fast as written by hand."
            : ` (${num(rowRatio)}×): Z, A and D pass through buffers where the fused loop ` +
              "keeps them in registers."
        } The fixed cost of a step is ${us(manual.fixedUs)} against ${us(fused.fixedUs)}: ` +
        "about ten calls of the layer kernels (two forward products, their activations, the " +
        "loss, two weight gradients, one input delta, an update per weight matrix), each " +
        `setting up its loops for a 2×3 or 3×1 matrix. At ${small} rows that is ${
          pct(manual.fixedUs / (manual.fixedUs + small * manual.perRowUs))
        } of the engine's epoch, a cost a layer-by-layer engine pays on every step; it fades ` +
        "as batches grow.",
    );
  }
  if (manual && tfjs) {
    const t4 = at("tfjs-cpu", small);
    const m4 = at("manual-f64", small);
    lines.push(
      `- **Against tfjs-cpu.** Its fixed cost is ${us(tfjs.fixedUs)} a step (per row ${
        us(tfjs.perRowUs)
      }): every operation goes through TF.js's engine (kernel lookup, tensor bookkeeping, ` +
        `memory management, a gradient tape). At ${small} rows that makes it ${
          num(ratioOf(t4, m4))
        }× the engine here; the ratio on XOR is a ratio of fixed costs, and TF.js's varies from ` +
        "run to run (compare the speed table's range). 500× needs TF.js's step to cost 500 " +
        `times the engine's XOR epoch, ${us(m4 === null ? null : 500 * m4)} with this run's.`,
    );
  }
  const perRowManual = speedMedian(results, "xor-per-pattern", "manual-f64");
  const perRowBrain = speedMedian(results, "xor-per-pattern", "brain.js");
  if (manual && perRowManual !== null && perRowBrain !== null) {
    lines.push(
      "- **Against brain.js, row by row.** Per-row SGD makes one step per row, so an XOR " +
        `epoch pays the fixed cost four times: ${us(perRowManual / 4)} a step for the engine ` +
        `(with biases, so two more tensors to update), ${
          us(perRowBrain / 4)
        } a row for brain.js, which has no batches to manage. ` +
        `Full batch, the engine pays it once: its XOR epoch is ${
          num(ratioOf(perRowBrain, speedMedian(results, "xor", "manual-f64")))
        }× faster than a brain.js epoch. Twice brain.js row by row would need the engine's ` +
        `step near ${us(perRowBrain / 8)}${
          perRowBrain / 8 < manual.fixedUs ? ", less than its fixed cost alone" : ""
        }.`,
    );
  }
  if (lines.length > 0) out.push("What this explains:", "", ...lines, "");
  return out;
}

function ratioOf(a: number | null, b: number | null): number {
  return a === null || b === null ? NaN : a / b;
}

function speedMedian(results: BenchResults, problem: string, engine: string): number | null {
  return speedRow(results, problem, engine)?.usPerEpoch?.median ?? null;
}

/** "float32 or float64": where each is faster, from the speed table, and why. */
function dtypeSection(speed: ProblemResult[]): string[] {
  const rows = speed.flatMap((p) => {
    const f64 = p.rowsOfEngines.find((r) => r.engine === "manual-f64" && r.available);
    const f32 = p.rowsOfEngines.find((r) => r.engine === "manual-f32" && r.available);
    if (!f64?.usPerEpoch || !f32?.usPerEpoch) return [];
    const ratio = f32.usPerEpoch.median / f64.usPerEpoch.median;
    return [[
      p.name,
      num(f64.usPerEpoch.median),
      num(f32.usPerEpoch.median),
      `${num(ratio)}×`,
      ratio < 0.95 ? "float32" : ratio > 1.05 ? "float64" : "neither (within 5 %)",
    ]];
  });
  if (rows.length === 0) return [];
  return [
    "### float32 or float64",
    "",
    table(
      ["problem", "manual-f64 µs / epoch", "manual-f32 µs / epoch", "f32 / f64", "faster"],
      rows,
      ["l", "r", "r", "r", "l"],
    ),
    "",
    "Why either can win: JavaScript computes only in float64. With float32 buffers every " +
    "load is widened and every store rounded (a conversion instruction each), and the engine " +
    "sums gradients in float64 and rounds them once, an extra pass over each weight matrix " +
    "per step: costs on every value, which decide small problems. What float32 saves is " +
    "memory traffic, half the bytes per value, which counts once a problem's activations " +
    "outgrow the caches (mlp-4k: 4 096 × 256 values, 8 MiB per matrix in float64, 4 MiB in " +
    "float32). float64 is the default: it is the precision of the NumPy original and of the " +
    "seed goldens. The table shows which wins where in this run; the speed tables give the ranges.",
    "",
  ];
}

/** Bytes as a whole number, marked † when the run was not clean. */
function growthCell(p: HeapProcess, epochs: number): string {
  const runs = p.runs.filter((r) => r.epochs === epochs);
  return runs.map((r) => `${r.growth} B${r.clean ? "" : "†"}`).join(", ");
}

/** The "Allocation per epoch" section. */
function heapSection(heap: HeapCheck[]): string[] {
  const first = heap[0];
  const seconds = heap.reduce((s, h) => s + h.processes.reduce((t, p) => t + p.seconds, 0), 0);
  const out = [
    "### Allocation per epoch",
    "",
    "Does a training loop allocate on the V8 heap per epoch once V8 has optimised it? How it is " +
    "measured:",
    "",
    "- **Child processes.** Each set-up is trained in child processes of its own (`deno run`, " +
    `V8 flags in the table at the top), with a ${YOUNG_GENERATION_MB} MB young generation so ` +
    "that a run allocating less than that never has to collect garbage. V8 does not settle on " +
    "the same optimised code in every process, so each set-up runs in several, one after " +
    "another; it allocates if any of them does.",
    "- **Warm-up, then four runs.** Each process first trains many short runs (so that V8's " +
    "optimising tier compiles the training loop as a whole, not only on stack replacement), then " +
    "runs of E_short, E_long, E_short and E_long epochs with early stopping off, each after a " +
    "forced minor GC (a full GC would clear weak references held by optimised code and " +
    "deoptimise it), reading `Deno.memoryUsage().heapUsed` before and after it.",
    "- **Clean runs.** V8's `--trace-gc`, `--trace-opt`, `--trace-deopt` and " +
    "`--trace-incremental-marking` output, cut at the forced GCs, tells what happened during " +
    "each run. A run is clean when V8 neither collected, started marking, compiled nor " +
    "deoptimised during it: its heap growth is then every byte it allocated on the heap.",
    "- **Bytes per epoch** = (growth at E_long − growth at E_short) / (E_long − E_short), from " +
    "the smallest growth among each length's clean runs (a one-off, such as V8 compiling " +
    "something lazily, only adds). What a run allocates once (buffers, the result) is the same " +
    `at both lengths and cancels. Under ${HEAP_NOISE_BYTES_PER_EPOCH} B per epoch counts as ` +
    "none (V8's smallest object, a boxed double, is 16 B). A run that was collected gives only " +
    "a lower bound, its growth plus what its GCs freed (shown with ≥).",
    "- **Off-heap data.** A typed array over 64 bytes keeps its elements off the V8 heap, so " +
    "`heapUsed` sees only its header (about 100 B): the run's loss history (8 B per epoch, made " +
    "once per run) does not show; a typed array made per epoch would, by its header.",
    "- **Controls.** The hand-fused loop must come out allocation-free, and XOR trained with an " +
    "`onEpoch` callback that keeps its argument (one object per epoch) must come out " +
    "allocating; if either does not, the engine's rows in the Targets table say so.",
    "",
    table(
      [
        "set-up",
        "process",
        "warm-up runs × epochs",
        "heap growth of the E_short runs",
        "heap growth of the E_long runs",
        "GCs in each run",
        "compilations + deopts in each run",
        "bytes per epoch",
        "verdict",
      ],
      heap.flatMap((h) =>
        h.processes.map((p, i) => [
          i === 0 ? h.label : "",
          `${i + 1} of ${h.processes.length}`,
          `${h.sizes.warmup.runs} × ${h.sizes.warmup.epochs}`,
          p.runs.length ? `${growthCell(p, h.sizes.short)} (${h.sizes.short} epochs)` : "–",
          p.runs.length ? `${growthCell(p, h.sizes.long)} (${h.sizes.long} epochs)` : "–",
          p.runs.map((r) => r.gcs).join(", ") || "–",
          p.runs.map((r) => r.compilations + r.deopts).join(", ") || "–",
          Number.isNaN(p.bytesPerEpoch) ? "–" : `${p.exact ? "" : "≥ "}${num(p.bytesPerEpoch)}`,
          p.verdict === "allocates" ? "**allocates**" : p.verdict + (p.note ? ` (${p.note})` : ""),
        ])
      ),
      ["l", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
    "",
    "† not clean (a GC, a compilation or a deoptimisation during the run): not used for " +
    "the slope. Runs in the order short, long, short, long.",
    "",
  ];
  for (const h of heap) {
    const n = h.processes.length;
    const verdict = h.verdict === "allocates"
      ? `**allocates** in ${h.allocatingProcesses} of ${n} processes`
      : h.verdict === "allocation-free"
      ? `allocation-free in ${n} of ${n} processes`
      : h.verdict;
    const control = h.controlAsExpected === null
      ? ""
      : h.controlAsExpected
      ? " — as a control must"
      : " — **not as this control must: the check is not to be trusted**";
    out.push(`- ${h.label}: ${verdict}${control}.`);
  }
  out.push(
    "",
    `The check took ${seconds.toFixed(1)} s (${
      processes(first?.sizes.processes ?? 0)
    } per set-up, one after another, after the speed runs).`,
    "",
  );
  return out;
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
      [
        "heap check",
        results.heap?.length
          ? `child processes: \`deno run --v8-flags=${results.heap[0].v8Flags.join(",")}\``
          : "not run",
      ],
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
      "Each engine is timed on each problem in a child process of its own (`speed_child.ts`), " +
        "one after another, as a user's run would be: in a shared process, code V8 compiled " +
        "for one engine or dtype slows another down. Each starts with a warm-up " +
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
      const several = p.rowsOfEngines.filter((r) => (r.processMedians?.length ?? 0) > 1);
      if (several.length > 0) {
        out.push(
          `Each engine here was timed in ${several[0].processMedians!.length} processes, one ` +
            "after another; the row is the process with the middle median. The medians of all " +
            `of them, in µs per epoch: ${
              several.map((r) => `${r.engine} ${r.processMedians!.map((m) => num(m)).join(", ")}`)
                .join("; ")
            }.`,
          "",
        );
      }
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

  if (results.profile) out.push(...profileSection(results, results.profile));
  if (results.speed) out.push(...dtypeSection(results.speed));
  if (results.heap) out.push(...heapSection(results.heap));

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
      CONVERGENCE_METHOD,
      "",
      ...(cases.some((c) => c.reference !== null) ? [REFERENCE_NOTE, ""] : []),
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

/** The criterion flag of a results file (re-exported for callers that build results). */
export { criterionFlag };
