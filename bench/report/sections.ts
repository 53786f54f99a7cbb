/**
 * The tables and sections of the Markdown report: convergence, agreement,
 * speed, where the time goes, float32 or float64, allocation per epoch.
 *
 * @module
 */

import { markdownTable } from "../harness/markdown_table.ts";
import { type CaseResult, withReference } from "../convergence/convergence.ts";
import { showStays, showTimeToEvent } from "../harness/survival.ts";
import {
  HEAP_NOISE_BYTES_PER_EPOCH,
  type HeapCheck,
  type HeapProcess,
  YOUNG_GENERATION_MB,
} from "../heap/heap.ts";
import type { Profile } from "../speed/profile.ts";
import { type BenchResults, duration, num, pct, type ProblemResult, speedRow } from "./results.ts";
import { processes } from "./targets.ts";

// ---------------------------------------------------------------- markdown

export function convergenceTable(cases: CaseResult[]): string {
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
  return markdownTable(
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

export function agreementTable(cases: CaseResult[]): string {
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
  return markdownTable(
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
export function shortReason(reason: string | undefined): string {
  if (!reason) return "";
  const cut = reason.search(/\.\s/);
  return cut < 0 ? reason : reason.slice(0, cut + 1);
}

export function speedTable(p: ProblemResult): string {
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
  return markdownTable(
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
export function us(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${num(x)} µs`;
}

/** The "Where the time goes" section: the fitted cost models and what they explain. */
export function profileSection(results: BenchResults, profile: Profile): string[] {
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
    markdownTable(
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

export function ratioOf(a: number | null, b: number | null): number {
  return a === null || b === null ? NaN : a / b;
}

export function speedMedian(results: BenchResults, problem: string, engine: string): number | null {
  return speedRow(results, problem, engine)?.usPerEpoch?.median ?? null;
}

/** "float32 or float64": where each is faster, from the speed table, and why. */
export function dtypeSection(speed: ProblemResult[]): string[] {
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
    markdownTable(
      ["problem", "manual-f64 µs / epoch", "manual-f32 µs / epoch", "f32 / f64", "faster"],
      rows,
      ["l", "r", "r", "r", "l"],
    ),
    "",
    "Which wins where in this run; the speed tables give the ranges, and `bench/README.md`, " +
    "*float32 or float64*, why either can win.",
    "",
  ];
}

/** Bytes as a whole number, marked † when the run was not clean. */
export function growthCell(p: HeapProcess, epochs: number): string {
  const runs = p.runs.filter((r) => r.epochs === epochs);
  return runs.map((r) => `${r.growth} B${r.clean ? "" : "†"}`).join(", ");
}

/** The "Allocation per epoch" section. */
export function heapSection(heap: HeapCheck[]): string[] {
  const first = heap[0];
  const seconds = heap.reduce((s, h) => s + h.processes.reduce((t, p) => t + p.seconds, 0), 0);
  const out = [
    "### Allocation per epoch",
    "",
    "Does a training loop allocate on the V8 heap per epoch once V8 has optimised it? Each " +
    `set-up trains in child processes with a ${YOUNG_GENERATION_MB} MB young generation; bytes ` +
    "per epoch are the slope of the heap growth between clean runs of two lengths (no GC, " +
    `compilation or deoptimisation during them); under ${HEAP_NOISE_BYTES_PER_EPOCH} B per ` +
    "epoch counts as none. The method and its controls: `bench/README.md`, *Allocation*.",
    "",
    markdownTable(
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
