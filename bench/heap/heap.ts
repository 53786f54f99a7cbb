/**
 * Allocation check: does a training loop allocate on the V8 heap per epoch, in
 * steady state (its code optimised, as in a long-lived process)?
 *
 * Each set-up is measured in child processes (heap_probe.ts), one after
 * another, whose young generation is {@linkcode YOUNG_GENERATION_MB} MB, so
 * that a run allocating less than that never has to collect garbage. A child
 * warms the set-up up with many short runs (until V8's optimising tier
 * compiles the loop as a whole, not only the loop on stack replacement), then
 * measures runs of E_short, E_long, E_short and E_long epochs, early stopping
 * off: `Deno.memoryUsage().heapUsed` after a forced minor GC and after the run.
 * V8's `--trace-gc` lines (plus `--trace-opt`, `--trace-deopt` and
 * `--trace-incremental-marking`), cut at the forced GCs, say what happened
 * during each run. A run is clean when V8 neither collected, started marking,
 * compiled nor deoptimised during it: its heap growth is then every byte it
 * allocated on the heap. What is allocated once per run is the same for both
 * lengths, so (growth_long − growth_short) / (E_long − E_short) is the bytes
 * allocated per epoch, from the smallest growth of each length's clean runs (a
 * one-off, such as V8 compiling something lazily, only adds). With GCs in a
 * run the growth undercounts; the bytes those GCs freed (from their trace
 * lines) plus the growth then give a lower bound. V8 does not settle on the
 * same optimised code in every process, so one process is one sample.
 *
 * A typed array over 64 bytes keeps its elements outside the V8 heap, so
 * `heapUsed` counts only its header (~100 B): a run's loss history
 * (8 B · epochs) does not show, a typed array made per epoch would.
 *
 * Alone: `deno run --allow-read --allow-run bench/heap/heap.ts [--quick]`.
 *
 * @module
 */

import type { TrainConfig } from "@backprop/core";
import {
  PROBE_ERROR_PREFIX,
  PROBE_RESULT_PREFIX,
  PROBE_SETUPS,
  type ProbeOutput,
  type ProbeSpec,
} from "./heap_probe.ts";
import { runChild } from "../harness/_child.ts";

/** Young generation (semi-space) of the child process, MB. */
export const YOUNG_GENERATION_MB = 64;

/** The V8 flags of the child process. */
export const PROBE_V8_FLAGS: readonly string[] = [
  "--expose-gc",
  "--trace-gc",
  "--trace-opt",
  "--trace-deopt",
  "--trace-incremental-marking",
  `--min-semi-space-size=${YOUNG_GENERATION_MB}`,
  `--max-semi-space-size=${YOUNG_GENERATION_MB}`,
];

/**
 * Below this many bytes per epoch a loop counts as not allocating per epoch:
 * fewer than one of V8's smallest objects (a 16-byte boxed double) every 16
 * epochs.
 */
export const HEAP_NOISE_BYTES_PER_EPOCH = 1;

/** One `--trace-gc` line. */
export interface GcLine {
  /** E.g. "Scavenge", "Mark-Compact", "Incremental Mark-Compact". */
  kind: string;
  /** Heap in use before and after, MB (as printed: one decimal). */
  beforeMb: number;
  afterMb: number;
  /** What triggered it, e.g. "allocation failure", "testing" (forced). */
  reason: string;
  /** Forced by `gc()`: the reason is "testing". */
  forced: boolean;
}

/** What V8 traced between two forced GCs. */
export interface TraceWindow {
  /** GCs that were not forced. */
  gcs: GcLine[];
  /** Incremental marking started (it runs alongside the program and ends in a GC). */
  markingStarts: number;
  /** Optimised compilations completed. */
  compilations: number;
  /** Deoptimisations (bailouts, and code marked for deoptimisation). */
  deopts: number;
}

const GC_LINE =
  /^\[\d+:0x[0-9a-f]+(?::\d+)?\]\s+[\d.]+ ms: ([A-Za-z][A-Za-z -]*?)(?: \([^)]*\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB.*current mu = [\d.]+\) ([^;]*);?/;

/**
 * Reads one `--trace-gc` line, or null when `line` is not one. Such a line looks like
 * `[7:0x55d]  391 ms: Scavenge 66.9 (82.2) -> 2.9 (82.2) MB, pooled: 0.0 MB, 0.40 / 0.00 ms
 * (average mu = 1.000, current mu = 1.000) allocation failure; ` (one line).
 */
export function parseGcLine(line: string): GcLine | null {
  const m = GC_LINE.exec(line);
  if (m === null) return null;
  const reason = m[4].trim();
  return {
    kind: m[1],
    beforeMb: Number(m[2]),
    afterMb: Number(m[3]),
    reason,
    forced: reason === "testing",
  };
}

/**
 * Splits V8's trace output into windows at the forced GCs: window i holds what
 * was traced after the i-th forced GC and before the next (what came before
 * the first is dropped).
 */
export function splitTrace(text: string): TraceWindow[] {
  const windows: TraceWindow[] = [];
  let current: TraceWindow | null = null;
  for (const line of text.split("\n")) {
    const gc = parseGcLine(line);
    if (gc?.forced) {
      current = { gcs: [], markingStarts: 0, compilations: 0, deopts: 0 };
      windows.push(current);
      continue;
    }
    if (current === null) continue;
    if (gc !== null) current.gcs.push(gc);
    else if (/\[IncrementalMarking\] Start \(/.test(line)) current.markingStarts++;
    else if (/^\[completed (compiling|optimizing) /.test(line)) current.compilations++;
    else if (/^\[bailout |^\[marking dependent code .* for deoptimization/.test(line)) {
      current.deopts++;
    }
  }
  return windows;
}

/** Bytes per epoch from the heap growth of a shorter and a longer run (neither collected). */
export function slope(
  short: { epochs: number; growth: number },
  long: { epochs: number; growth: number },
): number {
  if (!(long.epochs > short.epochs)) throw new RangeError("slope: needs a longer second run");
  return (long.growth - short.growth) / (long.epochs - short.epochs);
}

/**
 * A lower bound of the bytes a run allocated: its heap growth plus what the GCs
 * during it freed (before − after of each, less the 0.1 MB their one-decimal
 * sizes may be off by).
 */
export function allocatedAtLeast(growth: number, gcs: readonly GcLine[]): number {
  let freed = 0;
  for (const gc of gcs) freed += Math.max(0, gc.beforeMb - gc.afterMb - 0.1) * 1024 * 1024;
  return Math.max(0, growth + freed);
}

/** One measured run. */
export interface HeapRun {
  /** Epochs of the run. */
  epochs: number;
  /** heapUsed after the run − before it (after a forced minor GC), bytes. */
  growth: number;
  /** GCs during the run (not forced). */
  gcs: number;
  /** Their reasons, e.g. "allocation failure". */
  gcReasons: string[];
  /** Incremental markings started during the run. */
  markingStarts: number;
  /** A lower bound of the bytes allocated: the growth when there was no GC. */
  allocatedAtLeast: number;
  /** Optimised compilations and deoptimisations during the run. */
  compilations: number;
  deopts: number;
  /** Wall-clock milliseconds. */
  ms: number;
  /**
   * No GC, no incremental marking started, no compilation or deoptimisation
   * during the run: its growth is every byte it allocated, in steady state.
   */
  clean: boolean;
}

/** The runs of one length in one process. */
export interface HeapLength {
  epochs: number;
  /** The smallest growth of its clean runs (a one-off only adds); NaN if none was clean. */
  growth: number;
  /** Its runs that were clean. */
  cleanRuns: number;
  /** GCs during all its runs. */
  gcs: number;
}

/** The verdict on a set-up, or on one process of it. */
export type HeapVerdict = "allocation-free" | "allocates" | "inconclusive" | "not measured";

/** One child process of a check. */
export interface HeapProcess {
  /** Warm-up milliseconds. */
  warmupMs: number;
  /** Every measured run, in order (short, long, short, long). */
  runs: HeapRun[];
  short: HeapLength;
  long: HeapLength;
  /**
   * Bytes allocated per epoch: the slope when each length had a clean run; else,
   * when a long run without compilations or deoptimisations had GCs, the lower
   * bound its {@linkcode HeapRun.allocatedAtLeast} gives; else NaN.
   */
  bytesPerEpoch: number;
  /** Whether {@linkcode bytesPerEpoch} is exact (the slope of clean runs). */
  exact: boolean;
  /** Why the verdict is `inconclusive` or `not measured`. */
  note?: string;
  /** Optimised compilations + deoptimisations during the measured runs. */
  tierChanges: number;
  verdict: HeapVerdict;
  /** Seconds the process took. */
  seconds: number;
}

/** The allocation check of one training set-up. */
export interface HeapCheck {
  /** The set-up's key in heap_probe.ts. */
  setup: string;
  /** What was trained. */
  label: string;
  /** A control must come out `allocation-free` or `allocates`; null for the engine's checks. */
  control: "allocation-free" | "allocating" | null;
  sizes: HeapSizes;
  /** One per child process. */
  processes: HeapProcess[];
  /** The largest bytes per epoch of the processes. */
  bytesPerEpoch: number;
  /**
   * `allocation-free` if every process was, `allocates` if any process
   * allocated, else `inconclusive` (or `not measured`).
   */
  verdict: HeapVerdict;
  /** Processes whose verdict was `allocates`. */
  allocatingProcesses: number;
  /** Whether the verdict is `allocation-free`. */
  allocationFree: boolean;
  /** For a control: whether it came out as it must. */
  controlAsExpected: boolean | null;
  /** V8 flags of the child processes. */
  v8Flags: readonly string[];
}

/** Sizes of one check. */
export interface HeapSizes {
  /** Warm-up in each process: `runs` runs of `epochs` epochs. */
  warmup: { runs: number; epochs: number };
  /** Epochs of the short and of the long runs. */
  short: number;
  long: number;
  /** Child processes, one after another. */
  processes: number;
}

/**
 * Turns one child's output and V8's trace into a {@linkcode HeapProcess} (the
 * trace must hold one forced GC before the warm-up, one before each run and
 * one after the last).
 */
export function analyse(
  sizes: HeapSizes,
  out: ProbeOutput,
  trace: string,
  seconds: number,
): HeapProcess {
  const windows = splitTrace(trace);
  if (windows.length !== out.runs.length + 2) {
    throw new Error(
      `${windows.length} forced GCs in V8's trace, expected ${out.runs.length + 2}`,
    );
  }
  const runs: HeapRun[] = out.runs.map((r, i) => {
    const w = windows[i + 1];
    return {
      epochs: r.epochs,
      growth: r.growth,
      gcs: w.gcs.length,
      gcReasons: w.gcs.map((g) => g.reason),
      markingStarts: w.markingStarts,
      allocatedAtLeast: allocatedAtLeast(r.growth, w.gcs),
      compilations: w.compilations,
      deopts: w.deopts,
      ms: r.ms,
      clean: w.gcs.length === 0 && w.markingStarts === 0 && w.compilations + w.deopts === 0,
    };
  });
  const length = (epochs: number): HeapLength => {
    const of = runs.filter((r) => r.epochs === epochs);
    const clean = of.filter((r) => r.clean).map((r) => r.growth);
    return {
      epochs,
      growth: clean.length > 0 ? Math.min(...clean) : NaN,
      cleanRuns: clean.length,
      gcs: of.reduce((s, r) => s + r.gcs, 0),
    };
  };
  const short = length(sizes.short);
  const long = length(sizes.long);
  const tierChanges = runs.reduce((s, r) => s + r.compilations + r.deopts, 0);
  const base = { warmupMs: out.warmupMs, runs, short, long, tierChanges, seconds };
  if (short.cleanRuns > 0 && long.cleanRuns > 0) {
    const bytesPerEpoch = slope(short, long);
    // Growth that falls with the epochs: the runs were not alike (still warming up).
    if (bytesPerEpoch <= -HEAP_NOISE_BYTES_PER_EPOCH) {
      return {
        ...base,
        bytesPerEpoch,
        exact: true,
        verdict: "inconclusive",
        note: "the longer runs grew the heap less: not in steady state",
      };
    }
    return {
      ...base,
      bytesPerEpoch,
      exact: true,
      verdict: bytesPerEpoch >= HEAP_NOISE_BYTES_PER_EPOCH ? "allocates" : "allocation-free",
    };
  }
  // A long run collected without compiling anything: it allocated at least this much.
  const collected = runs.filter((r) =>
    r.epochs === sizes.long && r.gcs > 0 && r.compilations + r.deopts === 0
  );
  if (collected.length > 0) {
    const bytesPerEpoch = Math.min(...collected.map((r) => r.allocatedAtLeast)) / sizes.long;
    if (bytesPerEpoch >= HEAP_NOISE_BYTES_PER_EPOCH) {
      return { ...base, bytesPerEpoch, exact: false, verdict: "allocates" };
    }
  }
  return {
    ...base,
    bytesPerEpoch: NaN,
    exact: false,
    verdict: "inconclusive",
    note: `no clean run of ${
      short.cleanRuns === 0 ? sizes.short : sizes.long
    } epochs (each had a GC, a compilation or a deoptimisation)`,
  };
}

/** Sums up the processes of a check. */
export function combine(
  setup: string,
  sizes: HeapSizes,
  processes: HeapProcess[],
): HeapCheck {
  const known = PROBE_SETUPS[setup];
  const control = known?.control ?? null;
  const verdicts = processes.map((p) => p.verdict);
  const allocating = verdicts.filter((v) => v === "allocates").length;
  const measured = processes.map((p) => p.bytesPerEpoch).filter((b) => !Number.isNaN(b));
  const verdict: HeapVerdict = processes.length === 0 || verdicts.includes("not measured")
    ? "not measured"
    : allocating > 0
    ? "allocates"
    : verdicts.every((v) => v === "allocation-free")
    ? "allocation-free"
    : "inconclusive";
  return {
    setup,
    label: known?.label ?? setup,
    control,
    sizes,
    processes,
    bytesPerEpoch: measured.length > 0 ? Math.max(...measured) : NaN,
    verdict,
    allocatingProcesses: allocating,
    allocationFree: verdict === "allocation-free",
    controlAsExpected: control === null
      ? null
      : control === "allocation-free"
      ? verdict === "allocation-free"
      : allocating === processes.length,
    v8Flags: PROBE_V8_FLAGS,
  };
}

function failed(note: string, seconds: number): HeapProcess {
  const none = (epochs: number): HeapLength => ({ epochs, growth: NaN, cleanRuns: 0, gcs: 0 });
  return {
    warmupMs: NaN,
    runs: [],
    short: none(0),
    long: none(0),
    bytesPerEpoch: NaN,
    exact: false,
    tierChanges: 0,
    verdict: "not measured",
    seconds,
    note,
  };
}

const PROBE = new URL("./heap_probe.ts", import.meta.url);

/** One child process: warm-up, then runs of `short`, `long`, `short` and `long` epochs. */
async function measureInChild(spec: ProbeSpec, sizes: HeapSizes): Promise<HeapProcess> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const output = await runChild(PROBE, [`--v8-flags=${PROBE_V8_FLAGS.join(",")}`], spec);
  if (typeof output === "string") return failed(output, elapsed());
  const stderr = new TextDecoder().decode(output.stderr);
  const lines = stderr.split("\n");
  const line = lines.find((l) => l.startsWith(PROBE_RESULT_PREFIX));
  if (output.code !== 0 || line === undefined) {
    const error = lines.find((l) => l.startsWith(PROBE_ERROR_PREFIX));
    return failed(
      error === undefined
        ? `the child exited with ${output.code}: ${stderr.slice(-400)}`
        : error.slice(PROBE_ERROR_PREFIX.length),
      elapsed(),
    );
  }
  const out = JSON.parse(line.slice(PROBE_RESULT_PREFIX.length)) as ProbeOutput;
  try {
    return analyse(sizes, out, new TextDecoder().decode(output.stdout), elapsed());
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), elapsed());
  }
}

/**
 * Measures the set-up `setup` (a key of heap_probe.ts's set-ups, or "config"
 * with `config`) in `sizes.processes` child processes, one after another: V8
 * settles on its optimised code differently from one process to the next, so
 * one process is one sample. Needs permission to run `Deno.execPath()`; a
 * process that fails is `not measured`, with the reason.
 */
export async function checkHeap(
  setup: string,
  sizes: HeapSizes,
  config?: Partial<TrainConfig>,
): Promise<HeapCheck> {
  const spec: ProbeSpec = {
    setup,
    ...(config === undefined ? {} : { config }),
    warmup: sizes.warmup,
    epochs: [sizes.short, sizes.long, sizes.short, sizes.long],
  };
  const processes: HeapProcess[] = [];
  for (let p = 0; p < sizes.processes; p++) processes.push(await measureInChild(spec, sizes));
  return combine(setup, sizes, processes);
}

// The sizes of the three full-batch XOR set-ups (about 0.5 µs an epoch).
const XOR_SIZES: { full: HeapSizes; quick: HeapSizes } = {
  full: { warmup: { runs: 200, epochs: 2000 }, short: 125_000, long: 500_000, processes: 3 },
  quick: { warmup: { runs: 200, epochs: 500 }, short: 50_000, long: 200_000, processes: 1 },
};

/** The checks the bench makes, in order, with their full and `--quick` sizes. */
export const HEAP_CHECKS: readonly { setup: string; full: HeapSizes; quick: HeapSizes }[] = [
  { setup: "fused-xor", ...XOR_SIZES },
  { setup: "xor-seed-callback", ...XOR_SIZES },
  { setup: "xor-seed", ...XOR_SIZES },
  {
    setup: "xor-per-pattern",
    full: { warmup: { runs: 200, epochs: 1000 }, short: 50_000, long: 200_000, processes: 3 },
    quick: { warmup: { runs: 200, epochs: 200 }, short: 20_000, long: 80_000, processes: 1 },
  },
  {
    setup: "parity8-batch32",
    full: { warmup: { runs: 100, epochs: 100 }, short: 1000, long: 4000, processes: 3 },
    quick: { warmup: { runs: 100, epochs: 40 }, short: 500, long: 2000, processes: 1 },
  },
];

/** Makes every check of {@linkcode HEAP_CHECKS}, one child process after another. */
export async function runHeapChecks(
  quick: boolean,
  onStart: (setup: string) => void = () => {},
): Promise<HeapCheck[]> {
  const checks: HeapCheck[] = [];
  for (const c of HEAP_CHECKS) {
    onStart(c.setup);
    checks.push(await checkHeap(c.setup, quick ? c.quick : c.full));
  }
  return checks;
}

function describe(c: HeapCheck): string {
  const lines = [`${c.setup}: ${c.verdict} (${c.label})`];
  c.processes.forEach((p, i) => {
    const runs = p.runs.map((r) =>
      `${r.epochs}: ${r.growth} B, ${r.gcs} GC, ${r.compilations + r.deopts} tier`
    ).join("; ");
    lines.push(
      `  process ${i + 1}: ${p.verdict}, ${p.bytesPerEpoch} B/epoch${
        p.exact ? "" : " (lower bound)"
      }, tier changes ${p.tierChanges}, warm-up ${p.warmupMs.toFixed(0)} ms, ` +
        `${p.seconds.toFixed(1)} s${p.note ? `, ${p.note}` : ""}\n    ${runs}`,
    );
  });
  return lines.join("\n");
}

if (import.meta.main) {
  // The check alone: `deno run --allow-read --allow-run bench/heap/heap.ts [--quick]`, or one
  // configuration of the hand-written engine at the full sizes of the parity:8 check:
  // `… bench/heap/heap.ts --config '{"dataset":"parity:8","batchSize":32}'`.
  const t0 = performance.now();
  const at = Deno.args.indexOf("--config");
  const checks = at >= 0
    ? [await checkHeap("config", HEAP_CHECKS[4].full, JSON.parse(Deno.args[at + 1]))]
    : await runHeapChecks(Deno.args.includes("--quick"), (s) => console.error(s));
  for (const c of checks) console.log(describe(c));
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
